import fc from 'fast-check';
import { COLOURS, SCALES } from '../../src/core/bands';
import { canonical } from '../../src/core/canonical';
import { classIndex, labelOfIndex } from '../../src/core/channelClass';
import { DEFAULT_COMPILED, classOf, compileRules } from '../../src/core/compileRules';
import { decimalArithmetic } from '../../src/core/decimalArithmetic';
import { gradeChannel, measureChannel, type ChannelGrade, type RawFigures } from '../../src/core/gradeChannel';
import { annualScale, costRate, depth } from '../../src/core/measures';
import type { Outcome } from '../../src/core/problem';
import { DEFAULT_RULES } from '../../src/core/ruleSet';
import { days, longRatio, ownPremium, premium, rawDouble, ratio } from './arbitraries';

const base: RawFigures = {
  lossRatio: 0.55,
  marketExpenseRatio: 0.1,
  nonMarketExpenseRatio: 0.25,
  premium: 3_000_000,
  days: 365,
  ownPremium: 15_000_000,
};

function graded(o: Outcome<ChannelGrade>): ChannelGrade {
  if (!o.ok) throw new Error(o.problems.map((p) => p.message.en).join('; '));
  return o.value;
}

function grade(over: Partial<RawFigures>, mode?: 'annual' | 'in-year' | 'prospective'): ChannelGrade {
  return graded(gradeChannel({ ...base, ...over }, DEFAULT_COMPILED, mode));
}

describe('the three measures (RULES.md §1)', () => {
  it('0.55 + 0.10 + 0.25 is exactly 90% and deep blue', () => {
    expect(costRate(0.55, 0.1, 0.25)).toBe(0.9);
    const g = grade({});
    expect(g.costRate).toBe(0.9);
    expect(g.colour).toBe('deepBlue');
  });

  it('a cell value 0.8999999999999999 counts as 0.9', () => {
    const g = grade({ lossRatio: 0.7 + 0.1 + 0.1, marketExpenseRatio: 0, nonMarketExpenseRatio: 0 });
    expect(g.costRate).toBe(0.9);
    expect(g.colour).toBe('deepBlue');
  });

  it('2,000,000 premium over 73 days is exactly 10,000,000, scale A', () => {
    expect(annualScale(2_000_000, 73)).toBe(10_000_000);
    const g = grade({ premium: 2_000_000, days: 73, ownPremium: 50_000_000 });
    expect(g.annualScale).toBe(10_000_000);
    expect(g.scale).toBe('A');
  });

  it('365 and 366 days keep the premium as is (第九条)', () => {
    expect(annualScale(1_234_567.89, 365)).toBe(1_234_567.89);
    expect(annualScale(1_234_567.89, 366)).toBe(1_234_567.89);
    expect(grade({ premium: 9_999_999.99, days: 366 }).scale).toBe('B');
  });

  it('annualizes a part year: 500,000 over 90 days is 2,027,777.77777778', () => {
    expect(annualScale(500_000, 90)).toBe(2_027_777.77777778);
  });

  it('depth is annualized scale over own premium', () => {
    expect(depth(3_000_000, 10_000_000)).toBe(0.3);
    expect(grade({ premium: 3_000_000, ownPremium: 10_000_000 }).depthClass).toBe('I');
  });

  it('a depth of exactly 100% is allowed and above 100% is a data error, not class Ⅰ', () => {
    expect(grade({ premium: 15_000_000, ownPremium: 15_000_000 }).depth).toBe(1);
    const o = gradeChannel({ ...base, premium: 15_000_001 }, DEFAULT_COMPILED);
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.problems[0]).toMatchObject({ code: 'depthAboveOne', error: '#NUM!' });
  });

  it('grades a prospective channel on its planned annual premium without days (CONTRACT.md §4)', () => {
    const g = grade({ premium: 2_000_000, days: null }, 'prospective');
    expect(g.annualScale).toBe(2_000_000);
    expect(g.scale).toBe('B');
  });

  it('reads text figures as an analyst types them', () => {
    const g = grade({
      lossRatio: '55%',
      marketExpenseRatio: '10%',
      nonMarketExpenseRatio: '25%',
      premium: '3,000,000',
    });
    expect(g.costRate).toBe(0.9);
    expect(labelOfIndex(g.classIndex)).toBe('深蓝-B-Ⅱ');
  });
});

describe('every problem of a row is reported, not only the first (RULES.md §11)', () => {
  it('reports a blank, a text and a zero at once', () => {
    const o = measureChannel({ ...base, lossRatio: null, marketExpenseRatio: 'abc', days: 0, ownPremium: 0 });
    expect(o.ok).toBe(false);
    if (!o.ok)
      expect(o.problems.map((p) => [p.field, p.code])).toEqual([
        ['lossRatio', 'blank'],
        ['marketExpenseRatio', 'notNumber'],
        ['days', 'zeroDays'],
        ['ownPremium', 'zeroOwnPremium'],
      ]);
  });
});

describe('band boundaries are compared exactly (RULES.md §2)', () => {
  it.each([
    [0.9, 'deepBlue'],
    [0.900000000000001, 'blue'],
    [0.95, 'blue'],
    [0.950000000000001, 'yellow'],
    [1, 'yellow'],
    [1.00000000000001, 'lightRed'],
    [1.05, 'lightRed'],
    [1.05000000000001, 'deepRed'],
  ])('a cost ratio of %s is %s', (cost, colour) => {
    expect(grade({ lossRatio: cost, marketExpenseRatio: 0, nonMarketExpenseRatio: 0 }).colour).toBe(colour);
  });

  it('grades a channel at exactly 100% as yellow, the last break-even value', () => {
    expect(grade({ lossRatio: 0.62, marketExpenseRatio: 0.2, nonMarketExpenseRatio: 0.18 }).colour).toBe('yellow');
  });

  it.each([
    [10_000_000, 'A'],
    [9_999_999.99, 'B'],
    [2_000_000, 'B'],
    [1_999_999.99, 'C'],
  ])('an annualized scale of %s is %s', (p, scale) => {
    expect(grade({ premium: p, ownPremium: 1e9 }).scale).toBe(scale);
  });

  it.each([
    [0.3, 'I'],
    [0.299999999999999, 'II'],
    [0.1, 'II'],
    [0.0999999999999999, 'III'],
  ])('a depth of %s is %s', (d, cls) => {
    expect(grade({ premium: d * 1e7, ownPremium: 1e7 }).depthClass).toBe(cls);
  });

  it('reads premiums in 万元 when the rules say so (CONTRACT.md §2 premium.unit)', () => {
    const rules = compileRules({
      ...DEFAULT_RULES,
      parameters: { ...DEFAULT_RULES.parameters, 'premium.unit': 10000 },
    });
    const o = gradeChannel({ ...base, premium: 1000, ownPremium: 5000 }, rules);
    expect(o.ok && o.value.scale).toBe('A');
    expect(o.ok && o.value.depth).toBe(0.2);
  });
});

describe('grading properties', () => {
  const figures = fc.record({
    lossRatio: fc.oneof(ratio, longRatio),
    marketExpenseRatio: fc.oneof(ratio, longRatio),
    nonMarketExpenseRatio: fc.oneof(ratio, longRatio),
    premium,
    days,
    ownPremium,
  });

  it('raising any cost component never improves the colour', () => {
    const field = fc.constantFrom('lossRatio', 'marketExpenseRatio', 'nonMarketExpenseRatio' as const);
    fc.assert(
      fc.property(figures, field, ratio, (f, key, extra) => {
        const before = gradeChannel({ ...f, premium: 0 }, DEFAULT_COMPILED);
        const after = gradeChannel({ ...f, premium: 0, [key]: f[key] + extra }, DEFAULT_COMPILED);
        if (!before.ok || !after.ok) return true;
        return COLOURS.indexOf(after.value.colour) >= COLOURS.indexOf(before.value.colour);
      }),
    );
  });

  it('raising the premium never lowers the scale class', () => {
    fc.assert(
      fc.property(premium, premium, days, (p, extra, d) => {
        const own = 1e13;
        const before = graded(gradeChannel({ ...base, premium: p, days: d, ownPremium: own }, DEFAULT_COMPILED));
        const after = graded(gradeChannel({ ...base, premium: p + extra, days: d, ownPremium: own }, DEFAULT_COMPILED));
        return SCALES.indexOf(after.scale) <= SCALES.indexOf(before.scale);
      }),
    );
  });

  it('grades the same with the fast and the decimal.js backends', () => {
    fc.assert(
      fc.property(figures, (f) => {
        const a = gradeChannel(f, DEFAULT_COMPILED, 'in-year');
        const b = gradeChannel(f, DEFAULT_COMPILED, 'in-year', decimalArithmetic);
        return JSON.stringify(a) === JSON.stringify(b);
      }),
      { numRuns: 3000 },
    );
  });

  it('grading the written measure cells gives the class graded from the raw figures', () => {
    fc.assert(
      fc.property(figures, (f) => {
        const g = gradeChannel(f, DEFAULT_COMPILED, 'in-year');
        if (!g.ok) return true;
        // A cell stores the double and is read back at 15 digits: the measures must survive that.
        const { costRate: c, annualScale: s, depth: d } = g.value;
        const again = classOf(canonical(c), canonical(s), canonical(d), DEFAULT_COMPILED);
        return (
          canonical(c) === c && canonical(s) === s && canonical(d) === d && classIndex(again) === g.value.classIndex
        );
      }),
    );
  });

  it('grades any double a cell can hold without throwing', () => {
    fc.assert(
      fc.property(rawDouble, rawDouble, rawDouble, (a, b, c) => {
        gradeChannel({ ...base, lossRatio: a, premium: b, ownPremium: c }, DEFAULT_COMPILED);
        return true;
      }),
    );
  });
});
