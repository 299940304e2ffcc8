/**
 * `qd-grade sql` (CONTRACT.md §7): the rule set as one SQL script for the company's warehouse, for a
 * judging date and a kind of grading, in a dialect. Rules from `--rules` (a rules file, or a workbook
 * whose `分级规则` sheet holds its saved rules) or the shipped defaults. Prints the script, or writes it
 * atomically with `-o`. Exit status as qd-grade: 0 done, 2 usage, 3 unreadable or invalid rules.
 *
 * @packageDocumentation
 */
import { writeFile } from 'node:fs/promises';
import { DEFAULT_COMPILED, QdError, UsageError, bilingual, type CompiledRules } from '../core';
import { NoWindowError } from '../core/prepareKinds';
import { WorkbookIoError } from '../grading';
import { RULES_SHEET } from '../grading/rulesSheet';
import { writeAtomically } from '../hosts/xlsx/atomicFile';
import { SQL_DIALECTS, SQL_KINDS, compileSql, isSqlDialect, type SqlDialect, type SqlKind } from '../sql';
import type { CliIo } from './cliIo';
import { loadRules } from './loadRules';

/** What `qd-grade sql` is asked for. */
export interface SqlCliOptions {
  readonly date: string;
  readonly kind: SqlKind;
  readonly dialect: SqlDialect;
  readonly rules: string | undefined;
  readonly output: string | undefined;
  readonly help: boolean;
}

/** Usage of `qd-grade sql`, in both languages. */
export const SQL_USAGE = `用法 Usage:
  qd-grade sql --date YYYY-MM-DD --kind ${SQL_KINDS.join('|')}
               [--dialect ${SQL_DIALECTS.map((d) => d.id).join('|')}] [--rules rules.xlsx|.csv|.json] [-o script.sql]

  生成数仓分级脚本：在 qd_policies、qd_channels、qd_nonmarket 上建视图 qd_graded 和 qd_not_prepared
  Writes the warehouse script: over qd_policies, qd_channels and qd_nonmarket it creates the views
  qd_graded and qd_not_prepared, computing what qd-grade prepare computes, with the same rules.

  --date     评判日期 judging date
  --kind     评判种类 kind of grading
  --dialect  ${SQL_DIALECTS.map((d) => `${d.id} ${d.label.zh}`).join(' · ')}
  --rules    规则文件，或含“${RULES_SHEET}”工作表的工作簿（默认：内置默认规则）
             a rules file, or a workbook with its "${RULES_SHEET}" sheet (default: the shipped defaults)
  -o         写入文件（默认输出到屏幕） write to a file (default: print)

退出状态 Exit status: 0 完成 done · 2 用法错误 usage · 3 规则不可读或无效 unreadable or invalid rules`;

function usage(zh: string, en: string): UsageError {
  return new UsageError({ zh, en });
}

/** Parses the arguments after `sql`. */
export function parseSqlArgs(argv: readonly string[]): SqlCliOptions {
  const o: Record<string, string | undefined> = {};
  let help = false;
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
    switch (flag) {
      case '--date':
      case '--kind':
      case '--dialect':
      case '--rules':
        o[flag.slice(2)] = value();
        break;
      case '-o':
      case '--output':
        o.output = value();
        break;
      case '-h':
      case '--help':
        help = true;
        break;
      default:
        throw usage(`未知选项或多余参数“${arg}”`, `unknown option or extra argument "${arg}"`);
    }
  }
  if (help) return { date: '', kind: 'quarter', dialect: 'duckdb', rules: undefined, output: undefined, help };
  if (o.date === undefined) throw usage('缺少 --date 评判日期', 'missing --date (the judging date)');
  if (o.kind === undefined) throw usage('缺少 --kind 评判种类', 'missing --kind (the kind of grading)');
  const kind = o.kind;
  if (!(SQL_KINDS as readonly string[]).includes(kind))
    throw usage(`--kind 应为 ${SQL_KINDS.join('、')} 之一`, `--kind should be one of ${SQL_KINDS.join(', ')}`);
  const dialect = o.dialect ?? 'duckdb';
  if (!isSqlDialect(dialect))
    throw usage(
      `--dialect 应为 ${SQL_DIALECTS.map((d) => d.id).join('、')} 之一`,
      `--dialect should be one of ${SQL_DIALECTS.map((d) => d.id).join(', ')}`,
    );
  return { date: o.date, kind: kind as SqlKind, dialect, rules: o.rules, output: o.output, help };
}

/** The rules of `--rules`, as `qd-grade --rules` reads them (a graded workbook's 分级规则 sheet included). */
export function loadSqlRules(file: string): Promise<CompiledRules> {
  return loadRules(file);
}

/** Runs `qd-grade sql` with the arguments after `sql`; resolves to the exit status. */
export async function sqlMain(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const options = parseSqlArgs(argv);
    if (options.help) {
      io.stdout(`${SQL_USAGE}\n`);
      return 0;
    }
    const rules = options.rules ? await loadSqlRules(options.rules) : DEFAULT_COMPILED;
    const compiled = compileSql({
      judgingDate: options.date,
      kind: options.kind,
      dialect: options.dialect,
      rules,
    });
    if (options.output === undefined) {
      io.stdout(compiled.sql);
      return 0;
    }
    const output = options.output;
    try {
      await writeAtomically(output, (temporary) => writeFile(temporary, compiled.sql, 'utf8'));
    } catch (e) {
      throw WorkbookIoError.writing(output, e);
    }
    io.stdout(
      `qd-grade sql: ${output} · ${options.dialect} · 规则指纹 rules fingerprint ${compiled.fingerprint} · 窗口 window ${compiled.window.start}..${compiled.window.end}\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof NoWindowError) {
      io.stderr(`qd-grade sql: ${bilingual(e.text)}\n\n${SQL_USAGE}\n`);
      return 2;
    }
    if (e instanceof QdError) {
      io.stderr(`qd-grade sql: ${bilingual(e.text)}\n`);
      return 3;
    }
    throw e;
  }
}
