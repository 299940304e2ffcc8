/**
 * Where things are on a data sheet: the header row, each input column (found by header in either
 * language, or set by the user), and where the add-in's output block goes — its own block from an
 * earlier run is reused; a column it does not own that carries an output header stops everything.
 *
 * @packageDocumentation
 */
import type { GradingMode, Lang } from '../core';
import {
  ALL_OUTPUT_HEADERS,
  INPUT_COLUMNS,
  LEGACY_OUTPUT_HEADERS,
  REVIEW_HEADER,
  foldHeader,
  inputKeyOf,
  outputColumns,
  ownedOutputLayouts,
  type InputKey,
} from './columns';
import { ColumnConflictError, EmptySheetError, MissingColumnError } from './gradingErrors';
import type { CellValue } from './WorkbookPort';

/** Input key → 1-based column. */
export type ColumnMapping = Partial<Record<InputKey, number>>;

/** The layout of a sheet for one grading run. */
export interface SheetLayout {
  readonly headerRow: number;
  readonly inputs: ColumnMapping;
  /** First column of the output block. */
  readonly outputStart: number;
  /** Columns of an earlier run's output block that this run does not write (to be cleared). */
  readonly staleColumns: readonly number[];
  /** Recognised headers found in more than one column: the first is used unless the user mapped it. */
  readonly duplicates: readonly DuplicateHeader[];
  /** The review column 复核状态 where the grown block must go; the run moves it past the block. */
  readonly reviewToMove: number | null;
  /** Whether the block found was written with the old item numbering (结算方式 … 合作检视). */
  readonly legacyBlock: boolean;
}

/** An input header that appears in several columns (issue 13 point 5). */
export interface DuplicateHeader {
  readonly key: InputKey;
  /** Every column with the header, in order; `used` is one of them. */
  readonly columns: readonly number[];
  readonly used: number;
}

/** How many rows from the top are searched for the header row. */
export const HEADER_SEARCH_ROWS = 30;

function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** The row (1-based, within `rows`) with the most recognized input headers; 0 if none has three. */
export function findHeaderRow(rows: readonly (readonly CellValue[])[]): number {
  let best = 0;
  let bestCount = 2;
  rows.forEach((row, i) => {
    const count = new Set(row.map(inputKeyOf).filter((k) => k !== null)).size;
    if (count > bestCount) {
      best = i + 1;
      bestCount = count;
    }
  });
  return best;
}

/** Required input keys for a mode: days may come from start and end dates; prospective needs none. */
function missingRequired(inputs: ColumnMapping, mode: GradingMode): InputKey[] {
  const missing: InputKey[] = [];
  for (const c of INPUT_COLUMNS) {
    if (!c.required || inputs[c.key] !== undefined) continue;
    if (
      c.key === 'days' &&
      (mode === 'prospective' || (inputs.startDate !== undefined && inputs.endDate !== undefined))
    )
      continue;
    missing.push(c.key);
  }
  return missing;
}

function matchesLayout(
  headers: readonly string[],
  start: number,
  layout: readonly { header: { zh: string; en: string } }[],
  lang: Lang,
): boolean {
  return layout.every((c, i) => headers[start + i - 1] === foldHeader(c.header[lang]));
}

/**
 * The header row and the input columns its headers name, with the user's mapping laid over them.
 * Never throws: what is missing is for `layOutSheet` (or the pane's mapping editor) to say. The header
 * row is 0 when no row has three recognized headers and the user mapped nothing.
 */
export function detectInputs(
  header: readonly (readonly CellValue[])[],
  mapping?: ColumnMapping,
  headerRowSet?: number,
): { readonly headerRow: number; readonly inputs: ColumnMapping; readonly duplicates: readonly DuplicateHeader[] } {
  const mapped = mapping !== undefined && Object.keys(mapping).length > 0;
  // A user's mapping stands even where no header is recognized: then the header row is theirs (or row 1).
  const headerRow = headerRowSet ?? (findHeaderRow(header) || (mapped ? 1 : 0));
  const row = headerRow > 0 ? (header[headerRow - 1] ?? []) : [];
  const inputs: ColumnMapping = {};
  const seen = new Map<InputKey, number[]>();
  row.forEach((v, i) => {
    const key = inputKeyOf(v);
    if (!key) return;
    if (inputs[key] === undefined) inputs[key] = i + 1;
    seen.set(key, [...(seen.get(key) ?? []), i + 1]);
  });
  Object.assign(inputs, mapping ?? {});
  const duplicates: DuplicateHeader[] = [];
  for (const [key, columns] of seen) {
    // A column the user chose in the mapping is their answer; only a silent choice is reported.
    if (columns.length > 1 && mapping?.[key] === undefined)
      duplicates.push({ key, columns, used: inputs[key] ?? (columns[0] as number) });
  }
  return { headerRow, inputs, duplicates };
}

/**
 * Lays out a sheet for grading. `header` holds the first rows of the sheet (at most
 * `HEADER_SEARCH_ROWS`), `columnCount` its used width. Throws `MissingColumnError` naming the
 * missing required columns and `ColumnConflictError` naming a foreign column with an output header.
 */
export function layOutSheet(
  sheet: string,
  header: readonly (readonly CellValue[])[],
  columnCount: number,
  options: { mode: GradingMode; group: boolean; mapping?: ColumnMapping | undefined; headerRow?: number | undefined },
): SheetLayout {
  const { headerRow, inputs, duplicates } = detectInputs(header, options.mapping, options.headerRow);
  const row = headerRow > 0 ? (header[headerRow - 1] ?? []) : [];
  const missing = missingRequired(inputs, options.mode);
  if (headerRow === 0 || missing.length > 0) {
    const keys = headerRow === 0 ? INPUT_COLUMNS.filter((c) => c.required).map((c) => c.key) : missing;
    const headers = keys.map((k) => INPUT_COLUMNS.find((c) => c.key === k)?.header ?? { zh: k, en: k });
    if (header.every((r) => r.every(isBlank))) throw new EmptySheetError(sheet, headers);
    throw new MissingColumnError(sheet, headers);
  }

  const folded = Array.from({ length: Math.max(columnCount, row.length) }, (_, i) => foldHeader(row[i]));
  const inputColumns = new Set(Object.values(inputs));
  // Input columns are never output columns, even where the two share an English header: the
  // input 'Market expense ratio' (市场费用率) and resource item 1 'Market expense ratio' (市场费用比例).
  const isOutput = (h: string, i: number): boolean => ALL_OUTPUT_HEADERS.has(h) && !inputColumns.has(i + 1);
  const outputCells = folded.map((h, i) => (isOutput(h, i) ? i + 1 : 0)).filter((c) => c > 0);
  const lastUsed = folded.reduce((last, h, i) => (h !== '' ? i + 1 : last), 0);
  const wanted = outputColumns(options.group).length;
  const base = { headerRow, inputs, duplicates, reviewToMove: null, legacyBlock: false };

  // The add-in's own block from an earlier run, current or in the old item numbering, starts at
  // the first column with one of its headers where a whole block matches.
  const candidates = folded
    .map((h, i) => (isOutput(h, i) || LEGACY_OUTPUT_HEADERS.has(h) ? i + 1 : 0))
    .filter((c) => c > 0);
  let start = 0;
  let ownedLength = 0;
  let legacy = false;
  for (const c of candidates) {
    ownedOutputLayouts().forEach((layout, li) => {
      for (const l of ['zh', 'en'] as const) {
        if (layout.length > ownedLength && (start === 0 || start === c) && matchesLayout(folded, c, layout, l)) {
          start = c;
          ownedLength = layout.length;
          legacy = li >= 2;
        }
      }
    });
    if (start > 0) break;
  }
  if (start === 0) {
    if (outputCells.length === 0)
      return { ...base, outputStart: Math.max(lastUsed, columnCount) + 1, staleColumns: [] };
    const at = outputCells[0] as number;
    throw new ColumnConflictError(sheet, String(row[at - 1]), at);
  }
  const foreign = outputCells.find((c) => c < start || c >= start + ownedLength);
  if (foreign !== undefined) throw new ColumnConflictError(sheet, String(row[foreign - 1]), foreign);
  // Growing the block (group columns added) must not run over a user's column; the review column
  // is the add-in's and moves past the grown block (issue 15 point 3).
  let reviewToMove: number | null = null;
  for (let c = start + ownedLength; c < start + wanted; c++) {
    if (isBlank(row[c - 1])) continue;
    if (foldHeader(row[c - 1]) === foldHeader(REVIEW_HEADER) && reviewToMove === null) reviewToMove = c;
    else throw new ColumnConflictError(sheet, String(row[c - 1]), c);
  }
  const stale = Array.from({ length: Math.max(0, ownedLength - wanted) }, (_, i) => start + wanted + i);
  return { ...base, outputStart: start, staleColumns: stale, reviewToMove, legacyBlock: legacy };
}
