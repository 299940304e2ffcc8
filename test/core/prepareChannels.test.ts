import fc from 'fast-check';
import { isoDate, type CivilDate } from '../../src/core/civilDate';
import { DEFAULT_COMPILED } from '../../src/core/compileRules';
import { decimalArithmetic } from '../../src/core/decimalArithmetic';
import { gradeChannel } from '../../src/core/gradeChannel';
import { labelOfIndex } from '../../src/core/channelClass';
import {
  ChannelPreparation,
  preparedFigures,
  type PreparationResult,
  type PreparedChannel,
} from '../../src/core/prepareChannels';
import { ExactSum, parseScaledNumeral, roundQuotient15 } from '../../src/core/prepareExactSum';
import { NoWindowError, type PrepareKind } from '../../src/core/prepareKinds';
import { prepareProspective } from '../../src/core/prepareProspective';
import { readMasterRecord, readNonMarketRecord, type MasterCells } from '../../src/core/prepareTables';

const d = (year: number, month: number, day: number): CivilDate => ({ year, month, day });

const master = (cells: Partial<MasterCells> & { channelId: string }, row = 2) =>
  readMasterRecord(
    { branch: '杭州', startDate: '2025-06-01', ownPremium: 5_000_000, company: '浙江分公司', ...cells },
    row,
  );

const NON_MARKET = [
  readNonMarketRecord({ branch: '杭州', year: 2024, actual: 0.09, budget: 0.085 }, 2),
  readNonMarketRecord({ branch: '杭州', year: 2025, actual: 0.09, budget: 0.085 }, 3),
  readNonMarketRecord({ branch: '杭州', year: 2026, actual: 0.088, budget: '8%' }, 4),
  readNonMarketRecord({ branch: '宁波', year: 2026, actual: 0.07, budget: 0.075 }, 5),
  readNonMarketRecord({ branch: '温州', year: 2026, actual: null, budget: 0.07 }, 6),
];

type Row = [string, string | null, string, string | number, string | number, string | number];

function prepare(
  kind: PrepareKind,
  judging: CivilDate,
  rows: readonly Row[],
  masters = [master({ channelId: 'C1' })],
  validRegions?: ReadonlySet<string>,
): PreparationResult {
  const p = new ChannelPreparation({ kind, judging, master: masters, nonMarket: NON_MARKET, validRegions });
  rows.forEach((r, i) => p.addRow(i + 2, r[0], r[1], r[2], r[3], r[4], r[5]));
  return p.finish();
}

function only(result: PreparationResult): PreparedChannel {
  expect(result.notPrepared).toEqual([]);
  expect(result.channels).toHaveLength(1);
  return result.channels[0] as PreparedChannel;
}

describe('preparing a policy extract for a quarter (RULES.md §5.2, 第六条, 第九条)', () => {
  // Hand-computed: window 2026-01-01..2026-03-31 (90 days). Rows in the window with a code:
  // 100,000 @ 60%/20%, 50,000 @ 50%/25%, a 批退 of −10,000 @ 60%/20%. Σ premium = 140,000;
  // Σ loss × premium = 60,000 + 25,000 − 6,000 = 79,000 → 79,000 ÷ 140,000 = 0.564285714285714|2…;
  // Σ market × premium = 20,000 + 12,500 − 2,000 = 30,500 → 0.217857142857142|857… → …143.
  const rows: Row[] = [
    ['C1', '330100', '2026-01-15', 100000, 0.6, 0.2],
    ['C1', '330100', '2026-02-10', '50000', '50%', '0.25'],
    ['C1', '330200', '2026-03-05', -10000, 0.6, 0.2],
    ['C1', '330100', '2025-12-31', 99999, 0.9, 0.9],
    ['C1', '330100', '2026-04-01', 99999, 0.9, 0.9],
    ['C1', null, '2026-02-01', 77777, 0.9, 0.9],
  ];
  const result = prepare('quarter', d(2026, 4, 10), rows);
  const c = only(result);

  it('sums the premium in the window with the negative endorsement and leaves out the rest', () => {
    expect(c.premium).toBe(140000);
    expect(c.source.rowsUsed).toBe(3);
    expect(c.source.rowsLeftOut).toBe(1);
    expect(result.counts).toMatchObject({ read: 6, used: 3, outsideWindow: 2, noRegion: 1 });
    expect(result.rejected).toEqual([{ row: 7, channelId: 'C1', reason: 'noRegion', detail: '' }]);
  });

  it('weights the loss and market expense ratios by premium, exactly at 15 digits', () => {
    expect(c.lossRatio).toBe(0.564285714285714);
    expect(c.marketExpenseRatio).toBe(0.217857142857143);
  });

  it("takes this year's budget non-market ratio of the channel's 三级机构 for in-year grading (§5.1)", () => {
    expect(c.nonMarketExpenseRatio).toBe(0.08);
    expect(c.source.nonMarket.zh).toBe('杭州 2026 年预算');
  });

  it('counts the whole window for a channel that started before it, and says where each figure came from', () => {
    expect(c.days).toBe(90);
    expect(isoDate(c.startDate as CivilDate)).toBe('2026-01-01');
    expect(isoDate(c.endDate as CivilDate)).toBe('2026-03-31');
    expect(c.regionCode).toBe('330100,330200');
    expect(c.source.masterStart).toEqual(d(2025, 6, 1));
  });

  it('grades the prepared row as a hand-built one: 深蓝-C-Ⅱ', () => {
    const g = gradeChannel(preparedFigures(c), DEFAULT_COMPILED, result.mode);
    expect(result.mode).toBe('in-year');
    expect(g.ok && labelOfIndex(g.value.classIndex)).toBe('深蓝-C-Ⅱ');
    // 140,000 × 365 ÷ 90 = 567,777.777777778
    expect(g.ok && g.value.annualScale).toBe(567777.777777778);
  });
});

describe('cooperation days clipped to the window (RULES.md §5.2, 第九条)', () => {
  it('a channel that began mid-quarter is annualized on its own days (2026-01-10 → 81 days)', () => {
    const c = only(
      prepare(
        'quarter',
        d(2026, 4, 10),
        [['C1', '330100', '2026-02-01', 81000, 0.5, 0.2]],
        [master({ channelId: 'C1', startDate: '2026-01-10' })],
      ),
    );
    expect(c.days).toBe(81);
    expect(isoDate(c.startDate as CivilDate)).toBe('2026-01-10');
  });

  it('a start of 2020-03-01 in an annual evaluation of the leap year 2024 counts 366 days, premium as is', () => {
    const result = prepare(
      'annual',
      d(2025, 1, 10),
      [['C1', '330100', '2024-02-29', 1234567.89, 0.5, 0.2]],
      [master({ channelId: 'C1', startDate: '2020-03-01' })],
    );
    const c = only(result);
    expect(c.days).toBe(366);
    expect(c.nonMarketExpenseRatio).toBe(0.09);
    expect(c.source.nonMarket.en).toBe('杭州 2024 actual');
    const g = gradeChannel(preparedFigures(c), DEFAULT_COMPILED, result.mode);
    expect(g.ok && g.value.annualScale).toBe(1234567.89);
  });
});

describe('channels that cannot be prepared are listed with the reason (RULES.md §5.2)', () => {
  it('lists a channel whose premium in the window is not above 0, one not in the master and one with no rows', () => {
    const result = prepare(
      'quarter',
      d(2026, 4, 10),
      [
        ['C1', '330100', '2026-01-15', 1000, 0.5, 0.2],
        ['C1', '330100', '2026-01-20', -1000, 0.5, 0.2],
        ['X9', '330100', '2026-01-20', 500, 0.5, 0.2],
      ],
      [master({ channelId: 'C1' }), master({ channelId: 'C2' }, 3)],
    );
    expect(result.channels).toEqual([]);
    expect(result.notPrepared.map((n) => [n.channelId, n.issues.map((i) => i.code)])).toEqual([
      ['C1', ['premiumNotPositive']],
      ['C2', ['noRows']],
      ['X9', ['notInMaster']],
    ]);
  });

  it('gives no in-year class to a channel with less than three full months (第十一条三)', () => {
    const result = prepare(
      'quarter',
      d(2026, 4, 10),
      [['C1', '330100', '2026-03-01', 1000, 0.5, 0.2]],
      [master({ channelId: 'C1', startDate: '2026-01-11' })],
    );
    expect(result.notPrepared[0]?.issues.map((i) => i.code)).toEqual(['underThreeMonths']);
    // The annual kinds do not apply the rule.
    expect(
      only(
        prepare(
          'recheck',
          d(2026, 4, 10),
          [['C1', '330100', '2026-03-01', 1000, 0.5, 0.2]],
          [master({ channelId: 'C1', startDate: '2026-03-01' })],
        ),
      ).days,
    ).toBe(31);
  });

  it("says when the 三级机构 has no non-market ratio for the year (recheck needs this year's actual)", () => {
    const result = prepare(
      'recheck',
      d(2026, 7, 20),
      [['C1', '330100', '2026-03-01', 1000, 0.5, 0.2]],
      [master({ channelId: 'C1', branch: '温州' })],
    );
    expect(result.notPrepared[0]?.issues.map((i) => i.message.zh)).toEqual([
      '非市场费用率表中没有三级机构“温州”2026 年的实际值',
    ]);
  });

  it('leaves out a row whose code is not in the valid list, and marks a channel with an unreadable row', () => {
    const result = prepare(
      'month',
      d(2026, 3, 5),
      [
        ['C1', '999999', '2026-02-10', 1000, 0.5, 0.2],
        ['C1', '330100', '2026-02-11', 'abc', 0.5, 0.2],
      ],
      [master({ channelId: 'C1' })],
      new Set(['330100']),
    );
    expect(result.counts).toMatchObject({ invalidRegion: 1, unreadable: 1, used: 0 });
    expect(result.notPrepared[0]?.issues.map((i) => i.code)).toEqual(['badRows']);
  });

  it('refuses a recheck in January: no month of the year has ended', () => {
    expect(() => prepare('recheck', d(2026, 1, 10), [])).toThrow(NoWindowError);
  });
});

describe('a channel-month extract is the same thing at coarser grain (RULES.md §5.2)', () => {
  it('weights the monthly ratios by the monthly premiums; a month row dated any day of the month counts', () => {
    // January 200,000 @ 55%/15%, February 100,000 @ 70%/30%, March (dated the 1st) 100,000 @ 40%/20%:
    // loss (110,000 + 70,000 + 40,000) ÷ 400,000 = 0.55; market (30,000 + 30,000 + 20,000) ÷ 400,000 = 0.2.
    const c = only(
      prepare('quarter', d(2026, 4, 10), [
        ['C1', '330100', '2026-01-31', 200000, 0.55, 0.15],
        ['C1', '330100', '2026-02-15', 100000, 0.7, 0.3],
        ['C1', '330100', '2026-03-01', 100000, 0.4, 0.2],
        ['C1', '330100', '2026-04-01', 999999, 0.9, 0.9],
      ]),
    );
    expect([c.premium, c.lossRatio, c.marketExpenseRatio, c.source.rowsUsed]).toEqual([400000, 0.55, 0.2, 3]);
  });
});

describe('windows at year, quarter and month ends and leap days (RULES.md §5.1)', () => {
  const oneDay = (kind: PrepareKind, judging: CivilDate, date: string): number | null => {
    const r = prepare(
      kind,
      judging,
      [['C1', '330100', date, 1000, 0.5, 0.2]],
      [master({ channelId: 'C1', startDate: '2020-01-01' })],
    );
    return r.counts.used === 1 ? (r.channels[0]?.days ?? null) : null;
  };

  it('a month grading on 1 March 2024 reads 1–29 February (29 days) and not 1 March', () => {
    expect(oneDay('month', d(2024, 3, 1), '2024-02-29')).toBe(29);
    expect(oneDay('month', d(2024, 3, 1), '2024-03-01')).toBeNull();
    expect(oneDay('month', d(2024, 3, 1), '2024-01-31')).toBeNull();
  });

  it('a quarter grading on 31 December reads July–September; on 1 January the previous Q4', () => {
    expect(oneDay('quarter', d(2024, 12, 31), '2024-09-30')).toBe(92);
    expect(oneDay('quarter', d(2024, 12, 31), '2024-10-01')).toBeNull();
    expect(oneDay('quarter', d(2025, 1, 1), '2024-12-31')).toBe(92);
  });

  it('three months judged on 31 May 2024 read February (leap) to April: 90 days', () => {
    expect(oneDay('threemonths', d(2024, 5, 31), '2024-02-01')).toBe(90);
    expect(oneDay('threemonths', d(2024, 5, 31), '2024-05-01')).toBeNull();
  });

  it('an annual evaluation on 1 January reads the whole previous year, 31 December included', () => {
    expect(oneDay('annual', d(2025, 1, 1), '2024-12-31')).toBe(366);
    expect(oneDay('annual', d(2025, 1, 1), '2025-01-01')).toBeNull();
  });
});

describe('prospective channels from the 经代渠道合作信息表 (RULES.md §5.1, §12)', () => {
  it("prepares the negotiated figures with the 三级机构's budget and their source", () => {
    const c = prepareProspective(
      {
        channelId: 'N1',
        branch: '宁波',
        regionCode: '330200',
        lossRatio: '62%',
        marketExpenseRatio: 0.18,
        plannedPremium: 3_000_000,
        ownPremium: 20_000_000,
        source: '2026-03 洽谈纪要；个人客户运营部测算',
      },
      NON_MARKET,
      d(2026, 3, 20),
    );
    expect('issues' in c).toBe(false);
    const p = c as PreparedChannel;
    expect([p.lossRatio, p.marketExpenseRatio, p.nonMarketExpenseRatio, p.premium, p.days]).toEqual([
      0.62,
      0.18,
      0.075,
      3_000_000,
      null,
    ]);
    const g = gradeChannel(preparedFigures(p), DEFAULT_COMPILED, 'prospective');
    expect(g.ok && labelOfIndex(g.value.classIndex)).toBe('深蓝-B-Ⅱ');
  });

  it('refuses figures without a source', () => {
    const c = prepareProspective(
      {
        channelId: 'N1',
        branch: '宁波',
        regionCode: '1',
        lossRatio: 0.6,
        marketExpenseRatio: 0.1,
        plannedPremium: 1,
        ownPremium: 2,
        source: '',
      },
      NON_MARKET,
      d(2026, 3, 20),
    );
    expect('issues' in c && c.issues.map((i) => i.message.en)).toEqual([
      'Source is blank: say where the figures come from',
    ]);
  });
});

describe('exact sums of the extract agree with decimal.js (RULES.md §1)', () => {
  const amount = fc.integer({ min: -1_000_000_000, max: 10_000_000_000 }).map((n) => n / 100);
  const rate = fc.integer({ min: 0, max: 2_000_000 }).map((n) => n / 1e6);

  it('Σ premium and Σ(ratio × premium) ÷ Σ premium match the reference backend', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, rate), { minLength: 1, maxLength: 60 }), (rows) => {
        const p = new ExactSum();
        const l = new ExactSum();
        const sp = { mantissa: 0, scale: 0 };
        const sl = { mantissa: 0, scale: 0 };
        for (const [a, r] of rows) {
          parseScaledNumeral(String(a), 0, String(a).length, sp);
          parseScaledNumeral(String(r), 0, String(r).length, sl);
          p.add(sp.mantissa, sp.scale);
          l.addProduct(sl.mantissa, sl.scale, sp.mantissa, sp.scale);
        }
        const total = rows.reduce((acc, [a]) => decimalArithmetic.add(acc, a), 0);
        expect(p.toNumber()).toBe(total);
        if (p.sign() > 0) {
          const P = p.exact();
          const L = l.exact();
          const mine = roundQuotient15(L.value, P.value, L.scale - P.scale);
          // The reference: decimal.js at 60 digits, Σ(ratio × premium) ÷ Σ premium, then 15 digits.
          const reference = decimalArithmetic.weightedMean(
            rows.map((r) => r[1]),
            rows.map((r) => r[0]),
          );
          expect(mine).toBe(reference);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps sums exact past 2^53 (ten million rows of 999,999,999.99)', () => {
    const s = new ExactSum();
    for (let i = 0; i < 10_000; i++) s.add(99999999999, 2);
    expect(s.exact().value).toBe(999999999990000n);
    for (let i = 0; i < 1000; i++) s.addProduct(123456789012345, 5, 999999999999999, 2);
    expect(s.toNumber()).toBe(1.23456789012445e25);
  });

  it('preparing and then grading agrees with grading hand-built rows (property)', () => {
    const row = fc.tuple(
      fc.constantFrom('C1', 'C2', 'C3'),
      fc.integer({ min: 1, max: 90 }),
      fc.integer({ min: -5_000_00, max: 500_000_00 }).map((n) => n / 100),
      rate,
      rate,
    );
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), (rows) => {
        const masters = ['C1', 'C2', 'C3'].map((id, i) => master({ channelId: id, ownPremium: 50_000_000 }, i + 2));
        const p = new ChannelPreparation({
          kind: 'quarter',
          judging: d(2026, 4, 10),
          master: masters,
          nonMarket: NON_MARKET,
        });
        rows.forEach(([id, day, prem, loss, market], i) =>
          p.addRow(i + 2, id, '330100', 46022 + day /* 2026-01-01 is serial 46023 */, prem, loss, market),
        );
        const result = p.finish();
        for (const c of result.channels) {
          const mine = rows.filter((r) => r[0] === c.channelId);
          const premium =
            decimalArithmetic.sum(mine.map((r) => r[2]).filter((x) => x >= 0)) -
            decimalArithmetic.sum(mine.map((r) => -r[2]).filter((x) => x > 0));
          const handBuilt = {
            lossRatio: decimalArithmetic.weightedMean(
              mine.map((r) => r[3]),
              mine.map((r) => r[2]),
            ),
            marketExpenseRatio: decimalArithmetic.weightedMean(
              mine.map((r) => r[4]),
              mine.map((r) => r[2]),
            ),
            nonMarketExpenseRatio: 0.08,
            premium: decimalArithmetic.add(premium, 0),
            days: 90,
            ownPremium: 50_000_000,
          };
          expect(preparedFigures(c)).toEqual(handBuilt);
          expect(gradeChannel(preparedFigures(c), DEFAULT_COMPILED, 'in-year')).toEqual(
            gradeChannel(handBuilt, DEFAULT_COMPILED, 'in-year'),
          );
        }
        for (const n of result.notPrepared) {
          const mine = rows.filter((r) => r[0] === n.channelId);
          const total = mine.reduce((acc, r) => decimalArithmetic.add(acc, r[2]), 0);
          // A 批退 with a higher ratio can make a weighted ratio negative: listed, not graded.
          const code = mine.length === 0 ? 'noRows' : total <= 0 ? 'premiumNotPositive' : 'negativeRatio';
          expect(n.issues.map((i) => i.code)).toEqual([code]);
        }
      }),
      { numRuns: 200 },
    );
  });
});
