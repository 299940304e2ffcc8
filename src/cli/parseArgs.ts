/**
 * The command line of qd-grade (CONTRACT.md §5), parsed without a library: a usage problem is a
 * `UsageError` (exit status 2).
 *
 * @packageDocumentation
 */
import {
  GRADING_MODES,
  UsageError,
  isPrepareKind,
  parseDateText,
  type GradingMode,
  type Lang,
  type PrepareKind,
} from '../core';

/** What the command line asks for. */
export interface CliOptions {
  readonly input: string;
  readonly output: string | undefined;
  readonly sheet: string | undefined;
  readonly mode: GradingMode;
  readonly rules: string | undefined;
  readonly group: boolean;
  readonly lang: Lang;
  readonly quiet: boolean;
  readonly help: boolean;
  /** Grade rows whose channel type belongs to another channel (RULES.md §14) instead of leaving them out. */
  readonly keepOtherChannels: boolean;
  /** Append this grading as a snapshot to a history file (.json or .xlsx) and print the movement. */
  readonly history: string | undefined;
  /** Write the manager's report (self-contained HTML) here. */
  readonly report: string | undefined;
  /** The snapshot's judging date, ISO; today when not given. */
  readonly date: string | undefined;
  /** The snapshot's kind of grading; from the mode when not given. */
  readonly kind: PrepareKind | undefined;
  /** Who graded, for the snapshot and the trail; the login name when not given. */
  readonly by: string | undefined;
  /**
   * Record the grading in the graded workbook itself (RULES.md §12): 分级历史, 审批记录, 分级变动,
   * 在用分类 and the A4 report 分级报告. An .xlsx only.
   */
  readonly record: boolean;
  /** Write a notice sheet 通知-<key> per 分公司 (`company`) or 三级机构 (`branch`) into the graded workbook. */
  readonly notices: 'company' | 'branch' | undefined;
}

/** The usage text, in both languages. */
export const USAGE = `用法 Usage:
  qd-grade <input.xlsx|input.csv> [-o output] [--sheet NAME] [--mode annual|in-year|prospective]
           [--rules rules.xlsx|rules.csv|rules.json] [--group] [--lang zh|en] [--quiet]
           [--keep-other-channels] [--history history.json|history.xlsx] [--report report.html]
           [--date YYYY-MM-DD] [--kind annual|recheck|quarter|threemonths|month|prospective] [--by NAME]
           [--record] [--notices 分公司|三级机构]
  qd-grade history <history.json|history.xlsx|graded.xlsx> [--from ID] [--to ID] [--channel CODE] [--lang zh|en]
  qd-grade approve <history.json|history.xlsx|graded.xlsx> --by NAME [--snapshot ID]
           [--action approved|returned|notified|acknowledged] [--role approver|grader|branch] [--note TEXT]
  qd-grade prepare --extract … --master … --nonmarket … --date YYYY-MM-DD --kind …   (qd-grade prepare --help)

  -o, --output   输出文件（默认 <输入>.graded.<扩展名>） output file (default <input>.graded.<ext>)
  --sheet        要分级的工作表（默认第一张） sheet to grade (default: the first)
  --mode         annual 年度评价 | in-year 年度内运用 | prospective 拟合作 (default annual)
  --rules        规则文件：键/值两列的 .xlsx/.csv，或 .json rule file: key/value .xlsx/.csv, or .json
  --group        集团渠道合并分级 class group channels as one unit
  --lang         输出表头与标签语言 zh | en (default zh)
  --quiet        不打印汇总 print no summary
  --keep-other-channels  保留疑似窜门（车商、银保、综拓、直销类型）的行参与分级 grade rows whose type belongs to another channel
  --history      把本次分级作为快照追加到历史文件（.json 或 .xlsx），并打印与上期相比的变动 append this grading to a history file and print the movement
  --report       写出管理层报告（独立 HTML，可打印为 A4） write the manager's report (self-contained HTML, prints to A4)
  --date         快照的评判日（默认今天） the snapshot's judging date (default today)
  --kind         快照的分级类型（默认按 --mode） the snapshot's kind of grading (default from --mode)
  --by           分级人（默认登录名） who graded (default: the login name)
  --record       把本次分级记入所分级的工作簿：分级历史、审批记录、分级变动、在用分类和 A4 分级报告（仅 .xlsx）
                 record the grading in the graded workbook: history, trail, movement, classes in force, A4 report (.xlsx only)
  --notices      按分公司或三级机构写出通知工作表“通知-<名称>”（仅 .xlsx） write a notice sheet per 分公司 or 三级机构 (.xlsx only)

  history        列出历史中的分级；--from/--to 两次分级之间的色带迁移与变动渠道（默认最近两次）；--channel 一个渠道的历次分类与审批
                 list the gradings; the movement between two (--from/--to, default the last two); one channel's classes and trail (--channel)
  approve        在分级（默认最近一次）的审批记录上追加一步：批准/退回（个人客户运营部）、通知（经代部）、确认收到（分支机构）
                 append a step to a grading's trail (default the latest): approved/returned, notified, acknowledged (第十条)

退出状态 Exit status: 0 已分级 graded · 2 用法错误 usage · 3 输入不可读、已加密、缺列、规则无效、工作表名被占用，或历史中没有该分级 unreadable or encrypted input, missing column, invalid rules, a sheet name taken by your own sheet, or no such grading in the history`;

function usage(zh: string, en: string): UsageError {
  return new UsageError({ zh, en });
}

/** Parses argv (without node and the script). */
export function parseArgs(argv: readonly string[]): CliOptions {
  const positional: string[] = [];
  const o: {
    output?: string;
    sheet?: string;
    mode: GradingMode;
    rules?: string;
    group: boolean;
    lang: Lang;
    quiet: boolean;
    help: boolean;
    keepOtherChannels: boolean;
    history?: string;
    report?: string;
    date?: string;
    kind?: PrepareKind;
    by?: string;
    record: boolean;
    notices?: 'company' | 'branch';
  } = {
    mode: 'annual',
    group: false,
    lang: 'zh',
    quiet: false,
    help: false,
    keepOtherChannels: false,
    record: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('-') && v.length > 1))
        throw usage(`${flag} 需要一个值`, `${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '-o':
      case '--output':
        o.output = value();
        break;
      case '--sheet':
        o.sheet = value();
        break;
      case '--mode': {
        const m = value();
        if (!(GRADING_MODES as readonly string[]).includes(m))
          throw usage(`未知模式“${m}”`, `unknown mode "${m}" (annual, in-year or prospective)`);
        o.mode = m as GradingMode;
        break;
      }
      case '--rules':
        o.rules = value();
        break;
      case '--group':
        o.group = true;
        break;
      case '--lang': {
        const l = value();
        if (l !== 'zh' && l !== 'en') throw usage(`未知语言“${l}”`, `unknown language "${l}" (zh or en)`);
        o.lang = l;
        break;
      }
      case '--quiet':
        o.quiet = true;
        break;
      case '--keep-other-channels':
        o.keepOtherChannels = true;
        break;
      case '--history': {
        const h = value();
        if (!/\.(json|xlsx)$/i.test(h))
          throw usage(`历史文件应为 .json 或 .xlsx：“${h}”`, `the history file must be .json or .xlsx: "${h}"`);
        o.history = h;
        break;
      }
      case '--report': {
        const r = value();
        if (!/\.html?$/i.test(r)) throw usage(`报告文件应为 .html：“${r}”`, `the report must be an .html file: "${r}"`);
        o.report = r;
        break;
      }
      case '--date': {
        const d = value();
        const civil = parseDateText(d);
        if (civil === null || !/^\d{4}-\d{2}-\d{2}$/.test(d))
          throw usage(`评判日应为 YYYY-MM-DD：“${d}”`, `the judging date must be YYYY-MM-DD: "${d}"`);
        o.date = d;
        break;
      }
      case '--kind': {
        const k = value();
        if (!isPrepareKind(k))
          throw usage(
            `未知分级类型“${k}”`,
            `unknown kind "${k}" (annual, recheck, quarter, threemonths, month or prospective)`,
          );
        o.kind = k;
        break;
      }
      case '--by':
        o.by = value();
        break;
      case '--record':
        o.record = true;
        break;
      case '--notices': {
        const n = value();
        const by = noticeKey(n);
        if (by === null)
          throw usage(
            `--notices 应为 分公司 或 三级机构：“${n}”`,
            `--notices must be 分公司 (company) or 三级机构 (branch): "${n}"`,
          );
        o.notices = by;
        break;
      }
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw usage(`未知选项“${arg}”`, `unknown option "${arg}"`);
        positional.push(arg);
    }
  }
  const extras = {
    keepOtherChannels: o.keepOtherChannels,
    history: o.history,
    report: o.report,
    date: o.date,
    kind: o.kind,
    by: o.by,
    record: o.record,
    notices: o.notices,
  };
  if (o.help) return { input: '', output: undefined, sheet: undefined, rules: undefined, ...o, ...extras };
  if (positional.length !== 1) throw usage('需要且只需要一个输入文件', 'give exactly one input file');
  const input = positional[0] as string;
  if (/\.(xls|xlsm|xlsb|ods|et)$/i.test(input))
    throw usage(
      `不支持“${input}”的格式：请在 Excel 或 LibreOffice 中另存为 .xlsx 后再试`,
      `"${input}" is not in a format qd-grade reads: save it as .xlsx in Excel or LibreOffice and try again`,
    );
  if (!/\.(xlsx|csv)$/i.test(input))
    throw usage(`输入应为 .xlsx 或 .csv：“${input}”`, `the input must be .xlsx or .csv: "${input}"`);
  const inputExt = extension(input);
  if ((o.record || o.notices !== undefined) && inputExt !== '.xlsx')
    throw usage(
      `--record 与 --notices 需要 .xlsx 输入（CSV 只有一张表）：请用 --history 保存历史`,
      `--record and --notices need an .xlsx input (a CSV holds one sheet): use --history to keep the history`,
    );
  if (o.output !== undefined && extension(o.output) !== inputExt)
    throw usage(
      `输出文件“${o.output}”的扩展名应与输入相同（${inputExt}）`,
      `the output "${o.output}" must have the input's extension (${inputExt})`,
    );
  return {
    input,
    output: o.output,
    sheet: o.sheet,
    rules: o.rules,
    mode: o.mode,
    group: o.group,
    lang: o.lang,
    quiet: o.quiet,
    help: false,
    ...extras,
  };
}

/** The key of `--notices`: 分公司 / company, 三级机构 / branch; null for anything else. */
export function noticeKey(text: string): 'company' | 'branch' | null {
  const t = text.trim().toLowerCase();
  if (t === '分公司' || t === 'company') return 'company';
  if (t === '三级机构' || t === 'branch') return 'branch';
  return null;
}

function extension(file: string): string {
  return (/\.[^./\\]*$/.exec(file)?.[0] ?? '').toLowerCase();
}

/** `<input>.graded.<ext>` beside the input. */
export function defaultOutput(input: string): string {
  return input.replace(/\.(xlsx|csv)$/i, (_, ext: string) => `.graded.${ext}`);
}
