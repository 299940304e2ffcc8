/**
 * The approval trail's vocabulary (RULES.md §12, 第十条): the roles, the steps each role takes, and the
 * entries of the append-only trail — the steps of 第十条 and the row review's sign-off (复核完成), which
 * is its own step and never the approval.
 *
 * @packageDocumentation
 */
import type { Bilingual } from './lang';

/** The roles of 第十条. */
export const ROLES = ['grader', 'approver', 'branch'] as const;
/** A role: the head office's 经代部 grades, its 个人客户运营部 reviews and approves, a branch is notified. */
export type Role = (typeof ROLES)[number];

/** Role names as users know them. */
export const ROLE_LABELS: Readonly<Record<Role, Bilingual>> = {
  grader: { zh: '经代部', en: 'Brokerage & agency dept.' },
  approver: { zh: '个人客户运营部', en: 'Personal customer operations dept.' },
  branch: { zh: '分支机构', en: 'Branch' },
};

/** What can be done to a snapshot, and by which role (第十条). */
export const TRAIL_ACTIONS = {
  graded: 'grader',
  approved: 'approver',
  returned: 'approver',
  notified: 'grader',
  acknowledged: 'branch',
} as const satisfies Record<string, Role>;
/** An action on the trail. */
export type TrailAction = keyof typeof TRAIL_ACTIONS;

/** One line of the append-only approval trail. */
export interface TrailEntry {
  /** ISO timestamp with zone. */
  readonly at: string;
  readonly who: string;
  readonly role: Role;
  readonly action: TrailAction;
  readonly snapshotId: string;
  /** The rules fingerprint of the snapshot acted on, so an approval names the rules it approved. */
  readonly rulesFingerprint: string;
  /** For `notified`/`acknowledged`: the 分公司 or 三级机构. For `approved` with rows pending: why. */
  readonly note?: string | undefined;
}

/**
 * The row review's sign-off (复核完成) on a grading: its own step on the trail, never the approval
 * (RULES.md §12). It records how many rows the review left pending (待复核); approving a grading whose
 * review left rows pending needs a reason.
 */
export interface ReviewEntry extends Omit<TrailEntry, 'action'> {
  readonly action: 'reviewed';
  /** Rows still 待复核 when the review was signed off. */
  readonly pendingRows: number;
}

/** One step of the trail: a step of 第十条 (graded, approved, returned, notified, acknowledged) or a review sign-off. */
export type TrailStep = TrailEntry | ReviewEntry;
