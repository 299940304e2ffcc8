/**
 * What every host writes the same way: Excel number formats of the output columns, and the rule for
 * text a spreadsheet would take for a formula (CONTRACT.md §5: written back as text, never a formula).
 *
 * @packageDocumentation
 */
import type { NumberFormat } from './WorkbookPort';

/** Excel number formats of the output columns. */
export const NUMBER_FORMATS: Readonly<Record<NumberFormat, string>> = {
  percent: '0.00%',
  amount: '#,##0.00',
  integer: '0',
  text: '@',
};

/** Whether text starts as a formula would: `=`, `+`, `-` or `@`. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@]/.test(text);
}
