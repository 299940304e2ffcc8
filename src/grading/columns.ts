/**
 * The sheet's columns (CONTRACT.md §3): input columns found by header in either language, and the
 * output columns the add-in appends and owns.
 *
 * @packageDocumentation
 */
import {
  OLD_RESOURCE_ITEM_NAMES,
  RESOURCE_ITEMS,
  REVIEW_ACTION_NAME,
  type Bilingual,
  type CellInput,
  type Lang,
} from '../core';

/** Input column keys (CONTRACT.md §3). */
export type InputKey =
  | 'channelId'
  | 'channelName'
  | 'group'
  | 'regionCode'
  | 'company'
  | 'branch'
  | 'lossRatio'
  | 'marketExpenseRatio'
  | 'nonMarketExpenseRatio'
  | 'premium'
  | 'days'
  | 'startDate'
  | 'endDate'
  | 'ownPremium'
  | 'groupOwnPremium'
  | 'previousClass'
  | 'channelType';

/** An input column: its key, headers, and whether a sheet must have it. */
export interface InputColumn {
  readonly key: InputKey;
  readonly header: Bilingual;
  readonly required: boolean;
  /** Other headers that name the same column (RULES.md §14: 渠道类型 / 中介类型). */
  readonly aliases?: readonly string[];
}

/** The input columns; days may instead come from the two dates, and prospective grading needs no days. */
export const INPUT_COLUMNS: readonly InputColumn[] = [
  { key: 'channelId', header: { zh: '渠道代码', en: 'Channel ID' }, required: true },
  { key: 'channelName', header: { zh: '渠道名称', en: 'Channel name' }, required: false },
  { key: 'group', header: { zh: '所属集团', en: 'Group' }, required: false },
  { key: 'regionCode', header: { zh: '服务区域代码', en: 'Service area code' }, required: true },
  // The second-level unit (RULES.md §4): analysts also call it 二级机构 or 所属分公司.
  {
    key: 'company',
    header: { zh: '分公司', en: 'Branch company' },
    required: false,
    aliases: ['二级机构', '所属分公司'],
  },
  { key: 'branch', header: { zh: '三级机构', en: 'Branch' }, required: false },
  { key: 'lossRatio', header: { zh: '终极赔付率', en: 'Ultimate loss ratio' }, required: true },
  { key: 'marketExpenseRatio', header: { zh: '市场费用率', en: 'Market expense ratio' }, required: true },
  { key: 'nonMarketExpenseRatio', header: { zh: '非市场费用率', en: 'Non-market expense ratio' }, required: true },
  { key: 'premium', header: { zh: '合作保费', en: 'Cooperation premium' }, required: true },
  { key: 'days', header: { zh: '合作天数', en: 'Cooperation days' }, required: true },
  { key: 'startDate', header: { zh: '合作起始日期', en: 'Start date' }, required: false },
  { key: 'endDate', header: { zh: '统计截止日期', en: 'End date' }, required: false },
  { key: 'ownPremium', header: { zh: '渠道自有保费', en: 'Own premium' }, required: true },
  { key: 'groupOwnPremium', header: { zh: '集团自有保费', en: 'Group own premium' }, required: false },
  { key: 'previousClass', header: { zh: '上期分类', en: 'Previous class' }, required: false },
  {
    key: 'channelType',
    header: { zh: '渠道类型', en: 'Channel type' },
    required: false,
    aliases: ['中介类型', 'Intermediary type'],
  },
];

/** Input columns that hold premiums, whose header may say the unit: `合作保费（万元）`. */
export const PREMIUM_KEYS: readonly InputKey[] = ['premium', 'ownPremium', 'groupOwnPremium'];

/** Header of the review-status column, the add-in's own (issue 15 point 3). */
export const REVIEW_HEADER = '复核状态';

/** Output column keys, in the order they are appended (CONTRACT.md §3). */
export type OutputKey =
  | 'costRate'
  | 'annualScale'
  | 'depth'
  | 'costBand'
  | 'scaleBand'
  | 'depthBand'
  | 'class'
  | 'classIndex'
  | 'change'
  | `resource${number}`
  | 'reviewAction'
  | 'mgmtLevel'
  | 'check'
  | 'groupCostRate'
  | 'groupAnnualScale'
  | 'groupDepth';

/** An output column: key and headers. */
export interface OutputColumn {
  readonly key: OutputKey;
  readonly header: Bilingual;
}

const MEASURE_OUTPUTS: readonly OutputColumn[] = [
  { key: 'costRate', header: { zh: '经营成本率', en: 'Operating cost ratio' } },
  { key: 'annualScale', header: { zh: '年化合作规模', en: 'Annualized scale' } },
  { key: 'depth', header: { zh: '合作深度', en: 'Cooperation depth' } },
  { key: 'costBand', header: { zh: '成本色带', en: 'Cost band' } },
  { key: 'scaleBand', header: { zh: '规模类别', en: 'Scale class' } },
  { key: 'depthBand', header: { zh: '深度类别', en: 'Depth class' } },
  { key: 'class', header: { zh: '渠道分类', en: 'Class' } },
  { key: 'classIndex', header: { zh: '分类序号', en: 'Class index' } },
  { key: 'change', header: { zh: '分类变动', en: 'Change' } },
];
const TAIL_OUTPUTS: readonly OutputColumn[] = [
  { key: 'mgmtLevel', header: { zh: '管理层级', en: 'Management level' } },
  { key: 'check', header: { zh: '校验结果', en: 'Check' } },
];

/** The output columns of CONTRACT.md §3: the eleven items of RULES.md §6, then the review action. */
const BASE_OUTPUTS: readonly OutputColumn[] = [
  ...MEASURE_OUTPUTS,
  ...RESOURCE_ITEMS.map((i): OutputColumn => ({ key: `resource${i.no}`, header: i.name })),
  { key: 'reviewAction', header: REVIEW_ACTION_NAME },
  ...TAIL_OUTPUTS,
];

/**
 * The output block as the add-in wrote it before the items were renumbered (2 结算方式 … 11 合作检视,
 * no 检视措施 column): recognised as the add-in's own so that an old graded sheet re-grades in place.
 */
const LEGACY_OUTPUTS: readonly OutputColumn[] = [
  ...MEASURE_OUTPUTS,
  ...OLD_RESOURCE_ITEM_NAMES.map((name, i): OutputColumn => ({ key: `resource${i + 1}`, header: name })),
  ...TAIL_OUTPUTS,
];

const GROUP_OUTPUTS: readonly OutputColumn[] = [
  { key: 'groupCostRate', header: { zh: '集团经营成本率', en: 'Group cost ratio' } },
  { key: 'groupAnnualScale', header: { zh: '集团年化规模', en: 'Group annualized scale' } },
  { key: 'groupDepth', header: { zh: '集团合作深度', en: 'Group depth' } },
];

/** The output columns of a run, in order; group grading adds three. */
export function outputColumns(group: boolean): readonly OutputColumn[] {
  return group ? [...BASE_OUTPUTS, ...GROUP_OUTPUTS] : BASE_OUTPUTS;
}

/** Every layout of the output block the add-in has written (current first, then the old numbering). */
export function ownedOutputLayouts(): readonly (readonly OutputColumn[])[] {
  return [BASE_OUTPUTS, [...BASE_OUTPUTS, ...GROUP_OUTPUTS], LEGACY_OUTPUTS, [...LEGACY_OUTPUTS, ...GROUP_OUTPUTS]];
}

/** Every header the add-in writes now, folded, for ownership and conflict checks. */
export const ALL_OUTPUT_HEADERS: ReadonlySet<string> = new Set(
  [...BASE_OUTPUTS, ...GROUP_OUTPUTS].flatMap((c) => [foldHeader(c.header.zh), foldHeader(c.header.en)]),
);

/** Headers only the old numbering's block had (结算方式, 结算周期, 合作检视 …), folded. */
export const LEGACY_OUTPUT_HEADERS: ReadonlySet<string> = new Set(
  LEGACY_OUTPUTS.flatMap((c) => [foldHeader(c.header.zh), foldHeader(c.header.en)]).filter(
    (h) => !ALL_OUTPUT_HEADERS.has(h),
  ),
);

/** Folds a header for matching: NFKC (full-width → half-width), lower case, no spaces, underscores or colons. */
export function foldHeader(text: CellInput): string {
  return (text instanceof Date ? text.toISOString() : String(text ?? ''))
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_:：*＊]+/g, '');
}

const INPUT_BY_HEADER = new Map<string, InputKey>(
  INPUT_COLUMNS.flatMap((c): [string, InputKey][] => [
    [foldHeader(c.header.zh), c.key],
    [foldHeader(c.header.en), c.key],
    [foldHeader(c.key), c.key],
    ...(c.aliases ?? []).map((a): [string, InputKey] => [foldHeader(a), c.key]),
  ]),
);

/** A unit in brackets at the end of a folded header: `合作保费(万元)`, `own premium (10k yuan)`. */
const UNIT_SUFFIX = /[([（【](万元|元|万|10kyuan|10,000yuan|yuan|rmb|cny)[)\]）】]$/;

/**
 * The premium unit a header states (issue 15 point 6): 10000 for `合作保费（万元）`, 1 for
 * `合作保费（元）`, null when the header names no unit.
 */
export function headerUnitOf(header: CellInput): 1 | 10000 | null {
  const m = UNIT_SUFFIX.exec(foldHeader(header));
  if (!m) return null;
  return m[1] === '万元' || m[1] === '万' || m[1] === '10kyuan' || m[1] === '10,000yuan' ? 10000 : 1;
}

/** The input key a header names, in either language, with or without a unit in brackets; null if none. */
export function inputKeyOf(header: CellInput): InputKey | null {
  const folded = foldHeader(header);
  return INPUT_BY_HEADER.get(folded) ?? INPUT_BY_HEADER.get(folded.replace(UNIT_SUFFIX, '')) ?? null;
}

/** A header in the run's language. */
export function headerText(column: { header: Bilingual }, lang: Lang): string {
  return column.header[lang];
}
