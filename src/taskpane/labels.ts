/* Pane labels: Chinese first, English beside it; under an English Office the order turns round. */
import { QdError, type Lang } from '../core';

/** A label in both languages, the pane's language first. */
export function bi(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? `${zh} ${en}` : `${en} ${zh}`;
}

/** The message of an error for a MessageBar: a QdError's own text, else what the host said. */
export function errorText(e: unknown, lang: Lang): string {
  if (e instanceof QdError) return lang === 'zh' ? `${e.text.zh}（${e.text.en}）` : `${e.text.en} (${e.text.zh})`;
  const message = e instanceof Error ? e.message : String(e);
  return bi(lang, `意外错误：${message}`, '(unexpected error)');
}

/** Amounts as finance reads them: thousands separators, up to two decimals. */
export function showAmount(x: number): string {
  return x.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}
