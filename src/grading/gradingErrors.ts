/**
 * Typed exceptions of the sheet workflow: the sheet cannot be graded at all. Each names what is
 * wrong; the command line maps them to exit status 3, the pane to a message bar.
 *
 * @packageDocumentation
 */
import { QdError, type Problem } from '../core';

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
  ) {
    super({
      zh: `工作表“${sheet}”缺少必需列：${missing.map((m) => m.zh).join('、')}`,
      en: `sheet "${sheet}" lacks required columns: ${missing.map((m) => m.en).join(', ')}`,
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
