/**
 * Star ratings of channel outlets (RULES.md §9): 2 to 5 stars from points by rank [default]: the top
 * 10% 5 stars, the next 20% 4, the next 40% 3, the rest 2; a veto item (serious violation) gives 2
 * stars whatever the points. Equal points share the better rank (competition ranking), so a tie never
 * splits two outlets across a star line. New outlets are 1 star and not rated [doc]: leave them out
 * of the points.
 *
 * @packageDocumentation
 */
import { problems, type Problem } from './problem';
import { readNumber, type CellInput } from './readNumber';

/** Cumulative shares of the ranking that get 5, 4 and 3 stars, in tenths [default]. */
export const STAR_SHARES_IN_TENTHS = [1, 3, 7] as const;

/** Reads a veto cell: TRUE, 1, 是, 否决 or yes veto; blank, FALSE, 0, 否 or no do not. */
export function readVeto(value: CellInput): boolean | Problem {
  if (value === null || value === undefined || value === '' || value === false || value === 0) return false;
  if (value === true || value === 1) return true;
  const text = String(value).trim().toLowerCase();
  if (['是', '否决', 'yes', 'true', 'veto', 'y'].includes(text)) return true;
  if (['否', 'no', 'false', 'n', ''].includes(text)) return false;
  return problems.unknownLabel('value', String(value), { zh: '是 / 否', en: 'yes / no' });
}

/** The numbers among all outlets' points (blanks and text headers skipped). */
export function readAllPoints(cells: readonly CellInput[]): number[] | Problem {
  const out: number[] = [];
  for (const c of cells) {
    if (c === null || c === undefined || (typeof c === 'string' && c.trim() === '')) continue;
    const n = readNumber(c, 'allPoints');
    if (typeof n === 'number') out.push(n);
    else if (typeof c !== 'string') return n;
  }
  if (out.length === 0) return problems.blank('allPoints');
  return out;
}

/** Stars for one outlet's points among all outlets' points. */
export function stars(points: number, all: readonly number[], veto = false): number {
  if (veto) return 2;
  const ahead = all.reduce((n, p) => (p > points ? n + 1 : n), 0);
  // Integer comparisons, no percentages in floating point: 10 × ahead < share × count.
  const tenth = 10 * ahead;
  const [five, four, three] = STAR_SHARES_IN_TENTHS;
  if (tenth < five * all.length) return 5;
  if (tenth < four * all.length) return 4;
  if (tenth < three * all.length) return 3;
  return 2;
}
