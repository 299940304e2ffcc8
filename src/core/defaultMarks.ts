/**
 * Which values a grading shows are [default]s of this book, not policy (RULES.md §12: notices and the
 * manager's report mark every [default] — thresholds, resource items 3–11, review actions and management
 * levels — as the rule sheet does). A value is a default when it is the shipped one: a company that set
 * its own value has made it policy, and it is shown unmarked.
 *
 * @packageDocumentation
 */
import { DEFAULT_COMPILED, type CompiledRules } from './compileRules';
import type { Bilingual, Lang } from './lang';
import { PARAMETERS, type ParameterKey } from './ruleSet';

/** The mark beside a default value. */
export const DEFAULT_MARK: Bilingual = { zh: '〔默认〕', en: '[default]' };

/** The line that explains the mark, for the foot of a notice or a report. */
export const DEFAULT_MARK_NOTE: Bilingual = {
  zh: '〔默认〕为本加载项的默认值（非文件规定、非政策，可在分级规则中修改）',
  en: '[default]: a default of this add-in (not stated by the documents, not policy; editable in the rules)',
};

function sameText(a: Bilingual | null | undefined, b: Bilingual | null | undefined): boolean {
  return a !== null && a !== undefined && b !== null && b !== undefined && a.zh === b.zh && a.en === b.en;
}

/** Whether resource item `item` (1..11) of a class is a default: items 3–11 as shipped (items 1–2 are the documents'). */
export function isDefaultOutcome(rules: CompiledRules, classIndex: number, item: number): boolean {
  if (item < 3) return false;
  return sameText(rules.outcomes[classIndex - 1]?.[item - 1], DEFAULT_COMPILED.outcomes[classIndex - 1]?.[item - 1]);
}

/** Whether a class's review action (检视措施) is the shipped default. */
export function isDefaultReviewAction(rules: CompiledRules, classIndex: number): boolean {
  return sameText(rules.review[classIndex - 1], DEFAULT_COMPILED.review[classIndex - 1]);
}

/** Whether a class's management level is the shipped default. */
export function isDefaultManagementLevel(rules: CompiledRules, classIndex: number): boolean {
  return sameText(rules.management[classIndex - 1], DEFAULT_COMPILED.management[classIndex - 1]);
}

/** Whether a parameter (a threshold) is a default: its basis is [default] and it has the shipped value. */
export function isDefaultParameter(rules: CompiledRules, key: ParameterKey): boolean {
  const p = PARAMETERS.find((x) => x.key === key);
  return p !== undefined && p.basis === 'default' && rules.rules.parameters[key] === p.defaultValue;
}

/** `text` with the default mark after it when `isDefault`. */
export function withDefaultMark(text: string, isDefault: boolean, lang: Lang): string {
  return isDefault ? `${text} ${DEFAULT_MARK[lang]}` : text;
}
