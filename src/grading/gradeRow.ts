/**
 * Grading one data row of a sheet: reads the mapped cells, leaves out a row without a service-area
 * code, takes days from the two dates when the days column is blank, reports every problem, and
 * compares with the previous class (CONTRACT.md §3–§4, RULES.md §5 "data are counted by
 * service-area code").
 *
 * @packageDocumentation
 */
import {
  COLOUR_LABELS,
  DEPTH_LABELS,
  checkText,
  cooperationDays,
  gradeChannel,
  parseClassLabel,
  classIndex as indexOfClass,
  type CellInput,
  type ChannelGrade,
  type CompiledRules,
  type GradingMode,
  type Lang,
  type Problem,
} from '../core';
import type { ColumnMapping } from './sheetLayout';
import type { CellValue } from './WorkbookPort';

/** What became of a row. */
export type RowStatus = 'blank' | 'graded' | 'problem' | 'leftOut';

/** One row's result. */
export interface RowResult {
  readonly status: RowStatus;
  readonly grade: ChannelGrade | null;
  /** `OK`, the row's problems, or why it was left out. */
  readonly check: string;
  readonly problems: readonly Problem[];
  /** The `上期分类` comparison: ↑ better, ↓ worse, = same, 新/new none. */
  readonly change: string;
  readonly group: string;
  readonly branch: string;
  readonly groupOwnPremium: CellInput;
}

function blank(v: CellInput | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

const LEFT_OUT: Readonly<Record<Lang, string>> = {
  zh: '缺少服务区域代码，不参与分级 (no service area code: left out)',
  en: 'No service area code: left out (缺少服务区域代码，不参与分级)',
};

/** ↑ ↓ = 新 against the previous class (a lower index is better). */
export function classChange(previous: CellInput, current: number, lang: Lang): string {
  if (blank(previous)) return lang === 'zh' ? '新' : 'new';
  const before = parseClassLabel(String(previous));
  if (!before) return lang === 'zh' ? '新' : 'new';
  const was = indexOfClass(before);
  return current < was ? '↑' : current > was ? '↓' : '=';
}

/** Grades one row of cells under a layout. */
export function gradeRow(
  row: readonly CellValue[],
  inputs: ColumnMapping,
  rules: CompiledRules,
  mode: GradingMode,
  lang: Lang,
): RowResult {
  const at = (key: keyof ColumnMapping): CellInput => {
    const c = inputs[key];
    return c === undefined ? null : (row[c - 1] ?? null);
  };
  const group = blank(at('group')) ? '' : String(at('group')).trim();
  const branch = blank(at('branch')) ? '' : String(at('branch')).trim();
  const base = { group, branch, groupOwnPremium: at('groupOwnPremium') };
  const figures = [
    at('channelId'),
    at('lossRatio'),
    at('marketExpenseRatio'),
    at('nonMarketExpenseRatio'),
    at('premium'),
    at('ownPremium'),
  ];
  if (figures.every(blank) && blank(at('regionCode'))) {
    return { status: 'blank', grade: null, check: '', problems: [], change: '', ...base };
  }
  if (blank(at('regionCode'))) {
    return { status: 'leftOut', grade: null, check: LEFT_OUT[lang], problems: [], change: '', ...base };
  }
  let days: CellInput | Problem = at('days');
  if (mode !== 'prospective' && blank(days) && inputs.startDate !== undefined && inputs.endDate !== undefined) {
    const d = cooperationDays(at('startDate'), at('endDate'));
    days = typeof d === 'number' ? d : d;
  }
  const dayProblem = typeof days === 'object' && days !== null && !(days instanceof Date) ? days : null;
  const g = gradeChannel(
    {
      lossRatio: at('lossRatio'),
      marketExpenseRatio: at('marketExpenseRatio'),
      nonMarketExpenseRatio: at('nonMarketExpenseRatio'),
      premium: at('premium'),
      days: dayProblem ? 1 : (days as CellInput),
      ownPremium: at('ownPremium'),
    },
    rules,
    mode,
  );
  const found = [...(dayProblem ? [dayProblem] : []), ...(g.ok ? [] : g.problems)];
  if (found.length > 0 || !g.ok) {
    return { status: 'problem', grade: null, check: checkText(found), problems: found, change: '', ...base };
  }
  return {
    status: 'graded',
    grade: g.value,
    check: 'OK',
    problems: [],
    change: classChange(at('previousClass'), g.value.classIndex, lang),
    ...base,
  };
}

/** The band labels of a grade in a language. */
export function gradeLabels(g: ChannelGrade, lang: Lang): { colour: string; depth: string } {
  return { colour: COLOUR_LABELS[g.colour][lang], depth: DEPTH_LABELS[g.depthClass][lang] };
}
