/**
 * The grading calendar (RULES.md §5, 第十一条).
 *
 * @packageDocumentation
 */
import { addMonths, compareDates, endOfMonth, type CivilDate } from './civilDate';
import type { WindowKind } from './dataWindow';
import type { Bilingual } from './lang';

/** One dated task of the grading calendar. */
export interface ScheduleEntry {
  /** The date by which it is due. */
  readonly due: CivilDate;
  /** The window its data come from (for a new channel: negotiated figures, no window). */
  readonly window: WindowKind | 'prospective';
  readonly task: Bilingual;
}

/**
 * A year's grading calendar, in date order (第十一条): the annual evaluation of last year's channels
 * in January; new channels by the 5th of each month; in-year grading of channels with three full
 * months of cooperation by the 10th of the first month of each quarter; the half-yearly adjustment of
 * annual classes (our reading: the annual evaluation in January and a re-evaluation by the end of
 * July, on 1 January to 30 June).
 */
export function gradingSchedule(year: number): readonly ScheduleEntry[] {
  const entries: ScheduleEntry[] = [
    {
      due: endOfMonth(year, 1),
      window: 'annual',
      task: { zh: '年度评价分类：上一年度合作的经代渠道', en: "Annual evaluation of last year's channels" },
    },
    {
      due: endOfMonth(year, 7),
      window: 'recheck',
      task: { zh: '半年调整：年度分类重新评判', en: 'Half-yearly adjustment of annual classes' },
    },
  ];
  for (let month = 1; month <= 12; month++) {
    entries.push({
      due: { year, month, day: 5 },
      window: 'prospective',
      task: { zh: '新增经代渠道分类', en: 'Classify new channels' },
    });
    if (month % 3 === 1) {
      entries.push({
        due: { year, month, day: 10 },
        window: 'quarter',
        task: { zh: '年度内运用分类：合作满三个月的渠道', en: 'In-year grading of channels with three full months' },
      });
    }
  }
  return entries.sort((a, b) => compareDates(a.due, b.due));
}

/**
 * Whether a channel that started on `start` has three full months of cooperation by `judging`
 * (第十一条): three months after its start, as Excel's EDATE counts them (31 Jan + 3 months is
 * 30 Apr), is on or before the judging date.
 */
export function hasThreeFullMonths(start: CivilDate, judging: CivilDate): boolean {
  const to = addMonths(start.year, start.month, 3);
  const day = Math.min(start.day, endOfMonth(to.year, to.month).day);
  return compareDates({ year: to.year, month: to.month, day }, judging) <= 0;
}
