import { DEFAULT_COMPILED } from '../../src/core/compileRules';
import { headroom } from '../../src/core/headroom';

describe('fee headroom (RULES.md §7)', () => {
  it('is the target band bound minus loss and non-market ratios, exactly', () => {
    expect(headroom(0.55, 0.25, 'deepBlue', DEFAULT_COMPILED)).toBe(0.1);
    expect(headroom(0.55, 0.25, 'yellow', DEFAULT_COMPILED)).toBe(0.2);
    expect(headroom(0.6, 0.3, 'blue', DEFAULT_COMPILED)).toBe(0.05);
  });

  it('is below 0 when no market expense keeps the channel in the band', () => {
    expect(headroom(0.8, 0.15, 'deepBlue', DEFAULT_COMPILED)).toBe(-0.05);
  });

  it('has no value for deep red, which has no upper bound (#N/A)', () => {
    expect(headroom(0.5, 0.1, 'deepRed', DEFAULT_COMPILED)).toMatchObject({ code: 'noUpperBound', error: '#N/A' });
  });
});
