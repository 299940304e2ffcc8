/**
 * What both ExcelJS hosts (document and streaming) write the same way: number formats, the band
 * rules, cell values and name references.
 *
 * @packageDocumentation
 */
import type ExcelJS from 'exceljs';
import { columnLetter, type BandFill, type CellWrite } from '../../grading';

export { NUMBER_FORMATS } from '../../grading';

/** The conditional formatting of a band column: one "cell equals" rule per band, whatever the rows. */
export function bandFormatting(
  column: number,
  firstRow: number,
  lastRow: number,
  fills: readonly BandFill[],
): ExcelJS.ConditionalFormattingOptions {
  const letter = columnLetter(column);
  return {
    ref: `${letter}${firstRow}:${letter}${lastRow}`,
    rules: fills.map((f, i) => ({
      type: 'cellIs',
      operator: 'equal',
      formulae: [`"${f.text.replace(/"/g, '""')}"`],
      priority: i + 1,
      style: {
        fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: `FF${f.fill}` }, fgColor: { argb: `FF${f.fill}` } },
        font: { color: { argb: `FF${f.font}` } },
      },
    })),
  };
}

/** An ExcelJS cell value for a write: a formula keeps its cached result; text stays text. */
export function excelJsValue(v: CellWrite): ExcelJS.CellValue {
  return v !== null && typeof v === 'object' && !(v instanceof Date) ? { formula: v.formula, result: v.result } : v;
}

/** `'Sheet'!$A$1:$B$9` for a defined name. */
export function nameReference(
  sheet: string,
  firstRow: number,
  firstColumn: number,
  lastRow: number,
  lastColumn: number,
): string {
  return `'${sheet.replace(/'/g, "''")}'!$${columnLetter(firstColumn)}$${firstRow}:$${columnLetter(lastColumn)}$${lastRow}`;
}
