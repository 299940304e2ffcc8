/**
 * The engine's hot path: the three measures of a row of plain numbers in one pass, each input
 * brought to its exact scaled form once and every intermediate kept scaled. Same results as
 * `measures.ts` over `fastArithmetic` (a property test holds them to decimal.js); anything it cannot
 * do exactly — text, blanks, negative or huge numbers, more than ~15 digits in play — it declines,
 * and the caller takes the general path.
 *
 * @packageDocumentation
 */
import { POW10, lastRounded, roundRatio15, scaledOf, type Scaled } from './canonical';
import { DAYS_PER_YEAR } from './measures';

const EXACT_LIMIT = 2 ** 52;
const a: Scaled = { mantissa: 0, scale: 0 };
const b: Scaled = { mantissa: 0, scale: 0 };
const c: Scaled = { mantissa: 0, scale: 0 };
const p: Scaled = { mantissa: 0, scale: 0 };
const o: Scaled = { mantissa: 0, scale: 0 };

/** Where the fast path leaves its measures. */
export interface MeasureSlots {
  costRate: number;
  annualScale: number;
  depth: number;
}

function plain(v: unknown, out: Scaled): boolean {
  return typeof v === 'number' && scaledOf(v, out);
}

/**
 * Measures a row whose six figures are plain canonical numbers (days a whole number 1..366), writing
 * into `out`; false when the row needs the general path (which also reports its problems).
 * Depth above 100% is left to the caller to judge.
 */
export function measurePlainRow(
  loss: unknown,
  market: unknown,
  nonMarket: unknown,
  premium: unknown,
  days: unknown,
  own: unknown,
  prospective: boolean,
  out: MeasureSlots,
): boolean {
  if (!(plain(loss, a) && plain(market, b) && plain(nonMarket, c) && plain(premium, p) && plain(own, o))) return false;
  if (o.mantissa === 0) return false;
  const d = prospective ? DAYS_PER_YEAR : days;
  if (typeof d !== 'number' || !(d >= 1 && d <= 366) || d !== Math.floor(d)) return false;

  // Cost ratio: the three ratios at a common scale, summed as exact integers.
  const k = Math.max(a.scale, b.scale, c.scale);
  const sum =
    a.mantissa * (POW10[k - a.scale] as number) +
    b.mantissa * (POW10[k - b.scale] as number) +
    c.mantissa * (POW10[k - c.scale] as number);
  if (!(sum < EXACT_LIMIT)) return false;
  const cost = roundRatio15(sum, 1, k);
  if (cost !== cost) return false;

  // Annualized scale: premium as is for a whole year, else premium × 365 ÷ days, kept scaled.
  let scale: number;
  let sm: number;
  let ss: number;
  if (d >= DAYS_PER_YEAR) {
    scale = premium as number;
    sm = p.mantissa;
    ss = p.scale;
  } else {
    const n = p.mantissa * DAYS_PER_YEAR;
    if (!(n < EXACT_LIMIT)) return false;
    scale = roundRatio15(n, d, p.scale);
    if (scale !== scale) return false;
    sm = lastRounded.mantissa;
    ss = lastRounded.scale;
  }

  // Depth: scale ÷ own premium, from the scaled forms.
  const depth = roundRatio15(sm, o.mantissa, ss - o.scale);
  if (depth !== depth) return false;
  out.costRate = cost;
  out.annualScale = scale;
  out.depth = depth;
  return true;
}
