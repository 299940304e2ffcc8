/*
 * QD.* functions, family "economics" (RULES.md §8–§9): reference calculators (参考测算) from the
 * related documents, several of them written for other trades — each description says which.
 * Each function's TSDoc is its metadata.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands a function numbers, text, logicals, blanks, errors or data types per cell; the metadata types "any" and any[][] need TypeScript's `any`. Each value goes through readCell (grid.ts) to a typed core reader. */
import { agencyMonthRow, agencyPlan, breakEvenPremium, readLoanSupport } from '../core/agencyPlan';
import { agencyPrice } from '../core/agencyPrice';
import { agentFee, readAgentTier } from '../core/agentFee';
import {
  NEEDS_APPROVAL,
  commissionDue,
  commissionPlan,
  needsApprovalProblem,
  readCommissionRate,
  readContractStatus,
  readPayeeType,
  readSpecialApproval,
} from '../core/commission';
import { deptCheck } from '../core/deptCheck';
import { FIELD_LABELS } from '../core/fields';
import { isProblem, showNumber, type Problem } from '../core/problem';
import { readNumber, type CellInput } from '../core/readNumber';
import { rankPoints, readAllPoints, readVeto } from '../core/stars';
import { single } from './args';
import { guardGrid } from './excelError';
import { blankOrZero, elementwise, flatten, rowwise, toGrid } from './grid';

// Custom enums: the metadata generator reads each initializer as JSON, so these keep double quotes.
// prettier-ignore
/**
 * Who a commission is paid to, for its cap.
 * @customenum {string}
 */
export enum PayeeTypeName {
  /** 个人渠道：不超过合同总额的 1% Individual: at most 1% of the contract total */
  individual = "individual",
  /** 机构渠道：不超过合同总额的 3% Institution: at most 3% of the contract total */
  institution = "institution",
}

/**
 * 参考测算 (reference; source: property sales commissions). Commission payable now on collection:
 * contract total × rate × collected ÷ contract total − already paid; negative: what was paid is
 * deducted from the next payment. Nothing is payable before the contract is signed with deposit and
 * first payment in (status pending: 0); a cancelled contract earns nothing (minus what was paid).
 * A rate above the payee's cap (individual 1%, institution 3%) needs group management's special
 * approval: without it the cell says 需特批 (#VALUE!); with it the rate is computed as given, never capped.
 * @customfunction COMMISSIONDUE
 * @helpurl https://localhost:3000/help.html#COMMISSIONDUE
 * @param contractTotal Contract total
 * @param rate Commission rate, e.g. 3%
 * @param collected Collected from the customer to date
 * @param alreadyPaid Commission already paid
 * @param [payeeType] individual (个人) or institution (机构), for the cap; a cell or a range
 * @param [contractStatus] signed (已签约, deposit and first payment in; the default), pending (未签约) or cancelled (已取消); a cell or a range
 * @param [specialApproval] TRUE once group management approved a rate above the cap; a cell or a range
 * @returns Commission payable now
 */
export function commissionDueFn(
  contractTotal: any[][],
  rate: any[][],
  collected: any[][],
  alreadyPaid: any[][],
  payeeType?: any[][],
  contractStatus?: any[][],
  specialApproval?: any[][],
): any[][] {
  const args = [contractTotal, rate, collected, alreadyPaid, payeeType ?? null, contractStatus ?? null];
  return guardGrid(() =>
    elementwise([...args, specialApproval ?? null].map(toGrid), ([t, r, c, p, k, st, a]) => {
      // An omitted argument or a blank (null on the web, 0 on desktop): not given.
      const payee = readPayeeType(blankOrZero(k ?? null) ? null : (k ?? null));
      if (isProblem(payee)) return payee;
      const status = readContractStatus(blankOrZero(st ?? null) ? null : (st ?? null));
      if (isProblem(status)) return status;
      const approved = readSpecialApproval(a ?? null);
      if (isProblem(approved)) return approved;
      const due = commissionDue({
        contractTotal: t,
        rate: r,
        collected: c,
        alreadyPaid: p,
        payeeType: payee,
        status: status ?? 'signed',
      });
      if (isProblem(due)) return due;
      const rateGiven = readCommissionRate(r);
      if (due.needsApproval && !approved && payee !== null && typeof rateGiven === 'number' && status !== 'cancelled')
        return needsApprovalProblem(rateGiven, payee);
      return due.due;
    }),
  );
}

/**
 * 参考测算 (reference; source: a credit-rating agency's resellers). The year's agent fee by tier:
 * yearly fee plus 1,000 for each first-time rating beyond the free ones — province 100,000 with 80
 * free, city 50,000 with 40 free, county 20,000 with 15 free (default), special no yearly fee.
 * @customfunction AGENTFEE
 * @helpurl https://localhost:3000/help.html#AGENTFEE
 * @param tier 省级 province, 市级 city, 县级 county or 特约 special
 * @param firstTimeRatings First-time ratings this year
 * @returns Agent fee in yuan
 */
export function agentFeeFn(tier: any[][], firstTimeRatings: any[][]): any[][] {
  return guardGrid(() =>
    elementwise([toGrid(tier), toGrid(firstTimeRatings)], ([t, n]) => {
      const tierOf = readAgentTier(t);
      return typeof tierOf === 'string' ? agentFee(tierOf, n) : tierOf;
    }),
  );
}

const nonBlank = (v: CellInput): boolean => v !== null && v !== undefined && v !== '';

/**
 * 参考测算 (reference; source: property sales commissions). The payment schedule for a column of
 * collections, with a header row: each collection, the cumulative collected, commission earned to
 * date, the payment due, and 需特批 where the rate is above the payee's cap.
 * @customfunction COMMISSIONPLAN
 * @helpurl https://localhost:3000/help.html#COMMISSIONPLAN
 * @param contractTotal Contract total, one cell
 * @param rate Commission rate, e.g. 3%, one cell
 * @param collections Collections in order, one per cell
 * @param [payeeType] individual or institution (for the cap)
 * @returns Payment schedule
 */
export function commissionPlanFn(
  contractTotal: any[][],
  rate: any[][],
  collections: any[][],
  payeeType?: PayeeTypeName,
): any[][] {
  return guardGrid(() => {
    const total = single(contractTotal, 'contractTotal');
    if (isProblem(total)) return total;
    const r = single(rate, 'commissionRate');
    if (isProblem(r)) return r;
    const payee = single(payeeType ?? null, 'payeeType');
    if (isProblem(payee)) return payee;
    const cells = flatten(toGrid(collections)).filter(nonBlank);
    const plan = commissionPlan(total, r, cells, blankOrZero(payee) ? null : payee);
    if ('code' in plan) return plan;
    return [
      [
        '期次 Period',
        '本期回款 Collected',
        '累计回款 Cumulative',
        '累计应得佣金 Earned',
        '本期应付 Payable',
        '特批 Approval',
      ],
      ...plan.map((p) => [
        p.period,
        p.collected,
        p.cumulative,
        p.earned,
        p.due,
        p.needsApproval ? `${NEEDS_APPROVAL.zh} ${NEEDS_APPROVAL.en}` : '',
      ]),
    ];
  });
}

/**
 * 参考测算 (reference; source: a life insurer's general agency; the formula is a default). Break-even
 * premium = costs ÷ commission rate.
 * @customfunction BREAKEVEN
 * @helpurl https://localhost:3000/help.html#BREAKEVEN
 * @param costs Costs for the period (staff, social insurance, other and office costs)
 * @param commissionRate Commission rate, e.g. 15%
 * @returns Break-even premium
 */
export function breakEvenFn(costs: any[][], commissionRate: any[][]): any[][] {
  return guardGrid(() => elementwise([toGrid(costs), toGrid(commissionRate)], ([c, r]) => breakEvenPremium(c, r)));
}

/**
 * 参考测算 (reference; source: a life insurer's general agency; cost composition and break-even are
 * defaults). The internal regional general agency month by month, with a header row: premium,
 * commission income, costs, the branch's office support (months 1–6), loan support (months 7–12,
 * only when the review granted it: 经考核后), repayment (six equal instalments, months 13–18: a
 * reading), the month's and the cumulative result, and the months that break even.
 * @customfunction AGENCYPLAN
 * @helpurl https://localhost:3000/help.html#AGENCYPLAN
 * @param monthlyPremium Premium a month: one value, or one per month
 * @param commissionRate Commission rate, e.g. 15%, one cell
 * @param monthlyCosts Staff base pay, social insurance and other costs a month, one cell
 * @param officeCosts Premises and office costs a month, one cell
 * @param months Months to plan, 12 to 36, one cell
 * @param [loanSupport] Loan support after review (经考核后), months 7–12: TRUE lends each month's shortfall, an amount lends up to it a month; omitted or FALSE lends nothing
 * @returns Month-by-month plan
 */
export function agencyPlanFn(
  monthlyPremium: any[][],
  commissionRate: any[][],
  monthlyCosts: any[][],
  officeCosts: any[][],
  months: any[][],
  loanSupport?: any[][],
): any[][] {
  return guardGrid(() => {
    const rate = single(commissionRate, 'commissionRate');
    if (isProblem(rate)) return rate;
    const costs = single(monthlyCosts, 'monthlyCosts');
    if (isProblem(costs)) return costs;
    const office = single(officeCosts, 'officeCosts');
    if (isProblem(office)) return office;
    const count = single(months, 'months');
    if (isProblem(count)) return count;
    const loanCell = single(loanSupport ?? null, 'value');
    if (isProblem(loanCell)) return loanCell;
    const loan = readLoanSupport(blankOrZero(loanCell) ? null : loanCell);
    if (isProblem(loan)) return loan;
    const plan = agencyPlan({
      loanSupport: loan,
      monthlyPremium: flatten(toGrid(monthlyPremium)).filter(nonBlank),
      commissionRate: rate,
      monthlyCosts: costs,
      officeCosts: office,
      months: count,
    });
    if ('code' in plan) return plan;
    return [
      [
        '月份 Month',
        '保费 Premium',
        '佣金收入 Income',
        '人员及其他成本 Costs',
        '职场办公费 Office',
        '分公司支持 Branch support',
        '借款 Loan',
        '还款 Repayment',
        '当月结果 Result',
        '累计结果 Cumulative',
        '盈亏平衡 Break-even',
      ],
      ...plan.months.map((m) => agencyMonthRow(m, '是 yes')),
    ];
  });
}

/**
 * 参考测算 (reference; source: a drug maker's three-tier distributor pricing). A province agent's
 * price as a 1 × 3 row: the national price (what city agents pay), the management fee of 1–2
 * points, and the province agent's net price.
 * @customfunction AGENCYPRICE
 * @helpurl https://localhost:3000/help.html#AGENCYPRICE
 * @param nationalPrice National agency price
 * @param managementPoints Management fee in points, 1 to 2
 * @returns National price, management fee, net price
 */
export function agencyPriceFn(nationalPrice: any[][], managementPoints: any[][]): any[][] {
  return guardGrid(() =>
    rowwise([toGrid(nationalPrice), toGrid(managementPoints)], 3, ([p, m]) => {
      const r = agencyPrice(p, m);
      return 'code' in r ? r : [r.nationalPrice, r.managementFee, r.netPrice];
    }),
  );
}

const notRated = (): Problem => ({
  code: 'blank',
  field: 'points',
  error: '#N/A',
  message: {
    zh: '积分为空或 0：视为未评级（新网点为一星，不参加评定）',
    en: 'Points blank or 0: taken as not rated (new outlets are 1 star and not rated)',
  },
});

const vetoNotListed = (points: number): Problem => ({
  code: 'outOfRange',
  field: 'points',
  error: '#VALUE!',
  message: {
    zh: `被否决网点的${FIELD_LABELS.points.zh} ${showNumber(points)} 不在全部网点积分中`,
    en: `The vetoed outlet's points ${showNumber(points)} are not among all outlets' points`,
  },
});

/**
 * 参考测算 (reference; source: a telecom operator's outlets). Stars 2–5 by rank r of n (ties share
 * the best rank): 5 if r ÷ n ≤ 10%, 4 if ≤ 30%, 3 if ≤ 70%, else 2; a veto gives 2 (shares are
 * defaults). Blank or 0 points mean not rated: desktop Excel hands a blank cell as 0.
 * @customfunction STARS
 * @helpurl https://localhost:3000/help.html#STARS
 * @param points The outlet's points, or a column of them
 * @param allPoints Every rated outlet's points (blank and 0 are not rated)
 * @param [veto] 是 / TRUE when a veto item (serious violation) applies
 * @returns Stars
 */
export function starsFn(points: any[][], allPoints: any[][], veto?: any[][]): any[][] {
  return guardGrid(() => {
    // Desktop Excel hands a blank cell as 0 and the web as null: 0 is not rated either way, so the
    // same workbook gives the same stars on every Excel (RULES.md §11).
    const all = readAllPoints(flatten(toGrid(allPoints)).filter((v) => !blankOrZero(v)));
    if (!Array.isArray(all)) return all;
    const ranking = rankPoints(all);
    return elementwise([toGrid(points), toGrid(veto ?? null)], ([p, v]) => {
      if (blankOrZero(p ?? null)) return notRated();
      const x = readNumber(p, 'points');
      if (typeof x !== 'number') return x;
      const vetoed = readVeto(v);
      if (typeof vetoed !== 'boolean') return vetoed;
      const { listed } = ranking.rank(x);
      if (vetoed && !listed) return vetoNotListed(x);
      return ranking.stars(x, vetoed);
    });
  });
}

function readFlag(v: CellInput): boolean | Problem {
  return readVeto(v);
}

/**
 * 参考测算 (reference; source: an insurer's standards for its brokerage/agency departments). Which
 * establishment standards of table 1 a department meets and misses, as a 1 × 2 row: units under a
 * central sub-branch −20%, municipality city branches +30%, first year −20%.
 * @customfunction DEPTCHECK
 * @helpurl https://localhost:3000/help.html#DEPTCHECK
 * @param unitType 营业总部, 中心支公司, 下属机构, 本部 or 下级机构
 * @param annualPremium The department's annual premium (yuan)
 * @param perHead Premium per head (yuan)
 * @param minAccountManager The lowest account manager's premium (yuan)
 * @param headcount Department headcount
 * @param [municipality] TRUE for a municipality directly under the central government; a cell or a range
 * @param [firstYear] TRUE in the unit's first year; a cell or a range
 * @returns Standards met, standards missed
 */
export function deptCheckFn(
  unitType: any[][],
  annualPremium: any[][],
  perHead: any[][],
  minAccountManager: any[][],
  headcount: any[][],
  municipality?: any[][],
  firstYear?: any[][],
): any[][] {
  const grids = [
    unitType,
    annualPremium,
    perHead,
    minAccountManager,
    headcount,
    municipality ?? null,
    firstYear ?? null,
  ];
  return guardGrid(() =>
    rowwise(grids.map(toGrid), 2, ([u, a, p, m, h, city, first]) => {
      const isCity = readFlag(city ?? null);
      if (typeof isCity !== 'boolean') return isCity;
      const isFirst = readFlag(first ?? null);
      if (typeof isFirst !== 'boolean') return isFirst;
      const checks = deptCheck(
        u,
        { annualPremium: a, perHead: p, accountManager: m, headcount: h },
        { municipality: isCity, firstYear: isFirst },
      );
      if (!Array.isArray(checks)) return checks;
      const required = (c: (typeof checks)[number]): string =>
        typeof c.required === 'number' ? `≥ ${showNumber(c.required)}` : `(${c.required.min}, ${c.required.max}]`;
      const met = checks.filter((c) => c.met).map((c) => `${c.label.zh} ${c.label.en}`);
      const missed = checks
        .filter((c) => !c.met)
        .map((c) => `${c.label.zh} ${c.label.en} (${required(c)}; ${showNumber(c.actual)})`);
      return [
        met.length > 0 ? `达标 met: ${met.join('、')}` : '',
        missed.length > 0 ? `未达标 missed: ${missed.join('、')}` : '全部达标 all met',
      ];
    }),
  );
}
