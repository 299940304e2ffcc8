/**
 * The one module that imports decimal.js: the reference exact backend, and the slow path that the
 * fast backend falls back to when its integers would leave the exact range.
 *
 * @packageDocumentation
 */
import Decimal from 'decimal.js';
import type { Arithmetic } from './arithmetic.types';

// 60 digits hold every product and sum of 15-digit inputs exactly. A quotient of such numbers by a
// denominator below 10^16 is never closer than ~10^-32 (relative) to a 15-digit rounding midpoint
// without being on it, so rounding the 60-digit quotient to 15 digits rounds the exact rational.
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 30 });

function toNumber15(x: Decimal): number {
  return x.toSignificantDigits(15, Decimal.ROUND_HALF_UP).toNumber();
}

function nextDouble(x: number, direction: 1 | -1): number {
  if (x === 0) return direction * Number.MIN_VALUE;
  // The bits of a finite nonzero double, read as a 64-bit integer (two 32-bit words, with no BigInt:
  // the functions run in an ECMAScript 2016 engine), step by one to the neighbouring double.
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  let high = view.getUint32(0);
  let low = view.getUint32(4);
  if (x > 0 === direction > 0) {
    low = (low + 1) >>> 0;
    if (low === 0) high = (high + 1) >>> 0;
  } else {
    if (low === 0) high = (high - 1) >>> 0;
    low = (low - 1) >>> 0;
  }
  view.setUint32(0, high);
  view.setUint32(4, low);
  return view.getFloat64(0);
}

/**
 * A numeral of more than 15 significant digits as the double that compares with every 15-digit
 * number as its exact value does (RULES.md §1: text is parsed exactly): its 15-digit rounding when it
 * is exactly that, else the next double towards the exact value. `"0.90000000000000000001"` is just
 * above 0.9, so it is not within a band whose bound is 90%. Null when the text is not a numeral.
 */
export function orderedFromNumeral(numeral: string): number | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(numeral)) return null;
  const x = new D(numeral);
  if (!x.isFinite()) return null;
  const r = toNumber15(x);
  const side = x.cmp(new D(r));
  return side === 0 ? r : nextDouble(r, side > 0 ? 1 : -1);
}

/** The reference backend: every operation in decimal.js at 60 digits, then rounded to 15. */
export const decimalArithmetic: Arithmetic = {
  name: 'decimal.js',
  sum3: (a, b, c) => toNumber15(new D(a).plus(b).plus(c)),
  mulDiv: (n, factor, d) => toNumber15(new D(n).times(factor).div(d)),
  subtract2: (t, a, b) => toNumber15(new D(t).minus(a).minus(b)),
  product: (a, b) => toNumber15(new D(a).times(b)) + 0,
  quotient: (a, b) => toNumber15(new D(a).div(b)) + 0,
  add: (a, b) => toNumber15(new D(a).plus(b)) + 0,
  sum: (values) => toNumber15(values.reduce((acc: Decimal, v) => acc.plus(v), new D(0))),
  weightedMean(values, weights) {
    let num = new D(0);
    let den = new D(0);
    values.forEach((v, i) => {
      const w = weights[i] ?? 0;
      num = num.plus(new D(v).times(w));
      den = den.plus(w);
    });
    return den.isZero() ? NaN : toNumber15(num.div(den));
  },
};

/**
 * Compares two canonical doubles as decimals: -1, 0 or 1. (Equal to comparing the doubles; here
 * for the all-decimal reference path and its tests.)
 */
export function compareDecimal(a: number, b: number): number {
  return new D(a).comparedTo(b);
}
