/*
 * Star ratings by rank (RULES.md §9, [default] shares; source: a telecom operator's outlets, a
 * reference calculator of §8): rank r of n, ties sharing the best rank, 5 if r ÷ n ≤ 10%, 4 if
 * ≤ 30%, 3 if ≤ 70%, else 2; ranked once for many outlets (n log n).
 */
import fc from 'fast-check';
import { rankPoints, stars, starsOfRank } from '../../src/core';
import * as fn from '../../src/functions/functions';

describe('stars by rank r of n (RULES.md §9)', () => {
  it('gives 10 outlets 5, 4, 4, 3, 3, 3, 3, 2, 2, 2', () => {
    const ten = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10];
    expect(ten.map((p) => stars(p, ten))).toEqual([5, 4, 4, 3, 3, 3, 3, 2, 2, 2]);
  });

  it('gives 3 outlets 3, 3, 2: a small group does not round up to 5 stars', () => {
    expect([30, 20, 10].map((p) => stars(p, [30, 20, 10]))).toEqual([3, 3, 2]);
    expect(stars(1, [1])).toBe(2);
    expect([2, 1].map((p) => stars(p, [2, 1]))).toEqual([3, 2]);
  });

  it('puts the star lines exactly at 10%, 30% and 70% of n, inclusive', () => {
    expect([1, 2, 3, 4, 7, 8].map((r) => starsOfRank(r, 20))).toEqual([5, 5, 4, 4, 3, 3]);
    expect([14, 15].map((r) => starsOfRank(r, 20))).toEqual([3, 2]);
  });

  it('lets tied outlets share the best rank of their tie', () => {
    const all = [100, 90, 90, 90, 60, 50, 40, 30, 20, 10];
    expect(all.map((p) => stars(p, all))).toEqual([5, 4, 4, 4, 3, 3, 3, 2, 2, 2]);
  });

  it('gives a vetoed outlet 2 stars whatever its points', () => {
    expect(stars(100, [100, 90], true)).toBe(2);
    expect(rankPoints([100, 90]).stars(100, true)).toBe(2);
  });

  it('ranks once and looks up by binary search, agreeing with counting outlet by outlet', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 60 }), (all) => {
        const ranking = rankPoints(all);
        for (const p of [...all, 51, -51, 0]) expect(ranking.stars(p)).toBe(stars(p, all));
        for (const p of all) expect(ranking.rank(p).listed).toBe(true);
        expect(ranking.rank(51).listed).toBe(false);
      }),
    );
  });
});

describe('QD.STARS over 100,000 outlets (issue 14 point 6: n log n)', () => {
  // Speed is measured in npm run bench (QD.STARS over 100,000 outlets); here, that the result is whole.
  it('rates a column of 100,000 outlets against itself, a tenth of them 5 stars', () => {
    const column = Array.from({ length: 100_000 }, (_, i) => [((i * 7_919) % 100_003) + 1]);
    const out = fn.starsFn(column, column) as number[][];
    expect(out).toHaveLength(100_000);
    expect(out.flat().filter((s) => s === 5)).toHaveLength(10_000);
  });
});
