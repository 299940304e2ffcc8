/**
 * The columns of the preparation inputs (CONTRACT.md §6): the policy extract, the channel master,
 * the non-market table and the 经代渠道合作信息表 of prospective channels, found by header in either
 * language (case, spaces and full-width characters ignored), with a mapping the user can correct;
 * and the columns of the prepared grading sheet (CONTRACT.md §3 inputs plus the source of each figure).
 *
 * @packageDocumentation
 */
import { isoDate, type Bilingual, type Lang } from '../core';
import type { PreparationResult, PreparedChannel } from '../core/prepareChannels';
import { PREPARE_KIND_LABELS } from '../core/prepareKinds';
import { foldHeader } from './columns';
import { HEADER_SEARCH_ROWS } from './sheetLayout';
import type { CellValue, CellWrite, NumberFormat } from './WorkbookPort';

/** A column of a preparation table. */
export interface PrepareColumn<K extends string> {
  readonly key: K;
  readonly header: Bilingual;
  /** Further headers that name it (e.g. 市场费用率 beside 跟单费用率). */
  readonly aliases?: readonly string[];
  readonly required: boolean;
}

/** Extract column keys (CONTRACT.md §6). */
export type ExtractKey = 'channelId' | 'regionCode' | 'date' | 'premium' | 'lossRatio' | 'marketExpenseRatio';
/** Master column keys (CONTRACT.md §6). */
export type MasterKey =
  | 'channelId'
  | 'channelName'
  | 'group'
  | 'company'
  | 'branch'
  | 'startDate'
  | 'endDate'
  | 'ownPremium'
  | 'ownPremiumYear'
  | 'groupOwnPremium';
/** Non-market table column keys (CONTRACT.md §6). */
export type NonMarketKey = 'branch' | 'year' | 'actual' | 'budget';
/** 经代渠道合作信息表 column keys (RULES.md §5.1, §12). */
export type ProspectiveKey =
  | 'channelId'
  | 'channelName'
  | 'group'
  | 'company'
  | 'branch'
  | 'regionCode'
  | 'lossRatio'
  | 'marketExpenseRatio'
  | 'plannedPremium'
  | 'ownPremium'
  | 'groupOwnPremium'
  | 'source';

const CHANNEL_ID = { zh: '渠道代码', en: 'Channel ID' };
const BRANCH = { zh: '三级机构', en: 'Branch' };

/** The policy extract (保单明细) or channel-month extract. */
export const EXTRACT_COLUMNS: readonly PrepareColumn<ExtractKey>[] = [
  { key: 'channelId', header: CHANNEL_ID, required: true },
  { key: 'regionCode', header: { zh: '服务区域代码', en: 'Service area code' }, required: true },
  { key: 'date', header: { zh: '统计日期', en: 'Date' }, required: true },
  { key: 'premium', header: { zh: '保费', en: 'Premium' }, required: true },
  { key: 'lossRatio', header: { zh: '终极赔付率', en: 'Ultimate loss ratio' }, required: true },
  {
    key: 'marketExpenseRatio',
    header: { zh: '跟单费用率', en: 'Market expense ratio' },
    aliases: ['市场费用率'],
    required: true,
  },
];

/** The channel master (渠道清单). */
export const MASTER_COLUMNS: readonly PrepareColumn<MasterKey>[] = [
  { key: 'channelId', header: CHANNEL_ID, required: true },
  { key: 'channelName', header: { zh: '渠道名称', en: 'Channel name' }, required: false },
  { key: 'group', header: { zh: '所属集团', en: 'Group' }, required: false },
  { key: 'company', header: { zh: '分公司', en: 'Branch company' }, required: false },
  { key: 'branch', header: BRANCH, required: false },
  { key: 'startDate', header: { zh: '合作起始日期', en: 'Start date' }, required: true },
  { key: 'ownPremium', header: { zh: '渠道自有保费', en: 'Own premium' }, required: true },
  { key: 'groupOwnPremium', header: { zh: '集团自有保费', en: 'Group own premium' }, required: false },
  { key: 'endDate', header: { zh: '合作终止日期', en: 'End of cooperation' }, required: false },
  { key: 'ownPremiumYear', header: { zh: '自有保费年度', en: 'Own premium year' }, required: false },
];

/** The non-market table (非市场费用率表). */
export const NON_MARKET_COLUMNS: readonly PrepareColumn<NonMarketKey>[] = [
  { key: 'branch', header: BRANCH, required: true },
  { key: 'year', header: { zh: '年度', en: 'Year' }, required: true },
  { key: 'actual', header: { zh: '实际非市场费用率', en: 'Actual non-market ratio' }, required: true },
  { key: 'budget', header: { zh: '预算非市场费用率', en: 'Budget non-market ratio' }, required: true },
];

/** The 经代渠道合作信息表 of prospective channels (its template sheet and the pane's form). */
export const PROSPECTIVE_COLUMNS: readonly PrepareColumn<ProspectiveKey>[] = [
  { key: 'channelId', header: CHANNEL_ID, required: true },
  { key: 'channelName', header: { zh: '渠道名称', en: 'Channel name' }, required: false },
  { key: 'group', header: { zh: '所属集团', en: 'Group' }, required: false },
  { key: 'company', header: { zh: '分公司', en: 'Branch company' }, required: false },
  { key: 'branch', header: BRANCH, required: true },
  { key: 'regionCode', header: { zh: '服务区域代码', en: 'Service area code' }, required: true },
  {
    key: 'lossRatio',
    header: { zh: '预估终极赔付率', en: 'Estimated loss ratio' },
    aliases: ['终极赔付率', 'Ultimate loss ratio'],
    required: true,
  },
  {
    key: 'marketExpenseRatio',
    header: { zh: '洽谈市场费用率', en: 'Negotiated market expense ratio' },
    aliases: ['市场费用率', 'Market expense ratio'],
    required: true,
  },
  { key: 'plannedPremium', header: { zh: '计划年保费', en: 'Planned annual premium' }, required: true },
  { key: 'ownPremium', header: { zh: '渠道自有保费', en: 'Own premium' }, required: true },
  { key: 'groupOwnPremium', header: { zh: '集团自有保费', en: 'Group own premium' }, required: false },
  { key: 'source', header: { zh: '资料来源', en: 'Source' }, required: true },
];

/** Key → 1-based column. */
export type PrepareMapping<K extends string> = Partial<Record<K, number>>;

/** What was found on a table's sheet. */
export interface DetectedTable<K extends string> {
  /** The header row (1-based); 0 when none has the required headers and nothing is mapped. */
  readonly headerRow: number;
  readonly mapping: PrepareMapping<K>;
  /** Required columns not found (their headers), for the message and the mapping editor. */
  readonly missing: readonly Bilingual[];
}

function keyOf<K extends string>(columns: readonly PrepareColumn<K>[], header: CellValue): K | null {
  const folded = foldHeader(header);
  if (folded === '') return null;
  for (const c of columns) {
    const names = [c.header.zh, c.header.en, c.key, ...(c.aliases ?? [])];
    if (names.some((n) => foldHeader(n) === folded)) return c.key;
  }
  return null;
}

/**
 * Finds a table's header row (the row within the first `HEADER_SEARCH_ROWS` naming the most of its
 * columns, at least two) and its columns, with the user's mapping laid over them.
 */
export function detectTable<K extends string>(
  columns: readonly PrepareColumn<K>[],
  head: readonly (readonly CellValue[])[],
  userMapping?: PrepareMapping<K>,
  headerRowSet?: number,
): DetectedTable<K> {
  let best = 0;
  let bestCount = 1;
  head.slice(0, HEADER_SEARCH_ROWS).forEach((row, i) => {
    const count = new Set(row.map((v) => keyOf(columns, v)).filter((k) => k !== null)).size;
    if (count > bestCount) {
      best = i + 1;
      bestCount = count;
    }
  });
  const mapped = userMapping !== undefined && Object.keys(userMapping).length > 0;
  const headerRow = headerRowSet ?? (best || (mapped ? 1 : 0));
  const mapping: PrepareMapping<K> = {};
  (head[headerRow - 1] ?? []).forEach((v, i) => {
    const k = keyOf(columns, v);
    if (k !== null && mapping[k] === undefined) mapping[k] = i + 1;
  });
  Object.assign(mapping, userMapping ?? {});
  const missing = columns.filter((c) => c.required && mapping[c.key] === undefined).map((c) => c.header);
  return { headerRow, mapping, missing };
}

/** Columns of the prepared grading sheet: CONTRACT.md §3 input headers, then the source of each figure. */
export const PREPARED_HEADERS: readonly Bilingual[] = [
  { zh: '渠道代码', en: 'Channel ID' },
  { zh: '渠道名称', en: 'Channel name' },
  { zh: '所属集团', en: 'Group' },
  { zh: '分公司', en: 'Branch company' },
  { zh: '三级机构', en: 'Branch' },
  { zh: '服务区域代码', en: 'Service area code' },
  { zh: '终极赔付率', en: 'Ultimate loss ratio' },
  { zh: '市场费用率', en: 'Market expense ratio' },
  { zh: '非市场费用率', en: 'Non-market expense ratio' },
  { zh: '合作保费', en: 'Cooperation premium' },
  { zh: '合作天数', en: 'Cooperation days' },
  { zh: '合作起始日期', en: 'Start date' },
  { zh: '统计截止日期', en: 'End date' },
  { zh: '渠道自有保费', en: 'Own premium' },
  { zh: '集团自有保费', en: 'Group own premium' },
  { zh: '评判类型', en: 'Kind of grading' },
  { zh: '数据窗口', en: 'Data window' },
  { zh: '明细行数', en: 'Rows used' },
  { zh: '未计行数', en: 'Rows left out' },
  { zh: '非市场费用率来源', en: 'Non-market ratio source' },
  { zh: '清单合作起始日期', en: 'Start date in master' },
  { zh: '资料来源', en: 'Source' },
];

/** The header row of the prepared sheet in a language. */
export function preparedHeaderRow(lang: Lang): CellWrite[] {
  return PREPARED_HEADERS.map((h) => h[lang]);
}

/** One prepared channel as a row of the prepared sheet (dates as ISO text, which every host reads back). */
export function preparedRow(c: PreparedChannel, result: Pick<PreparationResult, 'kind'>, lang: Lang): CellWrite[] {
  const w = c.source.window;
  return [
    c.channelId,
    c.channelName,
    c.group,
    c.company,
    c.branch,
    c.regionCode,
    c.lossRatio,
    c.marketExpenseRatio,
    c.nonMarketExpenseRatio,
    c.premium,
    c.days,
    c.startDate ? isoDate(c.startDate) : null,
    c.endDate ? isoDate(c.endDate) : null,
    c.ownPremium,
    c.groupOwnPremium,
    PREPARE_KIND_LABELS[result.kind][lang],
    w ? `${isoDate(w.start)}..${isoDate(w.end)}` : null,
    c.source.rowsUsed,
    c.source.rowsLeftOut,
    c.source.nonMarket[lang],
    c.source.masterStart ? isoDate(c.source.masterStart) : null,
    c.source.note === '' ? null : c.source.note,
  ];
}

/** Number formats of the prepared sheet's figures (1-based column → format), as the output columns have. */
export const PREPARED_FORMATS: readonly (readonly [number, NumberFormat])[] = [
  [7, 'percent'],
  [8, 'percent'],
  [9, 'percent'],
  [10, 'amount'],
  [11, 'integer'],
  [14, 'amount'],
  [15, 'amount'],
  [18, 'integer'],
  [19, 'integer'],
];
