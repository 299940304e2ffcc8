/**
 * The data window each kind of grading uses, for a judging date (RULES.md §5, 第九条/第十二条).
 *
 * @packageDocumentation
 */
import { addMonths, daysInclusive, endOfMonth, type CivilDate } from './civilDate';
import type { Bilingual } from './lang';
import { problems, type Problem } from './problem';

/** Window kinds (CONTRACT.md §1 `QD.WINDOW`). */
export const WINDOW_KINDS = ['annual', 'recheck', 'quarter', 'threemonths', 'month'] as const;
/** A window kind. */
export type WindowKind = (typeof WINDOW_KINDS)[number];

/** The gradings of RULES.md §5, for labels and help. */
export const WINDOW_LABELS: Readonly<Record<WindowKind, Bilingual>> = {
  annual: { zh: '年度评价分类（上一自然年度）', en: 'Annual evaluation (previous calendar year)' },
  recheck: {
    zh: '年度内重新评判（本年 1 月 1 日至上月末）',
    en: 'Re-evaluation within the year (1 January to end of last month)',
  },
  quarter: { zh: '年度内运用分类（上一完整季度）', en: 'In-year application, regular (previous complete quarter)' },
  threemonths: { zh: '季度内评判（评判日前三个整月）', en: 'In-year application, ad hoc (three whole months before)' },
  month: { zh: '按月调整（上一整月）', en: 'Monthly adjustment (previous whole month)' },
};

/** A data window: first and last day, both included, and its length in days. */
export interface DataWindow {
  readonly start: CivilDate;
  readonly end: CivilDate;
  readonly days: number;
}

function window(start: CivilDate, end: CivilDate): DataWindow {
  return { start, end, days: daysInclusive(start, end) };
}

function monthsBefore(judging: CivilDate, n: number): DataWindow {
  const start = addMonths(judging.year, judging.month, -n);
  const last = addMonths(judging.year, judging.month, -1);
  return window(start, endOfMonth(last.year, last.month));
}

/**
 * The window of a grading kind for a judging date (RULES.md §5):
 * annual — the whole previous calendar year; recheck — 1 January to the end of the month before the
 * judging date; quarter — the previous complete calendar quarter; threemonths — the three whole
 * months before; month — the previous whole month. A recheck in January has no complete month of
 * this year yet: that is a problem value (#N/A), not a window.
 */
export function dataWindow(kind: WindowKind, judging: CivilDate): DataWindow | Problem {
  const { year, month } = judging;
  switch (kind) {
    case 'annual':
      return window({ year: year - 1, month: 1, day: 1 }, { year: year - 1, month: 12, day: 31 });
    case 'recheck':
      if (month === 1) {
        return problems.noWindow(
          '1 月评判时本年度尚无已结束的月份，请用上一年度的年度评价窗口',
          'In January no month of this year has ended yet: use the annual window',
        );
      }
      return window({ year, month: 1, day: 1 }, endOfMonth(year, month - 1));
    case 'quarter': {
      const thisQuarterStart = month - ((month - 1) % 3);
      const start = addMonths(year, thisQuarterStart, -3);
      const last = addMonths(year, thisQuarterStart, -1);
      return window(start, endOfMonth(last.year, last.month));
    }
    case 'threemonths':
      return monthsBefore(judging, 3);
    case 'month':
      return monthsBefore(judging, 1);
  }
}
