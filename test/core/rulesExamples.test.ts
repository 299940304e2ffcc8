/*
 * Every worked example and stated rule of RULES.md, section by section, graded by the engine.
 */
import {
  DEFAULT_COMPILED,
  compileRules,
  costRate,
  gradeChannel,
  groupMeasures,
  headroom,
  labelOfIndex,
  parseClassLabel,
  classIndex,
  parseNumberText,
  canonical,
  DEFAULT_RULES,
  resourceOutcome,
  type RawFigures,
} from '../../src/core';

const row: RawFigures = {
  lossRatio: 0.6,
  marketExpenseRatio: 0.15,
  nonMarketExpenseRatio: 0.1,
  premium: 5_000_000,
  days: 365,
  ownPremium: 25_000_000,
};

function label(over: Partial<RawFigures>, rules = DEFAULT_COMPILED): string {
  const g = gradeChannel({ ...row, ...over }, rules);
  if (!g.ok) throw new Error(g.problems.map((p) => p.message.en).join('; '));
  return labelOfIndex(g.value.classIndex);
}

describe('RULES.md preamble: exact decimal arithmetic', () => {
  it('0.1 + 0.2 equals 0.3 when compared with a threshold of 0.3', () => {
    const rules = compileRules({
      parameters: { ...DEFAULT_RULES.parameters, 'cost.deepBlue.max': 0.3, 'cost.blue.max': 0.5 },
    });
    expect(label({ lossRatio: 0.1, marketExpenseRatio: 0.2, nonMarketExpenseRatio: 0 }, rules)).toMatch(/^深蓝/);
  });
});

describe('RULES.md §1', () => {
  it('a cell holding =0.7+0.1+0.1 counts as 0.9', () => {
    expect(canonical(0.7 + 0.1 + 0.1)).toBe(0.9);
  });

  it('text 85% and 1,200,000 are parsed exactly', () => {
    expect(parseNumberText('85%')).toBe(0.85);
    expect(parseNumberText('1,200,000')).toBe(1_200_000);
  });

  it('a whole year of cooperation uses the actual premium, leap years included', () => {
    expect(label({ premium: 9_999_999, days: 366, ownPremium: 1e9 })).toBe('深蓝-B-Ⅲ');
  });

  it('blank is not zero', () => {
    expect(gradeChannel({ ...row, marketExpenseRatio: null }, DEFAULT_COMPILED).ok).toBe(false);
  });
});

describe('RULES.md §2 bands', () => {
  it.each([
    [0.9, '深蓝'],
    [0.95, '蓝'],
    [1.0, '黄'],
    [1.05, '浅红'],
    [1.06, '深红'],
  ])('cost ratio %s is %s', (cost, colour) => {
    expect(label({ lossRatio: cost, marketExpenseRatio: 0, nonMarketExpenseRatio: 0 }).split('-')[0]).toBe(colour);
  });

  it('B class and above means A or B: expense settlement (item 2, 第十六条) is flexible for both', () => {
    expect(resourceOutcome(classIndex(parseClassLabel('黄-A-Ⅲ')!), 2, DEFAULT_COMPILED).zh).toBe('灵活·加快');
    expect(resourceOutcome(classIndex(parseClassLabel('黄-B-Ⅲ')!), 2, DEFAULT_COMPILED).zh).toBe('灵活·加快');
    expect(resourceOutcome(classIndex(parseClassLabel('黄-C-Ⅲ')!), 2, DEFAULT_COMPILED).zh).toBe('严格·维持');
  });
});

describe('RULES.md §3 the 45 classes', () => {
  it('深蓝-A-Ⅰ is 1, 深红-C-Ⅲ is 45, and English labels read DeepBlue-A-I', () => {
    expect(labelOfIndex(1)).toBe('深蓝-A-Ⅰ');
    expect(labelOfIndex(45)).toBe('深红-C-Ⅲ');
    expect(labelOfIndex(1, 'en')).toBe('DeepBlue-A-I');
  });
});

describe('RULES.md §4 groups', () => {
  it('a group is classed on weighted cost, summed scale and group depth', () => {
    const g = groupMeasures(
      [
        { costRate: costRate(0.6, 0.2, 0.1), annualScale: 6_000_000 },
        { costRate: costRate(0.7, 0.2, 0.1), annualScale: 6_000_000 },
      ],
      40_000_000,
    );
    expect(g).toEqual({ ok: true, value: { costRate: 0.95, annualScale: 12_000_000, depth: 0.3 } });
  });
});

describe('RULES.md §7 headroom', () => {
  it('a channel with 60% loss and 10% non-market ratio can spend up to 30% in yellow', () => {
    expect(headroom(0.6, 0.1, 'yellow', DEFAULT_COMPILED)).toBe(0.3);
  });
});

describe('RULES.md §11 errors at the sheet boundary', () => {
  it.each<[Partial<RawFigures>, string]>([
    [{ lossRatio: 'x' }, '#VALUE!'],
    [{ lossRatio: null }, '#VALUE!'],
    [{ premium: -1 }, '#VALUE!'],
    [{ days: 0 }, '#DIV/0!'],
    [{ ownPremium: 0 }, '#DIV/0!'],
    [{ days: 400 }, '#NUM!'],
    [{ premium: 30_000_000 }, '#NUM!'],
  ])('%j gives %s', (over, error) => {
    const g = gradeChannel({ ...row, ...over }, DEFAULT_COMPILED);
    expect(g.ok ? null : g.problems[0]?.error).toBe(error);
  });
});
