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
  | 'startDate'
  | 'endDate'
  | 'judgingDate'
  | 'classLabel'
  | 'band'
  | 'index'
  | 'value';

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
  startDate: { zh: '合作起始日期', en: 'Start date' },
  endDate: { zh: '统计截止日期', en: 'End date' },
  judgingDate: { zh: '评判日期', en: 'Judging date' },
  classLabel: { zh: '渠道分类', en: 'Class' },
  band: { zh: '色带', en: 'Band' },
  index: { zh: '分类序号', en: 'Class index' },
  value: { zh: '数值', en: 'Value' },
};

/** Which ratio-like fields may exceed 1 without being an error (a loss ratio may). */
export const RATIO_FIELDS: ReadonlySet<Field> = new Set<Field>([
  'lossRatio',
  'marketExpenseRatio',
  'nonMarketExpenseRatio',
  'costRate',
  'depth',
]);
