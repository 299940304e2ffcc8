/**
 * qd-grade: grades an .xlsx or .csv file as the task pane grades a sheet (CONTRACT.md §5). `main`
 * returns the exit status: 0 graded (rows with problems are reported, not fatal), 2 usage, 3
 * unreadable, encrypted or corrupt input, a missing column, invalid rules, or a sheet of the add-in's
 * name that is the user's. Messages go to stderr, the summary to stdout. The output is written
 * atomically: an interrupted or failed run leaves the input as it was and no partial output.
 *
 * @packageDocumentation
 */
import { COLOURS, COLOUR_LABELS, DEFAULT_COMPILED, QdError, SCALES, UsageError, bilingual } from '../core';
import { gradeSheet, type GradeReport, type WorkbookPort } from '../grading';
import { CsvWorkbook } from '../hosts/xlsx/CsvWorkbook';
import { XlsxWorkbook } from '../hosts/xlsx/XlsxWorkbook';
import { loadRules } from './loadRules';
import { USAGE, defaultOutput, parseArgs } from './parseArgs';

/** Where the command writes: its streams, and whether stderr is a terminal (for the progress bar). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTerminal: boolean;
}

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

/** Runs qd-grade with `argv` (no node, no script name); resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseArgs(argv);
    if (options.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const output = options.output ?? defaultOutput(options.input);
    const rules = options.rules ? await loadRules(options.rules) : DEFAULT_COMPILED;
    const port: WorkbookPort = /\.csv$/i.test(options.input)
      ? await CsvWorkbook.open(options.input, output)
      : await XlsxWorkbook.open(options.input, output);
    const report = await gradeSheet(port, {
      sheet: options.sheet,
      mode: options.mode,
      group: options.group,
      lang: options.lang,
      rules,
      onProgress: io.isTerminal && !options.quiet ? progressBar(io) : undefined,
    });
    if (!options.quiet) io.stdout(summaryText(report, options.input, output, options.mode));
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
