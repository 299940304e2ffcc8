import type { Arithmetic } from './arithmetic.types';
import { fastArithmetic } from './fastArithmetic';
import type { Field } from './fields';
import { problems, type Problem } from './problem';
import { readRatio, type CellInput } from './readNumber';

function blank(v: CellInput): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * The weighted mean of paired values, exact: Σ(value × weight) ÷ Σ weight. This is how a channel's
 * loss or market expense ratio is built from its policies' ratios weighted by premium (RULES.md §1),
 * and how a group's cost ratio is weighted by its members' scale (RULES.md §4). Pairs blank on both
 * sides are skipped; a pair blank on one side, a bad value, or a zero total weight (#DIV/0!) is a
 * problem.
 */
export function weightedRatio(
  values: readonly CellInput[],
  weights: readonly CellInput[],
  fields: { value: Field; weight: Field },
  arith: Arithmetic = fastArithmetic,
): number | Problem {
  const vs: number[] = [];
  const ws: number[] = [];
  const n = Math.max(values.length, weights.length);
  for (let i = 0; i < n; i++) {
    const v = values[i] ?? null;
    const w = weights[i] ?? null;
    if (blank(v) && blank(w)) continue;
    const rv = readRatio(v, fields.value);
    const rw = readRatio(w, fields.weight);
    if (typeof rv !== 'number') return rv;
    if (typeof rw !== 'number') return rw;
    vs.push(rv);
    ws.push(rw);
  }
  const mean = arith.weightedMean(vs, ws);
  return Number.isNaN(mean) ? problems.zeroGroupScale() : mean;
}
