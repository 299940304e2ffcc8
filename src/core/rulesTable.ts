/**
 * The rule table and the resource matrix as sheet rows, and back (CONTRACT.md §2).
 *
 * @packageDocumentation
 */
import { COLOURS, COLOUR_LABELS, DEPTHS, DEPTH_LABELS, SCALES } from './bands';
import { channelTypeTableRows } from './channelTypeLists';
import { foldLabel, type Lang } from './lang';
import { resourceNumberingOf } from './migrateRules';
import { parseNumberText, type CellInput } from './readNumber';
import { REVIEW_ACTION_NAME } from './resourceItems';
import { PARAMETERS, type AnyOf, type RuleSet } from './ruleSet';
import { validateRuleSet, type RuleValidation } from './validateRuleSet';

/** Basis labels shown beside each parameter: a default is not policy (RULES.md intro). */
const BASIS_LABELS = {
  doc: { zh: '文件规定', en: 'stated by the documents' },
  default: { zh: '默认值（非政策，可修改）', en: 'default, not policy (editable)' },
  custom: { zh: '自定义', en: 'custom' },
} as const;

/**
 * The parameters of a rule set as rows with a header: key, value, description — the range
 * `QD.RULES` spills and the `分级规则` sheet holds, ready to paste and edit. A rule set with its own
 * channel-type lists adds one row per channel (`types.teleOnline` → `电话销售、网销平台、…`, RULES.md §14),
 * each marked default or custom; one with the shipped lists adds none, so its table stays as it was.
 */
export function rulesTableRows(rules: RuleSet, lang: Lang = 'zh'): (string | number)[][] {
  const header = lang === 'zh' ? ['键 key', '值 value', '说明 description'] : ['key', 'value', 'description'];
  return [
    header,
    ...PARAMETERS.map((p) => {
      const value = rules.parameters[p.key];
      const basis = value === p.defaultValue ? BASIS_LABELS[p.basis] : BASIS_LABELS.custom;
      return [p.key, value, `${p.label[lang]} — ${basis[lang]}`];
    }),
    ...channelTypeTableRows(rules).map(({ key, text, row }) => {
      const basis = row.isDefault ? BASIS_LABELS.default : BASIS_LABELS.custom;
      const what = lang === 'zh' ? `属于${row.label.zh}的渠道类型词` : `channel-type words of ${row.label.en}`;
      return [key, text, `${what} — ${basis[lang]}`];
    }),
  ];
}

function listText<T extends string>(set: AnyOf<T>, all: readonly T[], label: (k: T) => string): string {
  return set === '*'
    ? '*'
    : all
        .filter((k) => set.includes(k))
        .map(label)
        .join(',');
}

/**
 * The resource matrix as rows with a header: item (RULES.md §6 numbering), colours, scales, depths,
 * outcome, action (CONTRACT.md §2; the action column is the optional concrete action text, blank
 * when a row has none), followed by the review action's rows, whose item is `检视措施` (`Review
 * action` in English), so that one range carries everything `QD.RESOURCE` and `QD.REVIEWACTION` need.
 */
export function matrixRows(rules: RuleSet, lang: Lang = 'zh'): (string | number)[][] {
  return [
    [...MATRIX_HEADER],
    ...rules.resources.map((r) => [
      r.item,
      listText(r.colours, COLOURS, (c) => COLOUR_LABELS[c][lang]),
      listText(r.scales, SCALES, (s) => s),
      listText(r.depths, DEPTHS, (d) => DEPTH_LABELS[d][lang]),
      r.outcome[lang],
      r.action?.[lang] ?? '',
    ]),
    ...rules.review.map((r) => [
      REVIEW_ACTION_NAME[lang],
      listText(r.colours, COLOURS, (c) => COLOUR_LABELS[c][lang]),
      listText(r.scales, SCALES, (s) => s),
      listText(r.depths, DEPTHS, (d) => DEPTH_LABELS[d][lang]),
      r.outcome[lang],
      '',
    ]),
  ];
}

const REVIEW_ITEM_WORDS = new Set([foldLabel(REVIEW_ACTION_NAME.zh), foldLabel(REVIEW_ACTION_NAME.en), 'review']);

function isReviewItem(v: CellInput | undefined): boolean {
  return typeof v === 'string' && REVIEW_ITEM_WORDS.has(foldLabel(v));
}

/** The header of a matrix range; a range whose header has the `action` column uses the current numbering. */
export const MATRIX_HEADER = ['item', 'colours', 'scales', 'depths', 'outcome', 'action'] as const;

function blank(v: CellInput | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * A rule set whose resource matrix comes from a sheet range (columns item, colours, scales,
 * depths, outcome and optionally action; a first row whose item is not a number is a header; blank
 * rows skipped; rows whose item is `检视措施` / `Review action` are the review action's rules) and
 * whose parameters and management are `base`'s, and its review too when the range has none. A range with the
 * `action` header is in the current numbering (RULES.md §6); one without is judged by its outcomes
 * and, if it is in the old numbering, migrated with a warning (its item 11 rows become the review
 * action). Problems name the row, counted from 1 after the header.
 */
export function rulesWithMatrixRange(rows: readonly (readonly CellInput[])[], base: RuleSet): RuleValidation {
  const body = rows.filter((row) => !row.every((v) => blank(v)));
  const first = body[0]?.[0];
  const hasHeader =
    first !== undefined &&
    !(typeof first === 'number' || (typeof first === 'string' && parseNumberText(first) !== null));
  const actionHeader = hasHeader && typeof body[0]?.[5] === 'string' && foldLabel(body[0][5]) === 'action';
  const data = hasHeader ? body.slice(1) : body;
  const reviewRows = data.filter((row) => isReviewItem(row[0]));
  const review = reviewRows.map((row) => ({
    colours: row[1] ?? '*',
    scales: row[2] ?? '*',
    depths: row[3] ?? '*',
    outcome: row[4] ?? '',
  }));
  const resources = data
    .filter((row) => !isReviewItem(row[0]))
    .map((row) => {
      const action = row[5];
      return {
        item: typeof row[0] === 'string' ? Number(row[0]) : row[0],
        colours: row[1] ?? '*',
        scales: row[2] ?? '*',
        depths: row[3] ?? '*',
        outcome: row[4] ?? '',
        ...(action !== undefined && action !== null && !blank(action) ? { action: String(action) } : {}),
      };
    });
  const numbering = actionHeader || review.length > 0 ? 2 : resourceNumberingOf(resources);
  const v = validateRuleSet({
    name: base.name,
    version: base.version,
    parameters: base.parameters,
    resources,
    management: base.management,
    ...(review.length > 0 ? { review } : numbering === 2 ? { review: base.review } : {}),
    numbering,
  });
  // The channel-type lists are validated with the parameters; validation does not carry them.
  return v.ok && base.channelTypes !== undefined ? { ...v, rules: { ...v.rules, channelTypes: base.channelTypes } } : v;
}
