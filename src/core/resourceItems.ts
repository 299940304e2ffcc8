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

/** The eleven items in order, numbered as RULES.md §6 lists them (2 market + 3 operations + 6 non-market). */
export const RESOURCE_ITEMS: readonly ResourceItem[] = [
  { no: 1, group: MARKET, name: { zh: '市场费用比例', en: 'Market expense ratio' } },
  { no: 2, group: MARKET, name: { zh: '费用结算', en: 'Expense settlement' } },
  { no: 3, group: OPERATIONS, name: { zh: '承保政策', en: 'Underwriting policy' } },
  { no: 4, group: OPERATIONS, name: { zh: '核保自动化程度', en: 'Underwriting automation' } },
  { no: 5, group: OPERATIONS, name: { zh: '两线管理', en: 'Two-line management' } },
  { no: 6, group: NON_MARKET, name: { zh: '人力配置', en: 'Staffing' } },
  { no: 7, group: NON_MARKET, name: { zh: '职场驻点', en: 'Premises and on-site support' } },
  { no: 8, group: NON_MARKET, name: { zh: '培训服务', en: 'Training' } },
  { no: 9, group: NON_MARKET, name: { zh: '营销支持', en: 'Marketing support' } },
  { no: 10, group: NON_MARKET, name: { zh: '系统对接', en: 'System integration' } },
  { no: 11, group: NON_MARKET, name: { zh: '单证出单', en: 'Documents and issuing support' } },
];

/**
 * The item names of the first numbering (before RULES.md §6 was read against 第十六条–第十七条), in
 * their old order: 2 结算方式 and 3 结算周期 are now the two halves of item 2 费用结算, and 11 合作检视 is
 * the review action 检视措施, not an item. Used only to recognise and migrate old rule sets.
 */
export const OLD_RESOURCE_ITEM_NAMES: readonly Bilingual[] = [
  { zh: '市场费用比例', en: 'Market expense ratio' },
  { zh: '结算方式', en: 'Settlement method' },
  { zh: '结算周期', en: 'Settlement cycle' },
  { zh: '承保政策', en: 'Underwriting policy' },
  { zh: '核保自动化程度', en: 'Underwriting automation' },
  { zh: '两线管理', en: 'Two-line management' },
  { zh: '人力配置', en: 'Staffing' },
  { zh: '培训服务', en: 'Training and service' },
  { zh: '营销支持', en: 'Marketing support' },
  { zh: '系统对接', en: 'System integration' },
  { zh: '合作检视', en: 'Cooperation review' },
];

/** The review action's name (RULES.md §6: 检视措施, 第四章第三节 执行与检视); not one of the eleven items. */
export const REVIEW_ACTION_NAME: Bilingual = { zh: '检视措施', en: 'Review action' };

/** The outcome labels the shipped rules use, Chinese canonical with English beside (RULES.md §6). */
export const OUTCOMES = {
  support: { zh: '支持', en: 'support' },
  maintain: { zh: '维持', en: 'maintain' },
  control: { zh: '管控', en: 'control' },
  flexible: { zh: '灵活', en: 'flexible' },
  strict: { zh: '严格', en: 'strict' },
  accelerate: { zh: '加快', en: 'accelerate' },
  flexibleFaster: { zh: '灵活·加快', en: 'flexible·faster' },
  strictMaintain: { zh: '严格·维持', en: 'strict·maintain' },
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
  onSite: { zh: '驻点', en: 'on-site desk' },
  noDesk: { zh: '不设', en: 'none' },
  onRequest: { zh: '按需', en: 'on request' },
  onApproval: { zh: '审批', en: 'on approval' },
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

/** Old item names that now name a part of a current item: 结算方式 and 结算周期 are item 2 费用结算. */
const ITEM_ALIASES = new Map<string, ResourceItemNo>([
  ['结算方式', 2],
  ['结算周期', 2],
  ['settlement method', 2],
  ['settlement cycle', 2],
  ['training and service', 8],
]);

/**
 * The item for a number 1..11 or a name in either language (`费用结算`, `expense settlement`; the old
 * names `结算方式` and `结算周期` give item 2, of which they are now the two halves); null if none.
 * `合作检视` is not an item any more (it is the review action) and gives null.
 */
export function parseResourceItem(value: number | string): ResourceItem | null {
  if (typeof value === 'number') return RESOURCE_ITEMS[value - 1] ?? null;
  const t = value.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  if (/^\d+$/.test(t)) return RESOURCE_ITEMS[Number(t) - 1] ?? null;
  const alias = ITEM_ALIASES.get(t);
  if (alias !== undefined) return RESOURCE_ITEMS[alias - 1] ?? null;
  return RESOURCE_ITEMS.find((i) => i.name.zh === t || i.name.en.toLowerCase() === t) ?? null;
}
