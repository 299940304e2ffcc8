import { Button, Caption1, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import {
  COLOURS,
  COLOUR_LABELS,
  InvalidRulesError,
  PARAMETERS,
  compileRules,
  type CompiledRules,
  type Lang,
  type ParameterKey,
  type RuleSet,
} from '../../core';
import { measureDistribution, type ThresholdImpact } from '../../core/measureDistribution';
import { bi, colon, said, showCount, showPercent } from '../labels';
import type { MeasuredChannels } from '../workflow/measuresWorkflow.types';
import { ErrorBar } from './ErrorBar';
import { MEASURE_KEYS, MEASURE_NAMES, showBound, showChannels, showMeasure, type MeasureKey } from './MeasureFormats';
import { MeasureHistogram } from './MeasureHistogram';
import type { HistogramThreshold } from './MeasureHistogram.types';
import type { MeasureSectionProps } from './MeasureSection.types';
import { ThresholdImpactView } from './ThresholdImpactView';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  measure: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
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

/** The thresholds of each measure, as the rule set's keys, from the lowest. */
const THRESHOLD_KEYS: Readonly<Record<MeasureKey, readonly ParameterKey[]>> = {
  costRate: ['cost.deepBlue.max', 'cost.blue.max', 'cost.yellow.max', 'cost.lightRed.max'],
  annualScale: ['scale.B.min', 'scale.A.min'],
  depth: ['depth.II.min', 'depth.I.min'],
};

/** Each threshold's short label on the chart: the band it bounds. */
const SHORT: Readonly<Record<ParameterKey, string | null>> = {
  'cost.deepBlue.max': 'deepBlue',
  'cost.blue.max': 'blue',
  'cost.yellow.max': 'yellow',
  'cost.lightRed.max': 'lightRed',
  'scale.A.min': 'A',
  'scale.B.min': 'B',
  'depth.I.min': 'Ⅰ',
  'depth.II.min': 'Ⅱ',
  'premium.unit': null,
};

/** A threshold's value in the measure's own values (scale bounds in the sheet's premium unit). */
function boundOf(key: ParameterKey, rules: CompiledRules): number {
  switch (key) {
    case 'cost.deepBlue.max':
      return rules.costMax[0];
    case 'cost.blue.max':
      return rules.costMax[1];
    case 'cost.yellow.max':
      return rules.costMax[2];
    case 'cost.lightRed.max':
      return rules.costMax[3];
    case 'scale.A.min':
      return rules.scaleMin[0];
    case 'scale.B.min':
      return rules.scaleMin[1];
    case 'depth.I.min':
      return rules.depthMin[0];
    case 'depth.II.min':
      return rules.depthMin[1];
    default:
      return NaN;
  }
}

function shortLabel(key: ParameterKey, lang: Lang): string {
  const s = SHORT[key] ?? '';
  const colour = COLOURS.find((c) => c === s);
  if (colour) return COLOUR_LABELS[colour][lang];
  return lang === 'en' && (s === 'Ⅰ' || s === 'Ⅱ') ? (s === 'Ⅰ' ? 'I' : 'II') : s;
}

/** A threshold as the section draws it, with which side of it is its band's. */
interface SectionThreshold extends HistogramThreshold {
  /** `max`: an inclusive upper bound (cost bands); `min`: an inclusive lower bound (scale, depth). */
  readonly bound: 'max' | 'min';
  /** The band and the bound, e.g. `深蓝 ≤ 90%`. */
  readonly reach: string;
}

/** The proposal compiled as grading would take it: in the unit the headers state. */
function compiledProposal(proposed: RuleSet | null, measured: MeasuredChannels): CompiledRules | null {
  if (!proposed) return null;
  const unit = measured.headerUnit;
  try {
    return compileRules(
      unit === null ? proposed : { ...proposed, parameters: { ...proposed.parameters, 'premium.unit': unit } },
    );
  } catch (e) {
    if (e instanceof InvalidRulesError) return null;
    throw e;
  }
}

/** The value after `ms` of rest: typing is not held up by a recomputation per key. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (ms <= 0) {
      setSettled(value);
      return undefined;
    }
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return ms <= 0 ? value : settled;
}

/**
 * The company's own data on the Rules tab (RULES.md §13): per measure, the channels' percentiles and
 * a histogram with the thresholds drawn on it, and what the thresholds being edited would change
 * before they are saved. It shows; it proposes nothing: the user decides.
 */
export function MeasureSection({
  measures,
  sheet,
  mode,
  proposed,
  ready,
  revision,
  debounceMs = 300,
}: MeasureSectionProps) {
  const { lang } = measures;
  const styles = useStyles();
  const [measured, setMeasured] = useState<MeasuredChannels | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reading, setReading] = useState(false);
  const [again, setAgain] = useState(0);

  useEffect(() => {
    if (!ready) return undefined;
    const controller = new AbortController();
    setReading(true);
    setError(null);
    measures.measuredChannels(sheet, controller.signal, mode).then(
      (m) => {
        if (controller.signal.aborted) return;
        setMeasured(m);
        setReading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setMeasured(null);
        setError(e);
        setReading(false);
      },
    );
    return () => controller.abort();
  }, [measures, sheet, mode, ready, revision, again]);

  const settled = useSettled(proposed, debounceMs);
  const pending = settled !== proposed;
  const edited = useMemo(() => (measured ? compiledProposal(settled, measured) : null), [settled, measured]);
  const values = useMemo(
    () =>
      measured
        ? {
            costRate: measured.channels.map((c) => c.measures.costRate),
            annualScale: measured.channels.map((c) => c.measures.annualScale),
            depth: measured.channels.map((c) => c.measures.depth),
          }
        : null,
    [measured],
  );
  const premiums = useMemo(
    () => new Map(measured?.channels.map((c) => [c.channelId, c.measures.annualScale]) ?? []),
    [measured],
  );
  const impact = useMemo((): ThresholdImpact | null => {
    if (!measured || !settled || !edited) return null;
    try {
      return measures.impact(measured, settled);
    } catch (e) {
      if (e instanceof InvalidRulesError) return null;
      throw e;
    }
  }, [measures, measured, settled, edited]);

  const heading = (
    <Subtitle2 as="h2">
      {bi(lang, '本表渠道的指标分布', "This sheet's channels: distribution of each measure")}
    </Subtitle2>
  );
  if (!ready || (reading && !measured))
    return (
      <section className={styles.root} aria-label={bi(lang, '指标分布', 'Distribution of the measures')}>
        {heading}
        <Spinner size="tiny" label={bi(lang, '正在读取本表渠道…', "Reading the sheet's channels…")} />
      </section>
    );
  if (!measured || !values)
    return (
      <section className={styles.root} aria-label={bi(lang, '指标分布', 'Distribution of the measures')}>
        {heading}
        <ErrorBar error={error} lang={lang} />
        <div>
          <Button size="small" onClick={() => setAgain((n) => n + 1)}>
            {bi(lang, '重新读取', 'Read again')}
          </Button>
        </div>
      </section>
    );

  const unit = measured.premiumUnit;
  const inForce = measured.rules;
  const thresholdsOf = (key: MeasureKey): SectionThreshold[] =>
    THRESHOLD_KEYS[key].flatMap((p) => {
      const info = PARAMETERS.find((x) => x.key === p);
      const now = boundOf(p, inForce);
      const next = edited ? boundOf(p, edited) : now;
      const label = (v: number): string => `${shortLabel(p, lang)} ${showBound(key, v, unit, lang)}`;
      const title = (v: number, which: { zh: string; en: string } | null): string =>
        `${bi(lang, info?.label.zh ?? p, info?.label.en ?? p)}${colon(lang)}${showMeasure(key, v, unit, lang)}${which ? ` ${said(lang, which.zh, which.en)}` : ''}`;
      const bound = key === 'costRate' ? 'max' : 'min';
      const reach = (v: number): string =>
        `${shortLabel(p, lang)} ${bound === 'max' ? '≤' : '≥'} ${showBound(key, v, unit, lang)}`;
      const drawn: SectionThreshold[] = [
        {
          value: next,
          label: label(next),
          title: title(next, next === now ? null : { zh: '编辑后', en: 'edited' }),
          bound,
          reach: reach(next),
        },
      ];
      if (next !== now)
        drawn.push({
          value: now,
          label: label(now),
          title: title(now, { zh: '现行', en: 'in force' }),
          inForce: true,
          bound,
          reach: reach(now),
        });
      return drawn;
    });

  return (
    <section className={styles.root} aria-label={bi(lang, '指标分布', 'Distribution of the measures')}>
      {heading}
      <Caption1>
        {bi(
          lang,
          `工作表“${measured.sheet}”：${showChannels(measured.channels.length, 'zh')}参与统计${measured.notCounted > 0 ? `，${showCount(measured.notCounted, lang)} 行因数据有误或不属经代渠道未计入` : ''}。此处只作展示，不是政策建议：阈值由您决定。`,
          `Sheet "${measured.sheet}": ${showChannels(measured.channels.length, 'en')} counted${measured.notCounted > 0 ? `; ${showCount(measured.notCounted, lang)} rows not counted (a problem in their data, or not a brokerage channel)` : ''}. Shown, not proposed as policy: the thresholds are yours to decide.`,
        )}
      </Caption1>
      {measured.notes.map((n) => (
        <Caption1 key={n.zh}>{said(lang, n.zh, n.en)}</Caption1>
      ))}
      {MEASURE_KEYS.map((key) => {
        const name = bi(lang, MEASURE_NAMES[key].zh, MEASURE_NAMES[key].en);
        const thresholds = thresholdsOf(key);
        const data = values[key];
        return (
          <div key={key} className={styles.measure} data-measure={key}>
            <Text weight="semibold">{name}</Text>
            {data.length < 2 ? (
              <Caption1>
                {bi(
                  lang,
                  `只有 ${showCount(data.length, lang)} 个渠道，不足以画出分布`,
                  `only ${showChannels(data.length, 'en')}: too few to draw a distribution`,
                )}
              </Caption1>
            ) : (
              <Distribution
                id={key}
                name={name}
                values={data}
                thresholds={thresholds}
                show={(v) => showMeasure(key, v, unit, lang)}
                lang={lang}
              />
            )}
          </div>
        );
      })}
      <Subtitle2 as="h3">{bi(lang, '正在编辑的阈值的影响', 'What the thresholds being edited would change')}</Subtitle2>
      {!proposed || (!pending && !edited) ? (
        <Caption1>
          {bi(lang, '阈值有误，改正后再计算影响', 'The thresholds are invalid: correct them to see the impact')}
        </Caption1>
      ) : impact ? (
        <div aria-busy={pending}>
          <ThresholdImpactView
            impact={impact}
            names={measured.names}
            premiums={premiums}
            premiumUnit={unit}
            lang={lang}
          />
        </div>
      ) : (
        <Spinner size="tiny" label={bi(lang, '正在计算…', 'Computing…')} />
      )}
      {measured.warnings.length > 0 && (
        <details>
          <summary>
            <Caption1>
              {bi(
                lang,
                `读取时的提示（${measured.warnings.length}）`,
                `Notes from reading (${measured.warnings.length})`,
              )}
            </Caption1>
          </summary>
          {measured.warnings.map((w) => (
            <Caption1 key={w} as="p">
              {w}
            </Caption1>
          ))}
        </details>
      )}
      <ErrorBar error={error} lang={lang} />
      <div>
        <Button size="small" disabled={reading} onClick={() => setAgain((n) => n + 1)}>
          {bi(lang, '重新读取本表', 'Read the sheet again')}
        </Button>
      </div>
    </section>
  );
}

/** One measure's percentiles and histogram, recomputed only when its values or thresholds change. */
function Distribution({
  id,
  name,
  values,
  thresholds,
  show,
  lang,
}: {
  readonly id: string;
  readonly name: string;
  readonly values: readonly number[];
  readonly thresholds: readonly SectionThreshold[];
  readonly show: (v: number) => string;
  readonly lang: Lang;
}) {
  const styles = useStyles();
  const span = thresholds.map((t) => t.value);
  const spanKey = span.join('|');
  // spanKey stands for the thresholds' values: a new array of the same values bins nothing again.
  const distribution = useMemo(() => measureDistribution(values, { bars: 20, span }), [values, spanKey]);
  // Channels within each edited threshold, compared exactly as grading compares (bounds inclusive).
  const within = useMemo(
    () =>
      thresholds
        .filter((t) => !t.inForce)
        .map((t) => {
          let n = 0;
          for (const v of values) if (t.bound === 'max' ? v <= t.value : v >= t.value) n += 1;
          return { t, n };
        }),
    [values, spanKey],
  );
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
        aria-label={bi(lang, `${name}：各阈值以内的渠道`, `${name}: channels within each threshold`)}
      >
        {within.map(({ t, n }) => (
          <li key={t.title} data-testid={`within-${id}-${t.value}`}>
            {t.reach}
            {colon(lang)}
            {showChannels(n, lang)}
            {lang === 'zh'
              ? `（${showPercent(n / values.length, lang)}）`
              : ` (${showPercent(n / values.length, lang)})`}
          </li>
        ))}
      </ul>
    </>
  );
}
