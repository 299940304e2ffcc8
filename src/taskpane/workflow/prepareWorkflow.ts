/**
 * The 数据准备 Prepare step's workflow over a `PaneHost`: the same preparation as `qd-grade prepare`
 * (src/grading/prepareSheet.ts), read in chunks within Excel's request limits.
 */
import {
  ROLE_LABELS,
  compareDates,
  gradingSchedule,
  readDate,
  isoDate,
  readNumber,
  type CivilDate,
  type CompiledRules,
  type Lang,
} from '../../core';
import { NoWindowError, prepareWindow, type PrepareKind } from '../../core/prepareKinds';
import {
  ADDIN_SHEETS,
  HEADER_SEARCH_ROWS,
  NOTICE_PREFIX,
  columnLetter,
  foldHeader,
  localTimestamp,
  recordGradingInWorkbook,
  type CellWrite,
} from '../../grading';
import {
  EXTRACT_COLUMNS,
  MASTER_COLUMNS,
  NON_MARKET_COLUMNS,
  detectTable,
  type PrepareColumn,
} from '../../grading/prepareColumns';
import {
  PREPARED_SHEET,
  appendProspectiveEntry,
  prepareProspectiveSheet,
  prepareSheets,
} from '../../grading/prepareSheet';
import type { PaneHost } from '../../grading/PaneHost';
import { recordedSummary } from './historyWorkflow';
import type {
  PrepareSources,
  PrepareTableColumns,
  PrepareTableName,
  PrepareWorkflow,
  WindowAnswer,
} from './prepareWorkflow.types';

/** The columns of each table the step reads. */
export const PREPARE_TABLES: Readonly<Record<PrepareTableName, readonly PrepareColumn<string>[]>> = {
  extract: EXTRACT_COLUMNS,
  master: MASTER_COLUMNS,
  nonMarket: NON_MARKET_COLUMNS,
};

/** Rows per read: Excel's requests stay well inside their 5 MB payload with six narrow columns. */
const CHUNK_ROWS = 20_000;

/** Text as typed, or its number when it reads as one (as a cell would hold it). */
function asCell(text: string | undefined): CellWrite {
  if (text === undefined || text.trim() === '') return null;
  const n = readNumber(text.trim(), 'value');
  return typeof n === 'number' ? n : text.trim();
}

/** Builds the Prepare step's workflow; `rules` gives the rules in force when grading. */
export function createPrepareWorkflow(host: PaneHost, lang: Lang, rules: () => CompiledRules): PrepareWorkflow {
  // Every channel is kept for the snapshot: a prepared grading is recorded in the history (RULES.md §12).
  const grading = () => ({ rules: rules(), by: host.userName() || undefined, fingerprints: true, snapshot: true });
  return {
    lang,

    async sources(): Promise<PrepareSources> {
      const port = host.openPort();
      // The add-in's own sheets (分级汇总, 分级规则, the notices, 渠道分级数据 it wrote) are no input.
      const sheets = (await port.sheetNames()).filter(
        (n) => !ADDIN_SHEETS.has(n) && !n.startsWith(NOTICE_PREFIX) && n !== PREPARED_SHEET,
      );
      const scores = new Map<string, Map<readonly PrepareColumn<string>[], number>>();
      for (const sheet of sheets) {
        const extent = await port.extent(sheet);
        if (extent.rowCount === 0) continue;
        const head = await port.readBlock(
          sheet,
          1,
          1,
          Math.min(HEADER_SEARCH_ROWS, extent.rowCount),
          Math.max(1, Math.min(extent.columnCount, 60)),
        );
        const per = new Map<readonly PrepareColumn<string>[], number>();
        for (const columns of [EXTRACT_COLUMNS, MASTER_COLUMNS, NON_MARKET_COLUMNS] as const) {
          const found = detectTable<string>(columns, head);
          per.set(columns, found.headerRow === 0 ? 0 : columns.filter((c) => c.required).length - found.missing.length);
        }
        scores.set(sheet, per);
      }
      // Each input takes the sheet naming the most of its required columns (ties: the first sheet), so a
      // sheet with one unknown header is still offered, and its mapping asks for the missing column.
      const pick = (columns: readonly PrepareColumn<string>[]): string | undefined => {
        let best: string | undefined;
        let bestScore = 1;
        for (const s of sheets) {
          const got = scores.get(s)?.get(columns) ?? 0;
          if (got > bestScore) {
            best = s;
            bestScore = got;
          }
        }
        return best;
      };
      return {
        sheets,
        extract: pick(EXTRACT_COLUMNS),
        master: pick(MASTER_COLUMNS),
        nonMarket: pick(NON_MARKET_COLUMNS),
      };
    },

    async columnsOf(sheet: string, table: PrepareTableName): Promise<PrepareTableColumns> {
      const port = host.openPort();
      const extent = await port.extent(sheet);
      const width = Math.max(1, Math.min(extent.columnCount, 200));
      const head = await port.readBlock(sheet, 1, 1, Math.max(1, Math.min(HEADER_SEARCH_ROWS, extent.rowCount)), width);
      const columns = PREPARE_TABLES[table];
      const found = detectTable<string>(columns, head);
      const headerRow = found.headerRow || 1;
      const header = head[headerRow - 1] ?? [];
      return {
        sheet,
        headerRow,
        columns: Array.from({ length: width }, (_, i) => ({
          index: i + 1,
          letter: columnLetter(i + 1),
          header: foldHeader(header[i] ?? null) === '' ? '' : String(header[i] as string | number),
        })),
        mapping: found.mapping as Record<string, number>,
        missing: columns.filter((c) => c.required && found.mapping[c.key] === undefined).map((c) => c.key),
      };
    },

    async extractDates(sheet, dateColumn) {
      const port = host.openPort();
      const table = await this.columnsOf(sheet, 'extract');
      const column = dateColumn ?? table.mapping.date;
      if (column === undefined) return null;
      const extent = await port.extent(sheet);
      let first: CivilDate | null = null;
      let last: CivilDate | null = null;
      let rows = 0;
      for (let row = table.headerRow + 1; row <= extent.rowCount; row += CHUNK_ROWS) {
        const count = Math.min(CHUNK_ROWS, extent.rowCount - row + 1);
        for (const [cell] of await port.readBlock(sheet, row, column, count, 1)) {
          const d = readDate(cell ?? null, 'startDate');
          if ('code' in d) continue;
          rows += 1;
          if (first === null || compareDates(d, first) < 0) first = d;
          if (last === null || compareDates(d, last) > 0) last = d;
        }
      }
      return first && last ? { first, last, rows } : null;
    },

    windowOf(kind: PrepareKind, judging: CivilDate): WindowAnswer {
      try {
        return { ok: true, window: prepareWindow(kind, judging) };
      } catch (e) {
        if (e instanceof NoWindowError) return { ok: false, reason: e.text };
        throw e;
      }
    },

    dueThisMonth(judging: CivilDate) {
      return gradingSchedule(judging.year).filter((e) => e.due.month === judging.month);
    },

    async prepare(request, onProgress, signal) {
      const port = host.openPort();
      const now = new Date();
      const report = await prepareSheets(port, {
        extractSheet: request.extractSheet,
        masterSheet: request.masterSheet,
        nonMarketSheet: request.nonMarketSheet,
        kind: request.kind,
        judging: request.judging,
        mappings: request.mappings,
        lang,
        chunkRows: CHUNK_ROWS,
        onProgress,
        signal,
        grading: { ...grading(), now: () => now },
      });
      // The kind and judging date the preparation used are the snapshot's (第十一条: who grades is the 经代部).
      const recorded =
        report.grade === null
          ? null
          : recordedSummary(
              await recordGradingInWorkbook(
                port,
                report.grade,
                {
                  kind: request.kind,
                  judgingDate: isoDate(request.judging),
                  by: host.userName() || ROLE_LABELS.grader.zh,
                  gradedAt: localTimestamp(now),
                },
                lang,
              ),
            );
      return { ...report, recorded };
    },

    async addProspective(entry, nonMarketSheet, judging) {
      const port = host.openPort();
      await appendProspectiveEntry(
        port,
        Object.fromEntries(
          Object.entries(entry).map(([k, v]) => [
            k,
            k === 'source' || k === 'channelId' || k === 'regionCode' ? (v?.trim() ?? null) : asCell(v),
          ]),
        ),
        { lang },
      );
      return prepareProspectiveSheet(port, {
        nonMarketSheet,
        judging,
        lang,
        chunkRows: CHUNK_ROWS,
        grading: grading(),
      });
    },
  };
}
