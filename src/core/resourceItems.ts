/**
 * The eleven resource items in three groups, and the outcome vocabulary (RULES.md §6).
 *
 * @packageDocumentation
 */
import type { Bilingual } from './lang';

/** A resource item number, 1..11. */
export type ResourceItemNo = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11;

/** Number of resource items (RULES.md §6: 三大类共十一类小项). */
export const RESOURCE_ITEM_COUNT = 11;

/** A resource item: its number, group and name in both languages. */
export interface ResourceItem {
  readonly no: ResourceItemNo;
  readonly group: Bilingual;
  readonly name: Bilingual;
}

const MARKET: Bilingual = { zh: '市场费用', en: 'Market expense' };
const OPERATIONS: Bilingual = { zh: '运营管理', en: 'Operations' };
const NON_MARKET: Bilingual = { zh: '非市场费用', en: 'Non-market expense' };

/** The eleven items in order (RULES.md §6 table). */
export const RESOURCE_ITEMS: readonly ResourceItem[] = [
  { no: 1, group: MARKET, name: { zh: '市场费用比例', en: 'Market expense ratio' } },
  { no: 2, group: MARKET, name: { zh: '结算方式', en: 'Settlement method' } },
  { no: 3, group: MARKET, name: { zh: '结算周期', en: 'Settlement cycle' } },
  { no: 4, group: OPERATIONS, name: { zh: '承保政策', en: 'Underwriting policy' } },
  { no: 5, group: OPERATIONS, name: { zh: '核保自动化程度', en: 'Underwriting automation' } },
  { no: 6, group: OPERATIONS, name: { zh: '两线管理', en: 'Two-line management' } },
  { no: 7, group: NON_MARKET, name: { zh: '人力配置', en: 'Staffing' } },
  { no: 8, group: NON_MARKET, name: { zh: '培训服务', en: 'Training and service' } },
  { no: 9, group: NON_MARKET, name: { zh: '营销支持', en: 'Marketing support' } },
  { no: 10, group: NON_MARKET, name: { zh: '系统对接', en: 'System integration' } },
  { no: 11, group: NON_MARKET, name: { zh: '合作检视', en: 'Cooperation review' } },
];

/** The outcome labels the shipped rules use, Chinese canonical with English beside (RULES.md §6). */
export const OUTCOMES = {
  support: { zh: '支持', en: 'support' },
  maintain: { zh: '维持', en: 'maintain' },
  control: { zh: '管控', en: 'control' },
  flexible: { zh: '灵活', en: 'flexible' },
  strict: { zh: '严格', en: 'strict' },
  accelerate: { zh: '加快', en: 'accelerate' },
  relaxed: { zh: '放宽', en: 'relaxed' },
  standard: { zh: '标准', en: 'standard' },
  tightened: { zh: '收紧', en: 'tightened' },
  raised: { zh: '提高', en: 'raised' },
  lowered: { zh: '降低', en: 'lowered' },
  priority: { zh: '优先', en: 'priority' },
  restricted: { zh: '限制', en: 'restricted' },
  dedicated: { zh: '专属客户经理', en: 'dedicated account manager' },
  shared: { zh: '共享', en: 'shared' },
  increase: { zh: '增加', en: 'increase' },
  reduce: { zh: '减少', en: 'reduce' },
  exitReview: { zh: '清理评估', en: 'exit review' },
  improvementPlan: { zh: '整改', en: 'improvement plan' },
  regular: { zh: '常规', en: 'regular' },
  headOffice: { zh: '总公司', en: 'head office' },
  branch: { zh: '分公司', en: 'branch' },
  subBranch: { zh: '中心支/支公司', en: 'central/sub-branch' },
} as const satisfies Record<string, Bilingual>;

const OUTCOME_BY_TEXT = new Map<string, Bilingual>(
  Object.values(OUTCOMES).flatMap((o): [string, Bilingual][] => [
    [o.zh, o],
    [o.en.toLowerCase(), o],
  ]),
);

/**
 * The bilingual outcome for a text in either language; a text the catalogue does not know is a
 * user's own outcome and stands for itself in both languages.
 */
export function outcomeOf(text: string): Bilingual {
  const t = text.trim();
  return OUTCOME_BY_TEXT.get(t) ?? OUTCOME_BY_TEXT.get(t.toLowerCase()) ?? { zh: t, en: t };
}

/** The item for a number 1..11 or a name in either language (`结算方式`, `settlement method`); null if none. */
export function parseResourceItem(value: number | string): ResourceItem | null {
  if (typeof value === 'number') return RESOURCE_ITEMS[value - 1] ?? null;
  const t = value.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^\d+$/.test(t)) return RESOURCE_ITEMS[Number(t) - 1] ?? null;
  return RESOURCE_ITEMS.find((i) => i.name.zh === t || i.name.en.toLowerCase() === t) ?? null;
}
