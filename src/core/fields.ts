import type { Bilingual } from './lang';

/** The raw figures of one channel that the engine reads (CONTRACT.md §3 input columns). */
export const FIGURE_FIELDS = [
  'lossRatio',
  'marketExpenseRatio',
  'nonMarketExpenseRatio',
  'premium',
  'days',
  'ownPremium',
] as const;
/** A raw-figure field. */
export type FigureField = (typeof FIGURE_FIELDS)[number];

/** Fields a problem can name: the figures, the measures, and group and date inputs. */
export type Field =
  | FigureField
  | 'costRate'
  | 'annualScale'
  | 'depth'
  | 'groupOwnPremium'
  | 'groupScale'
  | 'group'
  | 'previousClass'
  | 'channelType'
  | 'startDate'
  | 'endDate'
  | 'judgingDate'
  | 'classLabel'
  | 'band'
  | 'index'
  | 'value'
  | 'contractTotal'
  | 'commissionRate'
  | 'collected'
  | 'alreadyPaid'
  | 'payeeType'
  | 'agentTier'
  | 'ratings'
  | 'monthlyPremium'
  | 'monthlyCosts'
  | 'officeCosts'
  | 'months'
  | 'costs'
  | 'nationalPrice'
  | 'managementPoints'
  | 'points'
  | 'allPoints'
  | 'unitType'
  | 'annualPremium'
  | 'perHead'
  | 'accountManager'
  | 'headcount';

/** The user's words for each field, as the column headers of CONTRACT.md §3 say them. */
export const FIELD_LABELS: Readonly<Record<Field, Bilingual>> = {
  lossRatio: { zh: '终极赔付率', en: 'Ultimate loss ratio' },
  marketExpenseRatio: { zh: '市场费用率', en: 'Market expense ratio' },
  nonMarketExpenseRatio: { zh: '非市场费用率', en: 'Non-market expense ratio' },
  premium: { zh: '合作保费', en: 'Cooperation premium' },
  days: { zh: '合作天数', en: 'Cooperation days' },
  ownPremium: { zh: '渠道自有保费', en: 'Own premium' },
  costRate: { zh: '经营成本率', en: 'Operating cost ratio' },
  annualScale: { zh: '年化合作规模', en: 'Annualized scale' },
  depth: { zh: '合作深度', en: 'Cooperation depth' },
  groupOwnPremium: { zh: '集团自有保费', en: 'Group own premium' },
  groupScale: { zh: '集团年化规模', en: 'Group annualized scale' },
  group: { zh: '所属集团', en: 'Group' },
  previousClass: { zh: '上期分类', en: 'Previous class' },
  channelType: { zh: '渠道类型', en: 'Channel type' },
  startDate: { zh: '合作起始日期', en: 'Start date' },
  endDate: { zh: '统计截止日期', en: 'End date' },
  judgingDate: { zh: '评判日期', en: 'Judging date' },
  classLabel: { zh: '渠道分类', en: 'Class' },
  band: { zh: '色带', en: 'Band' },
  index: { zh: '分类序号', en: 'Class index' },
  value: { zh: '数值', en: 'Value' },
  contractTotal: { zh: '合同总额', en: 'Contract total' },
  commissionRate: { zh: '佣金比例', en: 'Commission rate' },
  collected: { zh: '累计回款', en: 'Collected to date' },
  alreadyPaid: { zh: '已付佣金', en: 'Commission already paid' },
  payeeType: { zh: '渠道类型', en: 'Payee type' },
  agentTier: { zh: '代理商级别', en: 'Agent tier' },
  ratings: { zh: '初次评级家数', en: 'First-time ratings' },
  monthlyPremium: { zh: '月保费', en: 'Monthly premium' },
  monthlyCosts: { zh: '月人员及其他成本', en: 'Monthly staff and other costs' },
  officeCosts: { zh: '月职场办公费', en: 'Monthly premises and office costs' },
  months: { zh: '测算月数', en: 'Months' },
  costs: { zh: '成本', en: 'Costs' },
  nationalPrice: { zh: '全国统一代理价', en: 'National price' },
  managementPoints: { zh: '管理费点数', en: 'Management points' },
  points: { zh: '积分', en: 'Points' },
  allPoints: { zh: '全部积分', en: 'All points' },
  unitType: { zh: '机构类型', en: 'Unit type' },
  annualPremium: { zh: '业务部年保费', en: 'Annual premium' },
  perHead: { zh: '人均年保费', en: 'Premium per head' },
  accountManager: { zh: '客户经理最低产能', en: 'Account manager minimum' },
  headcount: { zh: '岗位编制', en: 'Headcount' },
};

/** Which ratio-like fields may exceed 1 without being an error (a loss ratio may). */
export const RATIO_FIELDS: ReadonlySet<Field> = new Set<Field>([
  'lossRatio',
  'marketExpenseRatio',
  'nonMarketExpenseRatio',
  'costRate',
  'depth',
]);
