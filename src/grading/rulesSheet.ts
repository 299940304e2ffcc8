/**
 * The rules sheet `分级规则` (CONTRACT.md §2, §5): the rules used, their fingerprint and the time of
 * grading, with the parameter table named `QD_RULES` and the resource matrix `QD_MATRIX`, so
 * formulas and the pane grade with the same rules and anyone opening the workbook can read them.
 *
 * @packageDocumentation
 */
import {
  DEFAULT_COMPILED,
  compileRules,
  matrixRows,
  rulesFromRange,
  rulesTableRows,
  rulesWithMatrixRange,
  validateRuleSet,
  type Bilingual,
  type CompiledRules,
  type GradingMode,
  type Lang,
} from '../core';
import { foldHeader } from './columns';
import { InvalidSavedRulesError } from './gradingErrors';
import type { CellValue, CellWrite, WorkbookPort } from './WorkbookPort';

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
  /** When the rules were saved without grading (the pane's Save), and by whom. */
  readonly rulesSavedAt?: Date | undefined;
  readonly rulesSavedBy?: string | undefined;
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
    ...(stamp.rulesSavedAt
      ? [
          [
            t ? '规则保存时间 Rules saved at' : 'Rules saved at 规则保存时间',
            stamp.rulesSavedAt.toISOString(),
            stamp.rulesSavedBy ?? '',
            t
              ? '保存后尚未按这些规则重新分级 (not yet graded with these rules)'
              : 'not yet graded with these rules (保存后尚未按这些规则重新分级)',
          ] as CellWrite[],
        ]
      : []),
    [],
  ];
  const table = rulesTableRows(rules.rules, lang);
  const rulesFirst = head.length + 1;
  const matrix = matrixRows(rules.rules, lang);
  const matrixFirst = rulesFirst + table.length + 1;
  return {
    rows: [...head, ...table, [], ...matrix],
    rulesTable: { firstRow: rulesFirst, lastRow: rulesFirst + table.length - 1, lastColumn: 2 },
    matrixTable: { firstRow: matrixFirst, lastRow: matrixFirst + matrix.length - 1, lastColumn: 6 },
  };
}

/** The first cell of a sign-off row (RULES.md §12), in either order of the languages. */
const SIGN_OFF_LABELS = new Set(['复核签字 Review sign-off', 'Review sign-off 复核签字']);

/** Whether a row of the rules sheet is a sign-off (RULES.md §12). */
export function isSignOffRow(row: readonly CellValue[]): boolean {
  return SIGN_OFF_LABELS.has(cellText(row[0]));
}

/** Marks a sign-off that approved an earlier grading, in the status column of its row. */
const EARLIER: Bilingual = {
  zh: '适用于此前的分级（重新分级后需重新签字）',
  en: 'applies to the earlier grading (sign off again after re-grading)',
};

/** Column of a sign-off row that holds what grading it approved, and its status. */
const SIGNED_GRADING_COLUMN = 6;
const SIGN_OFF_STATUS_COLUMN = 8;
/** The 分级编号 of the snapshot a sign-off approved (on its trail, 审批记录); blank on older rows. */
const SIGNED_SNAPSHOT_COLUMN = 9;

function cellText(v: CellValue | undefined): string {
  return v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim();
}

function say(text: Bilingual, lang: Lang): string {
  return lang === 'zh' ? `${text.zh} (${text.en})` : `${text.en} (${text.zh})`;
}

/** The rows of the rules sheet as they are now, or null when the workbook has none. */
async function readRulesSheet(port: WorkbookPort): Promise<CellValue[][] | null> {
  if (!(await port.sheetNames()).includes(RULES_SHEET)) return null;
  const extent = await port.extent(RULES_SHEET);
  if (extent.rowCount === 0 || extent.columnCount === 0) return [];
  return port.readBlock(RULES_SHEET, 1, 1, extent.rowCount, Math.max(SIGNED_SNAPSHOT_COLUMN, extent.columnCount));
}

/** When the grading recorded on the rules sheet was made (its `分级时间` row), or ''. */
export function gradedAtOf(rows: readonly (readonly CellValue[])[]): string {
  const row = rows.find((r) => /分级时间|Graded at/.test(cellText(r[0])));
  return row ? cellText(row[1]) : '';
}

/**
 * Earlier sign-offs on the rules sheet, each marked as applying to the earlier grading when it
 * approved a grading other than `gradedAt` (RULES.md §12: a sign-off stays with its snapshot).
 */
function carriedSignOffs(rows: readonly (readonly CellValue[])[], gradedAt: string, lang: Lang): CellWrite[][] {
  return rows.filter(isSignOffRow).map((r) => {
    const row: CellWrite[] = Array.from({ length: SIGNED_SNAPSHOT_COLUMN }, (_, i) => r[i] ?? null);
    if (row[SIGNED_SNAPSHOT_COLUMN - 1] === null) row.length = SIGN_OFF_STATUS_COLUMN;
    const signed = cellText(r[SIGNED_GRADING_COLUMN - 1]);
    if (signed === '' || signed !== gradedAt) row[SIGN_OFF_STATUS_COLUMN - 1] = say(EARLIER, lang);
    return row;
  });
}

/**
 * Writes `分级规则` and names its two tables `QD_RULES` and `QD_MATRIX` (the port commits later).
 * Sign-offs already on the sheet are kept below the tables; those of an earlier grading are marked
 * so (RULES.md §12). Returns how many earlier sign-offs now apply to an earlier grading.
 */
export async function writeRulesSheet(
  port: WorkbookPort,
  rules: CompiledRules,
  stamp: GradingStamp,
  lang: Lang,
): Promise<{ readonly earlierSignOffs: number }> {
  const before = (await readRulesSheet(port)) ?? [];
  const rs = rulesSheet(rules, stamp, lang);
  const carried = carriedSignOffs(before, stamp.gradedAt.toISOString(), lang);
  const record: CellWrite[][] =
    carried.length > 0 ? [[], [lang === 'zh' ? '复核签字记录 Sign-offs' : 'Sign-offs 复核签字记录'], ...carried] : [];
  await port.replaceSheet(RULES_SHEET, [...rs.rows, ...record], [24, 18, 48, 12, 16, 24, 24, 36]);
  const { rulesTable: r, matrixTable: m } = rs;
  await port.defineName('QD_RULES', RULES_SHEET, r.firstRow, 1, r.lastRow, r.lastColumn);
  await port.defineName('QD_MATRIX', RULES_SHEET, m.firstRow, 1, m.lastRow, m.lastColumn);
  return { earlierSignOffs: carried.filter((c) => c[SIGN_OFF_STATUS_COLUMN - 1] !== null).length };
}

/** The rules a workbook keeps on `分级规则`, with what reading them found (issue 15 point 1). */
export interface SavedRules {
  readonly rules: CompiledRules;
  /** Whether they differ from the shipped defaults (the fingerprints differ). */
  readonly differsFromDefaults: boolean;
  /** E.g. that they were saved with the old item numbering and have been migrated. */
  readonly warnings: readonly Bilingual[];
}

function tableAfter(
  rows: readonly (readonly CellValue[])[],
  isHeader: (row: readonly CellValue[]) => boolean,
): CellValue[][] | null {
  const at = rows.findIndex(isHeader);
  if (at < 0) return null;
  const out: CellValue[][] = [];
  for (const row of rows.slice(at)) {
    if (row.every((v) => cellText(v) === '')) break;
    out.push([...row]);
  }
  return out;
}

/**
 * The rule set saved on the workbook's `分级规则` sheet (its `QD_RULES` table and `QD_MATRIX`
 * matrix, RULES.md §10, CONTRACT.md §2), or null when the workbook has no rules sheet. A matrix in
 * the old item numbering is migrated and says so. Throws `InvalidSavedRulesError` naming the field
 * when the saved rules are invalid: they are never replaced by defaults behind the user's back.
 */
export async function readSavedRules(port: WorkbookPort): Promise<SavedRules | null> {
  const rows = await readRulesSheet(port);
  if (rows === null) return null;
  const params = tableAfter(rows, (r) => ['键key', 'key'].includes(foldHeader(r[0])));
  const matrix = tableAfter(rows, (r) => foldHeader(r[0]) === 'item' && foldHeader(r[1]) === 'colours');
  if (!params && !matrix) return null;
  const head = (label: RegExp): string => cellText(rows.find((r) => label.test(cellText(r[0])))?.[1]);
  const p = rulesFromRange((params ?? []).map((r) => r.slice(0, 2)));
  if (!p.ok) throw new InvalidSavedRulesError(RULES_SHEET, p.problems);
  const base = {
    ...p.rules,
    name: head(/规则名称|^Name/) || p.rules.name,
    version: head(/版本|^Version/) || p.rules.version,
  };
  const full = matrix
    ? rulesWithMatrixRange(
        matrix.map((r) => r.slice(0, 6)),
        base,
      )
    : validateRuleSet(base);
  if (!full.ok) throw new InvalidSavedRulesError(RULES_SHEET, full.problems);
  // Validation does not carry the channel-type lists (RULES.md §14); the table's own rows gave them.
  const compiled = compileRules(
    p.rules.channelTypes === undefined ? full.rules : { ...full.rules, channelTypes: p.rules.channelTypes },
  );
  return {
    rules: compiled,
    differsFromDefaults: compiled.fingerprint !== DEFAULT_COMPILED.fingerprint,
    warnings: full.warnings,
  };
}

/**
 * Saves a rule set to `分级规则` without grading (the pane's Save, issue 15 point 1): the record of
 * the last grading (its time, sheet and mode) and every sign-off stay as they were — a sign-off
 * still applies to the grading it approved — and the sheet says when the rules were saved and that
 * the sheet has not been graded with them yet. Commits.
 */
export async function saveRulesToWorkbook(
  port: WorkbookPort,
  rules: CompiledRules,
  options: { readonly lang: Lang; readonly by?: string | undefined; readonly now?: (() => Date) | undefined },
): Promise<void> {
  const before = (await readRulesSheet(port)) ?? [];
  const now = options.now?.() ?? new Date();
  const head = (label: RegExp): string => cellText(before.find((r) => label.test(cellText(r[0])))?.[1]);
  const gradedText = gradedAtOf(before);
  const graded = gradedText === '' ? null : new Date(gradedText);
  const modeText = head(/模式|^Mode/);
  const mode = (['annual', 'in-year', 'prospective'] as const).find((m) => modeText.startsWith(m)) ?? 'annual';
  const names = await port.sheetNames();
  const sheet = head(/分级表|^Sheet/) || (names.find((n) => n !== RULES_SHEET) ?? '');
  const by = head(/分级人|^Graded by/);
  await writeRulesSheet(
    port,
    rules,
    {
      sheet,
      mode,
      group: modeText.endsWith('+ group'),
      gradedAt: graded && !Number.isNaN(graded.getTime()) ? graded : now,
      by: by || undefined,
      rulesSavedAt: now,
      rulesSavedBy: options.by,
    },
    options.lang,
  );
  await port.commit();
}
