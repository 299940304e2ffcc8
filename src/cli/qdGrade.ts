/**
 * qd-grade: grades an .xlsx or .csv file as the task pane grades a sheet (CONTRACT.md §5). `main`
 * returns the exit status: 0 graded (rows with problems are reported, not fatal), 2 usage, 3
 * unreadable, encrypted or corrupt input, a missing column, invalid rules, or a sheet of the add-in's
 * name that is the user's. Messages go to stderr, the summary to stdout. The output is written
 * atomically: an interrupted or failed run leaves the input as it was and no partial output.
 *
 * @packageDocumentation
 */
import { userInfo } from 'node:os';
import { writeFile } from 'node:fs/promises';
import {
  COLOURS,
  COLOUR_LABELS,
  DEFAULT_COMPILED,
  QdError,
  SCALES,
  UsageError,
  bilingual,
  labelOfIndex,
  type Lang,
} from '../core';
import { DIRECTION_LABELS, MOVE_FLAG_LABELS, classMovement } from '../core/classMovement';
import { snapshotId, type Snapshot, type TrailStep } from '../core/snapshot';
import {
  HISTORY_SHEET,
  IN_FORCE_SHEET,
  MOVEMENT_SHEET,
  REPORT_SHEET,
  TRAIL_SHEET,
  gradeSheet,
  kindOfMode,
  localTimestamp,
  recordGradingInWorkbook,
  snapshotOf,
  writeNoticeSheets,
  type GradeReport,
  type GradingMeta,
  type WorkbookPort,
} from '../grading';
import { managerReport } from '../grading/managerReport';
import { writeAtomically } from '../hosts/xlsx/atomicFile';
import { appendToHistoryFile } from '../hosts/xlsx/historyFile';
import { CsvWorkbook } from '../hosts/xlsx/CsvWorkbook';
import { XlsxWorkbook } from '../hosts/xlsx/XlsxWorkbook';
import type { CliIo } from './cliIo';
import { approveMain, historyMain } from './historyCommand';
import { keepOutputHistory } from './keepOutputHistory';
import { loadRules } from './loadRules';
import { USAGE, defaultOutput, parseArgs, type CliOptions } from './parseArgs';

export type { CliIo } from './cliIo';

function progressBar(io: CliIo): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
    if (pct === last) return;
    last = pct;
    const width = 30;
    const filled = Math.round((width * pct) / 100);
    io.stderr(`\r分级 grading [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}%${pct === 100 ? '\n' : ''}`);
  };
}

/** The printed summary: rows read, graded, left out, with problems; channels per band and scale. */
export function summaryText(report: GradeReport, input: string, output: string, mode: string): string {
  const bands = COLOURS.map((c) => `${COLOUR_LABELS[c].zh} ${report.perColour[c]}`).join(' · ');
  const scales = SCALES.map((s) => `${s} ${report.perScale[s]}`).join(' · ');
  const lines = [
    `qd-grade: ${input} → ${output}`,
    `  工作表 sheet ${report.sheet} · 模式 mode ${mode} · 规则指纹 rules ${report.fingerprint}`,
    `  读取 read ${report.rowsRead} · 分级 graded ${report.graded} · 未参与 left out ${report.leftOut} · 有问题 with problems ${report.withProblems}`,
    `  色带 bands: ${bands}`,
    `  规模 scale: ${scales}`,
    ...report.warnings.map((w) => `  注意 note: ${w}`),
  ];
  const shown = report.problemRows.slice(0, 10).map((p) => `  第 ${p.row} 行 row ${p.row}: ${p.check}`);
  if (shown.length > 0) lines.push('  问题行 problem rows:', ...shown);
  if (report.problemRows.length > 10)
    lines.push(`  … ${report.problemRows.length - 10} more (see the 校验结果 / Check column)`);
  return `${lines.join('\n')}\n`;
}

/** A local timestamp with its zone, as a person reads it (moved to grading; kept here for callers). */
export { localTimestamp };

function loginName(): string {
  try {
    return userInfo().username || 'qd-grade';
  } catch {
    // No user entry (some containers): the grading is still recorded, by the tool's name.
    return 'qd-grade';
  }
}

/** What the snapshot of this run says besides its channels (RULES.md §12). */
function metaOf(options: CliOptions, now: Date): GradingMeta {
  return {
    judgingDate: options.date ?? localTimestamp(now).slice(0, 10),
    kind: options.kind ?? kindOfMode(options.mode),
    by: options.by ?? loginName(),
    // The time gradeSheet stamps on 分级规则 (same `now`), so the review ties a sign-off to this snapshot.
    gradedAt: localTimestamp(now),
  };
}

/** What moved since the previous grading, for the summary (RULES.md §12). */
function movementText(previous: Snapshot, current: Snapshot): string {
  const m = classMovement(previous.channels, current.channels);
  const flagged = m.moves.filter((x) => x.flags.length > 0);
  const lines = [
    `  变动 movement since ${previous.id}: ${m.moves.length} 个渠道变动 moved · ${m.unchanged} 不变 unchanged · ${flagged.length} 需关注 flagged`,
    ...flagged
      .slice(0, 10)
      .map(
        (x) =>
          `    ${x.channelId}: ${x.from === null ? '—' : labelOfIndex(x.from)} → ${x.to === null ? '—' : labelOfIndex(x.to)} ${DIRECTION_LABELS[x.direction].zh} ${x.flags.map((f) => `${MOVE_FLAG_LABELS[f].zh} (${MOVE_FLAG_LABELS[f].en})`).join(', ')}`,
      ),
  ];
  if (flagged.length > 10) lines.push(`    … ${flagged.length - 10} more`);
  return `${lines.join('\n')}\n`;
}

/** Runs qd-grade with `argv` (no node, no script name); resolves to the exit status. */
/** A grading's number marked as recorded in no history. */
function unrecordedId(id: string, lang: Lang): string {
  return lang === 'en' ? `${id} (not recorded 未记录)` : `${id}（未记录 not recorded）`;
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv[0] === 'history') return historyMain(argv.slice(1), io);
  if (argv[0] === 'approve') return approveMain(argv.slice(1), io);
  try {
    const options = parseArgs(argv);
    if (options.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const output = options.output ?? defaultOutput(options.input);
    // Without --rules the workbook's own saved rules grade it (RULES.md §10), else the defaults.
    const rules = options.rules ? await loadRules(options.rules) : undefined;
    const now = new Date();
    const wantSnapshot =
      options.history !== undefined || options.report !== undefined || options.record || options.notices !== undefined;
    if (options.record) await keepOutputHistory(options.input, output);
    const port: WorkbookPort = /\.csv$/i.test(options.input)
      ? await CsvWorkbook.open(options.input, output)
      : await XlsxWorkbook.open(options.input, output);
    const report = await gradeSheet(port, {
      sheet: options.sheet,
      mode: options.mode,
      group: options.group,
      lang: options.lang,
      rules,
      keepOtherChannels: options.keepOtherChannels,
      snapshot: wantSnapshot,
      by: options.by,
      now: () => now,
      onProgress: io.isTerminal && !options.quiet ? progressBar(io) : undefined,
    });
    if (!options.quiet) io.stdout(summaryText(report, options.input, output, options.mode));
    if (wantSnapshot) {
      const meta = metaOf(options, now);
      const grading = snapshotOf(report, meta);
      // Recorded nowhere, its number is this run's alone: notices and the report say so beside it.
      const recorded = options.history !== undefined || options.record;
      let snapshot: Snapshot = {
        ...grading,
        id: recorded
          ? snapshotId(grading.judgingDate, grading.kind, 1)
          : unrecordedId(snapshotId(grading.judgingDate, grading.kind, 1), options.lang),
      };
      if (!recorded && !options.quiet)
        io.stdout(
          options.lang === 'en'
            ? `  note 注意: this grading is recorded in no history (add --record or --history), so its number ${snapshot.id} is this run's alone
`
            : `  注意 note: 本次分级未记入任何历史（可加 --record 或 --history），通知和报告上的分级编号 ${snapshot.id} 仅指本次运行
`,
        );
      let previous: Snapshot | null = null;
      let trail: readonly TrailStep[] = [];
      if (options.history !== undefined) {
        const recorded = await appendToHistoryFile(options.history, grading, options.lang);
        snapshot = recorded.snapshot;
        previous = recorded.before.snapshots.at(-1) ?? null;
        trail = recorded.after.trail;
        if (!options.quiet) {
          io.stdout(
            `  历史 history: ${options.history} ← ${snapshot.id} (${snapshot.channels.length} 个渠道 channels)\n`,
          );
          if (previous) io.stdout(movementText(previous, snapshot));
        }
      }
      if (options.record) {
        // The graded workbook keeps its own history: its record wins over a history file's for the report.
        const book = await XlsxWorkbook.open(output, output);
        const recorded = await recordGradingInWorkbook(book, report, meta, options.lang);
        snapshot = recorded.snapshot;
        previous = recorded.previous;
        trail = recorded.history.trail;
        if (!options.quiet) {
          io.stdout(
            `  记录 recorded: ${output} ← ${snapshot.id} · ${[HISTORY_SHEET, TRAIL_SHEET, ...(previous ? [MOVEMENT_SHEET] : []), IN_FORCE_SHEET, REPORT_SHEET].join('、')}\n`,
          );
          if (previous) io.stdout(movementText(previous, snapshot));
        }
      }
      if (options.notices !== undefined) {
        const book = await XlsxWorkbook.open(output, output);
        const written = await writeNoticeSheets(
          book,
          snapshot,
          options.notices,
          report.rules ?? DEFAULT_COMPILED,
          options.lang,
          trail,
        );
        await book.commit();
        if (!options.quiet) {
          io.stdout(`  通知 notices: ${written.sheets.length} 张 sheets · ${written.sheets.join('、')}\n`);
          if (written.unassigned > 0)
            io.stdout(
              `  注意 note: ${written.unassigned} 个渠道没有${options.notices === 'company' ? '分公司' : '三级机构'}，未列入任何通知 channels without one are in no notice\n`,
            );
        }
      }
      if (options.report !== undefined) {
        const html = managerReport({
          snapshot,
          previous,
          rules: report.rules ?? DEFAULT_COMPILED,
          trail,
          lang: options.lang,
        });
        const file = options.report;
        await writeAtomically(file, (temporary) => writeFile(temporary, html, 'utf8'));
        if (!options.quiet) io.stdout(`  报告 report: ${file}\n`);
      }
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`qd-grade: ${bilingual(e.text)}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof QdError) {
      io.stderr(`qd-grade: ${bilingual(e.text)}\n`);
      return 3;
    }
    throw e;
  }
}
