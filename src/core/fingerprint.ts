/**
 * The rule-set fingerprint: a short, stable hash of what decides grades, so a graded sheet can say
 * which rules graded it (RULES.md §10).
 *
 * @packageDocumentation
 */
import { showNumber } from './problem';
import { PARAMETER_KEYS, type AnyOf, type MatchRule, type RuleSet } from './ruleSet';

function list<T extends string>(x: AnyOf<T>): string {
  return x === '*' ? '*' : x.join(',');
}

function matchText(r: MatchRule): string {
  return `${list(r.colours)}|${list(r.scales)}|${list(r.depths)}|${r.outcome.zh}|${r.outcome.en}`;
}

/**
 * The normalized text of a rule set: parameters in key order at 15 significant digits, then every
 * resource and management row in order. Name, version and each row's basis are left out: they do
 * not change a grade.
 */
export function normalizedRules(rules: RuleSet): string {
  const params = PARAMETER_KEYS.map((k) => `${k}=${showNumber(rules.parameters[k])}`);
  const resources = rules.resources.map((r) => `R${r.item}:${matchText(r)}`);
  const management = rules.management.map((r) => `M:${matchText(r)}`);
  return ['qd-rules/1', ...params, ...resources, ...management].join('\n');
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
