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

// FNV-1a-64 in plain integer arithmetic (the functions run where there is no BigInt and no
// TextEncoder: the custom-functions runtime of perpetual Office, ECMAScript 2016): the 64-bit hash as
// four 16-bit limbs, least significant first. Every partial product is below 2^34, exact in a double.
const FNV_OFFSET_LIMBS: readonly number[] = [0x2325, 0x8422, 0x9ce4, 0xcbf2];
/** The FNV-64 prime 0x100000001b3 as 16-bit limbs: 0x01b3 + 0x0100 · 2^32. */
const PRIME_LOW = 0x01b3;
const PRIME_HIGH = 0x0100;

/** h ← (h ^ byte) · prime mod 2^64, on the limbs in place. */
function fnvStep(h: number[], byte: number): void {
  const h0 = (h[0] as number) ^ byte;
  const h1 = h[1] as number;
  const h2 = h[2] as number;
  const h3 = h[3] as number;
  // The prime's limbs are [0x01b3, 0, 0x0100, 0]: limb k of the product gathers h_i · p_(k-i).
  let t = h0 * PRIME_LOW;
  h[0] = t & 0xffff;
  t = h1 * PRIME_LOW + Math.floor(t / 0x10000);
  h[1] = t & 0xffff;
  t = h2 * PRIME_LOW + h0 * PRIME_HIGH + Math.floor(t / 0x10000);
  h[2] = t & 0xffff;
  t = h3 * PRIME_LOW + h1 * PRIME_HIGH + Math.floor(t / 0x10000);
  h[3] = t & 0xffff;
}

/**
 * FNV-1a, 64-bit, over the UTF-8 bytes of a text (a lone surrogate as U+FFFD, as TextEncoder
 * encodes it), as 16 hex digits.
 */
export function fnv1a64Hex(text: string): string {
  const h = [...FNV_OFFSET_LIMBS];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + (c - 0xd800) * 0x400 + (next - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xdc00 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) fnvStep(h, c);
    else if (c < 0x800) {
      fnvStep(h, 0xc0 | (c >> 6));
      fnvStep(h, 0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      fnvStep(h, 0xe0 | (c >> 12));
      fnvStep(h, 0x80 | ((c >> 6) & 0x3f));
      fnvStep(h, 0x80 | (c & 0x3f));
    } else {
      fnvStep(h, 0xf0 | (c >> 18));
      fnvStep(h, 0x80 | ((c >> 12) & 0x3f));
      fnvStep(h, 0x80 | ((c >> 6) & 0x3f));
      fnvStep(h, 0x80 | (c & 0x3f));
    }
  }
  let hex = '';
  for (let k = 3; k >= 0; k--) hex += `000${(h[k] as number).toString(16)}`.slice(-4);
  return hex;
}

/**
 * The fingerprint of a rule set: 12 hex digits of FNV-1a-64 over its normalized text. Equal rules
 * give equal fingerprints on every machine; any change to a threshold or a row changes it.
 */
export function ruleFingerprint(rules: RuleSet): string {
  return fnv1a64Hex(normalizedRules(rules)).slice(0, 12);
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
  const a = `0000000${fnv1a32(text, 0x811c9dc5).toString(16)}`.slice(-8);
  const b = `0000000${fnv1a32(text, 0x9dc5811c).toString(16)}`.slice(-8);
  return (a + b).slice(0, 12);
}
