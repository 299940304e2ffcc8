import type { CellValue as ExcelJsValue } from 'exceljs';
import type { CellValue } from '../../grading';

/**
 * What the workflow reads from an ExcelJS cell: a formula's cached result, rich text and hyperlinks
 * as their text, an error as its code (which then reads as "not a number"), blanks as null.
 */
export function fromExcelJs(v: ExcelJsValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('formula' in v || 'sharedFormula' in v) {
    const r = v.result;
    if (r === undefined || r === null) return null;
    return typeof r === 'object' && !(r instanceof Date) ? r.error : r;
  }
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('hyperlink' in v) return v.text;
  if ('error' in v) return v.error;
  return null;
}
