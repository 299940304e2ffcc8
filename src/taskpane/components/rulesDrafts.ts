/* The Rules tab's drafts: thresholds as typed, read as a cell would read them, validated, and said in words. */
import {
  PARAMETERS,
  readNumber,
  validateRuleSet,
  type Lang,
  type ParameterInfo,
  type ParameterKey,
  type ResourceRule,
  type RuleProblem,
  type RuleSet,
} from '../../core';
import { bi } from '../labels';

export type Drafts = Record<ParameterKey, string>;

/** A threshold as the user reads it: percentages with %, amounts with separators. */
export function shownValue(p: ParameterInfo, v: number): string {
  return p.kind === 'percent' ? `${+(v * 100).toPrecision(15)}%` : String(v);
}

export function shown(rules: RuleSet): Drafts {
  return Object.fromEntries(PARAMETERS.map((p) => [p.key, shownValue(p, rules.parameters[p.key])])) as Drafts;
}

const BY_KEY = new Map(PARAMETERS.map((p) => [p.key as string, p]));
const KEY_PATTERN = new RegExp(
  `(${PARAMETERS.map((p) => p.key.replace(/\./g, '\\.')).join('|')})(?:\\s*[（(]([^）)]*)[）)])?`,
  'g',
);

/** A validation message in words: rule keys become their labels and values show as the user typed them. */
function inWords(text: string, lang: Lang): string {
  return text.replace(KEY_PATTERN, (_, key: string, value: string | undefined) => {
    const p = BY_KEY.get(key);
    if (!p) return key;
    const n = value === undefined ? null : Number(value);
    const v = n !== null && Number.isFinite(n) ? shownValue(p, n) : value;
    const label = `“${p.label[lang]}”`;
    return v === undefined ? label : lang === 'zh' ? `${label}（${v}）` : `${label} (${v})`;
  });
}

export function problemText(p: RuleProblem, lang: Lang): string {
  return bi(lang, inWords(p.message.zh, 'zh'), inWords(p.message.en, 'en'));
}

export function sameProblem(a: RuleProblem, b: RuleProblem): boolean {
  return a.field === b.field && a.message.zh === b.message.zh;
}

/**
 * The rule set the drafts make: typed numbers read as a cell would be (so 90% and 0.9 are the same),
 * then validated; with `revert`, that field is taken as it was in `base`.
 */
export function candidateOf(base: RuleSet, drafts: Drafts, revert?: ParameterKey): ReturnType<typeof validateRuleSet> {
  const parameters: Record<string, unknown> = { ...base.parameters };
  for (const p of PARAMETERS) {
    if (p.key === revert) continue;
    const read = readNumber(drafts[p.key].trim(), 'value');
    parameters[p.key] = typeof read === 'number' ? read : drafts[p.key];
  }
  return validateRuleSet({ ...base, parameters });
}

/** The name a changed rule set takes while the user has not named it. */
export const CUSTOM_NAME = '自定义规则 Custom rules';

/** Sets or clears a rule's action text (the same text in both languages: it is the user's own). */
export function withAction(rule: ResourceRule, text: string): ResourceRule {
  const rest: ResourceRule = {
    item: rule.item,
    colours: rule.colours,
    scales: rule.scales,
    depths: rule.depths,
    outcome: rule.outcome,
    basis: 'custom',
  };
  return text.trim() === '' ? rest : { ...rest, action: { zh: text, en: text } };
}
