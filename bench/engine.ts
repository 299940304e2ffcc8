/**
 * 1. The engine: rows per second for measures, class and the 11 resource outcomes; the same with
 * every step in decimal.js; and how many rows plain floating point misgrades.
 */
import { DEFAULT_COMPILED, decimalArithmetic, gradeColumns, gradeColumnsFor, type CompiledRules } from '../src/core';
import { compareDecimal } from '../src/core/decimalArithmetic';
import { figures, type Figures } from './data';
import { medianMs } from './timing';

function touchOutcomes(classIndex: Uint8Array, rules: CompiledRules): number {
  let n = 0;
  for (let i = 0; i < classIndex.length; i++) {
    const k = classIndex[i] as number;
    if (k > 0) n += (rules.outcomes[k - 1] as readonly unknown[]).length;
  }
  return n;
}

/** The naive exact version: decimal.js for every sum, quotient and comparison. */
function gradeAllDecimal(f: Figures, i: number, rules: CompiledRules): number {
  const d = decimalArithmetic;
  const cost = d.sum3(
    f.lossRatio[i] as number,
    f.marketExpenseRatio[i] as number,
    f.nonMarketExpenseRatio[i] as number,
  );
  const days = f.days[i] as number;
  const scale = days >= 365 ? (f.premium[i] as number) : d.mulDiv(f.premium[i] as number, 365, days);
  const depth = d.mulDiv(scale, 1, f.ownPremium[i] as number);
  const m = rules.costMax;
  let colour = 4;
  for (let k = 0; k < 4; k++)
    if (compareDecimal(cost, m[k] as number) <= 0) {
      colour = k;
      break;
    }
  const s = compareDecimal(scale, rules.scaleMin[0]) >= 0 ? 0 : compareDecimal(scale, rules.scaleMin[1]) >= 0 ? 1 : 2;
  const dp = compareDecimal(depth, rules.depthMin[0]) >= 0 ? 0 : compareDecimal(depth, rules.depthMin[1]) >= 0 ? 1 : 2;
  return colour * 9 + s * 3 + dp + 1;
}

/** Plain floating point, as a quick script would do it. */
function gradeFloat(f: Figures, i: number, rules: CompiledRules): number {
  const cost =
    (f.lossRatio[i] as number) + (f.marketExpenseRatio[i] as number) + (f.nonMarketExpenseRatio[i] as number);
  const days = f.days[i] as number;
  const scale = days >= 365 ? (f.premium[i] as number) : ((f.premium[i] as number) / days) * 365;
  const depth = scale / (f.ownPremium[i] as number);
  const m = rules.costMax;
  const colour = cost <= m[0] ? 0 : cost <= m[1] ? 1 : cost <= m[2] ? 2 : cost <= m[3] ? 3 : 4;
  const s = scale >= rules.scaleMin[0] ? 0 : scale >= rules.scaleMin[1] ? 1 : 2;
  const dp = depth >= rules.depthMin[0] ? 0 : depth >= rules.depthMin[1] ? 1 : 2;
  return colour * 9 + s * 3 + dp + 1;
}

export async function engineBench(): Promise<Record<string, number>> {
  const N = 1_000_000;
  const f = figures(N);
  const rules = DEFAULT_COMPILED;
  const out = gradeColumnsFor(N);
  const fastMs = await medianMs(5, () => {
    gradeColumns(f, rules, 'in-year', out);
    return touchOutcomes(out.classIndex, rules);
  });
  const M = 100_000;
  let sink = 0;
  const decimalMs = await medianMs(3, () => {
    for (let i = 0; i < M; i++) sink += gradeAllDecimal(f, i, rules);
  });
  const floatMs = await medianMs(5, () => {
    for (let i = 0; i < N; i++) sink += gradeFloat(f, i, rules);
  });
  let misgrades = 0;
  let decimalDisagreements = 0;
  for (let i = 0; i < N; i++) {
    if (out.classIndex[i] !== 0 && gradeFloat(f, i, rules) !== out.classIndex[i]) misgrades++;
    if (i < M && out.classIndex[i] !== 0 && gradeAllDecimal(f, i, rules) !== out.classIndex[i]) decimalDisagreements++;
  }
  if (decimalDisagreements > 0)
    throw new Error(`the fast engine and all-decimal disagree on ${decimalDisagreements} rows`);
  const rowsPerS = (N / fastMs) * 1000;
  const decimalRowsPerS = (M / decimalMs) * 1000;
  return {
    engine_rows_per_s: Math.round(rowsPerS),
    engine_all_decimal_rows_per_s: Math.round(decimalRowsPerS),
    engine_vs_all_decimal: Number((rowsPerS / decimalRowsPerS).toFixed(1)),
    engine_float_rows_per_s: Math.round((N / floatMs) * 1000),
    float_misgrades: misgrades,
    engine_sink: sink % 7,
  };
}
