import { makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { Lang } from '../../core';
import { measureDistribution } from '../../core/measureDistribution';
import { bi, colon, showPercent } from '../labels';
import { showChannels } from './MeasureFormats';
import { MeasureHistogram } from './MeasureHistogram';
import type { HistogramThreshold } from './MeasureHistogram.types';

const useStyles = makeStyles({
  percentiles: {
    display: 'grid',
    // Two columns where the pane is wide enough for a label and a 万元 value side by side, else one.
    gridTemplateColumns: 'repeat(auto-fill, minmax(160px, 1fr))',
    columnGap: tokens.spacingHorizontalM,
    margin: 0,
    fontSize: tokens.fontSizeBase200,
  },
  pair: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  within: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
  },
});

const PERCENTILE_NAMES: readonly { readonly p: number; readonly zh: string; readonly en: string }[] = [
  { p: 0.1, zh: 'P10', en: 'P10' },
  { p: 0.25, zh: 'P25', en: 'P25' },
  { p: 0.5, zh: '中位数', en: 'Median' },
  { p: 0.75, zh: 'P75', en: 'P75' },
  { p: 0.9, zh: 'P90', en: 'P90' },
];

/** A threshold as the Rules tab draws it, with which side of it is its band's. */
export interface SectionThreshold extends HistogramThreshold {
  /** `max`: an inclusive upper bound (cost bands); `min`: an inclusive lower bound (scale, depth). */
  readonly bound: 'max' | 'min';
  /** The band or class it bounds: 深蓝, A, Ⅰ. */
  readonly band: string;
}

/** One band's interval and its own channels (not the ones of the bands before it). */
export interface BandInterval {
  readonly band: string;
  readonly range: string;
  readonly count: number;
}

/**
 * Channels per band between consecutive thresholds, compared exactly as grading compares: a cost band
 * holds (previous bound, its bound]; a scale or depth class [its bound, the next bound). `rest` names
 * the band beyond the last threshold (深红 above the last cost bound, C or Ⅲ below the least).
 */
export function bandIntervals(
  values: readonly number[],
  thresholds: readonly SectionThreshold[],
  show: (v: number) => string,
  rest: string,
): BandInterval[] {
  const drawn = thresholds.filter((t) => !t.inForce).sort((a, b) => a.value - b.value);
  const first = drawn[0];
  if (!first) return [];
  const count = (inside: (v: number) => boolean): number => values.reduce((n, v) => n + (inside(v) ? 1 : 0), 0);
  if (first.bound === 'max') {
    const bands = drawn.map((t, i) => {
      const prev = drawn[i - 1];
      return {
        band: t.band,
        range: prev ? `${show(prev.value)}–${show(t.value)}` : `≤ ${show(t.value)}`,
        count: count((v) => v <= t.value && (prev === undefined || v > prev.value)),
      };
    });
    const top = drawn[drawn.length - 1] ?? first;
    return [...bands, { band: rest, range: `> ${show(top.value)}`, count: count((v) => v > top.value) }];
  }
  const bands = [...drawn].reverse().map((t, i, high) => {
    const next = high[i - 1];
    return {
      band: t.band,
      range: next ? `${show(t.value)}–${show(next.value)}` : `≥ ${show(t.value)}`,
      count: count((v) => v >= t.value && (next === undefined || v < next.value)),
    };
  });
  return [...bands, { band: rest, range: `< ${show(first.value)}`, count: count((v) => v < first.value) }];
}

/** One measure's percentiles, histogram and channels per band, recomputed only when its values or thresholds change. */
export function Distribution({
  id,
  name,
  values,
  thresholds,
  show,
  rest,
  lang,
}: {
  readonly id: string;
  readonly name: string;
  readonly values: readonly number[];
  readonly thresholds: readonly SectionThreshold[];
  readonly show: (v: number) => string;
  readonly rest: string;
  readonly lang: Lang;
}) {
  const styles = useStyles();
  const span = thresholds.map((t) => t.value);
  const spanKey = span.join('|');
  // spanKey stands for the thresholds' values: a new array of the same values bins nothing again.
  const distribution = useMemo(() => measureDistribution(values, { bars: 20, span }), [values, spanKey]);
  const bands = useMemo(() => bandIntervals(values, thresholds, show, rest), [values, spanKey, rest]);
  return (
    <>
      <dl className={styles.percentiles} aria-label={bi(lang, `${name}百分位`, `${name}: percentiles`)}>
        {[
          { zh: '最小', en: 'Min', value: distribution.min },
          ...PERCENTILE_NAMES.map((n) => ({
            ...n,
            value: distribution.percentiles.find((q) => q.p === n.p)?.value ?? NaN,
          })),
          { zh: '最大', en: 'Max', value: distribution.max },
        ].map((row) => (
          <div key={row.en} className={styles.pair}>
            <dt className={styles.term}>{row.zh === row.en ? row.zh : bi(lang, row.zh, row.en)}</dt>
            <dd className={styles.value}>{show(row.value)}</dd>
          </div>
        ))}
      </dl>
      <MeasureHistogram
        id={id}
        title={name}
        distribution={distribution}
        thresholds={thresholds}
        show={show}
        lang={lang}
      />
      <ul
        className={styles.within}
        aria-label={bi(lang, `${name}：各色带（类别）渠道数，不累计`, `${name}: channels in each band, not cumulative`)}
      >
        {bands.map((b) => (
          <li key={b.band} data-testid={`band-${id}-${b.band}`}>
            {b.band} {b.range}
            {colon(lang)}
            {showChannels(b.count, lang)}
            {lang === 'zh'
              ? `（${showPercent(b.count / values.length, lang)}）`
              : ` (${showPercent(b.count / values.length, lang)})`}
          </li>
        ))}
      </ul>
    </>
  );
}
