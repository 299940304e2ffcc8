/**
 * Problems in the user's data, as values (RULES.md §11). Each names its field, carries the Excel
 * error a formula returns for it, and says what is wrong in Chinese with the English beside it.
 *
 * @packageDocumentation
 */
import { FIELD_LABELS, type Field } from './fields';
import { bilingual, type Bilingual } from './lang';

/** The Excel errors a formula returns for bad data (RULES.md §11). */
export type ExcelErrorCode = '#VALUE!' | '#DIV/0!' | '#NUM!' | '#N/A';

/** What kind of problem it is; tests and callers switch on this, never on the message. */
export type ProblemCode =
  | 'blank'
  | 'notNumber'
  | 'notFinite'
  | 'negative'
  | 'zeroDays'
  | 'daysOutOfRange'
  | 'daysNotWhole'
  | 'zeroOwnPremium'
  | 'depthAboveOne'
  | 'zeroGroupScale'
  | 'unknownLabel'
  | 'noUpperBound'
  | 'noWindow'
  | 'invalidDate'
  | 'endBeforeStart'
  | 'outOfRange'
  | 'groupMember'
  | 'otherChannel'
  | 'underThreeMonths'
  | 'noCalculatedValue';

/** One problem with one input. */
export interface Problem {
  readonly code: ProblemCode;
  readonly field: Field;
  readonly error: ExcelErrorCode;
  readonly message: Bilingual;
}

/** Whether a value is a Problem (the one check every boundary uses to tell a problem from a result). */
export function isProblem(x: unknown): x is Problem {
  return typeof x === 'object' && x !== null && 'code' in x && 'error' in x && 'message' in x;
}

/** A computed value, or the problems that stopped it. */
export type Outcome<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };

/** Wraps a value as a successful outcome. */
export function success<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

/** Wraps problems as a failed outcome. */
export function failure<T>(...problems: Problem[]): Outcome<T> {
  return { ok: false, problems };
}

/** Shows a number as the user typed it: up to 15 significant digits, no exponent for usual sizes. */
export function showNumber(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(15))) : String(x);
}

/** Shows a ratio as a percentage: 1.2 → "120%". */
export function showPercent(x: number): string {
  return `${showNumber(Number((x * 100).toPrecision(15)))}%`;
}

function make(code: ProblemCode, field: Field, error: ExcelErrorCode, zh: string, en: string): Problem {
  return { code, field, error, message: { zh, en } };
}

/** Problem constructors, one per code, with the messages of RULES.md §11. */
export const problems = {
  blank: (field: Field): Problem => {
    const f = FIELD_LABELS[field];
    return make('blank', field, '#VALUE!', `${f.zh}为空`, `${f.en} is blank`);
  },
  notNumber: (field: Field, text: string): Problem => {
    const f = FIELD_LABELS[field];
    return make(
      'notNumber',
      field,
      '#VALUE!',
      `${f.zh}“${text}”不是数字或百分比`,
      `${f.en} "${text}" is not a number or a percentage`,
    );
  },
  notFinite: (field: Field): Problem => {
    const f = FIELD_LABELS[field];
    return make('notFinite', field, '#NUM!', `${f.zh}不是有限数值`, `${f.en} is not a finite number`);
  },
  negative: (field: Field, value: number): Problem => {
    const f = FIELD_LABELS[field];
    const shown = showNumber(value);
    return make('negative', field, '#VALUE!', `${f.zh}不能为负数（${shown}）`, `${f.en} cannot be negative (${shown})`);
  },
  zeroDays: (): Problem =>
    make('zeroDays', 'days', '#DIV/0!', '合作天数为 0，无法年化', 'Cooperation days is 0: cannot annualize'),
  daysOutOfRange: (value: number): Problem => {
    const shown = showNumber(value);
    return make(
      'daysOutOfRange',
      'days',
      '#NUM!',
      `合作天数 ${shown} 不在 1 至 366 之间`,
      `Cooperation days ${shown} is not from 1 to 366`,
    );
  },
  daysNotWhole: (value: number): Problem => {
    const shown = showNumber(value);
    return make(
      'daysNotWhole',
      'days',
      '#NUM!',
      `合作天数 ${shown} 不是整数`,
      `Cooperation days ${shown} is not a whole number`,
    );
  },
  zeroOwnPremium: (field: Field = 'ownPremium'): Problem => {
    const f = FIELD_LABELS[field];
    return make(
      'zeroOwnPremium',
      field,
      '#DIV/0!',
      `${f.zh}为 0，无法计算合作深度`,
      `${f.en} is 0: depth cannot be computed`,
    );
  },
  depthAboveOne: (depth: number): Problem => {
    const shown = showPercent(depth);
    return make(
      'depthAboveOne',
      'depth',
      '#NUM!',
      `合作深度 ${shown} 超过 100%：年化合作规模大于渠道自有保费`,
      `Cooperation depth ${shown} is above 100%: annualized scale exceeds own premium`,
    );
  },
  zeroGroupScale: (): Problem =>
    make(
      'zeroGroupScale',
      'groupScale',
      '#DIV/0!',
      '集团成员年化合作规模合计为 0，无法加权计算经营成本率',
      "Group members' total annualized scale is 0: no weighted cost ratio",
    ),
  unknownLabel: (field: Field, text: string, expected: Bilingual): Problem => {
    const f = FIELD_LABELS[field];
    return make(
      'unknownLabel',
      field,
      '#VALUE!',
      `${f.zh}“${text}”无法识别，应为${expected.zh}`,
      `${f.en} "${text}" is not recognized; expected ${expected.en}`,
    );
  },
  noUpperBound: (): Problem =>
    make(
      'noUpperBound',
      'band',
      '#N/A',
      '深红色带没有上限，无费用空间可算',
      'Deep red has no upper bound: no headroom to compute',
    ),
  noWindow: (zh: string, en: string): Problem => make('noWindow', 'judgingDate', '#N/A', zh, en),
  invalidDate: (field: Field, text: string): Problem => {
    const f = FIELD_LABELS[field];
    return make(
      'invalidDate',
      field,
      '#VALUE!',
      `${f.zh}“${text}”不是有效日期`,
      `${f.en} "${text}" is not a valid date`,
    );
  },
  /** A value outside what the rule allows; `expected` says the range in both languages. */
  outOfRange: (field: Field, value: number | string, expected: Bilingual): Problem => {
    const f = FIELD_LABELS[field];
    const shown = typeof value === 'number' ? showNumber(value) : value;
    return make(
      'outOfRange',
      field,
      '#NUM!',
      `${f.zh}“${shown}”超出范围，应为${expected.zh}`,
      `${f.en} ${shown} is out of range; expected ${expected.en}`,
    );
  },
  /**
   * A group classed as one unit has a member row with a problem, so nothing of the group is graded
   * (RULES.md §4, 第八条, [default]); `rows` are the sheet rows of the bad members.
   */
  groupMember: (group: string, rows: readonly number[]): Problem =>
    make(
      'groupMember',
      'group',
      '#VALUE!',
      `集团成员第 ${rows.join('、')} 行有误，集团“${group}”整体暂不分级`,
      `group member row ${rows.join(', ')} has a problem: group "${group}" is not graded until it is fixed`,
    ),
  /**
   * The channel type belongs to another channel (RULES.md §14, 财产保险公司渠道管理和考核办法 第二–四、七条):
   * 疑似窜门, left out of grading unless the user keeps such rows.
   */
  otherChannel: (type: string, channel: Bilingual): Problem =>
    make(
      'otherChannel',
      'channelType',
      '#N/A',
      `疑似窜门：渠道类型“${type}”属于${channel.zh}渠道，不参与经代渠道分级`,
      `suspected misattribution: channel type "${type}" belongs to the ${channel.en} channel; not graded as brokerage/agency`,
    ),
  /** A formula cell whose value was never calculated (a file saved without cached results). */
  noCalculatedValue: (field: Field): Problem => {
    const f = FIELD_LABELS[field];
    return make(
      'noCalculatedValue',
      field,
      '#VALUE!',
      `${f.zh}是公式，但没有计算结果；请在 Excel 中重新计算并保存`,
      `${f.en} is a formula with no calculated value; recalculate and save it in Excel`,
    );
  },
  /**
   * An in-year grading of a channel that has not cooperated three full months by the judging date
   * (RULES.md §5.1, 第十一条三): it gets no in-year class and keeps its prospective or last class.
   */
  underThreeMonths: (start: string, judging: string): Problem =>
    make(
      'underThreeMonths',
      'startDate',
      '#N/A',
      `合作不满三个月（${start} 起，评判日 ${judging}），不给予年度内运用分类，保留拟合作或上期分类（第十一条三）`,
      `cooperated less than three full months (since ${start}, judged ${judging}): no in-year class; it keeps its prospective or last class (Art. 11.3)`,
    ),
  endBeforeStart: (): Problem =>
    make('endBeforeStart', 'endDate', '#NUM!', '统计截止日期早于合作起始日期', 'End date is before start date'),
} as const;

/** All of a row's problems as one message, joined by `; ` (CONTRACT.md §3 `check`). */
export function describeProblems(list: readonly Problem[], lang: 'zh' | 'en' | 'both' = 'both'): string {
  return list.map((p) => (lang === 'both' ? bilingual(p.message) : p.message[lang])).join('; ');
}

/** The text of the `check` column and `QD.CHECK`: `OK`, or every problem joined by `; ` (CONTRACT.md §3). */
export function checkText(list: readonly Problem[] | null, lang: 'zh' | 'en' | 'both' = 'both'): string {
  return list === null || list.length === 0 ? 'OK' : describeProblems(list, lang);
}
