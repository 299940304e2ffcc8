/**
 * Canonical numbers: the double nearest to a decimal of at most 15 significant digits.
 *
 * Excel holds and shows 15 significant digits (RULES.md §1, "Numbers from cells"). Every number the
 * engine decides with is first brought to that precision. Distinct decimals of at most 15 digits map
 * to distinct doubles, monotonically, so two canonical doubles compare exactly as their decimals do:
 * once a measure is canonical, `<=` against a canonical threshold is an exact decimal comparison.
 *
 * @packageDocumentation
 */

/** Exact powers of ten, 10^0 … 10^22 (every one is a double without rounding). */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));

/** Integers below this stay exact through one product or sum of two of them. */
const EXACT_LIMIT = 2 ** 52;

/**
 * A canonical number as an integer mantissa and a decimal scale: value = mantissa × 10^-scale.
 * The mantissa is a non-negative integer below 10^15 (sign is carried separately by callers).
 */
export interface Scaled {
  mantissa: number;
  scale: number;
}

/**
 * Finds the short decimal behind a double, if it has one: writes `x = mantissa × 10^-scale` into `out`
 * and returns true when `x` is exactly the canonical double of that decimal. Only for x ≥ 0.
 * Cheap: no strings, a handful of multiplications.
 */
export function scaledOf(x: number, out: Scaled): boolean {
  if (x === 0) {
    out.mantissa = 0;
    out.scale = 0;
    return true;
  }
  if (!(x > 0) || x >= 1e15) return false;
  for (let k = 0; k <= 22; k++) {
    const p = POW10[k] as number;
    const y = x * p;
    const m = Math.round(y);
    if (m >= 1e15) return false;
    // Division of two exact doubles is correctly rounded, so equality proves that x is the
    // nearest double to the decimal m × 10^-k. The cheap closeness test spares most divisions.
    if (Math.abs(y - m) <= y * 1e-12 && m / p === x) {
      out.mantissa = m;
      out.scale = k;
      return true;
    }
  }
  return false;
}

/** The scaled form of the last `roundRatio15` result (mantissa, scale): read it right after the call. */
export const lastRounded: Scaled = { mantissa: 0, scale: 0 };

/** The canonical double of `mantissa × 10^-scale` (mantissa an exact integer), or NaN out of range. */
export function fromScaled(mantissa: number, scale: number): number {
  lastRounded.mantissa = mantissa;
  lastRounded.scale = scale;
  if (scale >= 0) return scale <= 22 ? mantissa / (POW10[scale] as number) : NaN;
  return scale >= -22 ? mantissa * (POW10[-scale] as number) : NaN;
}

const scratch: Scaled = { mantissa: 0, scale: 0 };

/**
 * Rounds a finite double to 15 significant digits, half away from zero, as Excel shows it:
 * `canonical(0.8999999999999999)` is `0.9`. Returns the canonical double of that decimal.
 */
export function canonical(x: number): number {
  if (x === 0) return 0;
  if (scaledOf(Math.abs(x), scratch)) return x;
  // toPrecision rounds the exact binary value (ECMA-262 Number.prototype.toPrecision).
  return Number(x.toPrecision(15));
}

/** True when `x` is already the canonical double of a decimal of at most 15 significant digits. */
export function isCanonical(x: number): boolean {
  return Number.isFinite(x) && Number(x.toPrecision(15)) === x;
}

/** Number of decimal digits of a non-negative integer below 10^16 (a few comparisons, no loop). */
function digitCount(n: number): number {
  if (n < 1e8) {
    if (n < 1e4) return n < 1e2 ? (n < 10 ? 1 : 2) : n < 1e3 ? 3 : 4;
    return n < 1e6 ? (n < 1e5 ? 5 : 6) : n < 1e7 ? 7 : 8;
  }
  if (n < 1e12) return n < 1e10 ? (n < 1e9 ? 9 : 10) : n < 1e11 ? 11 : 12;
  return n < 1e14 ? (n < 1e13 ? 13 : 14) : n < 1e15 ? 15 : 16;
}

/** The remainder left by the last `divide`: a module slot, so the hot path allocates nothing. */
let remainder = 0;

/**
 * floor(n / d) for exact integers n ≥ 0, d ≥ 1 with n + d < 2^53, leaving n − q·d in `remainder`.
 * The float quotient can round up to the next integer; the remainder's sign shows it and is mended.
 */
function divide(n: number, d: number): number {
  let q = Math.floor(n / d);
  let r = n - q * d;
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  remainder = r;
  return q;
}

/**
 * The canonical double of the exact rational `n / d × 10^-scale`, rounded half up at 15 significant
 * digits, computed by long division in exact integer arithmetic. `n ≥ 0` and `d ≥ 1` must be integers
 * below 2^52. Returns NaN when the exact digits would leave the safe integer range; callers then take
 * the decimal path.
 */
export function roundRatio15(n: number, d: number, scale: number): number {
  if (n === 0) return fromScaled(0, 0);
  if (!(n < EXACT_LIMIT && d < EXACT_LIMIT)) return NaN;
  let q = divide(n, d);
  let r = remainder;
  let exp = scale;
  if (q >= 1e15) {
    // q < 2^52 < 10^16: one digit too many. Half up: a last digit of 5 rounds up whatever r is.
    const last = q % 10;
    q = (q - last) / 10 + (last >= 5 ? 1 : 0);
    return fromScaled(q, exp - 1);
  }
  if (r !== 0) {
    // Digits per long-division step: r < d < 10^digits(d), so r × 10^(15 − digits(d)) < 10^15 < 2^52.
    const maxShift = 15 - digitCount(d);
    if (maxShift <= 0) return NaN;
    let digits = q === 0 ? 0 : digitCount(q);
    while (digits < 15 && r !== 0) {
      const c = Math.min(maxShift, 15 - digits);
      const qq = divide(r * (POW10[c] as number), d);
      q = q * (POW10[c] as number) + qq;
      r = remainder;
      exp += c;
      if (exp > 60) return NaN;
      digits = q === 0 ? 0 : digitCount(q);
    }
    if (r !== 0 && 2 * r >= d) q += 1;
  }
  return fromScaled(q, exp);
}
