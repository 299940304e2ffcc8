/**
 * Grading one data row of a sheet: reads the mapped cells, leaves out a row without a service-area
 * code, takes days from the two dates when the days column is blank, reports every problem, and
 * compares with the previous class (CONTRACT.md §3–§4, RULES.md §5 "data are counted by
 * service-area code").
 *
 * @packageDocumentation
 */
import {
  COLOUR_LABELS,
  DEPTH_LABELS,
  checkText,
  cooperationDays,
  gradeChannel,
  otherChannelOf,
  parseClassLabel,
  problems as problem,
  classIndex as indexOfClass,
  epochDay,
  fromEpochDay,
  isoDate,
  readDate,
  type CellInput,
  type CivilDate,
  type ChannelClass,
  type ChannelGrade,
  type CompiledRules,
  type GradingMode,
  type Bilingual,
  type Lang,
  type Problem,
} from '../core';
import { hasThreeFullMonths } from '../core/schedule';
import type { ColumnMapping } from './sheetLayout';
import type { CellValue } from './WorkbookPort';

/** What became of a row. */
export type RowStatus = 'blank' | 'graded' | 'problem' | 'leftOut';

/** One row's result. */
export interface RowResult {
  readonly status: RowStatus;
  readonly grade: ChannelGrade | null;
  /** `OK`, the row's problems, or why it was left out. */
  readonly check: string;
  readonly problems: readonly Problem[];
  /** The `上期分类` comparison: ↑ better, ↓ worse, = same, 新/new none. */
  readonly change: string;
  readonly group: string;
  /** The 分公司 (branch company) a group's crossing is judged on (RULES.md §4). */
  readonly company: string;
  readonly branch: string;
  readonly groupOwnPremium: CellInput;
  /** The channel a row's type belongs to when it is not 经代 (RULES.md §14: 疑似窜门), else null. */
  readonly otherChannel: Bilingual | null;
}

/** Options of grading one row. */
export interface GradeRowOptions {
  /** Grade rows whose channel type belongs to another channel (RULES.md §14) instead of leaving them out. */
  readonly keepOtherChannels?: boolean | undefined;
  /** Columns of this row that hold a formula with no calculated value (they read as blank). */
  readonly uncalculated?: ReadonlySet<number> | undefined;
  /**
   * Apply 第十一条三 to in-year rows with a 合作起始日期 (RULES.md §5.1); off for a prepared sheet, whose
   * preparation applied it already (its start date is the start within the window).
   */
  readonly threeMonthRule?: boolean | undefined;
}

/** Says "a formula with no calculated value" where a blank problem's cell is such a formula. */
function explainUncalculated(
  found: readonly Problem[],
  inputs: ColumnMapping,
  columns: ReadonlySet<number>,
): Problem[] {
  return found.map((p) => {
    if (p.code !== 'blank') return p;
    const column = inputs[p.field as keyof ColumnMapping];
    return column !== undefined && columns.has(column) ? problem.noCalculatedValue(p.field) : p;
  });
}

function blank(v: CellInput | undefined): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

const LEFT_OUT: Readonly<Record<Lang, string>> = {
  zh: '缺少服务区域代码，不参与分级 (no service area code: left out)',
  en: 'No service area code: left out (缺少服务区域代码，不参与分级)',
};

/**
 * The check column's text for a row's problems in the run's language first, the other beside it
 * (`OK` when there are none; CONTRACT.md §3): an English run reads English first.
 */
export function checkIn(list: readonly Problem[], lang: Lang): string {
  if (lang === 'zh') return checkText(list);
  return list.length === 0 ? 'OK' : list.map((p) => `${p.message.en} (${p.message.zh})`).join('; ');
}

const CLASS_EXPECTED: Bilingual = { zh: '如“蓝-B-Ⅱ”的分类或留空', en: 'a class such as Blue-B-II, or blank' };

// A sheet has at most 45 class labels (in a few spellings): each text is parsed once; the cache is
// bounded so a sheet of odd texts cannot grow it without end.
const CLASS_OF_TEXT = new Map<string, ChannelClass | null>();
const CLASS_CACHE_LIMIT = 4096;

function classOfText(text: string): ChannelClass | null {
  let c = CLASS_OF_TEXT.get(text);
  if (c === undefined) {
    c = parseClassLabel(text);
    if (CLASS_OF_TEXT.size >= CLASS_CACHE_LIMIT) CLASS_OF_TEXT.clear();
    CLASS_OF_TEXT.set(text, c);
  }
  return c;
}

/** ↑ ↓ = 新 against the previous class (a lower index is better); 新 only for a blank previous class. */
export function classChange(previous: CellInput, current: number, lang: Lang): string {
  if (blank(previous)) return lang === 'zh' ? '新' : 'new';
  const before = classOfText(String(previous));
  // An unreadable previous class is the row's problem (previousClassProblem), never 新.
  if (!before) return '';
  const was = indexOfClass(before);
  return current < was ? '↑' : current > was ? '↓' : '=';
}

/** A previous class that is not blank and not a class label (`篮-A-Ⅰ`, `10`) is a problem (issue 13 point 5). */
export function previousClassProblem(previous: CellInput): Problem | null {
  if (blank(previous)) return null;
  const text = previous instanceof Date ? previous.toISOString() : String(previous).trim();
  return classOfText(text) ? null : problem.unknownLabel('previousClass', text, CLASS_EXPECTED);
}

// A sheet has a handful of distinct channel types: each is looked up once per rule set's type lists
// (the cache is bounded, and follows the lists of the rules grading now).
const CHANNEL_OF_TYPE = new Map<string, Bilingual | null>();
let cachedTypes: CompiledRules['channelTypes'] | null = null;

function channelOfType(type: string, rules: CompiledRules): Bilingual | null {
  if (cachedTypes !== rules.channelTypes) {
    CHANNEL_OF_TYPE.clear();
    cachedTypes = rules.channelTypes;
  }
  const hit = CHANNEL_OF_TYPE.get(type);
  if (hit !== undefined) return hit;
  const found = otherChannelOf(type, rules.channelTypes);
  if (CHANNEL_OF_TYPE.size > 1000) CHANNEL_OF_TYPE.clear();
  CHANNEL_OF_TYPE.set(type, found);
  return found;
}

/** What a kept row of another channel says in its check column (RULES.md §14). */
function keptText(type: string, channel: Bilingual, lang: Lang): string {
  const zh = `疑似窜门：渠道类型“${type}”属于${channel.zh}，按选择保留分级`;
  const en = `suspected misattribution: type "${type}" belongs to ${channel.en}; graded because kept`;
  return lang === 'zh' ? `${zh} (${en})` : `${en} (${zh})`;
}

// Texts a result keeps (group, 分公司, 三级机构) repeat across rows: each is kept once, as its own
// string. A host's cell text may be a slice of a large chunk of sheet XML; kept as is, a million
// results would hold the whole sheet in memory.
const KEPT = new Map<string, string>();

function kept(text: string): string {
  if (text === '') return text;
  const hit = KEPT.get(text);
  if (hit !== undefined) return hit;
  const own = (' ' + text).slice(1);
  if (KEPT.size < 100_000) KEPT.set(own, own);
  return own;
}

const NO_PROBLEMS: readonly Problem[] = Object.freeze([]);

/** Grades one row of cells under a layout. */
export function gradeRow(
  row: readonly CellValue[],
  inputs: ColumnMapping,
  rules: CompiledRules,
  mode: GradingMode,
  lang: Lang,
  options: GradeRowOptions = {},
): RowResult {
  // Each column read by its own property name: a key chosen at run time would be a slow lookup per cell.
  const cell = (column: number | undefined): CellInput => (column === undefined ? null : (row[column - 1] ?? null));
  const textIn = (column: number | undefined): string => {
    const v = cell(column);
    return blank(v) ? '' : String(v).trim();
  };
  const type = textIn(inputs.channelType);
  const otherChannel = type === '' ? null : channelOfType(type, rules);
  const groupOwn = cell(inputs.groupOwnPremium);
  const group = kept(textIn(inputs.group));
  const company = kept(textIn(inputs.company));
  const branch = kept(textIn(inputs.branch));
  const groupOwnPremium = typeof groupOwn === 'string' ? kept(groupOwn) : groupOwn;
  // Every result built the same way (one object shape, no spread): a sheet holds one per row.
  const result = (
    status: RowStatus,
    grade: ChannelGrade | null,
    check: string,
    problems: readonly Problem[],
    change: string,
  ): RowResult => ({ status, grade, check, problems, change, group, company, branch, groupOwnPremium, otherChannel });
  const lossRatio = cell(inputs.lossRatio);
  const marketExpenseRatio = cell(inputs.marketExpenseRatio);
  const nonMarketExpenseRatio = cell(inputs.nonMarketExpenseRatio);
  const premium = cell(inputs.premium);
  const ownPremium = cell(inputs.ownPremium);
  const regionBlank = blank(cell(inputs.regionCode));
  if (
    regionBlank &&
    blank(cell(inputs.channelId)) &&
    blank(lossRatio) &&
    blank(marketExpenseRatio) &&
    blank(nonMarketExpenseRatio) &&
    blank(premium) &&
    blank(ownPremium)
  ) {
    return result('blank', null, '', NO_PROBLEMS, '');
  }
  if (regionBlank) {
    return result('leftOut', null, LEFT_OUT[lang], NO_PROBLEMS, '');
  }
  if (otherChannel && !options.keepOtherChannels) {
    const p = problem.otherChannel(type, otherChannel);
    const check = lang === 'zh' ? `${p.message.zh} (${p.message.en})` : `${p.message.en} (${p.message.zh})`;
    return result('leftOut', null, check, [p], '');
  }
  let days: CellInput | Problem = cell(inputs.days);
  if (mode !== 'prospective' && blank(days) && inputs.startDate !== undefined && inputs.endDate !== undefined) {
    const d = cooperationDays(cell(inputs.startDate), cell(inputs.endDate));
    days = typeof d === 'number' ? d : d;
  }
  const dayProblem = typeof days === 'object' && days !== null && !(days instanceof Date) ? days : null;
  // 第十一条三 wherever the start date is known: no in-year class before three full months.
  const young =
    mode === 'in-year' && options.threeMonthRule === true && !dayProblem && inputs.startDate !== undefined
      ? underThreeMonths(cell(inputs.startDate), cell(inputs.endDate), days as CellInput)
      : null;
  if (young !== null) return result('problem', null, checkIn([young], lang), [young], '');
  const g = gradeChannel(
    {
      lossRatio,
      marketExpenseRatio,
      nonMarketExpenseRatio,
      premium,
      days: dayProblem ? 1 : (days as CellInput),
      ownPremium,
    },
    rules,
    mode,
  );
  const previousClass = cell(inputs.previousClass);
  const previous = previousClassProblem(previousClass);
  // A typo in 上期分类 does not keep the channel out of grading (issue 25 item 9): it is graded, and the
  // previous class is flagged in 校验结果 with no 分类变动.
  if (g.ok && !dayProblem && previous) return result('graded', g.value, checkIn([previous], lang), [previous], '');
  if (g.ok && !dayProblem && !previous)
    return result(
      'graded',
      g.value,
      otherChannel ? keptText(type, otherChannel, lang) : 'OK',
      NO_PROBLEMS,
      classChange(previousClass, g.value.classIndex, lang),
    );
  // Without valid days there is no annualized scale, so no depth to judge either (issue 13 point 5:
  // an end date before the start reported a bogus depth).
  const figureProblems = g.ok ? [] : g.problems.filter((p) => !(dayProblem && p.code === 'depthAboveOne'));
  const listed = [...(dayProblem ? [dayProblem] : []), ...figureProblems, ...(previous ? [previous] : [])];
  const found = options.uncalculated?.size ? explainUncalculated(listed, inputs, options.uncalculated) : listed;
  return result('problem', null, checkIn(found, lang), found, '');
}

/**
 * The three-month rule on a row graded directly (RULES.md §5.1, 第十一条三): the judging date is the day
 * after the row's 统计截止日期, or, without one, the day after its cooperation days counted from the start.
 * Null when the channel has three full months, or when the dates cannot tell (a blank start date).
 */
function underThreeMonths(start: CellInput, end: CellInput, days: CellInput): Problem | null {
  if (blank(start)) return null;
  const from = readDate(start, 'startDate');
  if ('code' in from) return null;
  let last: CivilDate | null = null;
  if (!blank(end)) {
    const to = readDate(end, 'endDate');
    if (!('code' in to)) last = to;
  } else if (typeof days === 'number' && Number.isInteger(days) && days > 0) {
    last = fromEpochDay(epochDay(from) + days - 1);
  }
  if (last === null) return null;
  const judging = fromEpochDay(epochDay(last) + 1);
  return hasThreeFullMonths(from, judging) ? null : problem.underThreeMonths(isoDate(from), isoDate(judging));
}

/** The band labels of a grade in a language. */
export function gradeLabels(g: ChannelGrade, lang: Lang): { colour: string; depth: string } {
  return { colour: COLOUR_LABELS[g.colour][lang], depth: DEPTH_LABELS[g.depthClass][lang] };
}
