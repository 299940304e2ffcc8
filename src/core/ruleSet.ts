/**
 * The rule set: every threshold and table as data, with the shipped defaults (RULES.md §2, §6, §10;
 * CONTRACT.md §2).
 *
 * @packageDocumentation
 */
import type { Colour, Depth, Scale } from './bands';
import type { ChannelTypeList } from './channelBoundary';
import type { Bilingual } from './lang';
import { OUTCOMES, type ResourceItemNo } from './resourceItems';

/** Where a rule comes from: stated by the documents, our proposed default, or the user's own edit. */
export type Basis = 'doc' | 'default' | 'custom';

/** The parameter keys of a rules range (CONTRACT.md §2). */
export const PARAMETER_KEYS = [
  'cost.deepBlue.max',
  'cost.blue.max',
  'cost.yellow.max',
  'cost.lightRed.max',
  'scale.A.min',
  'scale.B.min',
  'depth.I.min',
  'depth.II.min',
  'premium.unit',
] as const;
/** A parameter key. */
export type ParameterKey = (typeof PARAMETER_KEYS)[number];

/** A parameter's meaning, default and basis, for help text and the rules editor. */
export interface ParameterInfo {
  readonly key: ParameterKey;
  readonly label: Bilingual;
  readonly defaultValue: number;
  readonly basis: Basis;
  /** How the value shows: a percentage, an amount in yuan, or a plain number. */
  readonly kind: 'percent' | 'amount' | 'number';
}

/** Every parameter with its default (RULES.md §2: all thresholds are [default]). */
export const PARAMETERS: readonly ParameterInfo[] = [
  {
    key: 'cost.deepBlue.max',
    label: { zh: '深蓝上限（含）', en: 'Deep blue upper bound (inclusive)' },
    defaultValue: 0.9,
    basis: 'default',
    kind: 'percent',
  },
  {
    key: 'cost.blue.max',
    label: { zh: '蓝上限（含）', en: 'Blue upper bound (inclusive)' },
    defaultValue: 0.95,
    basis: 'default',
    kind: 'percent',
  },
  {
    key: 'cost.yellow.max',
    label: { zh: '黄上限（含）', en: 'Yellow upper bound (inclusive)' },
    defaultValue: 1,
    basis: 'default',
    kind: 'percent',
  },
  {
    key: 'cost.lightRed.max',
    label: { zh: '浅红上限（含）', en: 'Light red upper bound (inclusive)' },
    defaultValue: 1.05,
    basis: 'default',
    kind: 'percent',
  },
  {
    key: 'scale.A.min',
    label: { zh: 'A 类下限（含，元）', en: 'Scale A lower bound (inclusive, yuan)' },
    defaultValue: 10_000_000,
    basis: 'default',
    kind: 'amount',
  },
  {
    key: 'scale.B.min',
    label: { zh: 'B 类下限（含，元）', en: 'Scale B lower bound (inclusive, yuan)' },
    defaultValue: 2_000_000,
    basis: 'default',
    kind: 'amount',
  },
  {
    key: 'depth.I.min',
    label: { zh: 'Ⅰ 类下限（含）', en: 'Depth I lower bound (inclusive)' },
    defaultValue: 0.3,
    basis: 'default',
    kind: 'percent',
  },
  {
    key: 'depth.II.min',
    label: { zh: 'Ⅱ 类下限（含）', en: 'Depth II lower bound (inclusive)' },
    defaultValue: 0.1,
    basis: 'default',
    kind: 'percent',
  },
  {
    key: 'premium.unit',
    label: { zh: '保费单位（1 = 元，10000 = 万元）', en: 'Premium unit (1 = yuan, 10000 = 10,000 yuan)' },
    defaultValue: 1,
    basis: 'default',
    kind: 'number',
  },
];

/** The parameters of a rule set, by key. */
export type Parameters = Readonly<Record<ParameterKey, number>>;

/** Any value (`*`) or a list of allowed values. */
export type AnyOf<T> = '*' | readonly T[];

/** One row of a first-match table: a condition on the three bands and the outcome when it holds. */
export interface MatchRule {
  readonly colours: AnyOf<Colour>;
  readonly scales: AnyOf<Scale>;
  readonly depths: AnyOf<Depth>;
  readonly outcome: Bilingual;
  readonly basis: Basis;
}

/**
 * A row of the resource matrix: a match rule for one of the eleven items (RULES.md §6), with an
 * optional concrete action text shown beside the outcome ("Concrete actions", [default, editable]).
 */
export interface ResourceRule extends MatchRule {
  readonly item: ResourceItemNo;
  readonly action?: Bilingual;
}

/**
 * The numbering of the resource items a rule set uses: 2 is RULES.md §6 as it now stands (item 2
 * 费用结算, items 6–11 人力配置 … 单证出单). A rule set saved without it used the first numbering
 * (2 结算方式, 3 结算周期, … 11 合作检视) and is migrated when it is read.
 */
export const ITEM_NUMBERING = 2;

/** A whole rule set (RULES.md §10). */
export interface RuleSet {
  readonly name: string;
  readonly version: string;
  readonly parameters: Parameters;
  /** Ordered rows; for each item the first matching row wins; each item ends with a catch-all. */
  readonly resources: readonly ResourceRule[];
  /** Responsible management level, as ordered match rules with a catch-all (RULES.md §6). */
  readonly management: readonly MatchRule[];
  /** The review action 检视措施, as ordered match rules with a catch-all (RULES.md §6). */
  readonly review: readonly MatchRule[];
  /** The resource item numbering, always `ITEM_NUMBERING` once validated. */
  readonly numbering: typeof ITEM_NUMBERING;
  /**
   * The channel-type words of each other channel (RULES.md §14), as data a company extends; the shipped
   * `DEFAULT_CHANNEL_TYPES` when absent.
   */
  readonly channelTypes?: readonly ChannelTypeList[] | undefined;
}

const GOOD: readonly Colour[] = ['deepBlue', 'blue'];
const NOT_RED: readonly Colour[] = ['deepBlue', 'blue', 'yellow'];
const RED: readonly Colour[] = ['lightRed', 'deepRed'];
const AB: readonly Scale[] = ['A', 'B'];

function row(
  item: ResourceItemNo,
  colours: AnyOf<Colour>,
  scales: AnyOf<Scale>,
  depths: AnyOf<Depth>,
  outcome: Bilingual,
  basis: Basis,
): ResourceRule {
  return { item, colours, scales, depths, outcome, basis };
}

/** The concrete action texts of RULES.md §6 "Concrete actions" [default, editable]. */
export const DEFAULT_ACTIONS = {
  marketSupport: {
    zh: '可上调，至多到黄色上限的费用空间（§7）',
    en: 'may be raised, up to the headroom to the yellow upper bound (§7)',
  },
  settleFaster: { zh: '每月结算两次', en: 'settle twice a month' },
  relaxUnderwriting: {
    zh: '可放宽特种车等承保条件',
    en: 'underwriting terms may be relaxed, e.g. for special vehicles',
  },
} as const satisfies Record<string, Bilingual>;

function withAction(rule: ResourceRule, action: Bilingual): ResourceRule {
  return { ...rule, action };
}

/**
 * The shipped resource matrix, RULES.md §6 row by row (items 1–2 [doc]; items 3–5 named by the
 * documents with [default] rules; items 6–11 [default]), with the three example actions.
 */
export const DEFAULT_RESOURCES: readonly ResourceRule[] = [
  withAction(row(1, GOOD, '*', '*', OUTCOMES.support, 'doc'), DEFAULT_ACTIONS.marketSupport),
  row(1, ['yellow'], '*', '*', OUTCOMES.maintain, 'doc'),
  row(1, '*', '*', '*', OUTCOMES.control, 'doc'),
  withAction(row(2, NOT_RED, AB, '*', OUTCOMES.flexibleFaster, 'doc'), DEFAULT_ACTIONS.settleFaster),
  row(2, '*', '*', '*', OUTCOMES.strictMaintain, 'doc'),
  withAction(row(3, GOOD, '*', '*', OUTCOMES.relaxed, 'default'), DEFAULT_ACTIONS.relaxUnderwriting),
  row(3, ['yellow'], '*', '*', OUTCOMES.standard, 'default'),
  row(3, '*', '*', '*', OUTCOMES.tightened, 'default'),
  row(4, GOOD, AB, '*', OUTCOMES.raised, 'default'),
  row(4, RED, '*', '*', OUTCOMES.lowered, 'default'),
  row(4, '*', '*', '*', OUTCOMES.standard, 'default'),
  row(5, GOOD, '*', ['I', 'II'], OUTCOMES.priority, 'default'),
  row(5, ['deepRed'], '*', '*', OUTCOMES.restricted, 'default'),
  row(5, '*', '*', '*', OUTCOMES.standard, 'default'),
  row(6, NOT_RED, ['A'], '*', OUTCOMES.dedicated, 'default'),
  row(6, ['deepRed'], '*', '*', OUTCOMES.shared, 'default'),
  row(6, '*', '*', '*', OUTCOMES.standard, 'default'),
  row(7, GOOD, AB, '*', OUTCOMES.onSite, 'default'),
  row(7, RED, '*', '*', OUTCOMES.noDesk, 'default'),
  row(7, '*', '*', '*', OUTCOMES.onRequest, 'default'),
  row(8, GOOD, '*', '*', OUTCOMES.priority, 'default'),
  row(8, '*', '*', '*', OUTCOMES.standard, 'default'),
  row(9, GOOD, '*', ['II', 'III'], OUTCOMES.increase, 'default'),
  row(9, RED, '*', '*', OUTCOMES.reduce, 'default'),
  row(9, '*', '*', '*', OUTCOMES.maintain, 'default'),
  row(10, NOT_RED, AB, '*', OUTCOMES.priority, 'default'),
  row(10, '*', '*', '*', OUTCOMES.standard, 'default'),
  row(11, GOOD, '*', '*', OUTCOMES.priority, 'default'),
  row(11, ['deepRed'], '*', '*', OUTCOMES.onApproval, 'default'),
  row(11, '*', '*', '*', OUTCOMES.standard, 'default'),
];

/**
 * The shipped review action 检视措施 (RULES.md §6, [default]; 第四章第三节 执行与检视 is a title only):
 * deep red → exit review 清理评估; light red → improvement plan 整改; else regular 常规.
 */
export const DEFAULT_REVIEW: readonly MatchRule[] = [
  { colours: ['deepRed'], scales: '*', depths: '*', outcome: OUTCOMES.exitReview, basis: 'default' },
  { colours: ['lightRed'], scales: '*', depths: '*', outcome: OUTCOMES.improvementPlan, basis: 'default' },
  { colours: '*', scales: '*', depths: '*', outcome: OUTCOMES.regular, basis: 'default' },
];

/**
 * The shipped management levels (RULES.md §6, [default]): deep red or scale A → head office;
 * light red or scale B → branch; else central/sub-branch.
 */
export const DEFAULT_MANAGEMENT: readonly MatchRule[] = [
  { colours: ['deepRed'], scales: '*', depths: '*', outcome: OUTCOMES.headOffice, basis: 'default' },
  { colours: '*', scales: ['A'], depths: '*', outcome: OUTCOMES.headOffice, basis: 'default' },
  { colours: ['lightRed'], scales: '*', depths: '*', outcome: OUTCOMES.branch, basis: 'default' },
  { colours: '*', scales: ['B'], depths: '*', outcome: OUTCOMES.branch, basis: 'default' },
  { colours: '*', scales: '*', depths: '*', outcome: OUTCOMES.subBranch, basis: 'default' },
];

/** The shipped rule set: every default of RULES.md §2 and §6. */
export const DEFAULT_RULES: RuleSet = {
  name: '默认规则 Default rules',
  version: '2026.2',
  parameters: Object.fromEntries(PARAMETERS.map((p) => [p.key, p.defaultValue])) as Parameters,
  resources: DEFAULT_RESOURCES,
  management: DEFAULT_MANAGEMENT,
  review: DEFAULT_REVIEW,
  numbering: ITEM_NUMBERING,
};
