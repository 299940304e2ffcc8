/*
 * QD.COMMISSIONDUE and QD.AGENCYPLAN as RULES.md §8 reads the documents (issue 24 point 7): the
 * commission honours its payee type and the rule's conditions, and the general agency's loan is the
 * review's decision (经考核后), given by the user, never automatic. Each test is named by the sentence
 * of the rule it checks.
 */
import * as fn from '../../src/functions/functions';
import { errorCell } from '../support/customFunctionsStub';

type Cell = number | string | { code: string; message?: string };
const shown = (grid: unknown[][]): unknown[][] =>
  grid.map((row) =>
    row.map((v) => (typeof v === 'object' && v !== null && 'code' in v ? (v as { code: string }).code : v)),
  );
const message = (grid: unknown[][], r = 0, c = 0): string =>
  String((grid[r]?.[c] as Cell & { message?: string }).message ?? '');
const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);

describe('QD.COMMISSIONDUE (RULES.md §8, 渠道佣金)', () => {
  it('payable to date = contract total × rate × collected ÷ contract total − already paid', () => {
    expect(shown(fn.commissionDueFn([[10_000_000]], [[0.03]], [[4_000_000]], [[90_000]], [['institution']]))).toEqual([
      [30_000],
    ]);
  });

  it('payable only after the contract is signed and the deposit and first payment are in', () => {
    const out = fn.commissionDueFn([[1_000_000]], [[0.01]], [[300_000]], [[0]], [['个人']], [['未签约']]);
    expect(shown(out)).toEqual([[0]]);
    expect(shown(fn.commissionDueFn([[1_000_000]], [[0.01]], [[300_000]], [[0]], [['个人']], [['signed']]))).toEqual([
      [3_000],
    ]);
  });

  it('a cancelled contract earns nothing; what was paid is deducted from the next payable amount', () => {
    expect(
      shown(fn.commissionDueFn([[1_000_000]], [[0.01]], [[300_000]], [[3_000]], [['个人']], [['已取消']])),
    ).toEqual([[-3_000]]);
    // Collections that fell (a refund): earned falls below what was paid, the difference is deducted.
    expect(shown(fn.commissionDueFn([[1_000_000]], [[0.01]], [[100_000]], [[3_000]], [['individual']]))).toEqual([
      [-2_000],
    ]);
  });

  it('an individual channel’s rate may not exceed 1% of the contract total; higher rates need special approval by group management', () => {
    const refused = fn.commissionDueFn([[1_000_000]], [[0.015]], [[200_000]], [[0]], [['individual']]);
    expect(shown(refused)).toEqual([['#VALUE!']]);
    expect(message(refused)).toMatch(/需特批[\s\S]*1\.5%[\s\S]*1%[\s\S]*needs special approval/);
    // Approved: computed at the rate given, never capped.
    expect(
      shown(fn.commissionDueFn([[1_000_000]], [[0.015]], [[200_000]], [[0]], [['individual']], undefined, [[true]])),
    ).toEqual([[3_000]]);
  });

  it('an institution’s may not exceed 3%, and the cap is the payee type’s, not one for all', () => {
    expect(shown(fn.commissionDueFn([[1_000_000]], [[0.02]], [[200_000]], [[0]], [['机构']]))).toEqual([[4_000]]);
    expect(shown(fn.commissionDueFn([[1_000_000]], [[0.02]], [[200_000]], [[0]], [['个人']]))).toEqual([['#VALUE!']]);
    expect(shown(fn.commissionDueFn([[1_000_000]], [[0.035]], [[200_000]], [[0]], [['机构']]))).toEqual([['#VALUE!']]);
  });

  it('reads payee type, status and approval per row, each bad element its own row’s error', () => {
    const out = fn.commissionDueFn(
      [[1_000_000]],
      [[0.02]],
      [[200_000]],
      [[0]],
      col('机构', 'shop', errorCell('#N/A'), '机构', '机构'),
      col('signed', 'signed', 'signed', 'maybe', 'cancelled'),
    );
    expect(shown(out)).toEqual([[4_000], ['#VALUE!'], ['#N/A'], ['#VALUE!'], [0]]);
    expect(message(out, 1)).toContain('shop');
    expect(message(out, 3)).toMatch(/合同状态[\s\S]*maybe/);
  });
});

describe('QD.AGENCYPLAN (RULES.md §8, 内部区域总代理)', () => {
  const plan = (loan?: unknown): unknown[][] =>
    fn.agencyPlanFn([[300_000]], [[0.15]], [[40_000]], [[20_000]], [[24]], loan === undefined ? undefined : [[loan]]);
  const month = (grid: unknown[][], m: number): unknown[] => grid[m] ?? [];
  const LOAN = 6;
  const REPAY = 7;

  it('若无法自负盈亏经考核后再提供半年的贷款支持: no loan unless the review granted it', () => {
    for (const p of [plan(), plan(false), plan('否'), plan(null)]) {
      for (let m = 1; m <= 24; m++) expect([m, month(p, m)[LOAN], month(p, m)[REPAY]]).toEqual([m, 0, 0]);
    }
  });

  it('经考核后再提供半年的贷款支持: granted, each month’s shortfall in months 7–12 is lent', () => {
    const p = plan(true);
    expect([6, 7, 12, 13].map((m) => month(p, m)[LOAN])).toEqual([0, 15_000, 15_000, 0]);
    expect(shown(plan('是'))).toEqual(shown(p));
  });

  it('半年内分期偿还: the loans are repaid in six instalments in months 13–18', () => {
    const p = plan(true);
    expect([12, 13, 18, 19].map((m) => month(p, m)[REPAY])).toEqual([0, 15_000, 15_000, 0]);
  });

  it('a monthly limit set by the review caps each month’s loan', () => {
    const p = plan(10_000);
    expect([7, 12].map((m) => month(p, m)[LOAN])).toEqual([10_000, 10_000]);
    expect([13, 18].map((m) => month(p, m)[REPAY])).toEqual([10_000, 10_000]);
  });

  it('refuses a decision it cannot read, saying what it expects', () => {
    const p = plan('maybe');
    expect(shown(p)).toEqual([['#VALUE!']]);
    expect(message(p)).toMatch(/经考核后[\s\S]*TRUE/);
  });
});
