/**
 * The rules sheet `分级规则` (CONTRACT.md §2, §5): the rules used, their fingerprint and the time of
 * grading, with the parameter table named `QD_RULES` and the resource matrix `QD_MATRIX`, so
 * formulas and the pane grade with the same rules and anyone opening the workbook can read them.
 *
 * @packageDocumentation
 */
import { matrixRows, rulesTableRows, type CompiledRules, type GradingMode, type Lang } from '../core';
import type { CellWrite, WorkbookPort } from './WorkbookPort';

/** Name of the rules sheet. */
export const RULES_SHEET = '分级规则';

/** The rules sheet's rows and where its two named tables are (1-based, inclusive). */
export interface RulesSheetLayout {
  readonly rows: CellWrite[][];
  readonly rulesTable: { firstRow: number; lastRow: number; lastColumn: number };
  readonly matrixTable: { firstRow: number; lastRow: number; lastColumn: number };
}

/** What graded the sheet, for the stamp at the top. */
export interface GradingStamp {
  readonly sheet: string;
  readonly mode: GradingMode;
  readonly group: boolean;
  readonly gradedAt: Date;
  readonly by?: string | undefined;
}

/** The rules sheet for a run. */
export function rulesSheet(rules: CompiledRules, stamp: GradingStamp, lang: Lang): RulesSheetLayout {
  const t = lang === 'zh';
  const head: CellWrite[][] = [
    [t ? '分级规则 Grading rules' : 'Grading rules 分级规则'],
    [t ? '规则名称 Name' : 'Name 规则名称', rules.rules.name],
    [t ? '版本 Version' : 'Version 版本', rules.rules.version],
    [t ? '规则指纹 Fingerprint' : 'Fingerprint 规则指纹', rules.fingerprint],
    [t ? '分级时间 Graded at' : 'Graded at 分级时间', stamp.gradedAt.toISOString()],
    [t ? '分级表 Sheet' : 'Sheet 分级表', stamp.sheet],
    [t ? '模式 Mode' : 'Mode 模式', `${stamp.mode}${stamp.group ? ' + group' : ''}`],
    ...(stamp.by ? [[t ? '分级人 Graded by' : 'Graded by 分级人', stamp.by] as CellWrite[]] : []),
    [],
  ];
  const table = rulesTableRows(rules.rules, lang);
  const rulesFirst = head.length + 1;
  const matrix = matrixRows(rules.rules, lang);
  const matrixFirst = rulesFirst + table.length + 1;
  return {
    rows: [...head, ...table, [], ...matrix],
    rulesTable: { firstRow: rulesFirst, lastRow: rulesFirst + table.length - 1, lastColumn: 2 },
    matrixTable: { firstRow: matrixFirst, lastRow: matrixFirst + matrix.length - 1, lastColumn: 5 },
  };
}

/** Writes `分级规则` and names its two tables `QD_RULES` and `QD_MATRIX` (the port commits later). */
export async function writeRulesSheet(
  port: WorkbookPort,
  rules: CompiledRules,
  stamp: GradingStamp,
  lang: Lang,
): Promise<void> {
  const rs = rulesSheet(rules, stamp, lang);
  await port.replaceSheet(RULES_SHEET, rs.rows, [24, 18, 48, 12, 16]);
  const { rulesTable: r, matrixTable: m } = rs;
  await port.defineName('QD_RULES', RULES_SHEET, r.firstRow, 1, r.lastRow, r.lastColumn);
  await port.defineName('QD_MATRIX', RULES_SHEET, m.firstRow, 1, m.lastRow, m.lastColumn);
}
