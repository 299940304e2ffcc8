/**
 * Rules for the command line from a file: .json (a rule set), or .xlsx/.csv with a key and a value
 * column (CONTRACT.md §2); in an .xlsx, a sheet named `资源矩阵` or `matrix` is the resource matrix.
 *
 * @packageDocumentation
 */
import { readFile } from 'node:fs/promises';
import {
  InvalidRulesError,
  compileRules,
  rulesFromRange,
  rulesWithMatrixRange,
  validateRuleSet,
  type CompiledRules,
  type RuleProblem,
} from '../core';
import { WorkbookIoError } from '../grading';
import { CsvWorkbook } from '../hosts/xlsx/CsvWorkbook';
import { XlsxWorkbook } from '../hosts/xlsx/XlsxWorkbook';
import { RULES_SHEET, readSavedRules } from '../grading/rulesSheet';

function inFile(file: string, problems: readonly RuleProblem[]): InvalidRulesError {
  return new InvalidRulesError(problems.map((p) => ({ field: `${file}: ${p.field}`, message: p.message })));
}

/**
 * The text of a rules JSON file. Notepad saves UTF-8 with a byte-order mark, and "Unicode" as
 * UTF-16 LE with one; JSON.parse refuses a BOM, so it is dropped.
 */
function jsonText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  // TextDecoder drops a UTF-8 BOM by default.
  return new TextDecoder('utf-8').decode(bytes);
}

/** Loads and compiles rules; `InvalidRulesError` names the file and key, `WorkbookIoError` an unreadable file. */
export async function loadRules(file: string): Promise<CompiledRules> {
  if (/\.json$/i.test(file)) {
    let text: string;
    try {
      text = jsonText(await readFile(file));
    } catch (e) {
      throw new WorkbookIoError(
        { zh: `无法读取规则文件“${file}”`, en: `cannot read rules file "${file}"` },
        { cause: e },
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw inFile(file, [
        { field: '(json)', message: { zh: `不是有效的 JSON：${String(e)}`, en: `not valid JSON: ${String(e)}` } },
      ]);
    }
    const v = validateRuleSet(parsed);
    if (!v.ok) throw inFile(file, v.problems);
    return compileRules(v.rules);
  }
  if (!/\.(xlsx|csv)$/i.test(file)) {
    throw inFile(file, [
      {
        field: '(file)',
        message: { zh: '规则文件应为 .xlsx、.csv 或 .json', en: 'a rules file is .xlsx, .csv or .json' },
      },
    ]);
  }
  const book = /\.csv$/i.test(file) ? await CsvWorkbook.open(file, file) : await XlsxWorkbook.open(file, file);
  const names = await book.sheetNames();
  // A graded workbook: the rules it was graded with, as its 分级规则 sheet keeps them (thresholds,
  // matrix and channel-type lists), not its first sheet, which holds the channels.
  if (names.includes(RULES_SHEET)) {
    const saved = await readSavedRules(book);
    if (saved) return saved.rules;
  }
  const first = names[0] as string;
  const ext = await book.extent(first);
  const rows = await book.readBlock(first, 1, 1, ext.rowCount, Math.max(2, ext.columnCount));
  const v = rulesFromRange(rows);
  if (!v.ok) throw inFile(file, v.problems);
  const matrixSheet = names.find((n) => n === '资源矩阵' || n.toLowerCase() === 'matrix');
  if (!matrixSheet) return compileRules(v.rules);
  const mext = await book.extent(matrixSheet);
  const m = rulesWithMatrixRange(await book.readBlock(matrixSheet, 1, 1, mext.rowCount, 6), v.rules);
  if (!m.ok) throw inFile(file, m.problems);
  return compileRules(m.rules);
}
