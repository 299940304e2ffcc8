/**
 * `qd-grade prepare` (CONTRACT.md §5, §6; RULES.md §5.2): from the policy extract, the channel
 * master and the non-market table (each an .xlsx or .csv file) to the prepared and graded workbook,
 * for a judging date and a kind of grading. The extract is streamed with flat memory. Exit status as
 * qd-grade: 0 done, 2 usage, 3 unreadable input, a missing column or invalid rules.
 *
 * @packageDocumentation
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, extname } from 'node:path';
import {
  DEFAULT_COMPILED,
  QdError,
  UsageError,
  bilingual,
  isoDate,
  parseDateText,
  type CivilDate,
  type CompiledRules,
  type Lang,
} from '../core';
import { ChannelPreparation, type PreparationResult } from '../core/prepareChannels';
import {
  PREPARE_KINDS,
  PREPARE_KIND_LABELS,
  isPrepareKind,
  prepareWindow,
  type PrepareKind,
} from '../core/prepareKinds';
import { prepareProspective, prospectiveCellsOf } from '../core/prepareProspective';
import { gradeSheet, WorkbookIoError, type GradeReport, type WorkbookPort } from '../grading';
import { PREPARED_FORMATS, PROSPECTIVE_COLUMNS, preparedHeaderRow, preparedRow } from '../grading/prepareColumns';
import {
  PREPARED_SHEET,
  PROSPECTIVE_PREPARED_SHEET,
  detectSheetTable,
  notesSheetOf,
  prepareNotesRows,
  readMasterSheet,
  readNonMarketSheet,
} from '../grading/prepareSheet';
import { CsvWorkbook } from '../hosts/xlsx/CsvWorkbook';
import { XlsxWorkbook } from '../hosts/xlsx/XlsxWorkbook';
import { writeTemporaryBeside } from '../hosts/xlsx/atomicFile';
import { loadRules } from './loadRules';
import { readCsvExtract, readSheetExtract } from './prepareExtract';
import { writeRowsCsv, writeRowsXlsx } from './prepareWorkbookFile';
import type { CliIo } from './qdGrade';
import { main as gradeMain, summaryText } from './qdGrade';

/** What `qd-grade prepare` is asked for. */
export interface PrepareCliOptions {
  readonly extract: string;
  readonly master: string;
  readonly nonMarket: string;
  readonly date: CivilDate;
  readonly kind: PrepareKind;
  readonly output: string | undefined;
  readonly rules: string | undefined;
  /** A file of valid service-area codes (one a line, or the first column of a CSV); rows with others are left out. */
  readonly regions: string | undefined;
  readonly group: boolean;
  readonly lang: Lang;
  readonly quiet: boolean;
  readonly help: boolean;
  /**
   * The other grading options (CONTRACT.md §5), as given: --history, --record, --report, --notices,
   * --by, --keep-other-channels. They act on the prepared and graded output as on any graded file.
   */
  readonly grading: readonly string[];
}

/** Grading options `prepare` passes on to the grading of its output, with whether each takes a value. */
const GRADING_OPTIONS: Readonly<Record<string, boolean>> = {
  '--history': true,
  '--report': true,
  '--notices': true,
  '--by': true,
  '--record': false,
  '--keep-other-channels': false,
};

/** Usage of `qd-grade prepare`, in both languages. */
export const PREPARE_USAGE = `用法 Usage:
  qd-grade prepare --extract policies.csv|.xlsx --master channels.csv|.xlsx --nonmarket ratios.csv|.xlsx
                   --date YYYY-MM-DD --kind ${PREPARE_KINDS.join('|')}
                   [-o graded.xlsx|.csv] [--regions codes.txt] [--rules FILE] [--group] [--lang zh|en] [--quiet]
                   [--history FILE] [--record] [--report FILE] [--notices 分公司|三级机构] [--by NAME] [--keep-other-channels]

  --extract    保单明细（或渠道月度明细；拟合作时为经代渠道合作信息表） policy extract (for prospective: the cooperation form)
  --master     渠道清单 channel master
  --nonmarket  非市场费用率表 non-market table
  --date       评判日期 judging date
  --kind       ${PREPARE_KINDS.map((k) => `${k} ${PREPARE_KIND_LABELS[k].zh}`).join(' · ')}
  --regions    有效服务区域代码清单（每行一个） valid service-area codes, one a line
  -o           输出（默认 <明细>.graded.xlsx） output (default <extract>.graded.xlsx)
  其他分级选项与 qd-grade 相同，作用于准备并分级后的输出；快照按 --date 与 --kind 记录
  the other grading options are qd-grade's, applied to the prepared and graded output; the snapshot is dated --date, of --kind

退出状态 Exit status: 0 完成 done · 2 用法错误 usage · 3 输入不可读、缺列或规则无效 unreadable input, missing column or invalid rules`;

function usage(zh: string, en: string): UsageError {
  return new UsageError({ zh, en });
}

/** Parses the arguments after `prepare`. */
export function parsePrepareArgs(argv: readonly string[]): PrepareCliOptions {
  const o: Record<string, string | undefined> = {};
  let group = false;
  let quiet = false;
  let help = false;
  const grading: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || (eq < 0 && v.startsWith('-') && v.length > 1))
        throw usage(`${flag} 需要一个值`, `${flag} needs a value`);
      return v;
    };
    const takesValue = GRADING_OPTIONS[flag];
    if (takesValue !== undefined && Object.hasOwn(GRADING_OPTIONS, flag)) {
      if (takesValue) grading.push(flag, value());
      else if (eq > 0) throw usage(`${flag} 不带值`, `${flag} takes no value`);
      else grading.push(flag);
      continue;
    }
    switch (flag) {
      case '--extract':
      case '--master':
      case '--nonmarket':
      case '--date':
      case '--kind':
      case '--rules':
      case '--regions':
      case '--lang':
        o[flag.slice(2)] = value();
        break;
      case '-o':
      case '--output':
        o.output = value();
        break;
      case '--group':
        group = true;
        break;
      case '--quiet':
        quiet = true;
        break;
      case '-h':
      case '--help':
        help = true;
        break;
      default:
        throw usage(`未知选项或多余参数“${arg}”`, `unknown option or extra argument "${arg}"`);
    }
  }
  const lang = o.lang ?? 'zh';
  if (lang !== 'zh' && lang !== 'en') throw usage(`未知语言“${lang}”`, `unknown language "${lang}" (zh or en)`);
  const chosen: Lang = lang;
  const base = { output: o.output, rules: o.rules, regions: o.regions, group, lang: chosen, quiet, help, grading };
  if (help)
    return { extract: '', master: '', nonMarket: '', date: { year: 2000, month: 1, day: 1 }, kind: 'annual', ...base };
  for (const [key, name] of [
    ['extract', '--extract'],
    ['master', '--master'],
    ['nonmarket', '--nonmarket'],
    ['date', '--date'],
    ['kind', '--kind'],
  ] as const)
    if (o[key] === undefined) throw usage(`缺少 ${name}`, `${name} is required`);
  for (const key of ['extract', 'master', 'nonmarket'] as const)
    if (!/\.(xlsx|csv)$/i.test(o[key] as string))
      throw usage(`--${key} 应为 .xlsx 或 .csv：“${o[key]}”`, `--${key} must be .xlsx or .csv: "${o[key]}"`);
  const date = parseDateText(o.date as string);
  if (!date) throw usage(`--date “${o.date}”不是有效日期`, `--date "${o.date}" is not a valid date (YYYY-MM-DD)`);
  const kind = o.kind as string;
  if (!isPrepareKind(kind))
    throw usage(`未知评判类型“${kind}”`, `unknown kind "${kind}" (${PREPARE_KINDS.join(', ')})`);
  try {
    prepareWindow(kind, date);
  } catch (e) {
    if (e instanceof QdError) throw new UsageError(e.text);
    throw e;
  }
  if (o.output !== undefined && !/\.(xlsx|csv)$/i.test(o.output))
    throw usage(`输出应为 .xlsx 或 .csv：“${o.output}”`, `the output must be .xlsx or .csv: "${o.output}"`);
  return {
    extract: o.extract as string,
    master: o.master as string,
    nonMarket: o.nonmarket as string,
    date,
    kind,
    ...base,
  };
}

async function openInput(file: string): Promise<{ port: WorkbookPort; sheet: string }> {
  const port: WorkbookPort = /\.csv$/i.test(file)
    ? await CsvWorkbook.open(file, `${file}.unused`)
    : await XlsxWorkbook.open(file, `${file}.unused`);
  const names = await port.sheetNames();
  return { port, sheet: names[0] ?? basename(file, extname(file)) };
}

function progress(io: CliIo, label: string): (done: number, total: number) => void {
  let last = -1;
  return (done, total) => {
    const pct = total > 0 ? Math.min(100, Math.floor((100 * done) / total)) : 100;
    if (pct === last) return;
    last = pct;
    io.stderr(`\r${label} [${'#'.repeat(Math.round(pct * 0.3)).padEnd(30, '.')}] ${pct}%${pct === 100 ? '\n' : ''}`);
  };
}

/** The valid service-area codes of a file: one a line, or the first column of a CSV (a header is skipped). */
export async function readRegions(file: string): Promise<ReadonlySet<string>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw WorkbookIoError.reading(file, e);
  }
  const codes = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => (line.split(/[,;\t]/)[0] ?? '').replace(/^"|"$/g, '').trim())
    .filter((c) => c !== '' && !/服务区域代码|service\s*area/i.test(c));
  return new Set(codes);
}

/** Prepares from files (no grading): what `qd-grade prepare` and the bench run. */
export async function prepareFiles(
  options: Pick<PrepareCliOptions, 'extract' | 'master' | 'nonMarket' | 'date' | 'kind'> & {
    readonly regions?: string | undefined;
  },
  onProgress?: (done: number, total: number) => void,
): Promise<PreparationResult> {
  const nm = await openInput(options.nonMarket);
  const nonMarket = await readNonMarketSheet(nm.port, nm.sheet);
  if (options.kind === 'prospective') {
    const form = await openInput(options.extract);
    const table = await detectSheetTable(form.port, form.sheet, PROSPECTIVE_COLUMNS);
    const m = table.mapping;
    const cols = Object.values<number>(m);
    const rows = await form.port.readBlock(
      form.sheet,
      table.headerRow + 1,
      1,
      table.lastRow - table.headerRow,
      Math.max(...cols),
    );
    const result: PreparationResult = {
      kind: 'prospective',
      judging: options.date,
      window: prepareWindow('prospective', options.date),
      mode: 'prospective',
      nonMarketSource: 'budget',
      nonMarketYear: options.date.year,
      channels: [],
      notPrepared: [],
      counts: { read: 0, used: 0, outsideWindow: 0, noChannel: 0, noRegion: 0, invalidRegion: 0, unreadable: 0 },
      rejected: [],
      notes: [],
    };
    const channels = result.channels as PreparationResult['channels'][number][];
    const notPrepared = result.notPrepared as PreparationResult['notPrepared'][number][];
    for (const cells of rows) {
      if (cells.every((v) => v === null || v === '')) continue;
      const at = (k: keyof typeof m) => (m[k] === undefined ? null : (cells[m[k] - 1] ?? null));
      const out = prepareProspective(prospectiveCellsOf(at), nonMarket, options.date);
      if ('issues' in out) notPrepared.push(out);
      else channels.push(out);
    }
    return result;
  }
  const ms = await openInput(options.master);
  const master = await readMasterSheet(ms.port, ms.sheet);
  const validRegions = options.regions === undefined ? undefined : await readRegions(options.regions);
  const makePrep = (): ChannelPreparation =>
    new ChannelPreparation({ kind: options.kind, judging: options.date, master, nonMarket, validRegions });
  let prep: ChannelPreparation;
  if (/\.csv$/i.test(options.extract)) {
    try {
      await stat(options.extract);
    } catch (e) {
      throw WorkbookIoError.reading(options.extract, e);
    }
    prep = await readCsvExtract(options.extract, makePrep, onProgress ? { onProgress } : {});
  } else {
    const ex = await openInput(options.extract);
    prep = await readSheetExtract(ex.port, ex.sheet, makePrep(), onProgress ? { onProgress } : {});
  }
  return prep.finish();
}

/** The summary of a preparation, printed before the grading summary. */
export function prepareSummaryText(result: PreparationResult, lang: Lang): string {
  const w = result.window;
  const c = result.counts;
  const lines = [
    `qd-grade prepare: ${PREPARE_KIND_LABELS[result.kind].zh} (${result.kind}) · 评判日期 judging ${isoDate(result.judging)} · 窗口 window ${w ? `${isoDate(w.start)}..${isoDate(w.end)} (${w.days})` : '—'}`,
    `  明细 rows read ${c.read} · 计入 used ${c.used} · 窗口外 outside ${c.outsideWindow} · 无服务区域代码 no code ${c.noRegion} · 代码无效 invalid code ${c.invalidRegion} · 无法读取 unreadable ${c.unreadable} · 无渠道代码 no channel ${c.noChannel}`,
    `  已准备 prepared ${result.channels.length} · 未准备 not prepared ${result.notPrepared.length}`,
    ...result.notPrepared
      .slice(0, 10)
      .map(
        (n) =>
          `  ${n.channelId}: ${n.issues.map((i) => (lang === 'zh' ? bilingual(i.message) : `${i.message.en} (${i.message.zh})`)).join('; ')}`,
      ),
  ];
  if (result.notPrepared.length > 10)
    lines.push(`  … ${result.notPrepared.length - 10} more (see ${notesSheetOf(result.kind)})`);
  return `${lines.join('\n')}\n`;
}

/** Writes the prepared rows and grades them into `output` (.xlsx: with the notes sheet; .csv: notes beside). */
export async function writePreparedAndGrade(
  result: PreparationResult,
  output: string,
  options: Pick<PrepareCliOptions, 'lang' | 'group'> & {
    readonly rules?: CompiledRules | undefined;
    readonly onProgress?: ((done: number, total: number) => void) | undefined;
  },
): Promise<GradeReport | null> {
  const lang = options.lang;
  const sheet = result.kind === 'prospective' ? PROSPECTIVE_PREPARED_SHEET : PREPARED_SHEET;
  const rows = [preparedHeaderRow(lang), ...result.channels.map((c) => preparedRow(c, result, lang))];
  const notes = prepareNotesRows(result, lang);
  const csv = /\.csv$/i.test(output);
  let temporary: { readonly path: string; readonly remove: () => Promise<void> } | null = null;
  try {
    await mkdir(dirname(output), { recursive: true });
    if (csv) await writeRowsCsv(output.replace(/\.csv$/i, '.notes.csv'), notes);
    // The prepared rows, private to the owner and removed however the run ends, are graded into the output.
    temporary = await writeTemporaryBeside(output, (path) =>
      csv
        ? writeRowsCsv(path, rows)
        : writeRowsXlsx(path, [
            { name: sheet, rows, formats: new Map(PREPARED_FORMATS) },
            { name: notesSheetOf(result.kind), rows: notes },
          ]),
    );
    if (result.channels.length === 0) {
      if (csv) await writeRowsCsv(output, rows);
      else {
        const port = await XlsxWorkbook.open(temporary.path, output);
        await port.commit();
      }
      return null;
    }
    const port: WorkbookPort = csv
      ? await CsvWorkbook.open(temporary.path, output)
      : await XlsxWorkbook.open(temporary.path, output);
    const names = await port.sheetNames();
    return await gradeSheet(port, {
      sheet: csv ? names[0] : sheet,
      mode: result.mode,
      group: options.group,
      lang,
      rules: options.rules ?? DEFAULT_COMPILED,
      onProgress: options.onProgress,
    });
  } catch (e) {
    if (e instanceof QdError) throw e;
    throw WorkbookIoError.writing(output, e);
  } finally {
    await temporary?.remove();
  }
}

/** Runs `qd-grade prepare` with the arguments after `prepare`; resolves to the exit status. */
export async function prepareMain(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parsePrepareArgs(argv);
    if (options.help) {
      io.stdout(`${PREPARE_USAGE}\n`);
      return 0;
    }
    const output = options.output ?? options.extract.replace(/\.(xlsx|csv)$/i, '.graded.xlsx');
    const rules = options.rules ? await loadRules(options.rules) : DEFAULT_COMPILED;
    const show = io.isTerminal && !options.quiet;
    const result = await prepareFiles(options, show ? progress(io, '准备 preparing') : undefined);
    const report = await writePreparedAndGrade(result, output, {
      lang: options.lang,
      group: options.group,
      rules,
      onProgress: show ? progress(io, '分级 grading') : undefined,
    });
    if (!options.quiet) {
      io.stdout(prepareSummaryText(result, options.lang));
      if (report) io.stdout(summaryText(report, options.extract, output, result.mode));
      else
        io.stdout(`  没有可分级的渠道 no channel could be prepared: see ${notesSheetOf(result.kind)} in ${output}\n`);
    }
    if (report === null || options.grading.length === 0) return 0;
    // The other grading options act on the output as qd-grade's own (CONTRACT.md §5): the snapshot has
    // the preparation's judging date, kind and window (the 数据窗口 column of the prepared rows).
    return await gradeMain(
      [
        output,
        '-o',
        output,
        ...(/\.csv$/i.test(output) ? [] : ['--sheet', report.sheet]),
        '--mode',
        result.mode,
        '--date',
        isoDate(result.judging),
        '--kind',
        result.kind,
        '--lang',
        options.lang,
        ...(options.rules ? ['--rules', options.rules] : []),
        ...(options.group ? ['--group'] : []),
        ...options.grading,
        '--quiet',
      ],
      options.quiet ? { ...io, stdout: () => undefined } : io,
    );
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`qd-grade prepare: ${bilingual(e.text)}\n\n${PREPARE_USAGE}\n`);
      return 2;
    }
    if (e instanceof QdError) {
      io.stderr(`qd-grade prepare: ${bilingual(e.text)}\n`);
      return 3;
    }
    throw e;
  }
}
