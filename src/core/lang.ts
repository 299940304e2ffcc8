/** A label language: Chinese (the default, canonical) or English. */
export type Lang = 'zh' | 'en';

/** A text in both languages. Chinese is canonical; English stands beside it. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** The two languages, Chinese first. */
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** Formats a bilingual text as one message, Chinese first with the English in brackets. */
export function bilingual(text: Bilingual): string {
  return `${text.zh} (${text.en})`;
}

/**
 * Folds a label for matching: Unicode NFKC (full-width letters, digits and punctuation become
 * half-width), lower case, and no spaces or underscores.
 */
export function foldLabel(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_]+/g, '');
}
