/*
 * nthSmallest: the k-th smallest number by selection, as sorting would give it.
 */
import fc from 'fast-check';
import { nthSmallest } from '../../src/core';

describe('the k-th smallest of a list of numbers', () => {
  it('is what sorting the list and taking position k gives, repeated values and all', () => {
    fc.assert(
      fc.property(
        // -0 and 0 compare equal, and sorting orders them: one zero keeps the comparison meaningful.
        fc.array(
          fc.double({ noNaN: true, min: -1e9, max: 1e9 }).map((x) => (x === 0 ? 0 : x)),
          { minLength: 1, maxLength: 200 },
        ),
        fc.nat(),
        (list, seed) => {
          const k = seed % list.length;
          const sorted = Float64Array.from(list).sort();
          expect(nthSmallest(Float64Array.from(list), k)).toBe(sorted[k]);
        },
      ),
    );
  });

  it('finds the median of many equal premiums and of a list already in order', () => {
    expect(nthSmallest(new Float64Array(1001).fill(5), 500)).toBe(5);
    expect(
      nthSmallest(
        Float64Array.from({ length: 100_000 }, (_, i) => i),
        50_000,
      ),
    ).toBe(50_000);
  });
});
