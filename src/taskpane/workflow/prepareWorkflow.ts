/**
 * The 数据准备 Prepare step's workflow over a `PaneHost`: the same preparation as `qd-grade prepare`
 * (src/grading/prepareSheet.ts), read in chunks within Excel's request limits.
 */
import { gradingSchedule, readNumber, type CivilDate, type CompiledRules, type Lang } from '../../core';
import { NoWindowError, prepareWindow, type PrepareKind } from '../../core/prepareKinds';
import { HEADER_SEARCH_ROWS, type CellWrite } from '../../grading';
import {
  EXTRACT_COLUMNS,
  MASTER_COLUMNS,
  NON_MARKET_COLUMNS,
  detectTable,
  type PrepareColumn,
} from '../../grading/prepareColumns';
import { appendProspectiveEntry, prepareProspectiveSheet, prepareSheets } from '../../grading/prepareSheet';
import type { PaneHost } from './PaneWorkflow.types';
import type { PrepareSources, PrepareWorkflow, WindowAnswer } from './prepareWorkflow.types';

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
  const grading = () => ({ rules: rules(), by: host.userName() || undefined, fingerprints: true });
  return {
    lang,

    async sources(): Promise<PrepareSources> {
      const port = host.openPort();
      const sheets = await port.sheetNames();
      const score = new Map<string, Map<readonly PrepareColumn<string>[], number>>();
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
        score.set(sheet, per);
      }
      // Each input takes the sheet that has all its required columns; ties go to the first sheet.
      const pick = (columns: readonly PrepareColumn<string>[]): string | undefined => {
        const need = columns.filter((c) => c.required).length;
        return sheets.find((s) => score.get(s)?.get(columns) === need);
      };
      return {
        sheets,
        extract: pick(EXTRACT_COLUMNS),
        master: pick(MASTER_COLUMNS),
        nonMarket: pick(NON_MARKET_COLUMNS),
      };
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

    prepare(request, onProgress, signal) {
      return prepareSheets(host.openPort(), {
        extractSheet: request.extractSheet,
        masterSheet: request.masterSheet,
        nonMarketSheet: request.nonMarketSheet,
        kind: request.kind,
        judging: request.judging,
        lang,
        chunkRows: CHUNK_ROWS,
        onProgress,
        signal,
        grading: grading(),
      });
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
