/**
 * A rule table from a sheet range (CONTRACT.md §2): a key column and a value column, further
 * columns ignored, a first row whose value is not a number taken as a header.
 *
 * @packageDocumentation
 */
import { channelTypesFromEntries, isTypesKey } from './channelTypeLists';
import type { CellInput } from './readNumber';
import { parseNumberText } from './readNumber';
import { validateRuleSet, type RuleValidation } from './validateRuleSet';

function isNumberLike(v: CellInput): boolean {
  return typeof v === 'number' || (typeof v === 'string' && parseNumberText(v) !== null);
}

function isBlank(v: CellInput): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * Reads a rules range into a validated rule set. Blank rows are skipped; a missing key takes the
 * default; an unknown key, a value that is not a number or thresholds out of order are problems
 * naming the key. Keys `types.<channel>` carry the channel-type lists (RULES.md §14; words separated
 * by 、 or commas); a channel left out keeps its shipped list.
 */
export function rulesFromRange(rows: readonly (readonly CellInput[])[]): RuleValidation {
  const parameters: Record<string, CellInput> = {};
  const types: [string, CellInput][] = [];
  rows.forEach((row, i) => {
    const key = row[0];
    const value = row[1];
    if (isBlank(key) && isBlank(value)) return;
    if (i === 0 && !isNumberLike(value ?? null)) return;
    const k = String(key).trim();
    if (isTypesKey(k)) types.push([k, value ?? null]);
    else parameters[k] = value ?? null;
  });
  const v = validateRuleSet({ parameters });
  const t = channelTypesFromEntries(types);
  if (!v.ok) return { ok: false, problems: [...v.problems, ...t.problems] };
  if (t.problems.length > 0) return { ok: false, problems: t.problems };
  return t.lists === undefined ? v : { ...v, rules: { ...v.rules, channelTypes: t.lists } };
}
