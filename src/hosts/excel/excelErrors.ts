/**
 * Office errors said in the user's words: every error Excel raises for the add-in's requests becomes
 * an `ExcelHostError` that names the sheet, says what Excel refused and what to do next. Only a
 * programming error reaches the pane as "unexpected".
 *
 * @packageDocumentation
 */
import { QdError, type Bilingual } from '../../core';
import { SheetNotFoundError } from '../../grading';

/** Excel refused a request of the add-in; the message names the sheet and the next step. */
export class ExcelHostError extends QdError {
  constructor(
    readonly code: string,
    readonly sheet: string | null,
    text: Bilingual,
    options?: { cause?: unknown },
  ) {
    super(text, options);
  }
}

/** The `code` of an OfficeExtension.Error (or of anything shaped like one), else ''. */
export function officeCode(e: unknown): string {
  return typeof e === 'object' && e !== null && 'code' in e ? String(e.code) : '';
}

function where(sheet: string | null): Bilingual {
  return sheet ? { zh: `工作表“${sheet}”`, en: `sheet "${sheet}"` } : { zh: '工作簿', en: 'the workbook' };
}

/** What Excel's code means for the user, and what to do (Excel.ErrorCodes and OfficeExtension.ErrorCodes). */
function explain(code: string, sheet: string | null): Bilingual | null {
  const w = where(sheet);
  switch (code) {
    case 'AccessDenied':
      return {
        zh: `${w.zh}受保护（或工作簿结构受保护），本加载项无法写入。请在“审阅 › 撤销工作表保护”（或“保护工作簿”）解除保护后重试`,
        en: `${w.en} is protected (or the workbook's structure is), so the add-in cannot write to it. Unprotect it under Review › Unprotect Sheet (or Protect Workbook) and try again`,
      };
    case 'InvalidOperationInCellEditMode':
      return {
        zh: `Excel 正在编辑单元格，无法写入${w.zh}。请按 Enter 或 Esc 结束编辑后重试`,
        en: `Excel is editing a cell, so ${w.en} cannot be written. Press Enter or Esc to finish editing and try again`,
      };
    case 'MergedRangeConflict':
      return {
        zh: `${w.zh}的输出区域有合并单元格。请取消合并（开始 › 合并后居中）后重试`,
        en: `${w.en} has merged cells where the add-in writes. Unmerge them (Home › Merge & Center) and try again`,
      };
    case 'PivotTableRangeConflict':
      return {
        zh: `${w.zh}的输出区域与数据透视表重叠。请把透视表移到别处后重试`,
        en: `a pivot table on ${w.en} is in the way of the add-in's columns. Move the pivot table and try again`,
      };
    case 'FilteredRangeConflict':
    case 'InsertDeleteConflict':
    case 'Conflict':
      return {
        zh: `${w.zh}的筛选、表格或其他对象与本加载项的写入冲突。请清除筛选或移开该对象后重试`,
        en: `a filter, table or other object on ${w.en} conflicts with the add-in's write. Clear the filter or move the object and try again`,
      };
    case 'ItemAlreadyExists':
      return {
        zh: `${w.zh}已存在同名对象（工作表或名称）。请重命名后重试`,
        en: `${w.en}: an object of that name (a sheet or a name) already exists. Rename it and try again`,
      };
    case 'ItemNotFound':
      return {
        zh: `${w.zh}或其中的对象已不存在（可能刚被删除或重命名）。请重新选择工作表后重试`,
        en: `${w.en} or an object in it no longer exists (it may have just been deleted or renamed). Choose the sheet again and try again`,
      };
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
    case 'RangeExceedsLimit':
    case 'OperationCellsExceedLimit':
      return {
        zh: `${w.zh}的数据超出 Excel 单次请求的上限。请把表拆成较小的几张后重试`,
        en: `${w.en} holds more than Excel accepts in one request. Split it into smaller sheets and try again`,
      };
    case 'ApiNotFound':
    case 'UnsupportedFeature':
    case 'NotImplemented':
      return {
        zh: `此版本的 Excel 不支持所需的功能（${w.zh}）。请更新 Office 或改用 Excel 网页版`,
        en: `this version of Excel lacks a feature the add-in needs (${w.en}). Update Office or use Excel on the web`,
      };
    case 'RequestAborted':
    case 'InactiveWorkbook':
      return {
        zh: `Excel 中断了请求（${w.zh}）：工作簿可能已关闭或切换。请回到该工作簿后重试`,
        en: `Excel aborted the request (${w.en}): the workbook may have been closed or switched. Return to it and try again`,
      };
    case 'InvalidArgument':
    case 'InvalidReference':
    case 'InvalidOperation':
    case 'InvalidBinding':
    case 'InvalidSelection':
    case 'NonBlankCellOffSheet':
    case 'GeneralException':
      return {
        zh: `Excel 拒绝了对${w.zh}的操作（${code}）。请检查该表是否受保护、有合并单元格或正在编辑，然后重试`,
        en: `Excel refused the operation on ${w.en} (${code}). Check that it is not protected, has no merged cells and is not being edited, then try again`,
      };
    default:
      return null;
  }
}

/**
 * The error to show for what Excel threw while working on `sheet` (null: the workbook as a whole).
 * QdErrors pass unchanged; an Office error with a code becomes an ExcelHostError; anything else
 * (a bug) passes unchanged.
 */
export function hostError(e: unknown, sheet: string | null): unknown {
  if (e instanceof QdError) return e;
  const code = officeCode(e);
  if (code === '') return e;
  if (code === 'ItemNotFound' && sheet) return new SheetNotFoundError(sheet);
  const text = explain(code, sheet) ?? {
    zh: `Excel 拒绝了对${where(sheet).zh}的操作（${code}）。请检查该表后重试`,
    en: `Excel refused the operation on ${where(sheet).en} (${code}). Check the sheet and try again`,
  };
  return new ExcelHostError(code, sheet, text, { cause: e });
}

/** What a refusal before the first write adds: the workbook is as it was. */
const NOTHING_WRITTEN: Bilingual = { zh: '（本次未写入任何内容）', en: ' (nothing was written)' };

/**
 * A job refused before its first write because a sheet it would change is protected (or, with no
 * sheet, the workbook's structure is and a sheet would have to be added or replaced).
 */
export function protectedRefusal(sheet: string | null): ExcelHostError {
  const text = explain('AccessDenied', sheet) as Bilingual;
  return new ExcelHostError('AccessDenied', sheet, {
    zh: `${text.zh}${NOTHING_WRITTEN.zh}`,
    en: `${text.en}${NOTHING_WRITTEN.en}`,
  });
}

/** A job refused before its first write because merged cells lie where it would write. */
export function mergedCellsRefusal(sheet: string, address: string): ExcelHostError {
  const cells = address.replace(/(^|,)[^!,]*!/g, '$1').replace(/\$/g, '');
  return new ExcelHostError('MergedRangeConflict', sheet, {
    zh: `工作表“${sheet}”的输出区域有合并单元格（${cells}）。请取消合并（开始 › 合并后居中）后重试${NOTHING_WRITTEN.zh}`,
    en: `sheet "${sheet}" has merged cells where the add-in writes (${cells}). Unmerge them (Home › Merge & Center) and try again${NOTHING_WRITTEN.en}`,
  });
}
