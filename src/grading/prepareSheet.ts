/**
 * The preparation over a `WorkbookPort` (RULES.md §5.2, CONTRACT.md §6): read the channel master and
 * the non-market table, stream the policy extract in chunks (progress and cancel as grading has),
 * write one prepared row per channel to a grading sheet with where each figure came from, list every
 * channel that could not be prepared on a notes sheet, then grade the prepared sheet as any other.
 * Nothing is written before the whole extract has been read, so a cancel leaves the workbook as it was.
 *
 * @packageDocumentation
 */
import { isoDate, type Bilingual, type CivilDate, type Lang } from '../core';
import {
  ChannelPreparation,
  ROW_REJECTION_LABELS,
  type NotPreparedChannel,
  type PreparationResult,
  type PreparedChannel,
} from '../core/prepareChannels';
import { PREPARE_KIND_LABELS, gradingModeOf, type PrepareKind } from '../core/prepareKinds';
import { prepareProspective, prospectiveCellsOf } from '../core/prepareProspective';
import { readMasterRecord, readNonMarketRecord, type MasterRecord, type NonMarketRecord } from '../core/prepareTables';
import { gradeSheet } from './gradeSheet';
import type { GradeReport, GradeSheetOptions } from './gradeSheet.types';
import { MissingColumnError, SheetNotFoundError } from './gradingErrors';
import {
  EXTRACT_COLUMNS,
  MASTER_COLUMNS,
  NON_MARKET_COLUMNS,
  PROSPECTIVE_COLUMNS,
  detectTable,
  PREPARED_FORMATS,
  preparedHeaderRow,
  preparedRow,
  type DetectedTable,
  type ExtractKey,
  type MasterKey,
  type NonMarketKey,
  type PrepareColumn,
  type PrepareMapping,
  type ProspectiveKey,
} from './prepareColumns';
import { DEFAULT_CHUNK_ROWS, throwIfCancelled, yieldToHost } from './readGraded';
import { HEADER_SEARCH_ROWS } from './sheetLayout';
import type { CellValue, CellWrite, WorkbookPort } from './WorkbookPort';

/** The sheet the prepared channels are written to and graded on. */
export const PREPARED_SHEET = '渠道分级数据';
/** The sheet prospective channels are prepared to and graded on. */
export const PROSPECTIVE_PREPARED_SHEET = '拟合作渠道分级';
/** The 经代渠道合作信息表 template sheet. */
export const PROSPECTIVE_FORM_SHEET = '经代渠道合作信息表';
/** The notes sheet: window, counts, channels not prepared and rows left out. */
export const PREPARE_NOTES_SHEET = '准备说明';
/** The notes sheet of the prospective channels (so they never replace the extract's notes). */
export const PROSPECTIVE_NOTES_SHEET = '拟合作准备说明';

/** The notes sheet of a run of a kind. */
export function notesSheetOf(kind: PrepareKind): string {
  return kind === 'prospective' ? PROSPECTIVE_NOTES_SHEET : PREPARE_NOTES_SHEET;
}

/** Options of a preparation run. */
export interface PrepareSheetOptions {
  readonly extractSheet: string;
  readonly masterSheet: string;
  readonly nonMarketSheet: string;
  readonly kind: Exclude<PrepareKind, 'prospective'>;
  readonly judging: CivilDate;
  readonly mappings?:
    | {
        readonly extract?: PrepareMapping<ExtractKey> | undefined;
        readonly master?: PrepareMapping<MasterKey> | undefined;
        readonly nonMarket?: PrepareMapping<NonMarketKey> | undefined;
      }
    | undefined;
  /** Valid service-area codes; when given, rows with other codes are left out. */
  readonly validRegions?: ReadonlySet<string> | undefined;
  /** The sheet to write the prepared rows to (default `渠道分级数据`). */
  readonly targetSheet?: string | undefined;
  readonly lang?: Lang | undefined;
  readonly chunkRows?: number | undefined;
  /** Progress of the whole run: the extract is the first half, grading the second. */
  readonly onProgress?: ((done: number, total: number, phase: 'prepare' | 'grade') => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Grading options passed on (rules, group, fingerprints, who and when). */
  readonly grading?: Omit<GradeSheetOptions, 'sheet' | 'mode' | 'lang' | 'onProgress' | 'signal'> | undefined;
}

/** What a preparation run did. */
export interface PrepareSheetReport {
  readonly preparation: PreparationResult;
  readonly sheet: string;
  /** The grading of the prepared sheet; null when no channel could be prepared. */
  readonly grade: GradeReport | null;
}

/** Rows of extract added between yields to the host. */
const SLICE_ROWS = 2000;

async function headOf(port: WorkbookPort, sheet: string): Promise<{ head: CellValue[][]; rows: number; cols: number }> {
  const names = await port.sheetNames();
  if (!names.includes(sheet)) throw new SheetNotFoundError(sheet);
  const extent = await port.extent(sheet);
  const head = await port.readBlock(
    sheet,
    1,
    1,
    Math.max(1, Math.min(HEADER_SEARCH_ROWS, extent.rowCount)),
    Math.max(1, extent.columnCount),
  );
  return { head, rows: extent.rowCount, cols: extent.columnCount };
}

/** Finds a table's columns on a sheet; throws `MissingColumnError` naming what is missing. */
export async function detectSheetTable<K extends string>(
  port: WorkbookPort,
  sheet: string,
  columns: readonly PrepareColumn<K>[],
  mapping?: PrepareMapping<K>,
): Promise<DetectedTable<K> & { readonly lastRow: number }> {
  const { head, rows } = await headOf(port, sheet);
  const found = detectTable(columns, head, mapping);
  if (found.headerRow === 0 || found.missing.length > 0)
    throw new MissingColumnError(
      sheet,
      found.headerRow === 0 ? columns.filter((c) => c.required).map((c) => c.header) : found.missing,
    );
  return { ...found, lastRow: rows };
}

/** Reads every data row of a table, chunk by chunk, as records keyed by column. */
async function* tableRows<K extends string>(
  port: WorkbookPort,
  sheet: string,
  table: DetectedTable<K> & { readonly lastRow: number },
  chunk: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ row: number; at: (key: K) => CellValue }> {
  const cols = Object.values(table.mapping) as number[];
  const first = Math.min(...cols);
  const width = Math.max(...cols) - first + 1;
  for (let r = table.headerRow + 1; r <= table.lastRow; r += chunk) {
    throwIfCancelled(signal);
    const n = Math.min(chunk, table.lastRow - r + 1);
    const block = await port.readBlock(sheet, r, first, n, width);
    for (let i = 0; i < block.length; i++) {
      const cells = block[i] ?? [];
      yield {
        row: r + i,
        at: (key: K) => {
          const c = table.mapping[key];
          return c === undefined ? null : (cells[c - first] ?? null);
        },
      };
    }
  }
}

function blankRow(values: readonly CellValue[]): boolean {
  return values.every((v) => v === null || v === undefined || (typeof v === 'string' && v.trim() === ''));
}

/** Reads the channel master of a sheet. */
export async function readMasterSheet(
  port: WorkbookPort,
  sheet: string,
  mapping?: PrepareMapping<MasterKey>,
  chunk = DEFAULT_CHUNK_ROWS,
  signal?: AbortSignal,
): Promise<MasterRecord[]> {
  const table = await detectSheetTable(port, sheet, MASTER_COLUMNS, mapping);
  const out: MasterRecord[] = [];
  for await (const { row, at } of tableRows(port, sheet, table, chunk, signal)) {
    const cells = {
      channelId: at('channelId'),
      channelName: at('channelName'),
      group: at('group'),
      company: at('company'),
      branch: at('branch'),
      startDate: at('startDate'),
      ownPremium: at('ownPremium'),
      groupOwnPremium: at('groupOwnPremium'),
      endDate: at('endDate'),
      ownPremiumYear: at('ownPremiumYear'),
    };
    if (blankRow(Object.values(cells))) continue;
    out.push(readMasterRecord(cells, row));
  }
  return out;
}

/** Reads the non-market table of a sheet. */
export async function readNonMarketSheet(
  port: WorkbookPort,
  sheet: string,
  mapping?: PrepareMapping<NonMarketKey>,
  chunk = DEFAULT_CHUNK_ROWS,
  signal?: AbortSignal,
): Promise<NonMarketRecord[]> {
  const table = await detectSheetTable(port, sheet, NON_MARKET_COLUMNS, mapping);
  const out: NonMarketRecord[] = [];
  for await (const { row, at } of tableRows(port, sheet, table, chunk, signal)) {
    const cells = { branch: at('branch'), year: at('year'), actual: at('actual'), budget: at('budget') };
    if (blankRow(Object.values(cells))) continue;
    out.push(readNonMarketRecord(cells, row));
  }
  return out;
}

function kindLine(result: PreparationResult, lang: Lang): string {
  const w = result.window;
  const label = PREPARE_KIND_LABELS[result.kind];
  const span = w ? `${isoDate(w.start)} .. ${isoDate(w.end)} (${w.days})` : '—';
  return lang === 'zh'
    ? `${label.zh} · 评判日期 ${isoDate(result.judging)} · 数据窗口 ${span}`
    : `${label.en} · judging date ${isoDate(result.judging)} · window ${span}`;
}

function text(b: Bilingual, lang: Lang): string {
  return lang === 'zh' ? `${b.zh} (${b.en})` : `${b.en} (${b.zh})`;
}

/** The rows of the notes sheet: the run, the counts, channels not prepared and rows left out. */
export function prepareNotesRows(result: PreparationResult, lang: Lang): CellWrite[][] {
  const zh = lang === 'zh';
  const c = result.counts;
  const rows: CellWrite[][] = [
    [zh ? '数据准备说明' : 'Preparation notes', kindLine(result, lang)],
    [
      zh ? '非市场费用率' : 'Non-market ratio',
      zh
        ? `${result.nonMarketYear} 年${result.nonMarketSource === 'actual' ? '实际' : '预算'}`
        : `${result.nonMarketYear} ${result.nonMarketSource}`,
    ],
    [zh ? '明细读取行数' : 'Extract rows read', c.read],
    [zh ? '计入行数' : 'Rows used', c.used],
    [zh ? '窗口外行数' : 'Rows outside the window', c.outsideWindow],
    [zh ? '缺少服务区域代码' : 'No service area code', c.noRegion],
    [zh ? '服务区域代码无效' : 'Service area code not valid', c.invalidRegion],
    [zh ? '无法读取' : 'Unreadable', c.unreadable],
    [zh ? '缺少渠道代码' : 'No channel ID', c.noChannel],
    [zh ? '已准备渠道' : 'Channels prepared', result.channels.length],
    [zh ? '未准备渠道' : 'Channels not prepared', result.notPrepared.length],
    ...result.notes.map((n): CellWrite[] => [zh ? '注意' : 'Note', text(n, lang)]),
    [],
    zh
      ? ['未准备渠道', '渠道名称', '三级机构', '计入行数', '原因']
      : ['Not prepared', 'Channel name', 'Branch', 'Rows used', 'Reason'],
    ...result.notPrepared.map((n: NotPreparedChannel): CellWrite[] => [
      n.channelId,
      n.channelName,
      n.branch,
      n.rowsUsed,
      n.issues.map((i) => text(i.message, lang)).join('; '),
    ]),
    [],
    zh ? ['未计入的明细行', '渠道代码', '原因', '内容'] : ['Rows left out', 'Channel ID', 'Reason', 'Content'],
    ...result.rejected.map((r): CellWrite[] => [
      r.row,
      r.channelId,
      text(ROW_REJECTION_LABELS[r.reason], lang),
      r.detail,
    ]),
  ];
  const listed = result.rejected.length;
  const total = c.noChannel + c.noRegion + c.invalidRegion + c.unreadable;
  if (total > listed)
    rows.push([zh ? `…另有 ${total - listed} 行未逐行列出` : `… ${total - listed} more rows not listed one by one`]);
  return rows;
}

/** Sets the number formats of the prepared figures (ratios as percentages, premiums as amounts). */
export async function formatPrepared(port: WorkbookPort, sheet: string, channels: number): Promise<void> {
  if (channels === 0) return;
  for (const [column, format] of PREPARED_FORMATS) await port.formatColumn(sheet, column, 2, channels + 1, format);
}

/** Writes the prepared rows and the notes, then grades the prepared sheet. */
export async function writeAndGrade(
  port: WorkbookPort,
  result: PreparationResult,
  options: Pick<PrepareSheetOptions, 'targetSheet' | 'lang' | 'onProgress' | 'signal' | 'grading' | 'chunkRows'>,
  defaultSheet: string,
): Promise<PrepareSheetReport> {
  const lang = options.lang ?? 'zh';
  const sheet = options.targetSheet ?? defaultSheet;
  throwIfCancelled(options.signal);
  // The port refuses (SheetNotOwnedError) a user's sheet of that name before writing anything.
  const rows: CellWrite[][] = [
    preparedHeaderRow(lang),
    ...result.channels.map((c: PreparedChannel) => preparedRow(c, result, lang)),
  ];
  await port.replaceSheet(sheet, rows);
  await formatPrepared(port, sheet, result.channels.length);
  await port.replaceSheet(notesSheetOf(result.kind), prepareNotesRows(result, lang), [24, 20, 16, 12, 60]);
  // Hosts that queue writes (Excel) create the sheet only when they sync: grading must read it back.
  await port.commit();
  if (result.channels.length === 0) return { preparation: result, sheet, grade: null };
  const grade = await gradeSheet(port, {
    ...(options.grading ?? {}),
    chunkRows: options.chunkRows,
    sheet,
    mode: result.mode,
    lang,
    onProgress: options.onProgress && ((done, total) => options.onProgress?.(done, total, 'grade')),
  });
  return { preparation: result, sheet, grade };
}

/**
 * Prepares the extract, master and non-market sheets of a workbook for a kind and judging date
 * (RULES.md §5.2), writes the prepared grading sheet and its notes, and grades it (CONTRACT.md §3).
 * Throws `SheetNotFoundError`, `MissingColumnError`, `NoWindowError`, `SheetNotOwnedError` or
 * `GradingCancelledError` before anything is written.
 */
export async function prepareSheets(port: WorkbookPort, options: PrepareSheetOptions): Promise<PrepareSheetReport> {
  const chunk = Math.max(1, options.chunkRows ?? DEFAULT_CHUNK_ROWS);
  const { signal } = options;
  const prep = new ChannelPreparation({
    kind: options.kind,
    judging: options.judging,
    master: await readMasterSheet(port, options.masterSheet, options.mappings?.master, chunk, signal),
    nonMarket: await readNonMarketSheet(port, options.nonMarketSheet, options.mappings?.nonMarket, chunk, signal),
    validRegions: options.validRegions,
  });
  const table = await detectSheetTable(port, options.extractSheet, EXTRACT_COLUMNS, options.mappings?.extract);
  const total = Math.max(0, table.lastRow - table.headerRow);
  let done = 0;
  for await (const { row, at } of tableRows(port, options.extractSheet, table, chunk, signal)) {
    const channel = at('channelId');
    const date = at('date');
    const premium = at('premium');
    if (channel === null && date === null && premium === null && at('regionCode') === null) {
      done++;
      continue;
    }
    prep.addRow(row, channel, at('regionCode'), date, premium, at('lossRatio'), at('marketExpenseRatio'));
    done++;
    if (done % SLICE_ROWS === 0) {
      options.onProgress?.(done, total, 'prepare');
      await yieldToHost();
      throwIfCancelled(signal);
    }
  }
  options.onProgress?.(total, total, 'prepare');
  throwIfCancelled(signal);
  return writeAndGrade(port, prep.finish(), options, PREPARED_SHEET);
}

/** Options of preparing the prospective channels of a 经代渠道合作信息表 sheet. */
export interface PrepareProspectiveOptions extends Pick<
  PrepareSheetOptions,
  'nonMarketSheet' | 'judging' | 'targetSheet' | 'lang' | 'onProgress' | 'signal' | 'grading' | 'chunkRows'
> {
  /** The 经代渠道合作信息表 sheet (default `经代渠道合作信息表`). */
  readonly formSheet?: string | undefined;
  readonly mapping?: PrepareMapping<ProspectiveKey> | undefined;
  readonly nonMarketMapping?: PrepareMapping<NonMarketKey> | undefined;
}

/**
 * Prepares every channel of a 经代渠道合作信息表 sheet (RULES.md §5.1, §12) with the 三级机构's
 * budget, writes them to `拟合作渠道分级` with their source, and grades them in prospective mode.
 */
export async function prepareProspectiveSheet(
  port: WorkbookPort,
  options: PrepareProspectiveOptions,
): Promise<PrepareSheetReport> {
  const chunk = Math.max(1, options.chunkRows ?? DEFAULT_CHUNK_ROWS);
  const formSheet = options.formSheet ?? PROSPECTIVE_FORM_SHEET;
  const nonMarket = await readNonMarketSheet(
    port,
    options.nonMarketSheet,
    options.nonMarketMapping,
    chunk,
    options.signal,
  );
  const table = await detectSheetTable(port, formSheet, PROSPECTIVE_COLUMNS, options.mapping);
  const channels: PreparedChannel[] = [];
  const notPrepared: NotPreparedChannel[] = [];
  for await (const { at } of tableRows(port, formSheet, table, chunk, options.signal)) {
    const cells = prospectiveCellsOf(at);
    if (blankRow(Object.values(cells))) continue;
    const out = prepareProspective(cells, nonMarket, options.judging);
    if ('issues' in out) notPrepared.push(out);
    else channels.push(out);
  }
  const result: PreparationResult = {
    kind: 'prospective',
    judging: options.judging,
    window: null,
    mode: gradingModeOf('prospective'),
    nonMarketSource: 'budget',
    nonMarketYear: options.judging.year,
    channels,
    notPrepared,
    counts: { read: 0, used: 0, outsideWindow: 0, noChannel: 0, noRegion: 0, invalidRegion: 0, unreadable: 0 },
    rejected: [],
    notes: [],
  };
  return writeAndGrade(port, result, options, PROSPECTIVE_PREPARED_SHEET);
}

/** The header row of the 经代渠道合作信息表 template in a language. */
export function prospectiveFormHeader(lang: Lang): CellWrite[] {
  return PROSPECTIVE_COLUMNS.map((c) => c.header[lang]);
}

/**
 * Appends one entry to the 经代渠道合作信息表 sheet, creating the template (its header row) when the
 * workbook has none; the values follow `PROSPECTIVE_COLUMNS` by key. Returns the row written.
 */
export async function appendProspectiveEntry(
  port: WorkbookPort,
  entry: Partial<Record<ProspectiveKey, CellWrite>>,
  options: { readonly formSheet?: string | undefined; readonly lang?: Lang | undefined } = {},
): Promise<number> {
  const sheet = options.formSheet ?? PROSPECTIVE_FORM_SHEET;
  const names = await port.sheetNames();
  if (!names.includes(sheet)) {
    await port.replaceSheet(
      sheet,
      [prospectiveFormHeader(options.lang ?? 'zh')],
      PROSPECTIVE_COLUMNS.map(() => 16),
    );
    // Hosts that queue writes (Excel) create the sheet only when they sync; it is read back next.
    await port.commit();
  }
  const table = await detectSheetTable(port, sheet, PROSPECTIVE_COLUMNS);
  const cols = Object.values<number>(table.mapping);
  const width = Math.max(...cols);
  const row: CellWrite[] = Array.from({ length: width }, () => null);
  for (const c of PROSPECTIVE_COLUMNS) {
    const at = table.mapping[c.key];
    if (at !== undefined) row[at - 1] = entry[c.key] ?? null;
  }
  const target = Math.max(table.lastRow, table.headerRow) + 1;
  await port.writeBlock(sheet, target, 1, [row]);
  await port.commit();
  return target;
}
