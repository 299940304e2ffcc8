/** Cells to and from Excel: text written so Excel keeps it as text, values read back as CellValue. */
import { looksLikeFormula, type CellValue, type CellWrite } from '../../grading';

/**
 * Whether Excel would take this text for something else when it is written, as it does with what a
 * user types: a number (`000123` becomes 123, `12e45` 1.2E+46), a percentage, an amount, a date or a
 * time (`2026-04-08`, `1/2`, `3:00`), a logical or an error value. Channel codes, dates kept as text
 * and rules fingerprints must come back as written, so such text is written behind an apostrophe.
 */
export function excelWouldRetype(text: string): boolean {
  return /^\s*[\d.$¥€£(#]/.test(text) || /^\s*(true|false)\s*$/i.test(text);
}

/**
 * A cell as Excel's `formulas` property takes it: formulas with `=`, blanks as '', and text Excel would
 * take for a formula or retype (see `excelWouldRetype`) behind an apostrophe, which keeps it text.
 */
export function toFormulaCell(v: CellWrite): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') return `=${v.formula}`;
  if (typeof v === 'string' && (looksLikeFormula(v) || excelWouldRetype(v))) return `'${v}`;
  return v;
}

export function fromExcel(v: unknown): CellValue {
  if (v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  // Excel hands back only numbers, text and logicals in `values`; anything else is shown as JSON.
  return JSON.stringify(v);
}
