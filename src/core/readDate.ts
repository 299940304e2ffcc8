import { fromExcelSerial, parseDateText, type CivilDate } from './civilDate';
import type { Field } from './fields';
import { problems, type Problem } from './problem';
import type { CellInput } from './readNumber';

/**
 * A date from a cell: an Excel serial, a JavaScript Date (its UTC calendar day, as ExcelJS hands
 * dates over), or text like `2026-03-31` / `2026年3月31日`. Blank and anything else is a problem.
 */
export function readDate(value: CellInput, field: Field): CivilDate | Problem {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
    return problems.blank(field);
  }
  if (typeof value === 'number') return fromExcelSerial(value) ?? problems.invalidDate(field, String(value));
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return problems.invalidDate(field, 'Invalid Date');
    return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
  }
  if (typeof value === 'string') return parseDateText(value) ?? problems.invalidDate(field, value.trim());
  return problems.invalidDate(field, String(value));
}
