import fc from 'fast-check';
import { canonical, isCanonical, roundRatio15, scaledOf, type Scaled } from '../../src/core/canonical';
import { rawDouble } from './arbitraries';

describe('canonical numbers (RULES.md §1, numbers from cells)', () => {
  it('takes a cell value 0.8999999999999999 as 0.9', () => {
    expect(0.7 + 0.1 + 0.1).toBe(0.8999999999999999);
    expect(canonical(0.7 + 0.1 + 0.1)).toBe(0.9);
  });

  it('leaves a number of 15 digits or fewer as it is', () => {
    for (const x of [0, 0.9, 0.85, 1_200_000, 123456789012345, 0.000123456789012345, 1e-10, 5e20]) {
      expect(canonical(x)).toBe(x);
    }
  });

  it('rounds negative numbers half away from zero, as Excel shows them', () => {
    expect(canonical(-0.8999999999999999)).toBe(-0.9);
  });

  it('equals rounding the exact binary value to 15 significant digits', () => {
    fc.assert(fc.property(rawDouble, (x) => canonical(x) === Number(x.toPrecision(15))));
  });

  it('finds the short decimal behind a canonical double', () => {
    const out: Scaled = { mantissa: 0, scale: 0 };
    expect(scaledOf(0.6234, out)).toBe(true);
    expect(out).toEqual({ mantissa: 6234, scale: 4 });
    expect(scaledOf(0.8999999999999999, out)).toBe(false);
  });

  it('rounds an exact ratio at 15 digits by long division', () => {
    expect(roundRatio15(730_000_000, 73, 0)).toBe(10_000_000);
    expect(roundRatio15(2, 3, 0)).toBe(0.666666666666667);
    expect(roundRatio15(1234567890123456, 1, 0)).toBe(1234567890123460);
    expect(isCanonical(roundRatio15(1, 7, 3))).toBe(true);
  });
});
