/**
 * The pane's workflow over a WorkbookPort and a PaneHost: the same grading, scenario and review code
 * as the command line, with the mapping remembered in the workbook's settings.
 */
import {
  DEFAULT_COMPILED,
  InvalidRulesError,
  UsageError,
  compileRules,
  isoDate,
  parseDateText,
  readNumber,
  rollUp,
  validateRuleSet,
  type CompiledRules,
  type Lang,
  type RuleSet,
  NO_LOAN,
} from '../../core';
import {
  HEADER_SEARCH_ROWS,
  columnLetter,
  gradeSheet,
  layOutSheet,
  detectInputs,
  markRow,
  prepareReview,
  runScenario,
  stampReview,
  saveRulesToWorkbook,
  writeAgencyPlan,
  writeCommissionSchedule,
  readSavedRules,
  kindOfMode,
  localTimestamp,
  recordGradingInWorkbook,
  refreshReportSheet,
  ADDIN_SHEETS,
  MissingColumnError,
  outputColumns,
  type GradeReport,
  type ScenarioReport,
  type WorkbookPort,
  type ColumnMapping,
  type CellValue,
} from '../../grading';
import type { PaneHost } from '../../grading/PaneHost';
import { EXTRACT_COLUMNS, detectTable } from '../../grading/prepareColumns';
import { createHistoryWorkflow, recordedSummary } from './historyWorkflow';
import type {
  ChangeCounts,
  ChannelRow,
  DetectedTable,
  GradeRequest,
  LoadedRules,
  PaneWorkflow,
} from './PaneWorkflow.types';
import { MAPPING_KEY, parseSavedMapping } from './savedMapping';

/** Text as typed, or its number when it reads as one (as a cell would read it). */
function asNumber(text: string): string | number {
  const n = readNumber(text.trim(), 'value');
  return typeof n === 'number' ? n : text;
}

/** The ↑/↓/=/新 counts, read back from the 分类变动 column the run wrote (one column, a few requests). */
async function changeCounts(port: WorkbookPort, report: GradeReport, group: boolean): Promise<ChangeCounts> {
  const counts = { up: 0, down: 0, same: 0, new: 0 };
  const at = outputColumns(group).findIndex((c) => c.key === 'change');
  if (at < 0 || report.rowsRead === 0) return counts;
  const cells = await port.readBlock(report.sheet, report.headerRow + 1, report.outputStart + at, report.rowsRead, 1);
  for (const [v] of cells) {
    if (v === '↑') counts.up++;
    else if (v === '↓') counts.down++;
    else if (v === '=') counts.same++;
    else if (v === '新' || v === 'new') counts.new++;
  }
  return counts;
}

/** The channel names of the rows whose class changed, read from the name column (one column, rows in between). */
async function channelNames(
  port: WorkbookPort,
  sheet: string,
  mapping: ColumnMapping,
  report: ScenarioReport,
): Promise<ReadonlyMap<number, string>> {
  const names = new Map<number, string>();
  const column = mapping.channelName;
  const rows = report.changed.map((c) => c.row);
  if (column === undefined || rows.length === 0) return names;
  const first = Math.min(...rows);
  const last = Math.max(...rows);
  const cells = await port.readBlock(sheet, first, column, last - first + 1, 1);
  for (const row of rows) {
    const v = cells[row - first]?.[0];
    if (v !== null && v !== undefined && String(v).trim() !== '') names.set(row, String(v));
  }
  return names;
}

/**
 * The judging date asked for, as ISO text; today when none was asked for; a blank field or a typed
 * date that is not one is refused, before anything is written.
 */
function judgingDateOf(request: GradeRequest, now: Date): string {
  if (request.judgingDate === undefined) return localTimestamp(now).slice(0, 10);
  const typed = request.judgingDate.trim();
  if (typed === '')
    throw new UsageError({
      zh: '评判日为空：请填写评判日（如 2026-11-30），分级按它确定数据窗口并记入历史',
      en: 'the judging date is blank: enter it (e.g. 2026-11-30); the grading takes its window from it and is recorded under it',
    });
  const d = parseDateText(typed);
  if (d === null)
    throw new UsageError({
      zh: `评判日“${typed}”不是日期：请写成 2026-11-30 的样子`,
      en: `the judging date "${typed}" is not a date: write it as 2026-11-30`,
    });
  return isoDate(d);
}

/** Builds the workflow the pane's components get as props. */
export function createPaneWorkflow(
  host: PaneHost,
  lang: Lang,
  initialRules: CompiledRules = DEFAULT_COMPILED,
): PaneWorkflow {
  let rules = initialRules;
  let loading: Promise<LoadedRules> | null = null;
  const loadRules = (): Promise<LoadedRules> => {
    loading ??= readSavedRules(host.openPort()).then(
      (saved): LoadedRules => {
        if (!saved) return { rules, source: 'defaults', differsFromDefaults: false, warnings: [] };
        rules = saved.rules;
        return {
          rules,
          source: 'workbook',
          differsFromDefaults: saved.differsFromDefaults,
          warnings: saved.warnings,
        };
      },
      (e: unknown) => {
        // Asked again next time: the user may correct the sheet meanwhile.
        loading = null;
        throw e;
      },
    );
    return loading;
  };
  return {
    lang,
    history: createHistoryWorkflow(host, lang, async () => (await loadRules()).rules),
    userName: () => host.userName(),
    unsupported: () => host.unsupported(),
    rules: () => rules,
    loadRules,

    async detect(sheet) {
      const port = host.openPort();
      const sheets = (await port.sheetNames()).filter((n) => !ADDIN_SHEETS.has(n));
      const active = await host.activeSheet();
      const name = sheet ?? (active && sheets.includes(active) ? active : (sheets[0] ?? ''));
      const extent = await port.extent(name);
      const width = Math.max(1, extent.columnCount);
      const header = await port.readBlock(
        name,
        1,
        1,
        Math.min(HEADER_SEARCH_ROWS, Math.max(1, extent.rowCount)),
        width,
      );
      const remembered = parseSavedMapping(await host.readSetting(MAPPING_KEY + name));
      // What the headers say, under any mapping the user saved for this sheet.
      const found = detectInputs(header, remembered ?? undefined);
      const headerRow = found.headerRow || 1;
      let missing: { zh: string; en: string }[] = [];
      try {
        layOutSheet(name, header, extent.columnCount, {
          mode: 'annual',
          group: false,
          mapping: found.inputs,
          headerRow,
        });
      } catch (e) {
        if (!(e instanceof MissingColumnError)) throw e;
        missing = [...e.missing];
      }
      const mapping: ColumnMapping = found.inputs;
      // A raw policy extract has a policy date and a premium per row (a table of channels has
      // neither): the way on is 数据准备, not mapping.
      const asExtract = detectTable(EXTRACT_COLUMNS, header);
      const looksLikeExtract =
        missing.length > 0 && asExtract.mapping.date !== undefined && asExtract.mapping.premium !== undefined;
      const headerCells = header[headerRow - 1] ?? [];
      return {
        sheet: name,
        sheets,
        headerRow,
        dataRows: Math.max(0, extent.rowCount - headerRow),
        columns: Array.from({ length: width }, (_, i) => ({
          index: i + 1,
          letter: columnLetter(i + 1),
          header: String(headerCells[i] ?? ''),
        })),
        mapping,
        missing,
        remembered: remembered !== null,
        looksLikeExtract,
      } satisfies DetectedTable;
    },

    async grade(request, onProgress, signal) {
      const now = new Date();
      const kind = request.kind ?? kindOfMode(request.mode);
      // Checked before anything is written: a wrong date stops the run with the sheet untouched.
      const judgingDate = judgingDateOf(request, now);
      // The workbook's own rules (RULES.md §10): gradeSheet reads them from 分级规则 itself.
      await loadRules();
      const port = host.openPort();
      const by = host.userName();
      const report = await gradeSheet(port, {
        sheet: request.sheet,
        mode: request.mode,
        group: request.group,
        mapping: request.mapping,
        headerRow: request.headerRow,
        lang,
        keepOtherChannels: request.keepOtherChannels ?? false,
        chunkRows: 20_000,
        onProgress,
        signal,
        by: by || undefined,
        fingerprints: true,
        snapshot: true,
        now: () => now,
      });
      // Remembered only once the grading went through: a refused grading changes nothing, settings included.
      await host.writeSetting(MAPPING_KEY + request.sheet, JSON.stringify(request.mapping));
      const channels = report.channels ?? [];
      const rollUps = { company: rollUp(channels, 'company'), branch: rollUp(channels, 'branch') };
      const recorded =
        request.record === false
          ? null
          : recordedSummary(
              await recordGradingInWorkbook(
                port,
                report,
                // The trail names who graded: the Office account, else the role (第十条: the 经代部 grades).
                { kind, judgingDate, by: by || '经代部', gradedAt: localTimestamp(now) },
                lang,
              ),
            );
      return { ...report, changes: await changeCounts(port, report, request.group), rollUps, recorded };
    },

    selectRow: (sheet, row) => host.selectRow(sheet, row),

    selectedRow: () => host.selectedRow?.() ?? Promise.resolve(null),
    readsSelection: host.selectedRow !== undefined,

    async channelRows(sheet) {
      const table = await this.detect(sheet);
      const { channelId, channelName } = table.mapping;
      if (channelId === undefined) return [];
      const port = host.openPort();
      const found: ChannelRow[] = [];
      const text = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : String(v).trim());
      for (let first = table.headerRow + 1; first <= table.headerRow + table.dataRows; first += 20_000) {
        const count = Math.min(20_000, table.headerRow + table.dataRows - first + 1);
        const ids = await port.readBlock(sheet, first, channelId, count, 1);
        const names = channelName === undefined ? [] : await port.readBlock(sheet, first, channelName, count, 1);
        ids.forEach(([id], i) => {
          if (text(id) !== '') found.push({ row: first + i, channelId: text(id), channelName: text(names[i]?.[0]) });
        });
      }
      return found;
    },

    async saveRules(next: RuleSet) {
      const checked = validateRuleSet(next);
      if (!checked.ok) throw new InvalidRulesError(checked.problems);
      // Validation does not carry the channel-type lists (RULES.md §14): the pane's edited ones are kept.
      const compiled = compileRules(
        next.channelTypes === undefined ? checked.rules : { ...checked.rules, channelTypes: next.channelTypes },
      );
      // The last grading's record and its sign-offs stay; the sheet says it is not yet graded with these rules.
      await saveRulesToWorkbook(host.openPort(), compiled, { lang, by: host.userName() || undefined });
      rules = compiled;
      loading = Promise.resolve({
        rules: compiled,
        source: 'session',
        differsFromDefaults: compiled.fingerprint !== DEFAULT_COMPILED.fingerprint,
        warnings: [],
      });
      return compiled;
    },

    async scenario(sheet, points, target) {
      await loadRules();
      const mapping = parseSavedMapping(await host.readSetting(MAPPING_KEY + sheet)) ?? undefined;
      const port = host.openPort();
      const report = await runScenario(port, { sheet, points, target, lang, rules, mapping, chunkRows: 20_000 });
      return {
        ...report,
        names: await channelNames(port, sheet, mapping ?? (await this.detect(sheet)).mapping, report),
      };
    },

    async prepareReview(sheet) {
      await loadRules();
      const mapping = parseSavedMapping(await host.readSetting(MAPPING_KEY + sheet)) ?? undefined;
      return prepareReview(host.openPort(), { sheet, lang, rules, mapping, chunkRows: 20_000 });
    },

    async markRow(state, row, status, comment) {
      const commented = await markRow(
        host.openPort(),
        { sheet: state.sheet, column: state.column, row },
        status,
        comment,
      );
      const wanted = status === '退回' && comment.trim() !== '';
      return { ...(await this.prepareReview(state.sheet)), commentSkipped: wanted && !commented };
    },

    // Loan support is lent only when the review grants it (经考核后, RULES.md §8): each month's shortfall.
    agencyPlan: ({ loanSupport, ...figures }) =>
      writeAgencyPlan(
        host.openPort(),
        { ...figures, loanSupport: loanSupport === true ? { granted: true, monthlyLimit: null } : NO_LOAN },
        lang,
      ),

    // Figures the user typed go to 佣金计划 as numbers when they read as numbers ("3%" is 0.03).
    commissionSchedule: (input) =>
      writeCommissionSchedule(
        host.openPort(),
        { ...input, contractTotal: asNumber(input.contractTotal), rate: asNumber(input.rate) },
        lang,
      ),

    async stamp(state, by, confirmPending) {
      const at = new Date();
      await stampReview(host.openPort(), { by, at, fingerprint: rules.fingerprint, state, confirmPending }, lang);
      // The sign-off is an approval on the trail: the printed report must show it too.
      const port = host.openPort();
      await refreshReportSheet(port, lang);
      await port.commit();
      return at;
    },
  };
}
