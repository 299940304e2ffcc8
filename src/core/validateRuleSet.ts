/**
 * Validation of a rule set from anywhere (JSON, a rules range, the pane's editor): every field is
 * checked, every problem is reported with the key it concerns, and a valid input comes back
 * normalized (RULES.md §10, CONTRACT.md §2).
 *
 * @packageDocumentation
 */
import {
  COLOURS,
  DEPTHS,
  SCALES,
  parseColour,
  parseDepth,
  parseScale,
  type Colour,
  type Depth,
  type Scale,
} from './bands';
import type { RuleProblem } from './errors';
import type { Bilingual } from './lang';
import { showNumber, showPercent } from './problem';
import { readNumber } from './readNumber';
import { migrateOldResources, MIGRATION_WARNING, resourceNumberingOf } from './migrateRules';
import { channelTypeProblems, type ChannelTypeList } from './channelBoundary';
import { RESOURCE_ITEM_COUNT, outcomeOf, type ResourceItemNo } from './resourceItems';
import {
  DEFAULT_ACTIONS,
  DEFAULT_RULES,
  ITEM_NUMBERING,
  PARAMETER_KEYS,
  type AnyOf,
  type Basis,
  type MatchRule,
  type ParameterKey,
  type ResourceRule,
  type RuleSet,
} from './ruleSet';

/**
 * A validated, normalized rule set with any warnings (e.g. that it was migrated from the old item
 * numbering), or every problem found.
 */
export type RuleValidation =
  | { readonly ok: true; readonly rules: RuleSet; readonly warnings: readonly Bilingual[] }
  | { readonly ok: false; readonly problems: readonly RuleProblem[] };

const TOP_KEYS = new Set([
  'channelTypes',
  'name',
  'version',
  'parameters',
  'resources',
  'management',
  'review',
  'numbering',
]);
const ROW_KEYS = new Set(['item', 'colours', 'scales', 'depths', 'outcome', 'basis', 'action']);
const BASES: readonly Basis[] = ['doc', 'default', 'custom'];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

class Collector {
  readonly problems: RuleProblem[] = [];
  add(field: string, zh: string, en: string): void {
    this.problems.push({ field, message: { zh, en } });
  }
}

function parseList<T extends string>(
  value: unknown,
  field: string,
  all: readonly T[],
  parse: (s: string) => T | null,
  what: Bilingual,
  out: Collector,
): AnyOf<T> | null {
  let items: unknown[];
  if (value === '*' || value === undefined || value === null || (typeof value === 'string' && value.trim() === '*'))
    return '*';
  if (typeof value === 'string') items = value.split(/[,，、;；\s]+/).filter((s) => s !== '');
  else if (Array.isArray(value)) items = value;
  else {
    out.add(field, `应为${what.zh}列表或 *`, `must be a list of ${what.en} or *`);
    return null;
  }
  const found = new Set<T>();
  for (const item of items) {
    const key = typeof item === 'string' ? parse(item) : null;
    if (key === null) {
      out.add(field, `“${String(item)}”不是${what.zh}`, `"${String(item)}" is not a ${what.en}`);
      return null;
    }
    found.add(key);
  }
  if (found.size === 0) {
    out.add(field, '列表为空，匹配不到任何渠道', 'the list is empty and matches nothing');
    return null;
  }
  if (found.size === all.length) return '*';
  return all.filter((k) => found.has(k));
}

function parseOutcome(value: unknown, field: string, out: Collector): Bilingual | null {
  if (typeof value === 'string' && value.trim() !== '') return outcomeOf(value);
  if (isRecord(value) && typeof value.zh === 'string' && value.zh.trim() !== '') {
    const en = typeof value.en === 'string' && value.en.trim() !== '' ? value.en.trim() : value.zh.trim();
    return { zh: value.zh.trim(), en };
  }
  out.add(field, '结果不能为空', 'the outcome must be a non-empty text');
  return null;
}

function parseAction(value: unknown, field: string, out: Collector): Bilingual | null | undefined {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
  if (typeof value === 'string' && value.length <= 500) {
    const t = value.trim();
    // A shipped action read back from a sheet in either language keeps both languages.
    return Object.values(DEFAULT_ACTIONS).find((a) => a.zh === t || a.en === t) ?? { zh: t, en: t };
  }
  if (isRecord(value) && typeof value.zh === 'string' && value.zh.trim() !== '' && value.zh.length <= 500) {
    const en = typeof value.en === 'string' && value.en.trim() !== '' ? value.en.trim() : value.zh.trim();
    return { zh: value.zh.trim(), en };
  }
  out.add(field, '措施应为 500 字以内的文字', 'the action must be a text of at most 500 characters');
  return null;
}

function parseMatchRow(raw: unknown, field: string, out: Collector): MatchRule | null {
  if (!isRecord(raw)) {
    out.add(field, '应为一行规则（对象）', 'must be a rule row (an object)');
    return null;
  }
  for (const key of Object.keys(raw)) {
    if (!ROW_KEYS.has(key)) out.add(`${field}.${key}`, '未知字段', 'unknown field');
  }
  const colours = parseList<Colour>(
    raw.colours,
    `${field}.colours`,
    COLOURS,
    parseColour,
    { zh: '颜色', en: 'colour' },
    out,
  );
  const scales = parseList<Scale>(
    raw.scales,
    `${field}.scales`,
    SCALES,
    parseScale,
    { zh: '规模类别', en: 'scale class' },
    out,
  );
  const depths = parseList<Depth>(
    raw.depths,
    `${field}.depths`,
    DEPTHS,
    parseDepth,
    { zh: '深度类别', en: 'depth class' },
    out,
  );
  const outcome = parseOutcome(raw.outcome, `${field}.outcome`, out);
  let basis: Basis = 'custom';
  if (raw.basis !== undefined) {
    if (BASES.includes(raw.basis as Basis)) basis = raw.basis as Basis;
    else out.add(`${field}.basis`, '应为 doc、default 或 custom', 'must be doc, default or custom');
  }
  if (!colours || !scales || !depths || !outcome) return null;
  return { colours, scales, depths, outcome, basis };
}

function isCatchAll(r: MatchRule): boolean {
  return r.colours === '*' && r.scales === '*' && r.depths === '*';
}

/** Checks that a first-match list ends in one catch-all, with nothing unreachable after it. */
function checkCatchAll(rows: readonly { rule: MatchRule; field: string }[], field: string, out: Collector): void {
  const at = rows.findIndex((r) => isCatchAll(r.rule));
  if (at < 0) {
    out.add(
      field,
      '缺少兜底行（*,*,*），部分分类没有结果',
      'has no catch-all row (*,*,*): some classes get no outcome',
    );
    return;
  }
  for (const later of rows.slice(at + 1)) {
    out.add(later.field, '位于兜底行之后，永远不会生效', 'comes after the catch-all row and can never apply');
  }
}

function checkParameters(raw: unknown, out: Collector): Record<ParameterKey, number> {
  const params: Record<ParameterKey, number> = { ...DEFAULT_RULES.parameters };
  if (raw === undefined) return params;
  if (!isRecord(raw)) {
    out.add('parameters', '应为“键 → 数值”的对象', 'must be an object of key → number');
    return params;
  }
  for (const [key, value] of Object.entries(raw)) {
    if (!(PARAMETER_KEYS as readonly string[]).includes(key)) {
      out.add(key, '未知的规则键', 'unknown rule key');
      continue;
    }
    const x = typeof value === 'number' || typeof value === 'string' ? readNumber(value, 'value') : null;
    if (typeof x !== 'number') {
      out.add(key, `值“${String(value)}”不是数字`, `value "${String(value)}" is not a number`);
      continue;
    }
    params[key as ParameterKey] = x;
  }
  const p = params;
  const increasing: [ParameterKey, ParameterKey][] = [
    ['cost.deepBlue.max', 'cost.blue.max'],
    ['cost.blue.max', 'cost.yellow.max'],
    ['cost.yellow.max', 'cost.lightRed.max'],
  ];
  if (!(p['cost.deepBlue.max'] > 0)) out.add('cost.deepBlue.max', '必须大于 0', 'must be greater than 0');
  // A ratio typed as a whole number (90 for 90%) would grade almost everything deep blue without a
  // word (issue 13 point 5); no cost threshold above 500% or depth threshold above 100% is meant.
  const percentTyped = (key: ParameterKey, limit: number): void => {
    const v = p[key];
    if (!(v > limit)) return;
    const pct = showPercent(v);
    const meant = showNumber(v / 100);
    out.add(
      key,
      `${showNumber(v)} 表示 ${pct}；比率请填小数，如 ${meant}（或 ${showNumber(v)}%）`,
      `${showNumber(v)} means ${pct}; enter a ratio as a decimal such as ${meant} (or ${showNumber(v)}%)`,
    );
    ratioTyped.add(key);
  };
  const ratioTyped = new Set<ParameterKey>();
  for (const key of ['cost.deepBlue.max', 'cost.blue.max', 'cost.yellow.max', 'cost.lightRed.max'] as const)
    percentTyped(key, 5);
  for (const key of ['depth.I.min', 'depth.II.min'] as const) percentTyped(key, 1);
  for (const [lo, hi] of increasing) {
    if (!(p[hi] > p[lo])) out.add(hi, `必须大于 ${lo}（${p[lo]}）`, `must be greater than ${lo} (${p[lo]})`);
  }
  const decreasing: [ParameterKey, ParameterKey][] = [
    ['scale.A.min', 'scale.B.min'],
    ['depth.I.min', 'depth.II.min'],
  ];
  for (const [hi, lo] of decreasing) {
    if (!(p[lo] > 0)) out.add(lo, '必须大于 0', 'must be greater than 0');
    if (!(p[hi] > p[lo])) out.add(hi, `必须大于 ${lo}（${p[lo]}）`, `must be greater than ${lo} (${p[lo]})`);
  }
  if (p['depth.I.min'] > 1 && !ratioTyped.has('depth.I.min'))
    out.add('depth.I.min', '不能超过 100%', 'cannot exceed 100%');
  if (p['premium.unit'] !== 1 && p['premium.unit'] !== 10000) {
    out.add('premium.unit', '只能是 1（元）或 10000（万元）', 'must be 1 (yuan) or 10000 (10,000 yuan)');
  }
  return params;
}

function checkText(raw: unknown, field: string, fallback: string, out: Collector): string {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || raw.length > 200) {
    out.add(field, '应为 200 字以内的文字', 'must be a text of at most 200 characters');
    return fallback;
  }
  return raw.trim();
}

function checkRows(raw: unknown, field: string, out: Collector): unknown[] | null {
  if (raw === undefined) return null;
  if (!Array.isArray(raw)) {
    out.add(field, '应为规则行的列表', 'must be a list of rule rows');
    return null;
  }
  return raw as unknown[];
}

function checkResources(raw: unknown, out: Collector): readonly ResourceRule[] | null {
  const rows = checkRows(raw, 'resources', out);
  if (rows === null) return null;
  const result: ResourceRule[] = [];
  const byItem = new Map<number, { rule: MatchRule; field: string }[]>();
  rows.forEach((r, i) => {
    const field = `resources[${i + 1}]`;
    const itemRaw = isRecord(r) ? r.item : undefined;
    const itemNo = typeof itemRaw === 'string' ? Number(itemRaw) : itemRaw;
    const rule = parseMatchRow(r, field, out);
    if (typeof itemNo !== 'number' || !Number.isInteger(itemNo) || itemNo < 1 || itemNo > RESOURCE_ITEM_COUNT) {
      out.add(`${field}.item`, '应为 1 至 11 的资源项目编号', 'must be a resource item number from 1 to 11');
      return;
    }
    const action = isRecord(r) ? parseAction(r.action, `${field}.action`, out) : undefined;
    if (!rule || action === null) return;
    const item = itemNo as ResourceItemNo;
    result.push(action === undefined ? { item, ...rule } : { item, ...rule, action });
    const list = byItem.get(item) ?? [];
    list.push({ rule, field });
    byItem.set(item, list);
  });
  for (let item = 1; item <= RESOURCE_ITEM_COUNT; item++) {
    checkCatchAll(byItem.get(item) ?? [], `resources(item ${item})`, out);
  }
  return result;
}

function checkMatchList(raw: unknown, name: 'management' | 'review', out: Collector): readonly MatchRule[] | null {
  const rows = checkRows(raw, name, out);
  if (rows === null) return null;
  const parsed: { rule: MatchRule; field: string }[] = [];
  rows.forEach((r, i) => {
    const field = `${name}[${i + 1}]`;
    const rule = parseMatchRow(r, field, out);
    if (rule) parsed.push({ rule, field });
  });
  checkCatchAll(parsed, name, out);
  return parsed.map((p) => p.rule);
}

/**
 * Validates a rule set from untrusted input (parsed JSON or a rules range turned into an object).
 * Missing parts take the shipped defaults (CONTRACT.md §2); unknown keys, values that are not
 * numbers, thresholds out of order, unknown band names, an item without a catch-all or a row that
 * can never apply are each a problem naming its field. A resource matrix in the old item numbering
 * (no `numbering: 2`, see `resourceNumberingOf`) is migrated to RULES.md §6 and the result carries a
 * warning saying so. Never throws.
 */
/** The channel-type lists of a rules file, each problem named on the field `channelTypes`. */
function checkChannelTypes(input: unknown, out: Collector): readonly ChannelTypeList[] | undefined {
  const problems = channelTypeProblems(input);
  for (const p of problems) out.add('channelTypes', p.zh, p.en);
  return problems.length === 0 ? (input as readonly ChannelTypeList[]) : undefined;
}

export function validateRuleSet(input: unknown): RuleValidation {
  const out = new Collector();
  if (!isRecord(input)) {
    return {
      ok: false,
      problems: [{ field: '(rules)', message: { zh: '规则应为对象', en: 'rules must be an object' } }],
    };
  }
  for (const key of Object.keys(input)) {
    if (!TOP_KEYS.has(key)) out.add(key, '未知字段', 'unknown field');
  }
  let numbering: 1 | 2 = ITEM_NUMBERING;
  if (input.numbering !== undefined) {
    if (input.numbering === 1 || input.numbering === 2) numbering = input.numbering;
    else out.add('numbering', '应为 1（旧编号）或 2（现行编号）', 'must be 1 (old numbering) or 2 (current numbering)');
  } else if (Array.isArray(input.resources)) {
    numbering = resourceNumberingOf(input.resources);
  }
  const resources = checkResources(input.resources, out);
  const management = checkMatchList(input.management, 'management', out);
  let review = checkMatchList(input.review, 'review', out);
  const warnings: Bilingual[] = [];
  let migrated: readonly ResourceRule[] | null = resources;
  if (resources !== null && numbering === 1 && out.problems.length === 0) {
    const m = migrateOldResources(resources);
    migrated = m.resources;
    if (review === null) review = m.review;
    warnings.push(MIGRATION_WARNING);
  }
  const rules: RuleSet = {
    name: checkText(input.name, 'name', '自定义规则 Custom rules', out),
    version: checkText(input.version, 'version', '1', out),
    parameters: checkParameters(input.parameters, out),
    resources: migrated ?? DEFAULT_RULES.resources,
    management: management ?? DEFAULT_RULES.management,
    review: review ?? DEFAULT_RULES.review,
    numbering: ITEM_NUMBERING,
    // The channel-type lists (RULES.md §14) travel with the rules when a file gives its own.
    ...(input.channelTypes !== undefined ? { channelTypes: checkChannelTypes(input.channelTypes, out) } : {}),
  };
  return out.problems.length > 0 ? { ok: false, problems: out.problems } : { ok: true, rules, warnings };
}
