/**
 * Grading one channel from its raw figures: read every input, report every problem, compute the
 * measures, and class them (RULES.md §1–§3, §11). The engine's hot path.
 *
 * @packageDocumentation
 */
import type { Arithmetic } from './arithmetic.types';
import { COLOURS, DEPTHS, SCALES, type Colour, type Depth, type Scale } from './bands';
import { classIndexOf } from './channelClass';
import { colourOrdinal, depthOrdinal, scaleOrdinal, type CompiledRules } from './compileRules';
import { fastArithmetic } from './fastArithmetic';
import { measurePlainRow, type MeasureSlots } from './fastMeasures';
import { annualScale, costRate, depth } from './measures';
import { problems, type Outcome, type Problem } from './problem';
import { readAmount, readDays, readOwnPremium, readRatio, type CellInput } from './readNumber';

/** The grading modes of CONTRACT.md §4. */
export const GRADING_MODES = ['annual', 'in-year', 'prospective'] as const;
/** A grading mode: annual evaluation, in-year application, or a prospective channel. */
export type GradingMode = (typeof GRADING_MODES)[number];

/** One channel's raw figures as cells hold them. `days` is not used for a prospective channel. */
export interface RawFigures {
  readonly lossRatio: CellInput;
  readonly marketExpenseRatio: CellInput;
  readonly nonMarketExpenseRatio: CellInput;
  /** Premium in the window; for a prospective channel, the planned annual premium. */
  readonly premium: CellInput;
  readonly days?: CellInput;
  readonly ownPremium: CellInput;
}

/** The three measures, canonical (15 significant digits). */
export interface Measures {
  readonly costRate: number;
  readonly annualScale: number;
  readonly depth: number;
}

/** A graded channel: its measures, bands and class index 1..45. */
export interface ChannelGrade extends Measures {
  readonly colour: Colour;
  readonly scale: Scale;
  readonly depthClass: Depth;
  readonly classIndex: number;
}

// The hot path measures into these slots, so grading a row allocates only its result.
let mCost = 0;
let mScale = 0;
let mDepth = 0;

const slots: MeasureSlots = { costRate: 0, annualScale: 0, depth: 0 };

/** Reads and measures one row into the slots above; returns its problems, or null when it has none. */
function measureInto(raw: RawFigures, mode: GradingMode, arith: Arithmetic): Problem[] | null {
  if (
    arith === fastArithmetic &&
    measurePlainRow(
      raw.lossRatio,
      raw.marketExpenseRatio,
      raw.nonMarketExpenseRatio,
      raw.premium,
      raw.days,
      raw.ownPremium,
      mode === 'prospective',
      slots,
    )
  ) {
    mCost = slots.costRate;
    mScale = slots.annualScale;
    mDepth = slots.depth;
    return mDepth > 1 ? [problems.depthAboveOne(mDepth)] : null;
  }
  const loss = readRatio(raw.lossRatio, 'lossRatio');
  const market = readRatio(raw.marketExpenseRatio, 'marketExpenseRatio');
  const nonMarket = readRatio(raw.nonMarketExpenseRatio, 'nonMarketExpenseRatio');
  const premium = readAmount(raw.premium, 'premium');
  const days = mode === 'prospective' ? 365 : readDays(raw.days);
  const own = readOwnPremium(raw.ownPremium);
  if (
    typeof loss !== 'number' ||
    typeof market !== 'number' ||
    typeof nonMarket !== 'number' ||
    typeof premium !== 'number' ||
    typeof days !== 'number' ||
    typeof own !== 'number'
  ) {
    return [loss, market, nonMarket, premium, days, own].filter((x): x is Problem => typeof x !== 'number');
  }
  mScale = annualScale(premium, days, arith);
  mDepth = depth(mScale, own, arith);
  if (mDepth > 1) return [problems.depthAboveOne(mDepth)];
  mCost = costRate(loss, market, nonMarket, arith);
  return null;
}

/**
 * The measures of one channel, or every problem with its figures (not only the first): blank,
 * non-numeric, negative, days outside 1..366 or not whole, zero own premium, depth above 100%.
 */
export function measureChannel(
  raw: RawFigures,
  mode: GradingMode = 'annual',
  arith: Arithmetic = fastArithmetic,
): Outcome<Measures> {
  const found = measureInto(raw, mode, arith);
  if (found) return { ok: false, problems: found };
  return { ok: true, value: { costRate: mCost, annualScale: mScale, depth: mDepth } };
}

/** The grade of canonical measures under a rule set (RULES.md §2, §3). */
export function gradeMeasures(m: Measures, rules: CompiledRules): ChannelGrade {
  const c = colourOrdinal(m.costRate, rules);
  const s = scaleOrdinal(m.annualScale, rules);
  const d = depthOrdinal(m.depth, rules);
  return {
    costRate: m.costRate,
    annualScale: m.annualScale,
    depth: m.depth,
    colour: COLOURS[c] as Colour,
    scale: SCALES[s] as Scale,
    depthClass: DEPTHS[d] as Depth,
    classIndex: classIndexOf(c, s, d),
  };
}

/**
 * Grades one channel from raw figures: its measures, bands and class, or every problem of the row.
 * A row with a problem has no class (CONTRACT.md §3).
 */
export function gradeChannel(
  raw: RawFigures,
  rules: CompiledRules,
  mode: GradingMode = 'annual',
  arith: Arithmetic = fastArithmetic,
): Outcome<ChannelGrade> {
  const found = measureInto(raw, mode, arith);
  if (found) return { ok: false, problems: found };
  const c = colourOrdinal(mCost, rules);
  const s = scaleOrdinal(mScale, rules);
  const d = depthOrdinal(mDepth, rules);
  return {
    ok: true,
    value: {
      costRate: mCost,
      annualScale: mScale,
      depth: mDepth,
      colour: COLOURS[c] as Colour,
      scale: SCALES[s] as Scale,
      depthClass: DEPTHS[d] as Depth,
      classIndex: classIndexOf(c, s, d),
    },
  };
}
