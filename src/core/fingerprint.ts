/**
 * The rule-set fingerprint: a short, stable hash of what decides grades, so a graded sheet can say
 * which rules graded it (RULES.md §10).
 *
 * @packageDocumentation
 */
import { showNumber } from './problem';
import type { CellInput } from './readNumber';
import { PARAMETER_KEYS, type AnyOf, type MatchRule, type RuleSet } from './ruleSet';

function list<T extends string>(x: AnyOf<T>): string {
  return x === '*' ? '*' : x.join(',');
}

function matchText(r: MatchRule): string {
  return `${list(r.colours)}|${list(r.scales)}|${list(r.depths)}|${r.outcome.zh}|${r.outcome.en}`;
}

/**
 * The normalized text of a rule set: parameters in key order at 15 significant digits, then every
 * resource row (with its action text), management row and review row in order. Name, version and
 * each row's basis are left out: they do not change what the sheet shows.
 */
export function normalizedRules(rules: RuleSet): string {
  const params = PARAMETER_KEYS.map((k) => `${k}=${showNumber(rules.parameters[k])}`);
  const resources = rules.resources.map(
    (r) => `R${r.item}:${matchText(r)}${r.action ? `|A:${r.action.zh}|${r.action.en}` : ''}`,
  );
  const management = rules.management.map((r) => `M:${matchText(r)}`);
  const review = rules.review.map((r) => `V:${matchText(r)}`);
  return ['qd-rules/2', ...params, ...resources, ...management, ...review].join('\n');
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;

/** FNV-1a, 64-bit, over the UTF-8 bytes of a text. */
function fnv1a64(text: string): bigint {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    h = ((h ^ BigInt(byte)) * FNV_PRIME) & MASK64;
  }
  return h;
}

/**
 * The fingerprint of a rule set: 12 hex digits of FNV-1a-64 over its normalized text. Equal rules
 * give equal fingerprints on every machine; any change to a threshold or a row changes it.
 */
export function ruleFingerprint(rules: RuleSet): string {
  return fnv1a64(normalizedRules(rules)).toString(16).padStart(16, '0').slice(0, 12);
}

function fnv1a32(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The fingerprint of one input row as read (12 hex digits): any change to a cell's value or type
 * changes it, so the review can warn that a row changed after grading. Two FNV-1a-32 passes over
 * UTF-16 code units, fast enough for 100,000 rows; a change check, not a security measure.
 */
export function rowFingerprint(cells: readonly CellInput[]): string {
  let text = '';
  for (const v of cells) {
    const shown = v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : String(v);
    text += `${typeof v}:${shown}\u001f`;
  }
  const a = fnv1a32(text, 0x811c9dc5).toString(16).padStart(8, '0');
  const b = fnv1a32(text, 0x9dc5811c).toString(16).padStart(8, '0');
  return (a + b).slice(0, 12);
}
