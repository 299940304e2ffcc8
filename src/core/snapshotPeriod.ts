/**
 * A snapshot's judging date and window from the data (RULES.md §12): with no judging date given, the
 * window is taken from the rows' 数据窗口 when they carry one and agree, and the judging date is the day
 * after the window (the first day on which that window is the kind's window); otherwise the grading is
 * refused, asking for the date — never today's date for data of another period.
 *
 * @packageDocumentation
 */
import { epochDay, fromEpochDay, isoDate, parseDateText } from './civilDate';
import { UsageError } from './errors';
import type { PrepareKind } from './prepareKinds';

/** A data window as ISO dates. */
export interface IsoWindow {
  readonly start: string;
  readonly end: string;
}

/**
 * A 数据窗口 cell as a window: `2025-01-01..2025-03-31` (as the preparation writes it), or the two dates
 * joined by `–`, `—`, `~`, `至` or `到`. Null for text that is not two dates in order.
 */
export function parseWindowText(text: string): IsoWindow | null {
  const parts = text
    .trim()
    .split(/\s*(?:\.\.|–|—|~|～|至|到|\s-\s)\s*/)
    .filter((p) => p !== '');
  if (parts.length !== 2) return null;
  const start = parseDateText(parts[0] ?? '');
  const end = parseDateText(parts[1] ?? '');
  if (start === null || end === null || epochDay(start) > epochDay(end)) return null;
  return { start: isoDate(start), end: isoDate(end) };
}

/** The windows a sheet's rows carry in their 数据窗口 cells: none, one they agree on, or several. */
export type RowsWindow =
  | { readonly kind: 'none' }
  | { readonly kind: 'one'; readonly window: IsoWindow }
  | { readonly kind: 'mixed'; readonly texts: readonly string[] };

/** What the 数据窗口 cells of a sheet's rows say (blank cells are ignored; unreadable text counts as a window of its own). */
export function windowOfRows(texts: Iterable<string>): RowsWindow {
  const seen = new Map<string, IsoWindow | null>();
  for (const t of texts) {
    const text = t.trim();
    if (text === '') continue;
    const w = parseWindowText(text);
    seen.set(w === null ? `?${text}` : `${w.start}..${w.end}`, w);
    if (seen.size > 3) break;
  }
  const [only] = [...seen.values()];
  if (seen.size === 0) return { kind: 'none' };
  if (seen.size === 1 && only !== null && only !== undefined) return { kind: 'one', window: only };
  return { kind: 'mixed', texts: [...seen.keys()].map((k) => k.replace(/^\?/, '')) };
}

/** The date and window a snapshot is recorded with. */
export interface SnapshotPeriod {
  readonly judgingDate: string;
  /** Undefined: the kind's window at the judging date (RULES.md §5.1). */
  readonly window: IsoWindow | undefined;
  /** Where they came from: the --date given, the rows' 数据窗口, or today for a prospective grading. */
  readonly from: 'date' | 'data' | 'today';
}

/**
 * The judging date and window of a snapshot (RULES.md §12). A date given is the judging date, and the
 * rows' window (when they carry one and agree) is the window. Without a date: the rows' window, judged
 * the day after it ends; a prospective grading (no window, negotiated figures) is dated `today`. Throws
 * `UsageError` asking for the date when the rows carry no window, or windows that disagree.
 */
export function snapshotPeriod(
  kind: PrepareKind,
  date: string | undefined,
  rows: RowsWindow,
  today: string,
): SnapshotPeriod {
  if (rows.kind === 'mixed')
    throw new UsageError({
      zh: `各行的数据窗口不一致（${rows.texts.join('、')}）：一次分级只能有一个数据窗口，请分开分级，或修正数据窗口列`,
      en: `the rows' data windows disagree (${rows.texts.join(', ')}): a grading has one window; grade them apart or correct the 数据窗口 column`,
    });
  const span = rows.kind === 'one' ? rows.window : undefined;
  if (date !== undefined) return { judgingDate: date, window: span, from: 'date' };
  if (span !== undefined) {
    const end = parseDateText(span.end);
    return {
      judgingDate: isoDate(fromEpochDay(epochDay(end ?? { year: 1970, month: 1, day: 1 }) + 1)),
      window: span,
      from: 'data',
    };
  }
  if (kind === 'prospective') return { judgingDate: today, window: undefined, from: 'today' };
  throw new UsageError({
    zh: '未给出评判日，数据中也没有“数据窗口”列：请用 --date YYYY-MM-DD 给出这批数据的评判日（分级不以今天为其他时期数据的评判日）',
    en: 'no judging date was given and the rows carry no 数据窗口 (data window): give the judging date of these data with --date YYYY-MM-DD (today is never taken as the date of data of another period)',
  });
}
