/**
 * Calendar dates without time zones, and Excel's 1900 date serials.
 *
 * @packageDocumentation
 */

/** A calendar date: year, month 1..12, day 1..31. No time, no time zone. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;
// Excel's serial 1 is 1900-01-01 and it counts a 29 February 1900 that never was (serial 60), so
// from 1900-03-01 on, serial = days since 1899-12-30.
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);

/** Days since 1970-01-01 of a civil date (proleptic Gregorian). */
export function epochDay(d: CivilDate): number {
  return Math.round(Date.UTC(d.year, d.month - 1, d.day) / MS_PER_DAY);
}

/** The civil date of a day count since 1970-01-01. */
export function fromEpochDay(days: number): CivilDate {
  const t = new Date(days * MS_PER_DAY);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** Whether y, m, d name a real calendar date. */
export function isValidCivil(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Number of days in a month. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The last day of a month. */
export function endOfMonth(year: number, month: number): CivilDate {
  return { year, month, day: daysInMonth(year, month) };
}

/** Shifts a (year, month) by n months; returns the first day of that month. */
export function addMonths(year: number, month: number, n: number): CivilDate {
  const index = year * 12 + (month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
}

/** The civil date of an Excel serial (1900 date system); null outside 1900-03-01 … 9999-12-31. */
export function fromExcelSerial(serial: number): CivilDate | null {
  const whole = Math.floor(serial);
  if (!Number.isFinite(serial) || whole < 61 || whole > 2_958_465) return null;
  return fromEpochDay(Math.round((EPOCH_1899_12_30 + whole * MS_PER_DAY) / MS_PER_DAY));
}

/** The Excel serial (1900 date system) of a civil date. */
export function toExcelSerial(d: CivilDate): number {
  return epochDay(d) - Math.round(EPOCH_1899_12_30 / MS_PER_DAY);
}

/** Days from a to b inclusive of both (a ≤ b gives ≥ 1). */
export function daysInclusive(a: CivilDate, b: CivilDate): number {
  return epochDay(b) - epochDay(a) + 1;
}

/** ISO text `YYYY-MM-DD`. */
export function isoDate(d: CivilDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/**
 * A date from text as analysts write it: `2026-03-31`, `2026/3/31`, `2026.3.31`, `2026年3月31日`.
 * Null when it is not a real date.
 */
export function parseDateText(text: string): CivilDate | null {
  const m = /^(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidCivil(y, mo, d) ? { year: y, month: mo, day: d } : null;
}

/** Compares two dates: negative, zero or positive. */
export function compareDates(a: CivilDate, b: CivilDate): number {
  return epochDay(a) - epochDay(b);
}
