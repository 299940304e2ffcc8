/**
 * Typed exceptions of the sheet workflow: the sheet cannot be graded at all. Each names what is
 * wrong; the command line maps them to exit status 3, the pane to a message bar.
 *
 * @packageDocumentation
 */
import { QdError, type Problem, type RuleProblem } from '../core';

/** The sheet named by the user is not in the workbook. */
export class SheetNotFoundError extends QdError {
  constructor(readonly sheet: string) {
    super({ zh: `找不到工作表“${sheet}”`, en: `no sheet named "${sheet}"` });
  }
}

/** No header row with the required columns was found, or required columns are missing. */
export class MissingColumnError extends QdError {
  constructor(
    readonly sheet: string,
    readonly missing: readonly { zh: string; en: string }[],
    text?: { zh: string; en: string },
  ) {
    super(
      text ?? {
        zh: `工作表“${sheet}”缺少必需列：${missing.map((m) => m.zh).join('、')}`,
        en: `sheet "${sheet}" lacks required columns: ${missing.map((m) => m.en).join(', ')}`,
      },
    );
  }
}

/**
 * The sheet is empty: nothing to grade. A `MissingColumnError` (every required column is missing),
 * but it says the sheet is empty rather than listing eight columns.
 */
export class EmptySheetError extends MissingColumnError {
  constructor(sheet: string, missing: readonly { zh: string; en: string }[]) {
    super(sheet, missing, {
      zh: `工作表“${sheet}”是空的，没有可分级的数据；请选择渠道数据所在的工作表`,
      en: `sheet "${sheet}" is empty: nothing to grade; choose the sheet that holds the channel data`,
    });
  }
}

/** A column the add-in does not own carries one of its output headers: nothing is written. */
export class ColumnConflictError extends QdError {
  constructor(
    readonly sheet: string,
    readonly header: string,
    readonly column: number,
  ) {
    super({
      zh: `工作表“${sheet}”第 ${column} 列“${header}”与分级输出列同名，但不是本加载项写入的；未写入任何内容`,
      en: `sheet "${sheet}" column ${column} "${header}" has an output header but was not written by the add-in; nothing was written`,
    });
  }
}

/** The workbook or file could not be read or written. */
export class WorkbookIoError extends QdError {
  /** A file that could not be read, with the system's reason. */
  static reading(file: string, cause: unknown): WorkbookIoError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new WorkbookIoError(
      { zh: `无法读取文件“${file}”：${detail}`, en: `cannot read "${file}": ${detail}` },
      { cause },
    );
  }

  /** A file that could not be written, with the system's reason. */
  static writing(file: string, cause: unknown): WorkbookIoError {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return new WorkbookIoError(
      { zh: `无法写入文件“${file}”：${detail}`, en: `cannot write "${file}": ${detail}` },
      { cause },
    );
  }
}

/** The user cancelled a run; nothing partial was left behind. */
export class GradingCancelledError extends QdError {
  constructor() {
    super({ zh: '已取消分级，未留下部分结果', en: 'grading cancelled; no partial output was left' });
  }
}

/** A figure typed into a pane form that the rules refuse; carries the problem, which names the field. */
export class DataProblemError extends QdError {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/**
 * The rules saved in the workbook (`分级规则`) are invalid: nothing is graded with them, and they are
 * not replaced by defaults behind the user's back (RULES.md §10; issue 15 point 1).
 */
export class InvalidSavedRulesError extends QdError {
  constructor(
    readonly sheet: string,
    readonly problems: readonly RuleProblem[],
  ) {
    const first = problems[0];
    const more = problems.length > 1 ? `（另有 ${problems.length - 1} 处）` : '';
    const moreEn = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
    super({
      zh: `工作表“${sheet}”中保存的规则无效：${first ? `${first.field} ${first.message.zh}` : ''}${more}；请在该表或规则页改正后保存，未分级任何内容`,
      en: `the rules saved on sheet "${sheet}" are invalid: ${first ? `${first.field} ${first.message.en}` : ''}${moreEn}; correct them there or in the Rules tab and save; nothing was graded`,
    });
  }
}

/** A sign-off was asked for while rows are still pending, without the explicit confirmation (RULES.md §12). */
export class PendingRowsError extends QdError {
  constructor(readonly pending: number) {
    super({
      zh: `还有 ${pending} 行待复核；如确认带待复核行签字，请明确确认（confirmPending）`,
      en: `${pending} rows are still pending review; to sign off anyway, confirm it explicitly (confirmPending)`,
    });
  }
}

/** A row that cannot be marked in the review: outside the graded rows, or a row with no class. */
export class ReviewRowError extends QdError {
  constructor(
    readonly sheet: string,
    readonly row: number,
    reason: 'outside' | 'noClass',
  ) {
    super(
      reason === 'outside'
        ? {
            zh: `工作表“${sheet}”第 ${row} 行不在已分级的数据行内，不能标记复核状态；请选择数据表中的一行`,
            en: `row ${row} of sheet "${sheet}" is not one of the graded rows and cannot be marked; select a row of the table`,
          }
        : {
            zh: `工作表“${sheet}”第 ${row} 行没有分类（数据有误或未参与分级），不能标记复核状态；请先改正该行并重新分级`,
            en: `row ${row} of sheet "${sheet}" has no class (a data problem, or left out) and cannot be marked; fix the row and grade again`,
          },
    );
  }
}

/** Premium columns whose headers state different units (元 and 万元): depth would be off by 10,000. */
export class PremiumUnitConflictError extends QdError {
  constructor(
    readonly sheet: string,
    readonly headers: readonly string[],
  ) {
    super({
      zh: `工作表“${sheet}”的保费列单位不一致（${headers.join('、')}）；请把合作保费与自有保费换成同一单位（元或万元）后再分级`,
      en: `the premium columns of sheet "${sheet}" are in different units (${headers.join(', ')}); put cooperation and own premium in one unit (yuan or 10,000 yuan) and grade again`,
    });
  }
}
