/**
 * Setting thresholds from the company's own channels (RULES.md §13; the threshold table of 第七条 is
 * lost): the distribution of a measure over the channels being graded, and what a proposed rule set
 * would change — how many channels and how much annualized premium change class. Nothing here
 * proposes a threshold: the user decides.
 *
 * @packageDocumentation
 */
import type { Arithmetic } from './arithmetic.types';
import { COLOURS, DEPTHS, SCALES } from './bands';
import { classIndexOf } from './channelClass';
import { classMovement, moveFlags, type ClassMove, type Movement } from './classMovement';
import { colourOrdinal, depthOrdinal, scaleOrdinal, type CompiledRules } from './compileRules';
import { UsageError } from './errors';
import { fastArithmetic } from './fastArithmetic';
import { gradeMeasures, type Measures } from './gradeChannel';

/** The percentiles shown by default: 10th, 25th, median, 75th, 90th. */
export const DEFAULT_PERCENTILES: readonly number[] = [0.1, 0.25, 0.5, 0.75, 0.9];

/** One bar of a histogram: values v with `from` ≤ v < `to` (the last bar includes `to`). */
export interface HistogramBar {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

/** The distribution of one measure. */
export interface MeasureDistribution {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  /** Each requested percentile with its value (Excel's PERCENTILE.INC). */
  readonly percentiles: readonly { readonly p: number; readonly value: number }[];
  readonly histogram: readonly HistogramBar[];
}

/**
 * The p-th percentile (0 ≤ p ≤ 1) of values sorted ascending, interpolated as Excel's PERCENTILE.INC:
 * rank h = p × (n − 1), value = x[⌊h⌋] + (h − ⌊h⌋) × (x[⌊h⌋ + 1] − x[⌊h⌋]), exact at 15 digits.
 * Throws `UsageError` for no values or p outside 0..1.
 */
export function percentileInc(sorted: readonly number[], p: number, arith: Arithmetic = fastArithmetic): number {
  if (sorted.length === 0) throw new UsageError({ zh: '没有可统计的渠道', en: 'no channels to describe' });
  if (!(p >= 0 && p <= 1))
    throw new UsageError({ zh: `百分位 ${p} 不在 0 至 1 之间`, en: `percentile ${p} is not 0..1` });
  const h = arith.product(p, sorted.length - 1);
  const k = Math.floor(h);
  const low = sorted[k] as number;
  const high = sorted[Math.min(k + 1, sorted.length - 1)] as number;
  const frac = arith.add(h, -k);
  return frac === 0 || low === high ? low : arith.add(low, arith.product(frac, arith.add(high, -low)));
}

/** Options of `measureDistribution`. */
export interface DistributionOptions {
  readonly percentiles?: readonly number[];
  readonly bars?: number;
  /**
   * Values the bars must reach besides the data, e.g. the thresholds drawn on the histogram: the bars
   * then span from the least to the greatest of the data and these. Count, range and percentiles are
   * the data's alone.
   */
  readonly span?: readonly number[];
}

/**
 * The distribution of a measure's values (RULES.md §13): count, range, percentiles and a histogram of
 * `bars` equal-width bars (over the data and `span`). Values that are not finite numbers are a
 * caller's error (`UsageError`): only graded channels' measures belong here.
 */
export function measureDistribution(
  values: readonly number[],
  options: DistributionOptions = {},
  arith: Arithmetic = fastArithmetic,
): MeasureDistribution {
  if (values.some((v) => !Number.isFinite(v)))
    throw new UsageError({ zh: '指标值必须是有限数', en: 'measure values must be finite numbers' });
  const sorted = [...values].sort((a, b) => a - b);
  const bars = Math.max(1, Math.floor(options.bars ?? 20));
  const ps = options.percentiles ?? DEFAULT_PERCENTILES;
  if (sorted.length === 0) return { count: 0, min: NaN, max: NaN, percentiles: [], histogram: [] };
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  const span = (options.span ?? []).filter((v) => Number.isFinite(v));
  const low = Math.min(min, ...span);
  const high = Math.max(max, ...span);
  // Bars are for the eye; which band a channel falls in is decided exactly elsewhere (thresholdImpact).
  const width = (high - low) / bars;
  const counts = Array.from({ length: bars }, () => 0);
  for (const v of sorted) {
    const i = width === 0 ? 0 : Math.min(bars - 1, Math.floor((v - low) / width));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return {
    count: sorted.length,
    min,
    max,
    percentiles: ps.map((p) => ({ p, value: percentileInc(sorted, p, arith) })),
    histogram: counts.map((count, i) => ({
      from: low + i * width,
      to: i === bars - 1 ? high : low + (i + 1) * width,
      count,
    })),
  };
}

/** A graded channel as thresholds see it: its id and measures (annualScale is its annualized premium). */
export interface MeasuredChannel {
  readonly channelId: string;
  readonly measures: Measures;
}

/** What a proposed rule set changes against the current one (RULES.md §13). */
export interface ThresholdImpact {
  /** Channels whose class would change. */
  readonly changed: number;
  /** Their annualized premium, exact. */
  readonly changedPremium: number;
  /** Channels per colour band, index 0 deep blue … 4 deep red, under each rule set. */
  readonly coloursBefore: readonly number[];
  readonly coloursAfter: readonly number[];
  /** Channels per scale class, index 0 A … 2 C, under each rule set. */
  readonly scalesBefore: readonly number[];
  readonly scalesAfter: readonly number[];
  /** Channels per depth class, index 0 Ⅰ … 2 Ⅲ, under each rule set. */
  readonly depthsBefore: readonly number[];
  readonly depthsAfter: readonly number[];
  /** The moves, flagged as RULES.md §12 flags them. */
  readonly movement: Movement;
}

/**
 * How many channels and how much annualized premium would change class if `proposed` replaced
 * `current` (RULES.md §13). Classes are decided exactly, as grading decides them.
 */
export function thresholdImpact(
  channels: readonly MeasuredChannel[],
  current: CompiledRules,
  proposed: CompiledRules,
  arith: Arithmetic = fastArithmetic,
): ThresholdImpact {
  const before = channels.map((c) => ({ channelId: c.channelId, grade: gradeMeasures(c.measures, current) }));
  const after = channels.map((c) => ({ channelId: c.channelId, grade: gradeMeasures(c.measures, proposed) }));
  const movement = classMovement(
    before.map((b) => ({ channelId: b.channelId, classIndex: b.grade.classIndex })),
    after.map((a) => ({ channelId: a.channelId, classIndex: a.grade.classIndex })),
  );
  const premiums: number[] = [];
  for (let i = 0; i < channels.length; i++)
    if (before[i]?.grade.classIndex !== after[i]?.grade.classIndex)
      premiums.push(channels[i]?.measures.annualScale ?? 0);
  const tally = (grades: readonly { grade: { colour: string } }[]): number[] =>
    COLOURS.map((colour) => grades.filter((g) => g.grade.colour === colour).length);
  const scales = (grades: readonly { grade: { scale: string } }[]): number[] =>
    SCALES.map((scale) => grades.filter((g) => g.grade.scale === scale).length);
  const depths = (grades: readonly { grade: { depthClass: string } }[]): number[] =>
    DEPTHS.map((depth) => grades.filter((g) => g.grade.depthClass === depth).length);
  return {
    changed: premiums.length,
    changedPremium: arith.sum(premiums),
    coloursBefore: tally(before),
    coloursAfter: tally(after),
    scalesBefore: scales(before),
    scalesAfter: scales(after),
    depthsBefore: depths(before),
    depthsAfter: depths(after),
    movement,
  };
}

/** Channels graded once under the rules in force, so that each proposal grades only itself. */
export interface ImpactBaseline {
  readonly channels: readonly MeasuredChannel[];
  readonly current: CompiledRules;
  /** classes[i]: the class index (1..45) of channels[i] under `current`. */
  readonly classes: Uint8Array;
  /** Channels per colour band under `current`, index 0 deep blue … 4 deep red. */
  readonly coloursBefore: readonly number[];
  /** Channels per scale class (A, B, C) and depth class (Ⅰ, Ⅱ, Ⅲ) under `current`. */
  readonly scalesBefore: readonly number[];
  readonly depthsBefore: readonly number[];
}

function bump(counts: number[], i: number): void {
  counts[i] = (counts[i] ?? 0) + 1;
}

function classOf(m: Measures, rules: CompiledRules): number {
  return classIndexOf(
    colourOrdinal(m.costRate, rules),
    scaleOrdinal(m.annualScale, rules),
    depthOrdinal(m.depth, rules),
  );
}

/**
 * Grades `channels` once under `current` (RULES.md §13), for `proposedImpact` to compare any number
 * of proposals against without grading them again. Channel IDs must be distinct (`UsageError`).
 */
export function impactBaseline(channels: readonly MeasuredChannel[], current: CompiledRules): ImpactBaseline {
  const ids = new Set<string>();
  const classes = new Uint8Array(channels.length);
  const coloursBefore = COLOURS.map(() => 0);
  const scalesBefore = SCALES.map(() => 0);
  const depthsBefore = DEPTHS.map(() => 0);
  channels.forEach((c, i) => {
    if (ids.has(c.channelId))
      throw new UsageError({
        zh: `渠道 ${c.channelId} 出现了两次`,
        en: `channel ${c.channelId} appears twice`,
      });
    ids.add(c.channelId);
    const k = classOf(c.measures, current);
    classes[i] = k;
    bump(coloursBefore, Math.floor((k - 1) / 9));
    bump(scalesBefore, Math.floor(((k - 1) % 9) / 3));
    bump(depthsBefore, (k - 1) % 3);
  });
  return { channels, current, classes, coloursBefore, scalesBefore, depthsBefore };
}

/**
 * What `proposed` would change against the baseline's rules (RULES.md §13): the same answer as
 * `thresholdImpact(baseline.channels, baseline.current, proposed)`, grading only the proposal, so it
 * stays quick as the user types over 100,000 channels. Classes are decided exactly, as grading does.
 */
export function proposedImpact(
  baseline: ImpactBaseline,
  proposed: CompiledRules,
  arith: Arithmetic = fastArithmetic,
): ThresholdImpact {
  const { channels, classes } = baseline;
  const colours = COLOURS.map(() => COLOURS.map(() => 0));
  const coloursAfter = COLOURS.map(() => 0);
  const scalesAfter = SCALES.map(() => 0);
  const depthsAfter = DEPTHS.map(() => 0);
  const moves: ClassMove[] = [];
  const premiums: number[] = [];
  for (let i = 0; i < channels.length; i++) {
    const c = channels[i] as MeasuredChannel;
    const from = classes[i] as number;
    const to = classOf(c.measures, proposed);
    const fc = Math.floor((from - 1) / 9);
    const tc = Math.floor((to - 1) / 9);
    bump(colours[fc] as number[], tc);
    bump(coloursAfter, tc);
    bump(scalesAfter, Math.floor(((to - 1) % 9) / 3));
    bump(depthsAfter, (to - 1) % 3);
    if (from === to) continue;
    premiums.push(c.measures.annualScale);
    moves.push({
      channelId: c.channelId,
      from,
      to,
      colourSteps: tc - fc,
      direction: to < from ? 'up' : 'down',
      flags: moveFlags(fc, tc),
    });
  }
  return {
    changed: moves.length,
    changedPremium: arith.sum(premiums),
    coloursBefore: baseline.coloursBefore,
    coloursAfter,
    scalesBefore: baseline.scalesBefore,
    scalesAfter,
    depthsBefore: baseline.depthsBefore,
    depthsAfter,
    movement: { colours, moves, unchanged: channels.length - moves.length },
  };
}
