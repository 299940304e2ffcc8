import fc from 'fast-check';
import { decimalArithmetic } from '../../src/core/decimalArithmetic';
import { DEFAULT_COMPILED } from '../../src/core/compileRules';
import { measurePlainRow, type MeasureSlots } from '../../src/core/fastMeasures';
import { gradeChannel } from '../../src/core/gradeChannel';
import { gradeColumns, gradeColumnsFor } from '../../src/core/gradeColumns';
import { annualScale, costRate, depth } from '../../src/core/measures';
import { days, longRatio, ownPremium, premium, ratio } from './arbitraries';

function fused(
  ...args: Parameters<typeof measurePlainRow> extends [...infer A, unknown] ? A : never
): MeasureSlots | null {
  const out: MeasureSlots = { costRate: 0, annualScale: 0, depth: 0 };
  return measurePlainRow(...args, out) ? out : null;
}

describe('the fused hot path (RULES.md §1)', () => {
  it('gives exactly what decimal.js gives, for every row it takes', () => {
    fc.assert(
      fc.property(
        fc.oneof(ratio, longRatio),
        fc.oneof(ratio, longRatio),
        fc.oneof(ratio, longRatio),
        premium,
        days,
        ownPremium,
        fc.boolean(),
        (l, m, n, p, d, o, prospective) => {
          const got = fused(l, m, n, p, d, o, prospective);
          if (got === null) return true;
          const s = annualScale(p, prospective ? 365 : d, decimalArithmetic);
          return (
            got.costRate === costRate(l, m, n, decimalArithmetic) &&
            got.annualScale === s &&
            got.depth === depth(s, o, decimalArithmetic)
          );
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('takes ordinary rows: 0.55 + 0.10 + 0.25 and 2,000,000 over 73 days', () => {
    expect(fused(0.55, 0.1, 0.25, 2_000_000, 73, 50_000_000, false)).toEqual({
      costRate: 0.9,
      annualScale: 10_000_000,
      depth: 0.2,
    });
  });

  it('declines what the general path must judge: text, blanks, negatives, zero own premium, bad days', () => {
    for (const row of [
      ['55%', 0.1, 0.25, 1, 365, 1],
      [null, 0.1, 0.25, 1, 365, 1],
      [0.5, -0.1, 0.25, 1, 365, 1],
      [0.5, 0.1, 0.25, 1, 365, 0],
      [0.5, 0.1, 0.25, 1, 0, 1],
      [0.5, 0.1, 0.25, 1, 30.5, 1],
      [0.5, 0.1, 0.25, 1, 367, 1],
      [0.7 + 0.1 + 0.1, 0, 0, 1, 365, 1],
    ]) {
      const [l, m, n, p, d, o] = row;
      expect(fused(l, m, n, p, d, o, false)).toBeNull();
    }
  });
});

describe('grading columns in a batch', () => {
  it('gives every row the grade gradeChannel gives it, problems included', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(ratio, longRatio, fc.constant(null)),
            ratio,
            ratio,
            premium,
            fc.oneof(days, fc.constant(0)),
            ownPremium,
          ),
          { minLength: 1, maxLength: 40 },
        ),
        (rows) => {
          const cols = {
            lossRatio: rows.map((r) => r[0]),
            marketExpenseRatio: rows.map((r) => r[1]),
            nonMarketExpenseRatio: rows.map((r) => r[2]),
            premium: rows.map((r) => r[3]),
            days: rows.map((r) => r[4]),
            ownPremium: rows.map((r) => r[5]),
          };
          const out = gradeColumnsFor(rows.length);
          const bad = gradeColumns(cols, DEFAULT_COMPILED, 'in-year', out);
          let problems = 0;
          const same = rows.every((r, i) => {
            const g = gradeChannel(
              {
                lossRatio: r[0],
                marketExpenseRatio: r[1],
                nonMarketExpenseRatio: r[2],
                premium: r[3],
                days: r[4],
                ownPremium: r[5],
              },
              DEFAULT_COMPILED,
              'in-year',
            );
            if (!g.ok) problems++;
            return g.ok
              ? out.classIndex[i] === g.value.classIndex &&
                  out.costRate[i] === g.value.costRate &&
                  out.depth[i] === g.value.depth
              : out.classIndex[i] === 0;
          });
          return same && bad === problems;
        },
      ),
    );
  });
});
