import { Button, Caption1, Spinner, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import {
  COLOURS,
  InvalidRulesError,
  PARAMETERS,
  compileRules,
  type CompiledRules,
  type Lang,
  type ParameterKey,
  type RuleSet,
} from '../../core';
import type { ThresholdImpact } from '../../core/measureDistribution';
import { bi, colon, said, showCount, colourWord } from '../labels';
import type { MeasuredChannels } from '../workflow/measuresWorkflow.types';
import { ErrorBar } from './ErrorBar';
import { MEASURE_KEYS, MEASURE_NAMES, showBound, showChannels, showMeasure, type MeasureKey } from './MeasureFormats';
import { Distribution, type SectionThreshold } from './MeasureDistribution';
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
});

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

/** The band or class beyond every threshold of a measure: 深红 above the last cost bound, C and Ⅲ below the least. */
const REST: Readonly<Record<MeasureKey, (lang: Lang) => string>> = {
  costRate: (lang) => colourWord('deepRed', lang),
  annualScale: () => 'C',
  depth: (lang) => (lang === 'en' ? 'III' : 'Ⅲ'),
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
  if (colour) return colourWord(colour, lang);
  return lang === 'en' && (s === 'Ⅰ' || s === 'Ⅱ') ? (s === 'Ⅰ' ? 'I' : 'II') : s;
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
  onImpact,
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

  useEffect(() => {
    onImpact?.(impact, pending);
  }, [impact, pending, onImpact]);

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
      const band = shortLabel(p, lang);
      const drawn: SectionThreshold[] = [
        {
          value: next,
          label: label(next),
          title: title(next, next === now ? null : { zh: '编辑后', en: 'edited' }),
          bound,
          band,
        },
      ];
      if (next !== now)
        drawn.push({
          value: now,
          label: label(now),
          title: title(now, { zh: '现行', en: 'in force' }),
          inForce: true,
          bound,
          band,
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
                rest={REST[key](lang)}
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
