/**
 * The 45 channel classes: colour × scale × depth, their index 1..45 and their labels (RULES.md §3).
 *
 * @packageDocumentation
 */
import {
  COLOURS,
  COLOUR_LABELS,
  DEPTHS,
  DEPTH_LABELS,
  SCALES,
  parseColour,
  parseDepth,
  parseScale,
  type Colour,
  type Depth,
  type Scale,
} from './bands';
import type { Lang } from './lang';

/** A channel class: one colour, one scale class and one depth class. */
export interface ChannelClass {
  readonly colour: Colour;
  readonly scale: Scale;
  readonly depth: Depth;
}

/** Number of classes: 5 colours × 3 scales × 3 depths (RULES.md §3). */
export const CLASS_COUNT = 45;

/**
 * The class index 1..45, colour-major and best first: colour×9 + scale×3 + depth + 1
 * (RULES.md §3). `深蓝-A-Ⅰ` is 1 and `深红-C-Ⅲ` is 45.
 */
export function classIndex(c: ChannelClass): number {
  return COLOURS.indexOf(c.colour) * 9 + SCALES.indexOf(c.scale) * 3 + DEPTHS.indexOf(c.depth) + 1;
}

/** The index from band ordinals (0-based), without building a class object: the hot path's form. */
export function classIndexOf(colour: number, scale: number, depth: number): number {
  return colour * 9 + scale * 3 + depth + 1;
}

/** The class of an index 1..45; null for anything else. */
export function classOfIndex(index: number): ChannelClass | null {
  if (!Number.isInteger(index) || index < 1 || index > CLASS_COUNT) return null;
  return ALL_CLASSES[index - 1] ?? null;
}

/** All 45 classes in index order. */
export const ALL_CLASSES: readonly ChannelClass[] = COLOURS.flatMap((colour) =>
  SCALES.flatMap((scale) => DEPTHS.map((depth) => ({ colour, scale, depth }))),
);

/**
 * The label of a class: `深蓝-A-Ⅰ` (Chinese, canonical) or `DeepBlue-A-I` (English). The language
 * is the caller's choice, never the Office display language (RULES.md §3).
 */
export function classLabel(c: ChannelClass, lang: Lang = 'zh'): string {
  return `${COLOUR_LABELS[c.colour][lang]}-${c.scale}-${DEPTH_LABELS[c.depth][lang]}`;
}

const LABELS_BY_INDEX: Readonly<Record<Lang, readonly string[]>> = {
  zh: ALL_CLASSES.map((c) => classLabel(c, 'zh')),
  en: ALL_CLASSES.map((c) => classLabel(c, 'en')),
};

/** The label of class index 1..45 in a language (precomputed; for the hot path). */
export function labelOfIndex(index: number, lang: Lang = 'zh'): string {
  const label = LABELS_BY_INDEX[lang][index - 1];
  if (label === undefined) throw new RangeError(`class index ${index} is not 1..45`);
  return label;
}

/**
 * A class from its label in either language, or mixed: `深蓝-A-Ⅰ`, `DeepBlue-A-I`, `deep blue - a - i`,
 * full-width characters and dashes too. Null when it is not a class label.
 */
export function parseClassLabel(text: string): ChannelClass | null {
  const parts = text
    .normalize('NFKC')
    .trim()
    .split(/\s*[-‐‑‒–—―－·・/]\s*/);
  if (parts.length !== 3) return null;
  const [c, s, d] = parts as [string, string, string];
  const colour = parseColour(c);
  const scale = parseScale(s);
  const depth = parseDepth(d);
  return colour && scale && depth ? { colour, scale, depth } : null;
}
