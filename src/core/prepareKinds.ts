/**
 * The kinds of grading the preparation serves, and what each takes from the data (RULES.md §5.1,
 * 第九条, 第十一条, 第十二条; CONTRACT.md §5 `--kind`).
 *
 * @packageDocumentation
 */
import type { CivilDate } from './civilDate';
import { dataWindow, WINDOW_LABELS, type DataWindow } from './dataWindow';
import { QdError } from './errors';
import type { GradingMode } from './gradeChannel';
import type { Bilingual } from './lang';

/** The kinds of `qd-grade prepare --kind` (CONTRACT.md §5). */
export const PREPARE_KINDS = ['annual', 'recheck', 'quarter', 'threemonths', 'month', 'prospective'] as const;
/** A kind of grading. */
export type PrepareKind = (typeof PREPARE_KINDS)[number];

/** Labels of the kinds, Chinese first (RULES.md §5.1). */
export const PREPARE_KIND_LABELS: Readonly<Record<PrepareKind, Bilingual>> = {
  ...WINDOW_LABELS,
  prospective: { zh: '拟合作经代渠道（洽谈数据）', en: 'Prospective channel (negotiated figures)' },
};

/** Which non-market ratio a kind uses (RULES.md §5.1): the 三级机构's actual or its budget. */
export type NonMarketSource = 'actual' | 'budget';

/** Whether a value is one of the kinds. */
export function isPrepareKind(text: string): text is PrepareKind {
  return (PREPARE_KINDS as readonly string[]).includes(text);
}

/** The grading mode (CONTRACT.md §4) the prepared rows are graded in. */
export function gradingModeOf(kind: PrepareKind): GradingMode {
  if (kind === 'prospective') return 'prospective';
  return kind === 'annual' ? 'annual' : 'in-year';
}

/**
 * Whether a kind is in-year application (年度内运用分类): only channels that have cooperated for three
 * full months are given such a class (第十一条三). The annual kinds (annual, recheck) are not.
 */
export function isInYearKind(kind: PrepareKind): boolean {
  return kind === 'quarter' || kind === 'threemonths' || kind === 'month';
}

/**
 * Where the non-market ratio comes from (RULES.md §5.1): the actual ratio of the window's year for
 * the annual kinds, this year's budget (the judging date's year) for the in-year and prospective kinds.
 */
export function nonMarketSourceOf(
  kind: PrepareKind,
  judging: CivilDate,
  win: DataWindow | null,
): { readonly source: NonMarketSource; readonly year: number } {
  if ((kind === 'annual' || kind === 'recheck') && win) return { source: 'actual', year: win.end.year };
  return { source: 'budget', year: judging.year };
}

/** No data window exists for this kind and judging date (a recheck in January). */
export class NoWindowError extends QdError {}

/**
 * The window a kind reads its extract in; null for a prospective channel (negotiated figures, no
 * window). Throws `NoWindowError` where the kind has no window for the date.
 */
export function prepareWindow(kind: PrepareKind, judging: CivilDate): DataWindow | null {
  if (kind === 'prospective') return null;
  const w = dataWindow(kind, judging);
  if ('code' in w) throw new NoWindowError(w.message);
  return w;
}
