/**
 * The internal regional general agency (内部区域总代理, RULES.md §8), month by month. Income =
 * premium × commission rate; the agency's own costs are staff base pay, social insurance and other
 * costs. The branch bears the premises and office costs for the first six months [doc]; from the
 * seventh month the agency pays them itself. If it cannot pay its way, then **after review** (经考核后:
 * a decision the user makes and gives the plan, never automatic) it gets a further six months of loan
 * support (months 7–12) [doc], each month's shortfall lent (up to a monthly limit when the review set
 * one), and repays the loans in six equal monthly instalments in months 13–18 [reading: the source
 * says only "repaid in instalments within half a year"]. Without that decision nothing is lent. Break-even premium = monthly costs ÷ commission rate; the break-even month is the
 * first in which commission income covers all the agency's monthly costs, office costs included.
 *
 * @packageDocumentation
 */
import type { Arithmetic } from './arithmetic.types';
import { readCommissionRate } from './commission';
import { fastArithmetic } from './fastArithmetic';
import { problems, type Problem } from './problem';
import { readAmount, readNumber, type CellInput } from './readNumber';

/** Months the branch bears the premises and office costs [doc]. */
export const SUPPORT_MONTHS = 6;
/** Months of loan support after that, if needed [doc]. */
export const LOAN_MONTHS = 6;
/** Instalments the loans are repaid in, one a month after the loan months [default]. */
export const REPAYMENT_MONTHS = 6;
/** Shortest and longest plan. */
export const PLAN_MONTHS = { min: 12, max: 36 } as const;

/** One month of the plan. */
export interface AgencyMonth {
  readonly month: number;
  readonly premium: number;
  readonly income: number;
  /** Staff base pay, social insurance and other costs. */
  readonly costs: number;
  readonly officeCosts: number;
  /** Premises and office costs the branch bears this month. */
  readonly support: number;
  readonly loan: number;
  readonly repayment: number;
  /** The agency's cash result: income − costs it bears + loan − repayment. */
  readonly result: number;
  readonly cumulative: number;
  /** Whether income covers all monthly costs, office costs included. */
  readonly breaksEven: boolean;
}

/** The whole plan. */
export interface AgencyPlan {
  readonly months: readonly AgencyMonth[];
  /** Premium a month at which income covers all monthly costs. */
  readonly breakEvenPremium: number;
  /** First month that breaks even, or null. */
  readonly breakEvenMonth: number | null;
  /** Loans not yet repaid at the end of the plan. */
  readonly outstandingLoan: number;
}

/**
 * The loan support the review (经考核后) granted for months 7–12: none, each month's shortfall, or
 * each month's shortfall up to a limit.
 */
export type LoanSupport =
  { readonly granted: false } | { readonly granted: true; readonly monthlyLimit: number | null };

/** No loan: what a plan assumes until the review grants one. */
export const NO_LOAN: LoanSupport = { granted: false };

/**
 * Reads the review's decision on loan support from a cell: blank, FALSE, 0, 否 or no — none;
 * TRUE, 是 or yes — each month's shortfall in months 7–12; a positive amount — the shortfall up to
 * that amount a month.
 */
export function readLoanSupport(value: CellInput): LoanSupport | Problem {
  if (value === null || value === undefined || value === false || value === 0) return NO_LOAN;
  if (value === true) return { granted: true, monthlyLimit: null };
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (['', '否', 'no', 'false', 'n'].includes(text) && typeof value === 'string') return NO_LOAN;
  if (['是', 'yes', 'true', 'y'].includes(text)) return { granted: true, monthlyLimit: null };
  const limit = readAmount(value, 'value');
  if (typeof limit !== 'number')
    return {
      code: 'unknownLabel',
      field: 'value',
      error: '#VALUE!',
      message: {
        zh: `经考核后的借款支持“${String(value)}”无法识别，应为 是 / 否，或每月借款上限（金额）`,
        en: `Loan support after review "${String(value)}" is not recognized; expected TRUE / FALSE, or the most to lend a month (an amount)`,
      },
    };
  return limit === 0 ? NO_LOAN : { granted: true, monthlyLimit: limit };
}

/** The figures of a plan as cells hold them; `monthlyPremium` is one value or one per month. */
export interface AgencyPlanInput {
  readonly monthlyPremium: readonly CellInput[];
  readonly commissionRate: CellInput;
  readonly monthlyCosts: CellInput;
  readonly officeCosts: CellInput;
  readonly months: CellInput;
  /** The review's decision on loan support for months 7–12; none if not given (RULES.md §8). */
  readonly loanSupport?: LoanSupport;
}

/** Break-even premium = costs ÷ commission rate (RULES.md §8). */
export function breakEvenPremium(
  costs: CellInput,
  commissionRate: CellInput,
  arith: Arithmetic = fastArithmetic,
): number | Problem {
  const c = readAmount(costs, 'costs');
  if (typeof c !== 'number') return c;
  const r = readCommissionRate(commissionRate);
  if (typeof r !== 'number') return r;
  if (r === 0)
    return { ...problems.outOfRange('commissionRate', 0, { zh: '大于 0', en: 'greater than 0' }), error: '#DIV/0!' };
  return arith.quotient(c, r);
}

/** Splits an amount into `n` instalments of whole cents, the remainder on the last. */
function instalments(total: number, n: number, arith: Arithmetic): number[] {
  const cents = Math.round(arith.product(total, 100));
  const each = Math.floor(cents / n);
  return Array.from({ length: n }, (_, i) => (i < n - 1 ? each : cents - each * (n - 1)) / 100);
}

/** The month-by-month plan, or the first problem with its figures. */
export function agencyPlan(input: AgencyPlanInput, arith: Arithmetic = fastArithmetic): AgencyPlan | Problem {
  const n = readNumber(input.months, 'months');
  if (typeof n !== 'number') return n;
  if (!Number.isInteger(n) || n < PLAN_MONTHS.min || n > PLAN_MONTHS.max)
    return problems.outOfRange('months', n, { zh: '12 至 36 的整数', en: 'a whole number from 12 to 36' });
  const rate = readCommissionRate(input.commissionRate);
  if (typeof rate !== 'number') return rate;
  const costs = readAmount(input.monthlyCosts, 'monthlyCosts');
  if (typeof costs !== 'number') return costs;
  const office = readAmount(input.officeCosts, 'officeCosts');
  if (typeof office !== 'number') return office;
  const given = input.monthlyPremium;
  if (given.length !== 1 && given.length !== n)
    return problems.outOfRange('monthlyPremium', `${given.length}`, {
      zh: `1 个或 ${n} 个（每月一个）`,
      en: `1 value or ${n} (one a month)`,
    });
  const premiums: number[] = [];
  for (const p of given) {
    const v = readAmount(p, 'monthlyPremium');
    if (typeof v !== 'number') return v;
    premiums.push(v);
  }
  const allCosts = arith.add(costs, office);
  const breakEven = breakEvenPremium(allCosts, rate, arith);
  if (typeof breakEven !== 'number') return breakEven;

  const granted = input.loanSupport ?? NO_LOAN;
  const months: AgencyMonth[] = [];
  let cumulative = 0;
  let lent = 0;
  let repayments: number[] = [];
  let breakEvenMonth: number | null = null;
  for (let m = 1; m <= n; m++) {
    const premium = premiums.length === 1 ? (premiums[0] as number) : (premiums[m - 1] as number);
    const income = arith.product(premium, rate);
    const support = m <= SUPPORT_MONTHS ? office : 0;
    const borne = arith.add(costs, m <= SUPPORT_MONTHS ? 0 : office);
    const own = arith.add(income, -borne);
    const loanMonth = m > SUPPORT_MONTHS && m <= SUPPORT_MONTHS + LOAN_MONTHS;
    const shortfall = loanMonth && own < 0 && granted.granted ? -own : 0;
    const loan =
      granted.granted && granted.monthlyLimit !== null ? Math.min(shortfall, granted.monthlyLimit) : shortfall;
    lent = arith.add(lent, loan);
    if (m === SUPPORT_MONTHS + LOAN_MONTHS + 1 && lent > 0) repayments = instalments(lent, REPAYMENT_MONTHS, arith);
    const repayIndex = m - (SUPPORT_MONTHS + LOAN_MONTHS) - 1;
    const repayment = repayIndex >= 0 ? (repayments[repayIndex] ?? 0) : 0;
    const result = arith.add(arith.add(own, loan), -repayment);
    cumulative = arith.add(cumulative, result);
    const breaksEven = income >= allCosts;
    if (breaksEven && breakEvenMonth === null) breakEvenMonth = m;
    months.push({
      month: m,
      premium,
      income,
      costs,
      officeCosts: office,
      support,
      loan,
      repayment,
      result,
      cumulative,
      breaksEven,
    });
  }
  const repaid = months.reduce((a, x) => arith.add(a, x.repayment), 0);
  return {
    months,
    breakEvenPremium: breakEven,
    breakEvenMonth,
    outstandingLoan: arith.add(lent, -repaid),
  };
}

/**
 * A month of the plan as a row, in the order the plan's sheet and `QD.AGENCYPLAN` show it: month,
 * premium, income, costs, office costs, support, loan, repayment, result, cumulative, and `yes` in the
 * month the agency breaks even.
 */
export function agencyMonthRow(m: AgencyMonth, yes: string): (number | string)[] {
  return [
    m.month,
    m.premium,
    m.income,
    m.costs,
    m.officeCosts,
    m.support,
    m.loan,
    m.repayment,
    m.result,
    m.cumulative,
    m.breaksEven ? yes : '',
  ];
}
