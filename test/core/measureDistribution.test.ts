/* Thresholds from the company's own data (RULES.md §13; the table of 第七条 is lost). */
import { measureDistribution, percentileInc, thresholdImpact } from '../../src/core/measureDistribution';
import { DEFAULT_COMPILED, compileRules, decimalArithmetic } from '../../src/core';

describe('thresholds from the company’s own data (RULES.md §13)', () => {
  it('gives percentiles as Excel’s PERCENTILE.INC does, exactly', () => {
    const xs = [0.85, 0.9, 0.93, 0.97, 1.02];
    expect(percentileInc(xs, 0.5)).toBe(0.93);
    expect(percentileInc(xs, 0.25)).toBe(0.9);
    expect(percentileInc(xs, 0.1)).toBe(0.87); // 0.85 + 0.4 × 0.05
    expect(percentileInc(xs, 0.1, decimalArithmetic)).toBe(0.87);
  });

  it('draws a histogram whose bars count every channel once', () => {
    const d = measureDistribution([0.8, 0.85, 0.9, 0.95, 1, 1.05, 1.1], { bars: 3 });
    expect(d.histogram.map((b) => b.count).reduce((a, b) => a + b, 0)).toBe(7);
    expect(d.min).toBe(0.8);
    expect(d.max).toBe(1.1);
  });

  it('says how many channels and how much premium change class when 深蓝 is lowered to 88%', () => {
    const channels = [
      { channelId: 'A', measures: { costRate: 0.89, annualScale: 12_000_000, depth: 0.35 } },
      { channelId: 'B', measures: { costRate: 0.88, annualScale: 3_000_000.1, depth: 0.2 } },
      { channelId: 'C', measures: { costRate: 0.97, annualScale: 500_000.2, depth: 0.05 } },
    ];
    const proposed = compileRules({
      ...DEFAULT_COMPILED.rules,
      parameters: { ...DEFAULT_COMPILED.rules.parameters, 'cost.deepBlue.max': 0.88 },
    });
    const impact = thresholdImpact(channels, DEFAULT_COMPILED, proposed);
    expect(impact.changed).toBe(1); // 0.88 stays 深蓝: the bound is inclusive
    expect(impact.changedPremium).toBe(12_000_000);
    expect(impact.coloursBefore).toEqual([2, 0, 1, 0, 0]);
    expect(impact.coloursAfter).toEqual([1, 1, 1, 0, 0]);
  });
});
