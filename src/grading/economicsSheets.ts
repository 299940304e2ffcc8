/**
 * The finance forms of the 情景 tab written to sheets of their own (RULES.md §8): the general
 * agency's month-by-month plan with a chart of the cumulative result, and a commission payment
 * schedule with its 需特批 flag. Each replaces its own sheet and touches nothing else.
 *
 * @packageDocumentation
 */
import {
  agencyMonthRow,
  NEEDS_APPROVAL,
  agencyPlan,
  commissionPlan,
  isProblem,
  readCommissionRate,
  readNumber,
  type AgencyPlan,
  type AgencyPlanInput,
  type CellInput,
  type CommissionPayment,
  type Lang,
  type Problem,
} from '../core';
import { DataProblemError } from './gradingErrors';
import type { CellWrite, WorkbookPort } from './WorkbookPort';

/** Sheet of the general agency plan. */
export const AGENCY_PLAN_SHEET = '总代理测算';
/** Sheet of the commission schedule. */
export const COMMISSION_SHEET = '佣金计划';

function t(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? `${zh} ${en}` : `${en} ${zh}`;
}

function orThrow<T>(x: T | Problem): T {
  if (isProblem(x)) throw new DataProblemError(x);
  return x;
}

/** Writes the plan (and its chart) to `总代理测算`; throws DataProblemError for figures the rules refuse. */
export async function writeAgencyPlan(port: WorkbookPort, input: AgencyPlanInput, lang: Lang): Promise<AgencyPlan> {
  const plan = orThrow(agencyPlan(input));
  const header = [
    t(lang, '月份', 'Month'),
    t(lang, '保费', 'Premium'),
    t(lang, '佣金收入', 'Income'),
    t(lang, '人员及其他成本', 'Costs'),
    t(lang, '职场办公费', 'Office costs'),
    t(lang, '分公司支持', 'Branch support'),
    t(lang, '借款', 'Loan'),
    t(lang, '还款', 'Repayment'),
    t(lang, '当月结果', 'Result'),
    t(lang, '累计结果', 'Cumulative'),
    t(lang, '盈亏平衡', 'Break-even'),
  ];
  const top: CellWrite[][] = [
    [t(lang, '内部区域总代理测算', 'General agency plan')],
    [t(lang, '盈亏平衡保费（月）', 'Break-even premium (a month)'), plan.breakEvenPremium],
    [
      t(lang, '盈亏平衡月份', 'Break-even month'),
      plan.breakEvenMonth ?? t(lang, '测算期内未达到', 'not within the plan'),
    ],
    [t(lang, '期末未还借款', 'Loan outstanding at the end'), plan.outstandingLoan],
    [],
  ];
  const first = top.length + 1;
  const rows: CellWrite[][] = [...top, header, ...plan.months.map((m) => agencyMonthRow(m, t(lang, '是', 'yes')))];
  // The chart's source: month and cumulative result side by side, beside the table.
  const sourceColumn = header.length + 2;
  rows[first - 1]?.push(null, t(lang, '月份', 'Month'), t(lang, '累计结果', 'Cumulative'));
  plan.months.forEach((m, i) => rows[first + i]?.push(null, m.month, m.cumulative));
  await port.replaceSheet(AGENCY_PLAN_SHEET, rows, [12, 14, 14, 14, 14, 14, 12, 12, 14, 14, 10]);
  const last = first + plan.months.length;
  for (const column of [2, 3, 4, 5, 6, 7, 8, 9, 10])
    await port.formatColumn(AGENCY_PLAN_SHEET, column, first + 1, last, 'amount');
  await port.addChart(AGENCY_PLAN_SHEET, {
    title: t(lang, '累计结果', 'Cumulative result'),
    kind: 'line',
    firstRow: first,
    firstColumn: sourceColumn + 1,
    lastRow: last,
    lastColumn: sourceColumn + 2,
    anchorRow: 1,
    anchorColumn: 5,
  });
  await port.commit();
  return plan;
}

/** Writes a commission schedule to `佣金计划`; throws DataProblemError for figures the rules refuse. */
export async function writeCommissionSchedule(
  port: WorkbookPort,
  input: {
    readonly contractTotal: CellInput;
    readonly rate: CellInput;
    readonly collections: readonly CellInput[];
    readonly payeeType: CellInput;
  },
  lang: Lang,
): Promise<CommissionPayment[]> {
  const plan = orThrow(commissionPlan(input.contractTotal, input.rate, input.collections, input.payeeType));
  const flagged = plan.some((p) => p.needsApproval);
  // The total and the rate are stored as numbers (issue 15 point 12), as the plan read them.
  const total = readNumber(input.contractTotal, 'contractTotal');
  const rate = readCommissionRate(input.rate);
  const rows: CellWrite[][] = [
    [t(lang, '渠道佣金支付计划', 'Commission schedule')],
    [t(lang, '合同总额', 'Contract total'), typeof total === 'number' ? total : input.contractTotal],
    [t(lang, '佣金比例', 'Rate'), typeof rate === 'number' ? rate : input.rate],
    [t(lang, '渠道类型', 'Payee'), input.payeeType ?? ''],
    [
      t(lang, '特批', 'Approval'),
      flagged ? `${NEEDS_APPROVAL.zh} ${NEEDS_APPROVAL.en}` : t(lang, '在上限内', 'within the cap'),
    ],
    [],
    [
      t(lang, '期次', 'Period'),
      t(lang, '本期回款', 'Collected'),
      t(lang, '累计回款', 'Cumulative'),
      t(lang, '累计应得佣金', 'Earned'),
      t(lang, '本期应付', 'Payable'),
      t(lang, '特批', 'Approval'),
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
  await port.replaceSheet(COMMISSION_SHEET, rows, [16, 16, 16, 16, 16, 22]);
  for (const column of [2, 3, 4, 5]) await port.formatColumn(COMMISSION_SHEET, column, 8, rows.length, 'amount');
  await port.formatColumn(COMMISSION_SHEET, 2, 2, 2, 'amount');
  await port.formatColumn(COMMISSION_SHEET, 2, 3, 3, 'percent');
  await port.commit();
  return plan;
}
