/**
 * Star ratings of channel outlets (RULES.md §9): 2 to 5 stars from points by rank [default]. An
 * outlet of rank r among n rated outlets (1 = most points; tied outlets share the best rank of their
 * tie) gets 5 stars if r ÷ n ≤ 10%, 4 if ≤ 30%, 3 if ≤ 70%, else 2 — so 10 outlets get
 * 5,4,4,3,3,3,3,2,2,2 and 3 outlets 3,3,2. A veto item (serious violation) gives 2 stars whatever the
 * points. New outlets are 1 star and not rated [doc]: leave them out of the points. Source: a telecom
 * operator's outlet scheme, offered as a reference calculator (参考测算, RULES.md §8).
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

/** Stars for rank `rank` (1-based, ties sharing the best rank) among `count` rated outlets. */
export function starsOfRank(rank: number, count: number): number {
  // Integer comparisons, no percentages in floating point: r ÷ n ≤ share ⇔ 10 × r ≤ tenths × n.
  const tenth = 10 * rank;
  const [five, four, three] = STAR_SHARES_IN_TENTHS;
  if (tenth <= five * count) return 5;
  if (tenth <= four * count) return 4;
  if (tenth <= three * count) return 3;
  return 2;
}

/** A ranking of all outlets' points, sorted once: each look-up is a binary search (n log n in all). */
export interface StarRanking {
  /** How many outlets are rated. */
  readonly count: number;
  /** The outlet's rank (1 + how many have more points), and whether its points are in the list. */
  rank(points: number): { readonly rank: number; readonly listed: boolean };
  /** Stars for these points, or 2 for a veto. */
  stars(points: number, veto?: boolean): number;
}

/** Ranks all outlets' points once, for many look-ups (RULES.md §9). */
export function rankPoints(all: readonly number[]): StarRanking {
  const desc = Float64Array.from(all).sort().reverse();
  const count = desc.length;
  const rank = (points: number): { rank: number; listed: boolean } => {
    // The first position whose points are not above `points`: how many outlets are ahead.
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((desc[mid] as number) > points) lo = mid + 1;
      else hi = mid;
    }
    return { rank: lo + 1, listed: lo < count && desc[lo] === points };
  };
  return {
    count,
    rank,
    stars: (points, veto = false) => (veto ? 2 : starsOfRank(rank(points).rank, count)),
  };
}

/**
 * Stars for one outlet's points among all outlets' points (for one look-up; for many, `rankPoints`
 * once). Points not in the list rank as if they were added after everyone with more points.
 */
export function stars(points: number, all: readonly number[], veto = false): number {
  if (veto) return 2;
  const ahead = all.reduce((n, p) => (p > points ? n + 1 : n), 0);
  return starsOfRank(ahead + 1, all.length);
}
