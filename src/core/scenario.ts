/**
 * Commission scenarios for finance (RULES.md §7): move a channel's market expense ratio by a number
 * of basis points, regrade it, and price the move (Δ ratio × annualized premium). Basis points keep
 * the move exact: a shift of k bp is k ⁄ 10,000, and the cost of it is annualized premium × k ⁄ 10,000
 * computed by the exact arithmetic, never by a floating-point product.
 *
 * @packageDocumentation
 */
import type { Arithmetic } from './arithmetic.types';
import { COLOURS, type Colour } from './bands';
import { canonical } from './canonical';
import { CLASS_COUNT } from './channelClass';
import type { CompiledRules } from './compileRules';
import { UsageError } from './errors';
import { fastArithmetic } from './fastArithmetic';
import { gradeMeasures, type ChannelGrade, type Measures } from './gradeChannel';

/** The largest move a scenario takes, in basis points (±100 percentage points). */
export const MAX_SHIFT_BP = 10_000;

/** A channel after the move. */
export interface ShiftedChannel {
  readonly before: ChannelGrade;
  readonly after: ChannelGrade;
  /** Change in commission cost: annualized premium × shift (negative when the ratio falls). */
  readonly costChange: number;
}

/**
 * Reads a shift given in percentage points (e.g. 1.5 for +1.5 points) as whole basis points; throws
 * `UsageError` for a shift finer than 0.01 point or beyond ±100 points.
 */
export function basisPointsOf(points: number): number {
  const bp = Math.round(points * 100);
  if (!Number.isFinite(points) || Math.abs(bp) > MAX_SHIFT_BP || canonical(bp / 100) !== canonical(points))
    throw new UsageError({
      zh: `调整幅度须为 −100 至 100 个百分点，最多两位小数：${points}`,
      en: `the shift must be −100 to 100 points with at most two decimals: ${points}`,
    });
  return bp;
}

/**
 * Moves one channel's market expense ratio (and so its operating cost ratio) by `bp` basis points and
 * regrades it. The cost ratio never falls below 0. Scale and depth do not change.
 */
export function shiftChannel(
  before: ChannelGrade,
  bp: number,
  rules: CompiledRules,
  arith: Arithmetic = fastArithmetic,
): ShiftedChannel {
  const step = canonical(Math.abs(bp) / 10_000);
  const cost = bp >= 0 ? arith.sum3(before.costRate, step, 0) : Math.max(0, arith.subtract2(before.costRate, step, 0));
  const moved: Measures = { costRate: cost, annualScale: before.annualScale, depth: before.depth };
  const magnitude = arith.mulDiv(before.annualScale, Math.abs(bp), 10_000);
  return {
    before,
    after: bp === 0 ? before : gradeMeasures(moved, rules),
    costChange: bp >= 0 ? magnitude : -magnitude,
  };
}

/**
 * How far a channel's operating cost ratio can rise before it leaves its colour band: the band's
 * inclusive upper bound minus the cost ratio, exact. Deep red has no upper bound: null.
 */
export function bandHeadroom(
  grade: Pick<ChannelGrade, 'costRate' | 'colour'>,
  rules: CompiledRules,
  arith: Arithmetic = fastArithmetic,
): number | null {
  const bound = rules.costMax[COLOURS.indexOf(grade.colour)];
  return bound === undefined ? null : arith.subtract2(bound, grade.costRate, 0);
}

/** Which channels a scenario moves: those whose current colour band or class is listed (all when both are empty). */
export interface ScenarioTarget {
  readonly colours?: readonly Colour[] | undefined;
  readonly classes?: readonly number[] | undefined;
}

/** Whether a scenario moves a channel of this grade. */
export function inScenario(grade: ChannelGrade, target: ScenarioTarget): boolean {
  const colours = target.colours ?? [];
  const classes = target.classes ?? [];
  if (colours.length === 0 && classes.length === 0) return true;
  return colours.includes(grade.colour) || classes.includes(grade.classIndex);
}

/** migration[from − 1][to − 1]: how many channels move from class `from` to class `to`. */
export function migrationMatrix(moves: readonly { readonly from: number; readonly to: number }[]): number[][] {
  const m = Array.from({ length: CLASS_COUNT }, () => Array.from({ length: CLASS_COUNT }, () => 0));
  for (const { from, to } of moves) {
    const row = m[from - 1];
    if (row) row[to - 1] = (row[to - 1] ?? 0) + 1;
  }
  return m;
}
