/** What a preparation returns: prepared and not-prepared channels, rejected rows, issues and counts, and its options. */
import type { CivilDate } from './civilDate';
import type { DataWindow } from './dataWindow';
import type { GradingMode } from './gradeChannel';
import type { Bilingual } from './lang';
import type { NonMarketSource, PrepareKind } from './prepareKinds';
import type { MasterRecord, NonMarketRecord } from './prepareTables';

/** Why a channel could not be prepared (RULES.md §5.2), for tests and callers to switch on. */
export type PrepareIssueCode =
  | 'noRows'
  | 'notInMaster'
  | 'masterRow'
  | 'badRows'
  | 'premiumNotPositive'
  | 'negativeRatio'
  | 'noNonMarket'
  | 'startAfterWindow'
  | 'underThreeMonths';

/** One reason a channel was not prepared, in both languages. */
export interface PrepareIssue {
  readonly code: PrepareIssueCode;
  readonly message: Bilingual;
}

/** Why an extract row was not counted. */
export type RowRejection = 'noChannel' | 'noRegion' | 'invalidRegion' | 'unreadable';

/** Messages of the row rejections (RULES.md §5.1: rows without a valid service-area code are left out). */
export const ROW_REJECTION_LABELS: Readonly<Record<RowRejection, Bilingual>> = {
  noChannel: { zh: '缺少渠道代码', en: 'no channel ID' },
  noRegion: { zh: '缺少服务区域代码，不计入', en: 'no service area code: left out' },
  invalidRegion: {
    zh: '服务区域代码不在有效代码清单内，不计入',
    en: 'service area code not in the valid list: left out',
  },
  unreadable: { zh: '日期、保费或比率无法读取', en: 'date, premium or ratio unreadable' },
};

/** A rejected extract row, with its row number (only the first `MAX_REJECTED_LISTED` are listed). */
export interface RejectedRow {
  readonly row: number;
  readonly channelId: string;
  readonly reason: RowRejection;
  readonly detail: string;
}

/** How many rejected rows are listed one by one; the rest are counted. */
export const MAX_REJECTED_LISTED = 1000;

/** Where a prepared channel's figures came from (RULES.md §5.2: every derived figure says so). */
export interface PreparedSource {
  /** The data window (null for a prospective channel). */
  readonly window: DataWindow | null;
  /** Extract rows summed for this channel. */
  readonly rowsUsed: number;
  /** Rows of this channel in the window left out for their service-area code. */
  readonly rowsLeftOut: number;
  /** Which non-market ratio: actual or budget, the 三级机构 and the year. */
  readonly nonMarket: Bilingual;
  /** The cooperation start date in the master (before clipping to the window). */
  readonly masterStart: CivilDate | null;
  /** Free text for a prospective channel: where the negotiated figures came from. */
  readonly note: string;
}

/** One channel's figures: the input columns of CONTRACT.md §3. */
export interface PreparedChannel {
  readonly channelId: string;
  readonly channelName: string;
  readonly group: string;
  readonly company: string;
  readonly branch: string;
  /** The service-area codes of the rows used, joined by `,` (at most five, then `…`). */
  readonly regionCode: string;
  readonly lossRatio: number;
  readonly marketExpenseRatio: number;
  readonly nonMarketExpenseRatio: number;
  /** Premium in the window (Σ, negative endorsements included); the planned annual premium when prospective. */
  readonly premium: number;
  /** Cooperation days in the window, clipped from the start date; null when prospective. */
  readonly days: number | null;
  /** First day counted (the later of the window's first day and the start date). */
  readonly startDate: CivilDate | null;
  /** Last day counted: the window's last day. */
  readonly endDate: CivilDate | null;
  readonly ownPremium: number;
  readonly groupOwnPremium: number | null;
  readonly source: PreparedSource;
}

/** A channel that could not be prepared, and why. */
export interface NotPreparedChannel {
  readonly channelId: string;
  readonly channelName: string;
  readonly branch: string;
  readonly rowsUsed: number;
  readonly issues: readonly PrepareIssue[];
}

/** Row counts of the extract. */
export interface ExtractCounts {
  read: number;
  used: number;
  outsideWindow: number;
  noChannel: number;
  noRegion: number;
  invalidRegion: number;
  unreadable: number;
}

/** The preparation of one judging date and kind. */
export interface PreparationResult {
  readonly kind: PrepareKind;
  readonly judging: CivilDate;
  readonly window: DataWindow | null;
  readonly mode: GradingMode;
  readonly nonMarketSource: NonMarketSource;
  readonly nonMarketYear: number;
  readonly channels: readonly PreparedChannel[];
  readonly notPrepared: readonly NotPreparedChannel[];
  readonly counts: Readonly<ExtractCounts>;
  readonly rejected: readonly RejectedRow[];
  /** Notes for the whole run (duplicate master rows and the like). */
  readonly notes: readonly Bilingual[];
}

/** Options of a preparation. */
export interface PrepareOptions {
  readonly kind: PrepareKind;
  readonly judging: CivilDate;
  readonly master: readonly MasterRecord[];
  readonly nonMarket: readonly NonMarketRecord[];
  /** The valid service-area codes; when given, a row with another code is left out. */
  readonly validRegions?: ReadonlySet<string> | undefined;
}

/** A prepared channel's figures as the engine reads them (for `gradeChannel`). */
export function preparedFigures(c: PreparedChannel): {
  lossRatio: number;
  marketExpenseRatio: number;
  nonMarketExpenseRatio: number;
  premium: number;
  days: number | null;
  ownPremium: number;
} {
  return {
    lossRatio: c.lossRatio,
    marketExpenseRatio: c.marketExpenseRatio,
    nonMarketExpenseRatio: c.nonMarketExpenseRatio,
    premium: c.premium,
    days: c.days,
    ownPremium: c.ownPremium,
  };
}
