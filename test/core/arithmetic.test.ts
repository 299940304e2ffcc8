import fc from 'fast-check';
import { decimalArithmetic } from '../../src/core/decimalArithmetic';
import { fastArithmetic } from '../../src/core/fastArithmetic';
import type { Arithmetic } from '../../src/core/arithmetic.types';
import { isCanonical } from '../../src/core/canonical';
import { days, longRatio, ownPremium, premium, ratio } from './arbitraries';

// One suite, every backend (RULES.md §1: exact arithmetic at 15 significant digits).
describe.each<[string, Arithmetic]>([
  ['decimal.js backend', decimalArithmetic],
  ['fast backend', fastArithmetic],
])('%s', (_name, a) => {
  it('adds 0.55 + 0.10 + 0.25 to exactly 0.9 (RULES.md §1)', () => {
    expect(a.sum3(0.55, 0.1, 0.25)).toBe(0.9);
  });

  it('adds 0.1 + 0.2 to exactly 0.3 (RULES.md preamble)', () => {
    expect(a.sum3(0.1, 0.2, 0)).toBe(0.3);
  });

  it('annualizes 2,000,000 over 73 days to exactly 10,000,000 (RULES.md §1)', () => {
    expect(a.mulDiv(2_000_000, 365, 73)).toBe(10_000_000);
  });

  it('rounds a repeating quotient half up at 15 significant digits', () => {
    expect(a.mulDiv(1, 365, 3)).toBe(121.666666666667);
    expect(a.mulDiv(2, 1, 3)).toBe(0.666666666666667);
    expect(a.mulDiv(1, 1, 3)).toBe(0.333333333333333);
  });

  it('rounds a sum of more than 15 digits half up', () => {
    expect(a.sum3(0.123456789012345, 100, 0)).toBe(100.123456789012);
    expect(a.sum3(0.999999999999999, 0.0000000000000005, 0)).toBe(1);
  });

  it('subtracts to a negative result exactly', () => {
    expect(a.subtract2(1, 0.8, 0.3)).toBe(-0.1);
    expect(a.subtract2(0.9, 0.6, 0.1)).toBe(0.2);
  });

  it('sums a list and weighs a mean exactly', () => {
    expect(a.sum([0.1, 0.2, 0.3])).toBe(0.6);
    expect(a.weightedMean([0.9, 1.0], [3_000_000, 1_000_000])).toBe(0.925);
    expect(a.weightedMean([0.9], [0])).toBeNaN();
  });

  it('multiplies, divides and adds with either sign exactly (RULES.md §8 amounts)', () => {
    expect(a.product(0.03, 1_234_567.89)).toBe(37_037.0367);
    expect(a.product(-0.1, 0.2)).toBe(-0.02);
    expect(a.product(0, -5)).toBe(0);
    expect(a.quotient(60_000, 0.15)).toBe(400_000);
    expect(a.quotient(1, 3)).toBe(0.333333333333333);
    expect(a.add(0.1, -0.3)).toBe(-0.2);
    expect(a.add(-0.1, -0.2)).toBe(-0.3);
    expect(a.add(-0.1, 0.2)).toBe(0.1);
  });

  it('always returns a canonical double', () => {
    fc.assert(
      fc.property(longRatio, longRatio, longRatio, premium, days, (x, y, z, p, d) => {
        return isCanonical(a.sum3(x, y, z)) && isCanonical(a.mulDiv(p, 365, d));
      }),
    );
  });
});

describe('the fast backend', () => {
  it('agrees with decimal.js on every sum of ratios', () => {
    fc.assert(
      fc.property(fc.oneof(ratio, longRatio), fc.oneof(ratio, longRatio), fc.oneof(ratio, longRatio), (x, y, z) => {
        return fastArithmetic.sum3(x, y, z) === decimalArithmetic.sum3(x, y, z);
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with decimal.js on every annualization and depth', () => {
    fc.assert(
      fc.property(premium, days, ownPremium, (p, d, o) => {
        const s = fastArithmetic.mulDiv(p, 365, d);
        return (
          s === decimalArithmetic.mulDiv(p, 365, d) &&
          fastArithmetic.mulDiv(s, 1, o) === decimalArithmetic.mulDiv(s, 1, o)
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('agrees with decimal.js on every headroom subtraction', () => {
    fc.assert(
      fc.property(fc.oneof(ratio, longRatio), fc.oneof(ratio, longRatio), fc.oneof(ratio, longRatio), (t, x, y) => {
        return fastArithmetic.subtract2(t, x, y) === decimalArithmetic.subtract2(t, x, y);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with decimal.js on every product, quotient and signed sum', () => {
    const signed = fc.oneof(ratio, longRatio, premium).chain((x) => fc.constantFrom(x, -x));
    fc.assert(
      fc.property(signed, signed, (x, y) => {
        const same = (f: keyof Pick<typeof fastArithmetic, 'product' | 'add'>): boolean =>
          Object.is(fastArithmetic[f](x, y) + 0, decimalArithmetic[f](x, y) + 0);
        return (
          same('product') &&
          same('add') &&
          (y === 0 || fastArithmetic.quotient(x, y) === decimalArithmetic.quotient(x, y))
        );
      }),
      { numRuns: 3000 },
    );
  });
});
