/* Thresholds from the company's own data (RULES.md §13; the table of 第七条 is lost). */
import {
  impactBaseline,
  measureDistribution,
  percentileInc,
  proposedImpact,
  thresholdImpact,
} from '../../src/core/measureDistribution';
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
    // Scale and depth bounds did not move: A, B, C and Ⅰ, Ⅱ, Ⅲ hold one channel each, before and after.
    expect([impact.scalesBefore, impact.scalesAfter, impact.depthsBefore, impact.depthsAfter]).toEqual([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
  });

  it('stretches the bars to reach a threshold beyond every channel, counting only the channels', () => {
    const d = measureDistribution([1_000_000, 2_500_000, 4_000_000], { bars: 10, span: [10_000_000] });
    expect(d.histogram[0]?.from).toBe(1_000_000);
    expect(d.histogram[9]?.to).toBe(10_000_000);
    expect(d.max).toBe(4_000_000);
    expect(d.histogram.reduce((n, b) => n + b.count, 0)).toBe(3);
  });

  it('gives the same answer grading only the proposal as grading both, 深蓝 lowered to 88% and B raised to 300万', () => {
    const channels = Array.from({ length: 2_000 }, (_, i) => ({
      channelId: `C${i}`,
      measures: {
        costRate: 0.8 + ((i * 7919) % 3500) / 10_000,
        annualScale: ((i * 104_729) % 15_000_000) + 0.01,
        depth: ((i * 31) % 1000) / 1000,
      },
    }));
    const proposed = compileRules({
      ...DEFAULT_COMPILED.rules,
      parameters: { ...DEFAULT_COMPILED.rules.parameters, 'cost.deepBlue.max': 0.88, 'scale.B.min': 3_000_000 },
    });
    const both = thresholdImpact(channels, DEFAULT_COMPILED, proposed);
    const fast = proposedImpact(impactBaseline(channels, DEFAULT_COMPILED), proposed);
    expect(fast.changed).toBeGreaterThan(0);
    expect(fast).toEqual(both);
  });

  it('refuses a baseline where one channel appears twice', () => {
    const m = { costRate: 0.9, annualScale: 1, depth: 0.1 };
    expect(() =>
      impactBaseline(
        [
          { channelId: 'A', measures: m },
          { channelId: 'A', measures: m },
        ],
        DEFAULT_COMPILED,
      ),
    ).toThrow(/渠道 A 出现了两次/);
  });

  it('compares a proposal with 100,000 channels in under a quarter of a second once they are graded under the rules in force', () => {
    const channels = Array.from({ length: 100_000 }, (_, i) => ({
      channelId: `C${i}`,
      measures: {
        costRate: 0.8 + ((i * 7919) % 4000) / 10_000,
        annualScale: (i * 104_729) % 20_000_000,
        depth: ((i * 31) % 1000) / 1000,
      },
    }));
    const baseline = impactBaseline(channels, DEFAULT_COMPILED);
    const proposed = compileRules({
      ...DEFAULT_COMPILED.rules,
      parameters: { ...DEFAULT_COMPILED.rules.parameters, 'cost.blue.max': 0.93 },
    });
    proposedImpact(baseline, proposed);
    // Its speed is for npm run bench, not a stopwatch in a test that shares the machine.
    const impact = proposedImpact(baseline, proposed);
    expect(impact.changed).toBe(impact.movement.moves.length);
  });
});
