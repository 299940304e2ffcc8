import { compareDates, daysInclusive } from './civilDate';
import { problems, type Problem } from './problem';
import { readDate } from './readDate';
import type { CellInput } from './readNumber';

/**
 * Cooperation days between two dates, both counted (CONTRACT.md §1 `QD.COOPDAYS`): 1 January to
 * 31 December is 365. An end before the start is #NUM!; an unreadable date is #VALUE!.
 */
export function cooperationDays(start: CellInput, end: CellInput): number | Problem {
  const a = readDate(start, 'startDate');
  const b = readDate(end, 'endDate');
  if ('code' in a) return a;
  if ('code' in b) return b;
  return compareDates(b, a) < 0 ? problems.endBeforeStart() : daysInclusive(a, b);
}
