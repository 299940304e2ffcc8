/* Pane labels and numbers for people: Chinese first, English beside it; under an English Office the order turns round. */
import { COLOUR_LABELS, QdError, type Colour, type GradingMode, type Lang, type PrepareKind } from '../core';

/** A label in both languages, the pane's language first. */
export function bi(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? `${zh} ${en}` : `${en} ${zh}`;
}

/** A message in the pane's language with the other in brackets (full-width brackets under Chinese). */
export function said(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? `${zh}（${en}）` : `${en} (${zh})`;
}

/**
 * The message of an error for a MessageBar: a QdError's own text (the hosts turn every Office error
 * into one, naming the sheet and the next step); anything else is a bug, and says so.
 */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof QdError) return said(lang, e.text.zh, e.text.en);
  const message = e instanceof Error ? e.message : String(e);
  return said(
    lang,
    `意外错误：${message}。这是本加载项的缺陷，请把此消息发给维护者`,
    `unexpected error: ${message}. This is a defect of the add-in; please send this message to its maintainers`,
  );
}

const LOCALE: Readonly<Record<Lang, string>> = { zh: 'zh-CN', en: 'en-US' };

/** Amounts as finance reads them: thousands separators, up to two decimals, and the unit. */
export function showAmount(x: number, lang: Lang = 'zh', unit: 'yuan' | 'none' = 'yuan'): string {
  const n = x.toLocaleString(LOCALE[lang], { maximumFractionDigits: 2 });
  if (unit === 'none') return n;
  return lang === 'zh' ? `${n} 元` : `${n} yuan`;
}

/** A count with thousands separators. */
export function showCount(x: number, lang: Lang = 'zh'): string {
  return x.toLocaleString(LOCALE[lang], { maximumFractionDigits: 0 });
}

/** A ratio as a percentage with two decimals: 1.10553723145318 → "110.55%". */
export function showPercent(x: number, lang: Lang = 'zh'): string {
  return `${(x * 100).toLocaleString(LOCALE[lang], { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`;
}

/** A moment in the user's local time with its zone, e.g. "2026-11-30 17:05 (UTC+8)". */
export function showTime(at: Date, lang: Lang = 'zh'): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '−';
  const hours = Math.floor(Math.abs(offset) / 60);
  const minutes = Math.abs(offset) % 60;
  const zone = `UTC${sign}${hours}${minutes ? `:${pad(minutes)}` : ''}`;
  const day = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  return lang === 'zh' ? `${day} ${time}（${zone}）` : `${day} ${time} (${zone})`;
}

/** The grading modes in words (RULES.md §12). */
export const MODE_WORDS: Readonly<Record<GradingMode, { readonly zh: string; readonly en: string }>> = {
  annual: { zh: '年度评价', en: 'Annual evaluation' },
  'in-year': { zh: '年度内运用', en: 'In-year application' },
  prospective: { zh: '拟合作', en: 'Prospective' },
};

/** A grading mode in words, the pane's language first. */
export function showMode(mode: GradingMode, lang: Lang): string {
  return bi(lang, MODE_WORDS[mode].zh, MODE_WORDS[mode].en);
}

/** The colon after a label: full width under Chinese, ": " under English. */
export function colon(lang: Lang): string {
  return lang === 'zh' ? '：' : ': ';
}

/** The kinds of grading in a word or two (RULES.md §5.1): 年度, 复评, 季度, 近三月, 月度, 预评. */
export const KIND_WORDS: Readonly<Record<PrepareKind, { readonly zh: string; readonly en: string }>> = {
  annual: { zh: '年度', en: 'annual' },
  recheck: { zh: '复评', en: 'recheck' },
  quarter: { zh: '季度', en: 'quarter' },
  threemonths: { zh: '近三月', en: 'last three months' },
  month: { zh: '月度', en: 'month' },
  prospective: { zh: '预评', en: 'prospective' },
};

/** A kind of grading in words, the pane's language first. */
export function showKind(kind: PrepareKind, lang: Lang): string {
  return bi(lang, KIND_WORDS[kind].zh, KIND_WORDS[kind].en);
}

/** A colour band as a word: 深蓝 under Chinese, "Deep blue" (not the identifier DeepBlue) under English. */
export function colourWord(colour: Colour, lang: Lang): string {
  return lang === 'zh' ? COLOUR_LABELS[colour].zh : COLOUR_LABELS[colour].name;
}

/**
 * A premium in yuan as a manager reads it, in the units of the pane's language: 万元 from 10,000 yuan
 * on under Chinese (3,400万元); under English thousand or million yuan (34 million yuan).
 */
export function showPremiumAmount(yuan: number, lang: Lang): string {
  const abs = Math.abs(yuan);
  if (lang === 'zh') {
    if (abs < 10_000) return `${yuan.toLocaleString(LOCALE.zh, { maximumFractionDigits: 2 })} 元`;
    return `${(yuan / 10_000).toLocaleString(LOCALE.zh, { maximumFractionDigits: 2 })}万元`;
  }
  if (abs >= 1_000_000)
    return `${(yuan / 1_000_000).toLocaleString(LOCALE.en, { maximumFractionDigits: 2 })} million yuan`;
  return `${yuan.toLocaleString(LOCALE.en, { maximumFractionDigits: 2 })} yuan`;
}
