import { ECONOMICS_DEFAULTS } from '../../src/core/economicsDefaults';

describe('the defaults of the reference calculators (RULES.md §8–§9)', () => {
  it('lists the general agency’s cost composition and break-even as [default], not [doc] (RULES.md §8)', () => {
    const keys = ECONOMICS_DEFAULTS.map((d) => d.key);
    expect(keys).toEqual(expect.arrayContaining(['agency.costs', 'agency.breakEven']));
    expect(ECONOMICS_DEFAULTS.every((d) => d.basis === 'default')).toBe(true);
  });

  it('names the trade each calculator’s source was written for, so it reads as 参考测算', () => {
    const agency = ECONOMICS_DEFAULTS.find((d) => d.key === 'agency.breakEven');
    expect(agency?.sourceTrade.zh).toContain('寿险');
    expect(ECONOMICS_DEFAULTS.find((d) => d.key === 'stars.shares')?.sourceTrade.zh).toContain('电信');
  });
});
