/**
 * The three measures (RULES.md §1, 第六条/第九条) on canonical numbers. Each is the exact result held
 * at 15 significant digits, the value a cell shows, so grading from the raw figures and grading from
 * the measure cells the add-in writes always agree.
 *
 * @packageDocumentation
 */
import type { Arithmetic } from './arithmetic.types';
import { fastArithmetic } from './fastArithmetic';

/** Days in a year for annualizing (RULES.md §1: ÷ cooperation days × 365). */
export const DAYS_PER_YEAR = 365;

/**
 * Operating cost ratio 经营成本率 = ultimate loss ratio + market expense ratio + non-market expense
 * ratio (RULES.md §1). `costRate(0.55, 0.10, 0.25)` is exactly `0.9`.
 */
export function costRate(loss: number, market: number, nonMarket: number, arith: Arithmetic = fastArithmetic): number {
  return arith.sum3(loss, market, nonMarket);
}

/**
 * Annualized cooperation scale 年化合作规模 = premium ÷ days × 365; a channel that cooperated a whole
 * year (days ≥ 365, leap years included) keeps its actual premium (RULES.md §1, 第九条).
 * `annualScale(2_000_000, 73)` is exactly `10_000_000`.
 */
export function annualScale(premium: number, days: number, arith: Arithmetic = fastArithmetic): number {
  return days >= DAYS_PER_YEAR ? premium : arith.mulDiv(premium, DAYS_PER_YEAR, days);
}

/** Cooperation depth 合作深度 = annualized scale ÷ the channel's own annual premium (RULES.md §1). */
export function depth(annualizedScale: number, ownPremium: number, arith: Arithmetic = fastArithmetic): number {
  return arith.mulDiv(annualizedScale, 1, ownPremium);
}
