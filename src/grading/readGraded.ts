/**
 * The first pass of every sheet job (grading, scenarios, review): find the columns, then read and
 * grade every row in chunks, yielding to the host between slices so the pane never blocks, and class
 * groups as one unit. Nothing is written.
 *
 * @packageDocumentation
 */
import {
  DEFAULT_COMPILED,
  gradeMeasures,
  groupMeasures,
  readOwnPremium,
  type ChannelGrade,
  type CompiledRules,
} from '../core';
import { GradingCancelledError, SheetNotFoundError } from './gradingErrors';
import { gradeRow, type RowResult } from './gradeRow';
import type { GradeSheetOptions } from './gradeSheet';
import { RULES_SHEET } from './rulesSheet';
import { HEADER_SEARCH_ROWS, layOutSheet, type SheetLayout } from './sheetLayout';
import { SUMMARY_SHEET } from './summarySheet';
import type { CellValue, WorkbookPort } from './WorkbookPort';

/** Default rows per chunk for file hosts. */
export const DEFAULT_CHUNK_ROWS = 5000;

/** Sheets the add-in writes itself; never graded. */
export const ADDIN_SHEETS: ReadonlySet<string> = new Set([SUMMARY_SHEET, RULES_SHEET, '情景测算', '分级指纹']);

/** A group classed as one unit. */
export interface GroupGrade {
  readonly grade: ChannelGrade;
}

/** Every row of a sheet, read and graded. */
export interface GradedRows {
  readonly sheet: string;
  readonly layout: SheetLayout;
  /** results[i] is sheet row `firstData + i`. */
  readonly results: readonly RowResult[];
  readonly groups: ReadonlyMap<string, GroupGrade>;
  readonly warnings: readonly string[];
  readonly firstData: number;
  readonly lastRow: number;
  readonly total: number;
  /** The raw input cells of each row (as read), for row fingerprints; empty unless kept. */
  readonly inputs: readonly (readonly CellValue[])[];
}

/** Gives the host (the pane's event loop) a turn: Office restarts an add-in that blocks for 5 seconds. */
export function yieldToHost(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Rows graded between yields. */
const SLICE_ROWS = 2000;

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new GradingCancelledError();
}

function classGroups(results: readonly RowResult[], rules: CompiledRules, warnings: string[]): Map<string, GroupGrade> {
  const byGroup = new Map<string, number[]>();
  results.forEach((r, i) => {
    if (r.status === 'graded' && r.group !== '') byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), i]);
  });
  const out = new Map<string, GroupGrade>();
  for (const [name, members] of byGroup) {
    const rows = members.map((i) => results[i] as RowResult);
    const branches = new Set(rows.map((r) => r.branch).filter((b) => b !== ''));
    if (branches.size > 1) {
      warnings.push(
        `集团“${name}”跨三级机构（${[...branches].join('、')}），成员单独分级 (group "${name}" crosses branches: members graded alone)`,
      );
      continue;
    }
    const ownCell = rows.map((r) => r.groupOwnPremium).find((v) => v !== null && v !== undefined && v !== '') ?? null;
    const own = readOwnPremium(ownCell, 'groupOwnPremium');
    if (typeof own !== 'number') {
      warnings.push(
        `集团“${name}”：${own.message.zh}，成员单独分级 (group "${name}": ${own.message.en}; members graded alone)`,
      );
      continue;
    }
    const m = groupMeasures(
      rows.map((r) => ({
        costRate: (r.grade as ChannelGrade).costRate,
        annualScale: (r.grade as ChannelGrade).annualScale,
      })),
      own,
    );
    if (!m.ok) {
      const p = m.problems[0];
      warnings.push(
        `集团“${name}”：${p?.message.zh ?? ''}，成员单独分级 (group "${name}": ${p?.message.en ?? ''}; members graded alone)`,
      );
      continue;
    }
    out.set(name, { grade: gradeMeasures(m.value, rules) });
  }
  return out;
}

/**
 * Reads and grades every row of a sheet (the sheet named, or the first that is not the add-in's);
 * `keepInputs` keeps each row's raw cells too.
 */
export async function readGraded(
  port: WorkbookPort,
  options: GradeSheetOptions = {},
  keepInputs = true,
): Promise<GradedRows> {
  const mode = options.mode ?? 'annual';
  const withGroup = options.group ?? false;
  const lang = options.lang ?? 'zh';
  const rules = options.rules ?? DEFAULT_COMPILED;
  const chunk = Math.max(1, options.chunkRows ?? DEFAULT_CHUNK_ROWS);
  const names = await port.sheetNames();
  const sheet = options.sheet ?? names.find((n) => !ADDIN_SHEETS.has(n)) ?? names[0] ?? '';
  if (!names.includes(sheet)) throw new SheetNotFoundError(sheet);

  const extent = await port.extent(sheet);
  const header = await port.readBlock(
    sheet,
    1,
    1,
    Math.min(HEADER_SEARCH_ROWS, Math.max(1, extent.rowCount)),
    Math.max(1, extent.columnCount),
  );
  const layout = layOutSheet(sheet, header, extent.columnCount, {
    mode,
    group: withGroup,
    mapping: options.mapping,
    headerRow: options.headerRow,
  });
  const readWidth = Math.max(...Object.values(layout.inputs));
  const firstData = layout.headerRow + 1;
  const lastRow = Math.max(extent.rowCount, layout.headerRow);
  const total = lastRow - layout.headerRow;

  const results: RowResult[] = [];
  const inputs: (readonly CellValue[])[] = [];
  for (let r = firstData; r <= lastRow; r += chunk) {
    throwIfCancelled(options.signal);
    const n = Math.min(chunk, lastRow - r + 1);
    const rows = await port.readBlock(sheet, r, 1, n, readWidth);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] ?? [];
      results.push(gradeRow(row, layout.inputs, rules, mode, lang));
      // The raw rows cost memory (a sheet's worth); only fingerprints and scenarios need them.
      if (keepInputs) inputs.push(row);
      if ((i + 1) % SLICE_ROWS === 0) {
        await yieldToHost();
        throwIfCancelled(options.signal);
      }
    }
    options.onProgress?.(results.length, total);
  }
  const warnings: string[] = [];
  const groups = withGroup ? classGroups(results, rules, warnings) : new Map<string, GroupGrade>();
  throwIfCancelled(options.signal);
  return { sheet, layout, results, groups, warnings, firstData, lastRow, total, inputs };
}
