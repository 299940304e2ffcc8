/* The three measures as users read them: ratios as percentages, premium in 万元 (million yuan under English) once it is large. */
import type { Lang } from '../../core';
import { showCount, showPercent, showPremiumAmount } from '../labels';

/** The measures the Rules tab describes (RULES.md §1). */
export type MeasureKey = 'costRate' | 'annualScale' | 'depth';

/** The measures, in the order the tab shows them. */
export const MEASURE_KEYS: readonly MeasureKey[] = ['costRate', 'annualScale', 'depth'];

/** Each measure's name in both languages. */
export const MEASURE_NAMES: Readonly<Record<MeasureKey, { readonly zh: string; readonly en: string }>> = {
  costRate: { zh: '经营成本率', en: 'Operating cost ratio' },
  annualScale: { zh: '年化合作规模', en: 'Annualized scale' },
  depth: { zh: '合作深度', en: 'Cooperation depth' },
};

const LOCALE: Readonly<Record<Lang, string>> = { zh: 'zh-CN', en: 'en-US' };

/** A premium in yuan as a manager reads it: 万元 under Chinese, thousand/million yuan under English. */
export function showPremium(yuan: number, lang: Lang): string {
  return showPremiumAmount(yuan, lang);
}

/** A value of a measure as users read it; `unit` is the sheet's premium unit (1 yuan, 10000 万元). */
export function showMeasure(key: MeasureKey, value: number, unit: number, lang: Lang): string {
  return key === 'annualScale' ? showPremium(value * unit, lang) : showPercent(value, lang);
}

/** A count of channels in words: "12 个渠道" / "12 channels". */
export function showChannels(n: number, lang: Lang): string {
  return lang === 'zh' ? `${showCount(n, lang)} 个渠道` : `${showCount(n, lang)} channel${n === 1 ? '' : 's'}`;
}

/** A threshold as its label on a chart, short: `90%`, `92.5%`, `1,000万元`. */
export function showBound(key: MeasureKey, value: number, unit: number, lang: Lang): string {
  if (key === 'annualScale') return showPremium(value * unit, lang);
  return `${(value * 100).toLocaleString(LOCALE[lang], { maximumFractionDigits: 2 })}%`;
}
