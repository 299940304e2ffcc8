/**
 * What the 历史 History tab (and the Grade and Review tabs' history parts) get as props: the workbook's
 * gradings as snapshots, the movement between two of them, a channel's trail of classes, and the
 * approval trail of 第十条 (RULES.md §12). `createHistoryWorkflow` builds it over a PaneHost.
 */
import type { GradingStatus } from '../../core/gradingState';
import type {
  ClassMove,
  ClassesInForce,
  History,
  Lang,
  Movement,
  PrepareKind as GradingKind,
  RollUp,
  Snapshot,
  TrailEntry,
} from '../../core';

/** One grading as the History tab lists it. */
export interface SnapshotSummary {
  readonly id: string;
  readonly judgingDate: string;
  readonly kind: GradingKind;
  readonly gradedBy: string;
  readonly gradedAt: string;
  readonly rulesFingerprint: string;
  readonly channels: number;
  /** The latest approval decision (approved or returned), or null: 待审批 pending. */
  readonly decision: TrailEntry | null;
  /** Every entry of the trail on this grading but `graded`, oldest first: no approval is ever dropped. */
  readonly steps: readonly TrailEntry[];
  /** Its state (待审批 / 已审批 / 已退回 / 已通知 / 已确认), the review's sign-off (复核完成) and the branches notified. */
  readonly status: GradingStatus;
}

/** The workbook's history as the pane shows it. */
export interface PaneHistory {
  /** As read from 分级历史 and 审批记录. */
  readonly history: History;
  /** Oldest first, as recorded. */
  readonly snapshots: readonly SnapshotSummary[];
}

/** A channel that moved between two gradings, with its name (from either grading). */
export interface PaneMove extends ClassMove {
  readonly channelName: string | null;
}

/** The movement between two gradings, flagged movers first. */
export interface PaneMovement {
  readonly earlier: SnapshotSummary;
  readonly later: SnapshotSummary;
  readonly movement: Movement;
  readonly moves: readonly PaneMove[];
  readonly flagged: number;
}

/** One channel found by the search: its classes over the gradings, and its classes in force. */
export interface ChannelTrail {
  readonly channelId: string;
  readonly channelName: string | null;
  /** Per grading, oldest first: its class index there, or null where it was not graded. */
  readonly classes: readonly { readonly snapshot: SnapshotSummary; readonly classIndex: number | null }[];
  /** The annual and in-year classes side by side and which one resource matching uses (第四条). */
  readonly inForce: ClassesInForce | null;
}

/** What a recorded grading adds to the Grade tab's result. */
export interface PaneRecorded {
  readonly snapshot: Snapshot;
  readonly previous: Snapshot | null;
  /** Against the previous grading; null for the first one. */
  readonly movement: { readonly up: number; readonly down: number; readonly flagged: number } | null;
}

/** Roll-ups per 分公司 and per 三级机构 (RULES.md §12). */
export interface PaneRollUps {
  readonly company: readonly RollUp[];
  readonly branch: readonly RollUp[];
}

/** Notice sheets written for a grading. */
export interface NoticesWritten {
  readonly by: 'company' | 'branch';
  readonly sheets: readonly string[];
  /** The 分公司 or 三级机构 each sheet is for, in the same order. */
  readonly keys: readonly string[];
  /** Channels with no 分公司 (or 三级机构): on no notice. */
  readonly unassigned: number;
}

/** The history side of the pane. */
export interface HistoryWorkflow {
  readonly lang: Lang;
  /** Reads 分级历史 and 审批记录 (an empty history when the workbook has none). */
  read(): Promise<PaneHistory>;
  /** The movement from `earlierId` to `laterId` in a history read before. */
  movement(history: PaneHistory, earlierId: string, laterId: string): PaneMovement;
  /** Channels whose ID or name contains `query` (at most `limit`), with their trails. */
  search(history: PaneHistory, query: string, limit?: number): ChannelTrail[];
  /**
   * Approves or returns a grading as the 个人客户运营部 (第十条), appended to 审批记录 with the grading's
   * rules fingerprint; earlier entries stay. Gives the history after it.
   */
  decide(snapshotId: string, decision: 'approved' | 'returned', who: string, note: string): Promise<PaneHistory>;
  /** Writes one notice sheet per 分公司 or 三级机构 for a grading (通知-<key>). */
  notices(snapshotId: string, by: 'company' | 'branch'): Promise<NoticesWritten>;
  /** Records on the trail that the 经代部 notified each of these branches of a grading. */
  notified(snapshotId: string, keys: readonly string[], who: string): Promise<PaneHistory>;
}
