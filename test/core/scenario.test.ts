/* Commission scenarios (RULES.md §7): shifts in basis points, exact costs, band headroom. */
import {
  DEFAULT_COMPILED,
  UsageError,
  bandHeadroom,
  basisPointsOf,
  decimalArithmetic,
  gradeMeasures,
  inScenario,
  migrationMatrix,
  shiftChannel,
} from '../../src/core';

const atBoundary = gradeMeasures({ costRate: 0.9, annualScale: 1_000_000, depth: 0.05 }, DEFAULT_COMPILED);

describe('commission scenarios (RULES.md §7)', () => {
  it('moves a deep-blue channel at exactly 90% (the bound) into blue with one more point of market expense', () => {
    expect(atBoundary.colour).toBe('deepBlue');
    const moved = shiftChannel(atBoundary, basisPointsOf(1), DEFAULT_COMPILED);
    expect(moved.after.costRate).toBe(0.91);
    expect(moved.after.colour).toBe('blue');
    expect(moved.costChange).toBe(10_000);
  });

  it('prices a cut as a negative cost change and keeps the cost ratio at or above zero', () => {
    const moved = shiftChannel(atBoundary, basisPointsOf(-0.35), DEFAULT_COMPILED);
    expect(moved.after.costRate).toBe(0.8965);
    expect(moved.costChange).toBe(-3_500);
    const floor = shiftChannel(atBoundary, basisPointsOf(-100), DEFAULT_COMPILED);
    expect(floor.after.costRate).toBe(0);
  });

  it('prices exactly where floating point would not (0.07 points of 123,456.78)', () => {
    const c = gradeMeasures({ costRate: 0.5, annualScale: 123_456.78, depth: 0.1 }, DEFAULT_COMPILED);
    const fast = shiftChannel(c, 7, DEFAULT_COMPILED);
    const exact = shiftChannel(c, 7, DEFAULT_COMPILED, decimalArithmetic);
    expect(fast.costChange).toBe(86.419746);
    expect(fast.costChange).toBe(exact.costChange);
  });

  it('refuses a shift finer than a basis point or beyond 100 points with a usage error', () => {
    expect(() => basisPointsOf(0.005)).toThrow(UsageError);
    expect(() => basisPointsOf(101)).toThrow(UsageError);
    expect(basisPointsOf(-2.5)).toBe(-250);
  });

  it('gives the headroom to the band bound, and none for deep red', () => {
    expect(bandHeadroom(atBoundary, DEFAULT_COMPILED)).toBe(0);
    const yellow = gradeMeasures({ costRate: 0.96, annualScale: 1, depth: 0 }, DEFAULT_COMPILED);
    expect(bandHeadroom(yellow, DEFAULT_COMPILED)).toBeGreaterThanOrEqual(0);
    const red = gradeMeasures({ costRate: 1.5, annualScale: 1, depth: 0 }, DEFAULT_COMPILED);
    expect(bandHeadroom(red, DEFAULT_COMPILED)).toBeNull();
  });

  it('targets channels by band or by class, and all channels when neither is given', () => {
    expect(inScenario(atBoundary, {})).toBe(true);
    expect(inScenario(atBoundary, { colours: ['blue'] })).toBe(false);
    expect(inScenario(atBoundary, { classes: [atBoundary.classIndex] })).toBe(true);
  });

  it('counts moves in a 45 × 45 migration matrix', () => {
    const m = migrationMatrix([
      { from: 3, to: 12 },
      { from: 3, to: 12 },
      { from: 5, to: 5 },
    ]);
    expect(m).toHaveLength(45);
    expect(m[2]?.[11]).toBe(2);
    expect(m[4]?.[4]).toBe(1);
  });
});
