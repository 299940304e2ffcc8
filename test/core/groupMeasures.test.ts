import { groupMeasures } from '../../src/core/groupMeasures';

describe('group channels (RULES.md §4, 第八条)', () => {
  it('weighs member cost ratios by annualized scale and sums the scales', () => {
    const g = groupMeasures(
      [
        { costRate: 0.9, annualScale: 3_000_000 },
        { costRate: 1.0, annualScale: 1_000_000 },
      ],
      20_000_000,
    );
    expect(g).toEqual({ ok: true, value: { costRate: 0.925, annualScale: 4_000_000, depth: 0.2 } });
  });

  it('weighs exactly: 0.1-scale members at 0.85 and 0.95 average to 0.9', () => {
    const g = groupMeasures(
      [
        { costRate: 0.85, annualScale: 0.1 },
        { costRate: 0.95, annualScale: 0.1 },
      ],
      1,
    );
    expect(g.ok && g.value.costRate).toBe(0.9);
  });

  it('has no weighted cost ratio when every member has zero scale: #DIV/0!, not 0', () => {
    const g = groupMeasures([{ costRate: 0.9, annualScale: 0 }], 1_000_000);
    expect(g).toMatchObject({ ok: false, problems: [{ code: 'zeroGroupScale', error: '#DIV/0!' }] });
  });

  it('refuses a zero group own premium and a depth above 100%', () => {
    expect(groupMeasures([{ costRate: 0.9, annualScale: 1 }], 0)).toMatchObject({
      ok: false,
      problems: [{ code: 'zeroOwnPremium', field: 'groupOwnPremium' }],
    });
    expect(groupMeasures([{ costRate: 0.9, annualScale: 2 }], 1)).toMatchObject({
      ok: false,
      problems: [{ code: 'depthAboveOne' }],
    });
  });
});
