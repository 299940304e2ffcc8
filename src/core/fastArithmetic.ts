import { roundRatio15, scaledOf, POW10, type Scaled } from './canonical';
import { decimalArithmetic } from './decimalArithmetic';
import type { Arithmetic } from './arithmetic.types';

const EXACT_LIMIT = 2 ** 52;
const sa: Scaled = { mantissa: 0, scale: 0 };
const sb: Scaled = { mantissa: 0, scale: 0 };
const sc: Scaled = { mantissa: 0, scale: 0 };

/** Brings three scaled numbers to a common scale; returns the scale, or -1 if out of exact range. */
function align3(): number {
  const k = Math.max(sa.scale, sb.scale, sc.scale);
  sa.mantissa *= POW10[k - sa.scale] as number;
  sb.mantissa *= POW10[k - sb.scale] as number;
  sc.mantissa *= POW10[k - sc.scale] as number;
  return sa.mantissa < EXACT_LIMIT && sb.mantissa < EXACT_LIMIT && sc.mantissa < EXACT_LIMIT ? k : -1;
}

/**
 * The fast exact backend. Canonical doubles of short decimals are exact integers once scaled, so
 * sums and long divisions run in double-precision integer arithmetic with no rounding at all; the
 * result is the same canonical double the decimal backend gives. Anything outside the exact integer
 * range (more than ~15 digits in play) goes to `decimalArithmetic`.
 */
export const fastArithmetic: Arithmetic = {
  name: 'fast',
  sum3(a, b, c) {
    if (scaledOf(a, sa) && scaledOf(b, sb) && scaledOf(c, sc)) {
      const k = align3();
      if (k >= 0) {
        const r = roundRatio15(sa.mantissa + sb.mantissa + sc.mantissa, 1, k);
        if (r === r) return r;
      }
    }
    return decimalArithmetic.sum3(a, b, c);
  },
  mulDiv(n, factor, d) {
    if (scaledOf(n, sa) && scaledOf(d, sb)) {
      const num = sa.mantissa * factor;
      if (num < EXACT_LIMIT && sb.mantissa > 0) {
        const r = roundRatio15(num, sb.mantissa, sa.scale - sb.scale);
        if (r === r) return r;
      }
    }
    return decimalArithmetic.mulDiv(n, factor, d);
  },
  subtract2(t, a, b) {
    if (t >= 0 && scaledOf(t, sa) && scaledOf(a, sb) && scaledOf(b, sc)) {
      const k = align3();
      if (k >= 0) {
        const diff = sa.mantissa - sb.mantissa - sc.mantissa;
        const r = roundRatio15(Math.abs(diff), 1, k);
        if (r === r) return diff < 0 ? -r : r;
      }
    }
    return decimalArithmetic.subtract2(t, a, b);
  },
  product(a, b) {
    if (scaledOf(Math.abs(a), sa) && scaledOf(Math.abs(b), sb)) {
      const num = sa.mantissa * sb.mantissa;
      if (num < EXACT_LIMIT) {
        const r = roundRatio15(num, 1, sa.scale + sb.scale);
        if (r === r) return a < 0 !== b < 0 && r !== 0 ? -r : r;
      }
    }
    return decimalArithmetic.product(a, b);
  },
  quotient(a, b) {
    if (a >= 0 && b > 0) return fastArithmetic.mulDiv(a, 1, b);
    return decimalArithmetic.quotient(a, b);
  },
  add(a, b) {
    if (a >= 0 && b >= 0) return fastArithmetic.sum3(a, b, 0);
    if (a >= 0 && b < 0) return fastArithmetic.subtract2(a, -b, 0);
    if (b >= 0 && a < 0) return fastArithmetic.subtract2(b, -a, 0);
    return -fastArithmetic.sum3(-a, -b, 0);
  },
  // Group sums and weighted means run once per group, not per row: the reference path is fast enough.
  sum: (values) => decimalArithmetic.sum(values),
  weightedMean: (values, weights) => decimalArithmetic.weightedMean(values, weights),
};
