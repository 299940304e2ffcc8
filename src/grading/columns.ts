/**
 * The sheet's columns (CONTRACT.md §3): input columns found by header in either language, and the
 * output columns the add-in appends and owns.
 *
 * @packageDocumentation
 */
import { RESOURCE_ITEMS, type Bilingual, type CellInput, type Lang } from '../core';

/** Input column keys (CONTRACT.md §3). */
export type InputKey =
  | 'channelId'
  | 'channelName'
  | 'group'
  | 'regionCode'
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
  | 'previousClass';

/** An input column: its key, headers, and whether a sheet must have it. */
export interface InputColumn {
  readonly key: InputKey;
  readonly header: Bilingual;
  readonly required: boolean;
}

/** The input columns; days may instead come from the two dates, and prospective grading needs no days. */
export const INPUT_COLUMNS: readonly InputColumn[] = [
  { key: 'channelId', header: { zh: '渠道代码', en: 'Channel ID' }, required: true },
  { key: 'channelName', header: { zh: '渠道名称', en: 'Channel name' }, required: false },
  { key: 'group', header: { zh: '所属集团', en: 'Group' }, required: false },
  { key: 'regionCode', header: { zh: '服务区域代码', en: 'Service area code' }, required: true },
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
];

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

const BASE_OUTPUTS: readonly OutputColumn[] = [
  { key: 'costRate', header: { zh: '经营成本率', en: 'Operating cost ratio' } },
  { key: 'annualScale', header: { zh: '年化合作规模', en: 'Annualized scale' } },
  { key: 'depth', header: { zh: '合作深度', en: 'Cooperation depth' } },
  { key: 'costBand', header: { zh: '成本色带', en: 'Cost band' } },
  { key: 'scaleBand', header: { zh: '规模类别', en: 'Scale class' } },
  { key: 'depthBand', header: { zh: '深度类别', en: 'Depth class' } },
  { key: 'class', header: { zh: '渠道分类', en: 'Class' } },
  { key: 'classIndex', header: { zh: '分类序号', en: 'Class index' } },
  { key: 'change', header: { zh: '分类变动', en: 'Change' } },
  ...RESOURCE_ITEMS.map((i): OutputColumn => ({ key: `resource${i.no}`, header: i.name })),
  { key: 'mgmtLevel', header: { zh: '管理层级', en: 'Management level' } },
  { key: 'check', header: { zh: '校验结果', en: 'Check' } },
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

/** Every header the add-in may write, folded, for ownership and conflict checks. */
export const ALL_OUTPUT_HEADERS: ReadonlySet<string> = new Set(
  [...BASE_OUTPUTS, ...GROUP_OUTPUTS].flatMap((c) => [foldHeader(c.header.zh), foldHeader(c.header.en)]),
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
  ]),
);

/** The input key a header names, in either language; null if none. */
export function inputKeyOf(header: CellInput): InputKey | null {
  return INPUT_BY_HEADER.get(foldHeader(header)) ?? null;
}

/** A header in the run's language. */
export function headerText(column: { header: Bilingual }, lang: Lang): string {
  return column.header[lang];
}
