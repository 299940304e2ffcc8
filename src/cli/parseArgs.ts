/**
 * The command line of qd-grade (CONTRACT.md §5), parsed without a library: a usage problem is a
 * `UsageError` (exit status 2).
 *
 * @packageDocumentation
 */
import { GRADING_MODES, UsageError, type GradingMode, type Lang } from '../core';

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
}

/** The usage text, in both languages. */
export const USAGE = `用法 Usage:
  qd-grade <input.xlsx|input.csv> [-o output] [--sheet NAME] [--mode annual|in-year|prospective]
           [--rules rules.xlsx|rules.csv|rules.json] [--group] [--lang zh|en] [--quiet]

  -o, --output   输出文件（默认 <输入>.graded.<扩展名>） output file (default <input>.graded.<ext>)
  --sheet        要分级的工作表（默认第一张） sheet to grade (default: the first)
  --mode         annual 年度评价 | in-year 年度内运用 | prospective 拟合作 (default annual)
  --rules        规则文件：键/值两列的 .xlsx/.csv，或 .json rule file: key/value .xlsx/.csv, or .json
  --group        集团渠道合并分级 class group channels as one unit
  --lang         输出表头与标签语言 zh | en (default zh)
  --quiet        不打印汇总 print no summary

退出状态 Exit status: 0 已分级 graded · 2 用法错误 usage · 3 输入不可读、已加密、缺列、规则无效或工作表名被占用 unreadable or encrypted input, missing column, invalid rules or a sheet name taken by your own sheet`;

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
  } = {
    mode: 'annual',
    group: false,
    lang: 'zh',
    quiet: false,
    help: false,
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
      case '-h':
      case '--help':
        o.help = true;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw usage(`未知选项“${arg}”`, `unknown option "${arg}"`);
        positional.push(arg);
    }
  }
  if (o.help) return { input: '', output: undefined, sheet: undefined, rules: undefined, ...o };
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
  };
}

function extension(file: string): string {
  return (/\.[^./\\]*$/.exec(file)?.[0] ?? '').toLowerCase();
}

/** `<input>.graded.<ext>` beside the input. */
export function defaultOutput(input: string): string {
  return input.replace(/\.(xlsx|csv)$/i, (_, ext: string) => `.graded.${ext}`);
}
