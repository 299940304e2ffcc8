/**
 * Exact sums over millions of extract rows (RULES.md §1, §5.2): premium sums with negative
 * endorsements and Σ(ratio × premium), kept as scaled integers so nothing is ever rounded until the
 * channel's figure is taken at 15 significant digits. The per-row work is double-precision integer
 * arithmetic; only when a channel's running sum leaves the exact range does it spill into a BigInt.
 *
 * The `Arithmetic` backends work on 15-digit operands; a sum of ten million premiums has more digits
 * than that, so the accumulation and the one final division per channel live here, and a property
 * test holds them to `decimalArithmetic.weightedMean` and `sum`.
 *
 * @packageDocumentation
 */
import { POW10, scaledOf, type Scaled } from './canonical';

/** |lo| stays below this, so lo + a term below TERM_LIMIT is always exact. */
const LO_LIMIT = 2 ** 51;
const TERM_LIMIT = 2 ** 52;
const BIG10: readonly bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));
const E14 = 10n ** 14n;
const E15 = 10n ** 15n;

function big10(k: number): bigint {
  return BIG10[k] ?? 10n ** BigInt(k);
}

/** A signed exact decimal sum: value = (hi + lo) × 10^-scale. */
export class ExactSum {
  private lo = 0;
  private hi = 0n;
  private scale = 0;

  /** Adds mantissa × 10^-scale; the mantissa is a signed integer of at most 15 digits. */
  add(mantissa: number, scale: number): void {
    if (scale > this.scale) this.rescale(scale);
    const factor = POW10[this.scale - scale];
    const term = factor === undefined ? Infinity : mantissa * factor;
    if (term < TERM_LIMIT && term > -TERM_LIMIT) {
      this.lo += term;
      if (this.lo >= LO_LIMIT || this.lo <= -LO_LIMIT) this.flush();
    } else {
      this.hi += BigInt(mantissa) * big10(this.scale - scale);
    }
  }

  /** Adds the exact product (am × 10^-as) × (bm × 10^-bs) of two signed 15-digit mantissas. */
  addProduct(am: number, as: number, bm: number, bs: number): void {
    const p = am * bm;
    if (p < TERM_LIMIT && p > -TERM_LIMIT) this.add(p, as + bs);
    else this.addBig(BigInt(am) * BigInt(bm), as + bs);
  }

  /** Adds another sum. */
  addSum(other: ExactSum): void {
    const { value, scale } = other.exact();
    this.addBig(value, scale);
  }

  private addBig(value: bigint, scale: number): void {
    if (scale > this.scale) this.rescale(scale);
    this.hi += value * big10(this.scale - scale);
  }

  private flush(): void {
    this.hi += BigInt(this.lo);
    this.lo = 0;
  }

  private rescale(scale: number): void {
    this.flush();
    this.hi *= big10(scale - this.scale);
    this.scale = scale;
  }

  /** The exact value: value × 10^-scale. */
  exact(): { readonly value: bigint; readonly scale: number } {
    return { value: this.hi + BigInt(this.lo), scale: this.scale };
  }

  /** The sign of the exact value: -1, 0 or 1. */
  sign(): number {
    const v = this.hi + BigInt(this.lo);
    return v > 0n ? 1 : v < 0n ? -1 : 0;
  }

  /** The exact value held at 15 significant digits, rounded half away from zero (a canonical double). */
  toNumber(): number {
    const { value, scale } = this.exact();
    return roundQuotient15(value, 1n, scale);
  }
}

function digits(x: bigint): number {
  return x === 0n ? 0 : x.toString().length;
}

/**
 * The canonical double of the exact rational `n ÷ d × 10^-scale` (d > 0), rounded half away from
 * zero at 15 significant digits: the value a cell would show, as every measure is (RULES.md §1).
 */
export function roundQuotient15(n: bigint, d: bigint, scale: number): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  const num = negative ? -n : n;
  // Choose k so that the quotient num × 10^k ÷ d has 15 integer digits.
  let k = 15 - (digits(num) - digits(d)) - 1;
  for (;;) {
    const top = k >= 0 ? num * big10(k) : num;
    const div = k >= 0 ? d : d * big10(-k);
    let q = top / div;
    if (q >= E15) k -= 1;
    else if (q < E14) k += 1;
    else {
      if (2n * (top % div) >= div) q += 1n;
      return Number(`${negative ? '-' : ''}${q}e${-(k + scale)}`) + 0;
    }
  }
}

/** A number's exact scaled form (mantissa × 10^-scale, signed mantissa). */
export interface SignedScaled {
  mantissa: number;
  scale: number;
}

const scratch: Scaled = { mantissa: 0, scale: 0 };

/**
 * Writes the exact scaled form of a canonical double into `out` (signed); false when it has none
 * (more than 15 significant digits, or too large).
 */
export function signedScaledOf(x: number, out: SignedScaled): boolean {
  if (!scaledOf(Math.abs(x), scratch)) return false;
  out.mantissa = x < 0 ? -scratch.mantissa : scratch.mantissa;
  out.scale = scratch.scale;
  return true;
}

/**
 * Parses a plain decimal numeral from `text[start, end)` — `-1234.56`, `0.6523`, `65.23%` — into its
 * exact scaled form without building a string. False for anything else (thousands separators, an
 * exponent, more than 15 significant digits, blanks): the caller then takes the general reader.
 */
export function parseScaledNumeral(text: string, start: number, end: number, out: SignedScaled): boolean {
  let i = start;
  let negative = false;
  const first = text.charCodeAt(i);
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i++;
  }
  let percent = false;
  if (end > i && text.charCodeAt(end - 1) === 37 /* % */) {
    percent = true;
    end--;
  }
  let mantissa = 0;
  let scale = 0;
  let seenDigit = false;
  let seenPoint = false;
  let significant = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      seenDigit = true;
      if (mantissa !== 0 || c !== 48) significant++;
      if (significant > 15) return false;
      mantissa = mantissa * 10 + (c - 48);
      if (seenPoint) scale++;
    } else if (c === 46 /* . */ && !seenPoint) seenPoint = true;
    else return false;
  }
  if (!seenDigit) return false;
  if (percent) scale += 2;
  out.mantissa = negative && mantissa !== 0 ? -mantissa : mantissa;
  out.scale = scale;
  return true;
}
