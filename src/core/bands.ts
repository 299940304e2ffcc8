/**
 * The three measures' bands and their labels (RULES.md §2, §3).
 *
 * @packageDocumentation
 */
import { foldLabel, type Bilingual, type Lang } from './lang';

/** Cost-ratio colour bands, best first (RULES.md §2). */
export const COLOURS = ['deepBlue', 'blue', 'yellow', 'lightRed', 'deepRed'] as const;
/** A colour band key. */
export type Colour = (typeof COLOURS)[number];

/** Annualized-scale classes, largest first (RULES.md §2). */
export const SCALES = ['A', 'B', 'C'] as const;
/** A scale class key. */
export type Scale = (typeof SCALES)[number];

/** Cooperation-depth classes, deepest first (RULES.md §2). */
export const DEPTHS = ['I', 'II', 'III'] as const;
/** A depth class key (ASCII; the Chinese label uses Ⅰ Ⅱ Ⅲ, U+2160..U+2162). */
export type Depth = (typeof DEPTHS)[number];

/** Labels of a band: `zh` and `en` are what formulas return; `name` is the English prose name. */
export interface BandLabel extends Bilingual {
  readonly name: string;
}

/** Colour labels: `深蓝` / `DeepBlue` / "Deep blue" (RULES.md §2, §3). */
export const COLOUR_LABELS: Readonly<Record<Colour, BandLabel>> = {
  deepBlue: { zh: '深蓝', en: 'DeepBlue', name: 'Deep blue' },
  blue: { zh: '蓝', en: 'Blue', name: 'Blue' },
  yellow: { zh: '黄', en: 'Yellow', name: 'Yellow' },
  lightRed: { zh: '浅红', en: 'LightRed', name: 'Light red' },
  deepRed: { zh: '深红', en: 'DeepRed', name: 'Deep red' },
};

/** Scale labels: the letter in both languages. */
export const SCALE_LABELS: Readonly<Record<Scale, BandLabel>> = {
  A: { zh: 'A', en: 'A', name: 'A' },
  B: { zh: 'B', en: 'B', name: 'B' },
  C: { zh: 'C', en: 'C', name: 'C' },
};

/** Depth labels: Roman numerals Ⅰ Ⅱ Ⅲ in Chinese, ASCII I II III in English. */
export const DEPTH_LABELS: Readonly<Record<Depth, BandLabel>> = {
  I: { zh: 'Ⅰ', en: 'I', name: 'I' },
  II: { zh: 'Ⅱ', en: 'II', name: 'II' },
  III: { zh: 'Ⅲ', en: 'III', name: 'III' },
};

/** The label of a colour in a language. */
export function colourLabel(colour: Colour, lang: Lang = 'zh'): string {
  return COLOUR_LABELS[colour][lang];
}

/** The label of a depth class in a language. */
export function depthLabel(depth: Depth, lang: Lang = 'zh'): string {
  return DEPTH_LABELS[depth][lang];
}

function lookup<K extends string>(labels: Readonly<Record<K, BandLabel>>, keys: readonly K[]): Map<string, K> {
  const map = new Map<string, K>();
  for (const key of keys) {
    const label = labels[key];
    for (const text of [key, label.zh, label.en, label.name]) map.set(foldLabel(text), key);
  }
  return map;
}

const COLOUR_LOOKUP = lookup(COLOUR_LABELS, COLOURS);
const SCALE_LOOKUP = lookup(SCALE_LABELS, SCALES);
// NFKC turns Ⅰ Ⅱ Ⅲ into I II III, so the Roman-numeral characters fold onto the ASCII keys.
const DEPTH_LOOKUP = lookup(DEPTH_LABELS, DEPTHS);

/** A colour from any of its labels (`深蓝`, `DeepBlue`, `deep blue`, `deepBlue`); null if unknown. */
export function parseColour(text: string): Colour | null {
  return COLOUR_LOOKUP.get(foldLabel(text)) ?? null;
}

/** A scale class from `A`/`B`/`C` (any case, full-width too); null if unknown. */
export function parseScale(text: string): Scale | null {
  return SCALE_LOOKUP.get(foldLabel(text)) ?? null;
}

/** A depth class from `Ⅰ`/`Ⅱ`/`Ⅲ` or `I`/`II`/`III`; null if unknown. */
export function parseDepth(text: string): Depth | null {
  return DEPTH_LOOKUP.get(foldLabel(text)) ?? null;
}
