/**
 * Every [default] of the reference calculators (RULES.md §8–§9) in one list, each with the trade its
 * source document is about, so the pane, the help page and the function descriptions can say which
 * figures are the add-in's proposal and not policy (issue 13 point 3).
 *
 * @packageDocumentation
 */
import type { Bilingual } from './lang';

/** One figure or formula of a reference calculator that the documents leave open. */
export interface EconomicsDefault {
  /** A stable key, e.g. `agency.breakEven`. */
  readonly key: string;
  /** Which calculator it belongs to. */
  readonly calculator: Bilingual;
  /** What the default is, in words. */
  readonly text: Bilingual;
  /** The trade the calculator's source document was written for (参考测算, RULES.md §8). */
  readonly sourceTrade: Bilingual;
  readonly basis: 'default';
}

const AGENCY: Bilingual = { zh: '内部区域总代理测算', en: 'Internal regional general agency' };
const LIFE: Bilingual = { zh: '寿险个险（内部区域总代理制）', en: 'a life insurer’s individual agency force' };

/**
 * The [default]s of RULES.md §8–§9. The general agency's cost composition and its break-even
 * formula are [default], not [doc]: the documents say the agency 自负盈亏 and name 超盈亏平衡点 but
 * give no formula.
 */
export const ECONOMICS_DEFAULTS: readonly EconomicsDefault[] = [
  {
    key: 'agency.costs',
    calculator: AGENCY,
    text: {
      zh: '成本 = 人员基本工资 + 社保 + 其他成本 + 职场办公费（文件未给出成本构成）',
      en: 'costs = staff base pay + social insurance + other costs + office costs (the documents give no composition)',
    },
    sourceTrade: LIFE,
    basis: 'default',
  },
  {
    key: 'agency.breakEven',
    calculator: AGENCY,
    text: {
      zh: '盈亏平衡保费 = 成本 ÷ 佣金比例（文件只提“超盈亏平衡点”，未给公式）',
      en: 'break-even premium = costs ÷ commission rate (the documents name the break-even point but give no formula)',
    },
    sourceTrade: LIFE,
    basis: 'default',
  },
  {
    key: 'agency.repayment',
    calculator: AGENCY,
    text: {
      zh: '扶持借款在第 13–18 月分六期等额归还（文件只说“半年内分期归还”）',
      en: 'loans repaid in six equal monthly instalments in months 13–18 (the source says only “within half a year”)',
    },
    sourceTrade: LIFE,
    basis: 'default',
  },
  {
    key: 'agentFee.county',
    calculator: { zh: '代理费', en: 'Agent fee' },
    text: {
      zh: '县级代理商年费 20,000 元，前 15 家免费，此后每家 1,000 元（原文该行缺失）',
      en: 'county agent: 20,000 a year, first 15 ratings free, then 1,000 each (the source row is lost)',
    },
    sourceTrade: { zh: '信用评级机构的代理商', en: 'a credit-rating agency’s resellers' },
    basis: 'default',
  },
  {
    key: 'agentFee.special',
    calculator: { zh: '代理费', en: 'Agent fee' },
    text: {
      zh: '特约代理商无免费评级额度，每家 1,000 元',
      en: 'special agent: no free ratings, 1,000 each',
    },
    sourceTrade: { zh: '信用评级机构的代理商', en: 'a credit-rating agency’s resellers' },
    basis: 'default',
  },
  {
    key: 'stars.shares',
    calculator: { zh: '网点星级', en: 'Outlet stars' },
    text: {
      zh: '按名次评星：前 10% 五星，至 30% 四星，至 70% 三星，其余二星',
      en: 'stars by rank: top 10% five, to 30% four, to 70% three, the rest two',
    },
    sourceTrade: { zh: '电信运营商的营业网点', en: 'a telecom operator’s outlets' },
    basis: 'default',
  },
];
