/**
 * What a recorded grading says besides its channels, and how it is dated (RULES.md §12, §5.1): a
 * person's local timestamp, the kind a mode records, the data window of a kind at a judging date.
 *
 * @packageDocumentation
 */
import { dataWindow, isoDate, parseDateText, type GradingMode, type PrepareKind } from '../core';

/** A local timestamp with its zone, as a person reads it: `2026-04-08T09:30:00+08:00`. */
export function localTimestamp(d: Date): string {
  const pad = (n: number): string => String(Math.abs(n)).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const zone = `${offset >= 0 ? '+' : '-'}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${zone}`;
}

/** The kind of grading a snapshot records when the caller names none: annual, quarter or prospective. */
export function kindOfMode(mode: GradingMode): PrepareKind {
  return mode === 'annual' ? 'annual' : mode === 'in-year' ? 'quarter' : 'prospective';
}

/** The data window of a kind at a judging date, as ISO dates; null when there is none (prospective). */
export function windowOf(
  kind: PrepareKind,
  judgingDate: string,
): { readonly start: string; readonly end: string } | null {
  const civil = parseDateText(judgingDate);
  const w = kind === 'prospective' || civil === null ? null : dataWindow(kind, civil);
  return w !== null && 'start' in w ? { start: isoDate(w.start), end: isoDate(w.end) } : null;
}
