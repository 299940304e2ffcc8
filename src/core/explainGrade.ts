/**
 * Why a class is what it is, in one sentence (CONTRACT.md §1 `QD.EXPLAIN`).
 *
 * @packageDocumentation
 */
import { COLOURS, COLOUR_LABELS, DEPTHS, DEPTH_LABELS, SCALES } from './bands';
import { classIndexOf, labelOfIndex } from './channelClass';
import { colourOrdinal, depthOrdinal, scaleOrdinal, type CompiledRules } from './compileRules';
import type { Lang } from './lang';
import { showNumber, showPercent } from './problem';

function colourReason(cost: number, ordinal: number, rules: CompiledRules, lang: Lang): string {
  const m = rules.costMax;
  const upper = m[ordinal];
  const lower = ordinal > 0 ? m[ordinal - 1] : undefined;
  const label = COLOUR_LABELS[COLOURS[ordinal] ?? 'deepRed'][lang];
  const c = showPercent(cost);
  if (lang === 'zh') {
    const parts = [
      lower !== undefined ? `> ${showPercent(lower)}` : '',
      upper !== undefined ? `≤ ${showPercent(upper)}` : '',
    ];
    return `经营成本率 ${c}（${parts.filter(Boolean).join(' 且 ')}）为${label}`;
  }
  const parts = [
    lower !== undefined ? `> ${showPercent(lower)}` : '',
    upper !== undefined ? `≤ ${showPercent(upper)}` : '',
  ];
  return `cost ratio ${c} (${parts.filter(Boolean).join(' and ')}) is ${label}`;
}

function lowerBoundReason(
  value: string,
  ordinal: number,
  mins: readonly [number, number],
  show: (x: number) => string,
  label: string,
  lang: Lang,
  what: { zh: string; en: string },
): string {
  const lower = mins[ordinal];
  const upper = ordinal > 0 ? mins[ordinal - 1] : undefined;
  const parts =
    lang === 'zh'
      ? [lower !== undefined ? `≥ ${show(lower)}` : '', upper !== undefined ? `< ${show(upper)}` : '']
      : [lower !== undefined ? `≥ ${show(lower)}` : '', upper !== undefined ? `< ${show(upper)}` : ''];
  return lang === 'zh'
    ? `${what.zh} ${value}（${parts.filter(Boolean).join(' 且 ')}）为 ${label} 类`
    : `${what.en} ${value} (${parts.filter(Boolean).join(' and ')}) is ${label}`;
}

/**
 * One sentence naming the class and, for each part, the value and the thresholds that decided it:
 * `蓝-B-Ⅱ：经营成本率 92%（> 90% 且 ≤ 95%）为蓝；年化合作规模 5000000（≥ 2000000 且 < 10000000）为 B 类；…`.
 */
export function explainGrade(
  costRate: number,
  annualScale: number,
  depth: number,
  rules: CompiledRules,
  lang: Lang = 'zh',
): string {
  const c = colourOrdinal(costRate, rules);
  const s = scaleOrdinal(annualScale, rules);
  const d = depthOrdinal(depth, rules);
  const label = labelOfIndex(classIndexOf(c, s, d), lang);
  const scaleText = lowerBoundReason(showNumber(annualScale), s, rules.scaleMin, showNumber, SCALES[s] ?? 'C', lang, {
    zh: '年化合作规模',
    en: 'annualized scale',
  });
  const depthText = lowerBoundReason(
    showPercent(depth),
    d,
    rules.depthMin,
    showPercent,
    DEPTH_LABELS[DEPTHS[d] ?? 'III'][lang],
    lang,
    {
      zh: '合作深度',
      en: 'depth',
    },
  );
  const sep = lang === 'zh' ? '；' : '; ';
  return `${label}${lang === 'zh' ? '：' : ': '}${[colourReason(costRate, c, rules, lang), scaleText, depthText].join(sep)}`;
}
