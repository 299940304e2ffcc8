/**
 * The exact arithmetic the measures need, as an injectable backend (the way dinero.js injects its
 * number calculator). Every operation takes canonical doubles (see `canonical.ts`) and returns the
 * canonical double of the exact result rounded half up at 15 significant digits (RULES.md §1).
 * Two backends implement it and one test suite runs against both: `decimalArithmetic` (decimal.js,
 * the reference) and `fastArithmetic` (exact integer arithmetic in doubles, decimal fallback).
 */
export interface Arithmetic {
  /** Backend name, for test titles and benchmark tables. */
  readonly name: string;
  /** a + b + c, for a, b, c ≥ 0. */
  sum3(a: number, b: number, c: number): number;
  /** n × factor ÷ d, for n ≥ 0, d > 0 and a positive integer factor. */
  mulDiv(n: number, factor: number, d: number): number;
  /** t − a − b (may be negative). */
  subtract2(t: number, a: number, b: number): number;
  /** a × b, for any signs. */
  product(a: number, b: number): number;
  /** a ÷ b, for any signs and b ≠ 0. */
  quotient(a: number, b: number): number;
  /** a + b, for any signs. */
  add(a: number, b: number): number;
  /** Σ values (each ≥ 0). */
  sum(values: readonly number[]): number;
  /** Σ(values × weights) ÷ Σ weights; NaN when Σ weights is 0. */
  weightedMean(values: readonly number[], weights: readonly number[]): number;
}
