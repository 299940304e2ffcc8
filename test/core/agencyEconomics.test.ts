/* Commissions, agent fees, the general agency, agency pricing, stars and department standards (RULES.md §8–§9). */
import {
  AGENT_TERMS,
  agencyPlan,
  agencyPrice,
  agentFee,
  breakEvenPremium,
  commissionDue,
  commissionPlan,
  decimalArithmetic,
  deptCheck,
  readAgentTier,
  readVeto,
  stars,
  type AgencyPlan,
  type CommissionDue,
  type Problem,
  type StandardCheck,
} from '../../src/core';

function ok<T extends object>(x: T | Problem): T {
  if ('code' in x && 'message' in x) throw new Error(`unexpected problem: ${x.message.en}`);
  return x;
}

describe('commission due on collection (RULES.md §8)', () => {
  it('pays an institution 3% of what has been collected, less what was paid', () => {
    const r = ok<CommissionDue>(
      commissionDue({
        contractTotal: 10_000_000,
        rate: 0.03,
        collected: 4_000_000,
        alreadyPaid: 90_000,
        payeeType: '机构',
      }),
    );
    expect(r.earned).toBe(120_000);
    expect(r.due).toBe(30_000);
    expect(r.needsApproval).toBe(false);
  });

  it('computes a rate above the cap and flags it 需特批, never capping it', () => {
    const r = ok<CommissionDue>(
      commissionDue({
        contractTotal: 2_000_000,
        rate: 0.015,
        collected: 2_000_000,
        alreadyPaid: 0,
        payeeType: 'individual',
      }),
    );
    expect(r.due).toBe(30_000);
    expect(r.needsApproval).toBe(true);
    const atCap = ok<CommissionDue>(
      commissionDue({ contractTotal: 2_000_000, rate: 0.01, collected: 2_000_000, alreadyPaid: 0, payeeType: '个人' }),
    );
    expect(atCap.needsApproval).toBe(false);
  });

  it('pays nothing before signing, deposit and first payment', () => {
    const r = ok<CommissionDue>(
      commissionDue({ contractTotal: 1e6, rate: 0.01, collected: 0, alreadyPaid: 0, status: 'pending' }),
    );
    expect(r.due).toBe(0);
  });

  it('earns nothing on a cancelled contract and deducts what was paid from the next payment', () => {
    const r = ok<CommissionDue>(
      commissionDue({ contractTotal: 1e6, rate: 0.01, collected: 300_000, alreadyPaid: 3_000, status: 'cancelled' }),
    );
    expect(r.earned).toBe(0);
    expect(r.due).toBe(-3_000);
  });

  it('stays exact where floating point drifts (3% of 1,234,567.89 collected)', () => {
    const r = ok<CommissionDue>(
      commissionDue({ contractTotal: 9_999_999.99, rate: 0.03, collected: 1_234_567.89, alreadyPaid: 0 }),
    );
    expect(r.due).toBe(37_037.0367);
    expect(r.due).toBe(
      ok<CommissionDue>(
        commissionDue(
          { contractTotal: 9_999_999.99, rate: 0.03, collected: 1_234_567.89, alreadyPaid: 0 },
          decimalArithmetic,
        ),
      ).due,
    );
  });

  it('refuses a collection above the contract total and a rate above 100%', () => {
    expect(commissionDue({ contractTotal: 100, rate: 0.01, collected: 101, alreadyPaid: 0 })).toMatchObject({
      code: 'outOfRange',
      error: '#NUM!',
    });
    expect(commissionDue({ contractTotal: 100, rate: 1.5, collected: 1, alreadyPaid: 0 })).toMatchObject({
      code: 'outOfRange',
      field: 'commissionRate',
    });
    expect(
      commissionDue({ contractTotal: 100, rate: 0.01, collected: 1, alreadyPaid: 0, payeeType: 'bank' }),
    ).toMatchObject({
      code: 'unknownLabel',
    });
  });

  it('schedules payments collection by collection, each the earned-to-date less what was paid', () => {
    const plan = ok(commissionPlan(1_000_000, 0.03, [200_000, 300_000, 500_000], 'institution'));
    expect(plan.map((p) => [p.cumulative, p.earned, p.due])).toEqual([
      [200_000, 6_000, 6_000],
      [500_000, 15_000, 9_000],
      [1_000_000, 30_000, 15_000],
    ]);
  });
});

describe('agent fees by tier (RULES.md §8)', () => {
  it('charges a province agent nothing for its first 80 first-time ratings and 1,000 for the 81st', () => {
    expect(agentFee('province', 80)).toBe(100_000);
    expect(agentFee('province', 81)).toBe(101_000);
  });

  it('charges a city agent from its 41st rating, and a special agent no yearly fee', () => {
    expect(agentFee('city', 40)).toBe(50_000);
    expect(agentFee('city', 45)).toBe(55_000);
    expect(agentFee('special', 0)).toBe(0);
    expect(AGENT_TERMS.county.basis).toBe('default');
  });

  it('reads tiers in either language and refuses half a rating', () => {
    expect(readAgentTier('省级代理商')).toBe('province');
    expect(readAgentTier('City')).toBe('city');
    expect(readAgentTier('国家级')).toMatchObject({ code: 'unknownLabel' });
    expect(agentFee('city', 1.5)).toMatchObject({ code: 'outOfRange' });
  });
});

describe('the internal regional general agency (RULES.md §8)', () => {
  it('gives the break-even premium as costs ÷ commission rate', () => {
    expect(breakEvenPremium(60_000, 0.15)).toBe(400_000);
    expect(breakEvenPremium(60_000, 0)).toMatchObject({ error: '#DIV/0!' });
  });

  it('lets the branch bear office costs for six months, lends the shortfall for six more, and is repaid in six', () => {
    const plan = ok<AgencyPlan>(
      agencyPlan({
        monthlyPremium: [300_000],
        commissionRate: 0.15,
        monthlyCosts: 40_000,
        officeCosts: 20_000,
        months: 24,
        // The loan is the review's decision (经考核后, RULES.md §8), granted here.
        loanSupport: { granted: true, monthlyLimit: null },
      }),
    );
    const m = plan.months;
    expect(plan.breakEvenPremium).toBe(400_000);
    expect(plan.breakEvenMonth).toBeNull();
    expect(m[0]).toMatchObject({ income: 45_000, support: 20_000, loan: 0, result: 5_000 });
    expect(m[6]).toMatchObject({ support: 0, loan: 15_000, result: 0 });
    expect(m[12]).toMatchObject({ loan: 0, repayment: 15_000, result: -30_000 });
    expect(m[18]).toMatchObject({ repayment: 0, result: -15_000 });
    expect(m[5]?.cumulative).toBe(30_000);
    expect(plan.outstandingLoan).toBe(0);
  });

  it('finds the break-even month of a growing plan', () => {
    const premiums = Array.from({ length: 12 }, (_, i) => 250_000 + i * 25_000);
    const plan = ok<AgencyPlan>(
      agencyPlan({
        monthlyPremium: premiums,
        commissionRate: 0.15,
        monthlyCosts: 40_000,
        officeCosts: 20_000,
        months: 12,
      }),
    );
    expect(plan.breakEvenMonth).toBe(7);
    expect(plan.months[6]?.breaksEven).toBe(true);
  });

  it('refuses a plan shorter than 12 or longer than 36 months, and a premium list of the wrong length', () => {
    const base = { monthlyPremium: [1], commissionRate: 0.1, monthlyCosts: 1, officeCosts: 1 };
    expect(agencyPlan({ ...base, months: 11 })).toMatchObject({ code: 'outOfRange', field: 'months' });
    expect(agencyPlan({ ...base, months: 37 })).toMatchObject({ code: 'outOfRange' });
    expect(agencyPlan({ ...base, monthlyPremium: [1, 2], months: 12 })).toMatchObject({ field: 'monthlyPremium' });
  });
});

describe('three-tier agency pricing (RULES.md §8)', () => {
  it('gives the province agent 1–2 points of the national price as its management fee', () => {
    expect(agencyPrice(1_000, 1.5)).toEqual({ nationalPrice: 1_000, managementFee: 15, netPrice: 985 });
    expect(agencyPrice(999.99, 2)).toMatchObject({ managementFee: 19.9998, netPrice: 979.9902 });
    expect(agencyPrice(1_000, 3)).toMatchObject({ code: 'outOfRange' });
  });
});

describe('star ratings by rank (RULES.md §9)', () => {
  const ten = [100, 90, 80, 70, 60, 50, 40, 30, 20, 10];

  it('gives the top 10% five stars, the next 20% four, the next 40% three and the rest two', () => {
    expect(ten.map((p) => stars(p, ten))).toEqual([5, 4, 4, 3, 3, 3, 3, 2, 2, 2]);
  });

  it('gives tied points the same stars, the better of the two', () => {
    const tied = [100, 100, 80, 70, 60, 50, 40, 30, 20, 10];
    expect(stars(100, tied)).toBe(5);
  });

  it('gives two stars to a vetoed outlet whatever its points', () => {
    expect(stars(100, ten, true)).toBe(2);
    expect(readVeto('否决')).toBe(true);
    expect(readVeto(null)).toBe(false);
    expect(readVeto('maybe')).toMatchObject({ code: 'unknownLabel' });
  });
});

describe('department establishment standards (RULES.md §9, table 1)', () => {
  const checks = (x: StandardCheck[] | Problem): Record<string, boolean> =>
    Object.fromEntries(ok<StandardCheck[]>(x).map((c) => [c.standard, c.met]));

  it('checks a city head office against 1200万 / 180万 / 130万 / (4, 8]', () => {
    const r = checks(
      deptCheck('本部', { annualPremium: 12_000_000, perHead: 1_800_000, accountManager: 1_290_000, headcount: 8 }),
    );
    expect(r).toEqual({ annualPremium: true, perHead: true, accountManager: false, headcount: true });
  });

  it('lowers the central sub-branch standard by 20% for a unit under it (480万, 80万)', () => {
    const r = ok<StandardCheck[]>(
      deptCheck('下属机构', { annualPremium: 4_800_000, perHead: 800_000, accountManager: 700_000, headcount: 4 }),
    );
    expect(r.map((c) => c.required)).toEqual([4_800_000, 800_000, 700_000, { min: 3, max: 6 }]);
    expect(r.every((c) => c.met)).toBe(true);
  });

  it('raises a municipality’s city standard by 30% and lowers a first year by 20%', () => {
    const r = ok<StandardCheck[]>(
      deptCheck(
        'cityLower',
        { annualPremium: 0, perHead: 0, accountManager: 0, headcount: 3 },
        { municipality: true, firstYear: true },
      ),
    );
    expect(r.map((c) => c.required).slice(0, 3)).toEqual([8_320_000, 1_248_000, 1_040_000]);
    expect(r[3]?.met).toBe(false);
  });

  it('refuses the municipality rise for a provincial unit and an unknown unit type', () => {
    expect(
      deptCheck('营业总部', { annualPremium: 1, perHead: 1, accountManager: 1, headcount: 4 }, { municipality: true }),
    ).toMatchObject({ code: 'outOfRange' });
    expect(deptCheck('总公司', { annualPremium: 1, perHead: 1, accountManager: 1, headcount: 4 })).toMatchObject({
      code: 'unknownLabel',
    });
  });
});
