/**
 * A grading's state and the order of its steps (RULES.md §12, 第十条: 经代部分类后，报个人客户运营部审核后，
 * 通知机构). A grading is 待审批 (pending) once graded; the 个人客户运营部 approves it (已审批) or returns it
 * (已退回); only an approved grading is notified to the branches (已通知), and only a notified grading is
 * acknowledged by a branch (已确认). A returned grading is never notified: it is superseded by grading
 * again. Approving and returning belong to someone other than the person who graded (four eyes). The row
 * review's sign-off (复核完成) is its own step, never the approval; approving a grading whose review left
 * rows pending needs a reason, recorded with the approval.
 *
 * Every face asks `stepRefusal` before it records a step, and shows `allowedSteps` (a button disabled
 * with its reason). The state is read from the trail alone, so it is the same in every face.
 *
 * @packageDocumentation
 */
import { UsageError } from './errors';
import type { Bilingual } from './lang';
import { ROLE_LABELS, TRAIL_ACTIONS, type ReviewEntry, type Role, type TrailStep } from './trail';

/**
 * What the state machine needs of a grading: its id and who graded it (a `Snapshot` has both). Kept
 * structural so that snapshot.ts, which asks this module for the state, is not imported back.
 */
export interface GradingRef {
  readonly id: string;
  readonly gradedBy: string;
}

/** The states of a grading (RULES.md §12). */
export const GRADING_STATES = ['pending', 'approved', 'returned', 'notified', 'acknowledged'] as const;
/** A grading's state. */
export type GradingState = (typeof GRADING_STATES)[number];

/** The states as the users name them. */
export const GRADING_STATE_LABELS: Readonly<Record<GradingState, Bilingual>> = {
  pending: { zh: '待审批', en: 'awaiting approval' },
  approved: { zh: '已审批', en: 'approved' },
  returned: { zh: '已退回', en: 'returned' },
  notified: { zh: '已通知', en: 'notified' },
  acknowledged: { zh: '已确认', en: 'acknowledged' },
};

/** The mark on every page of the notices and the report of a grading not yet approved (RULES.md §12). */
export const DRAFT_MARK: Bilingual = { zh: '待审批 · 草稿', en: 'Awaiting approval · Draft' };

/** A step a face may propose after the grading: the four of 第十条 and the row review's sign-off. */
export const STEP_ACTIONS = ['reviewed', 'approved', 'returned', 'notified', 'acknowledged'] as const;
/** A step that can be proposed. */
export type StepAction = (typeof STEP_ACTIONS)[number];

/** Each step's name as a person reads it (the button, the refusal). */
export const STEP_LABELS: Readonly<Record<StepAction | 'graded', Bilingual>> = {
  graded: { zh: '分级', en: 'graded' },
  reviewed: { zh: '复核完成', en: 'review signed off' },
  approved: { zh: '批准', en: 'approved' },
  returned: { zh: '退回', en: 'returned' },
  notified: { zh: '通知', en: 'notified' },
  acknowledged: { zh: '确认收到', en: 'acknowledged' },
};

/** The role each step belongs to (第十条): the review and the decision are the 个人客户运营部's. */
export const STEP_ROLES: Readonly<Record<StepAction, Role>> = {
  reviewed: 'approver',
  approved: TRAIL_ACTIONS.approved,
  returned: TRAIL_ACTIONS.returned,
  notified: TRAIL_ACTIONS.notified,
  acknowledged: TRAIL_ACTIONS.acknowledged,
};

/** A step proposed on a grading: what, by whom, in which role, with which note. */
export interface ProposedStep {
  readonly action: StepAction;
  readonly who: string;
  readonly role: Role;
  /** For an approval with rows pending: the reason. For notified/acknowledged: the 分公司 or 三级机构. */
  readonly note?: string | undefined;
}

function sameSnapshot(id: string): (e: TrailStep) => boolean {
  return (e) => e.snapshotId === id;
}

/**
 * A grading's state from its trail (RULES.md §12). Steps out of order in a trail written before the
 * order was enforced do not move the state: a notice before any approval leaves it 待审批, and the first
 * decision (approved or returned) is the one that holds.
 */
export function gradingStateOf(trail: readonly TrailStep[], snapshotId: string): GradingState {
  let state: GradingState = 'pending';
  for (const e of trail) {
    if (e.snapshotId !== snapshotId) continue;
    if (state === 'pending' && (e.action === 'approved' || e.action === 'returned')) state = e.action;
    else if (state === 'approved' && e.action === 'notified') state = 'notified';
    else if (state === 'notified' && e.action === 'acknowledged') state = 'acknowledged';
  }
  return state;
}

/** Whether a grading's classes are approved (approved, notified or acknowledged): in force, no draft mark. */
export function isApprovedState(state: GradingState): boolean {
  return state === 'approved' || state === 'notified' || state === 'acknowledged';
}

/** The latest row-review sign-off (复核完成) on a grading, or null when its rows were never signed off. */
export function reviewOf(trail: readonly TrailStep[], snapshotId: string): ReviewEntry | null {
  for (let i = trail.length - 1; i >= 0; i--) {
    const e = trail[i] as TrailStep;
    if (e.snapshotId === snapshotId && e.action === 'reviewed') return e;
  }
  return null;
}

/** The branches (notes of `notified` steps) a grading was notified to, in order, without repeats. */
export function notifiedKeys(trail: readonly TrailStep[], snapshotId: string): string[] {
  const keys = trail
    .filter(sameSnapshot(snapshotId))
    .flatMap((e) => (e.action === 'notified' && e.note !== undefined && e.note.trim() !== '' ? [e.note.trim()] : []));
  return [...new Set(keys)];
}

/** Names compared for four eyes: case, surrounding and inner white space, full-width letters ignored. */
function samePerson(a: string, b: string): boolean {
  const fold = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return fold(a) !== '' && fold(a) === fold(b);
}

function refusal(zh: string, en: string): Bilingual {
  return { zh, en };
}

/**
 * Why a proposed step may not be taken on a grading now, or null when it may (RULES.md §12, 第十条).
 * The refusal is bilingual and says what comes first. Checks, in order: the step's role; four eyes (the
 * grader neither approves nor returns his own grading); the order of the states; an approval of a grading
 * whose review left rows pending needs a reason (`note`); a branch acknowledges only a notice it was sent.
 */
export function stepRefusal(trail: readonly TrailStep[], snapshot: GradingRef, step: ProposedStep): Bilingual | null {
  const id = snapshot.id;
  const label = STEP_LABELS[step.action];
  const needs = STEP_ROLES[step.action];
  if (step.role !== needs)
    return refusal(
      `${ROLE_LABELS[step.role].zh}不能执行“${label.zh}”：应由${ROLE_LABELS[needs].zh}执行（第十条）`,
      `the ${ROLE_LABELS[step.role].en} cannot do "${label.en}": it is for the ${ROLE_LABELS[needs].en} (Art. 10)`,
    );
  if ((step.action === 'approved' || step.action === 'returned') && samePerson(step.who, snapshot.gradedBy))
    return refusal(
      `${step.who} 是分级 ${id} 的分级人，不能${label.zh}自己的分级（四眼原则）：应由${ROLE_LABELS.approver.zh}的另一位人员审批`,
      `${step.who} graded ${id} and cannot have it ${label.en} by himself (four eyes): someone else of the ${ROLE_LABELS.approver.en} decides`,
    );
  const state = gradingStateOf(trail, id);
  const stateLabel = GRADING_STATE_LABELS[state];
  switch (step.action) {
    case 'reviewed':
      if (state !== 'pending')
        return refusal(
          `分级 ${id} ${stateLabel.zh}：复核签字须在审批之前；如需重新复核，请重新分级`,
          `grading ${id} is ${stateLabel.en}: the review is signed off before the decision; to review again, grade again`,
        );
      return null;
    case 'approved':
    case 'returned': {
      if (state !== 'pending')
        return refusal(
          `分级 ${id} 已有审批结论（${stateLabel.zh}），不能再${label.zh}：结论只做一次；如需改变，请重新分级后审批新的分级`,
          `grading ${id} is already decided (${stateLabel.en}) and cannot be ${label.en} again: to change the outcome, grade again and decide on the new grading`,
        );
      const review = reviewOf(trail, id);
      const note = step.note?.trim() ?? '';
      if (step.action === 'approved' && review !== null && review.pendingRows > 0 && note === '')
        return refusal(
          `分级 ${id} 的复核尚有 ${review.pendingRows} 行待复核：批准须写明理由（备注），理由随批准记录`,
          `the review of grading ${id} left ${review.pendingRows} rows pending: approving it needs a reason (a note), recorded with the approval`,
        );
      return null;
    }
    case 'notified':
      if (state === 'pending')
        return refusal(
          `分级 ${id} 待审批：须先经${ROLE_LABELS.approver.zh}审批，才能通知机构（第十条：经代部分类后，报个人客户运营部审核后，通知机构）`,
          `grading ${id} awaits approval: the ${ROLE_LABELS.approver.en} approves it first, then the branches are notified (Art. 10)`,
        );
      if (state === 'returned')
        return refusal(
          `分级 ${id} 已退回，不能通知：请重新分级，经审批后再通知新的分级`,
          `grading ${id} was returned and is never notified: grade again, have the new grading approved, then notify it`,
        );
      return null;
    case 'acknowledged': {
      if (state !== 'notified' && state !== 'acknowledged')
        return refusal(
          `分级 ${id} ${stateLabel.zh}：机构只能确认已通知的分级，须先审批、再通知`,
          `grading ${id} is ${stateLabel.en}: a branch acknowledges only a grading it was notified of; it is approved, then notified first`,
        );
      const keys = notifiedKeys(trail, id);
      const note = step.note?.trim() ?? '';
      if (note !== '' && keys.length > 0 && !keys.includes(note))
        return refusal(
          `分级 ${id} 尚未通知“${note}”（已通知：${keys.join('、')}）：须先通知该机构，再由其确认`,
          `grading ${id} was not notified to "${note}" (notified: ${keys.join(', ')}): notify that branch first`,
        );
      return null;
    }
  }
}

/**
 * A step refused by the order of 第十条, its role or four eyes: a misuse (exit status 2 on the command
 * line); nothing was recorded; the message says what comes first.
 */
export class StepRefusedError extends UsageError {}

/** Throws `StepRefusedError` with `stepRefusal`'s reason when the step may not be taken. */
export function assertStepAllowed(trail: readonly TrailStep[], snapshot: GradingRef, step: ProposedStep): void {
  const why = stepRefusal(trail, snapshot, step);
  if (why !== null) throw new StepRefusedError(why);
}

/** One step as a face shows it: a button enabled, or disabled with the reason. */
export interface AllowedStep {
  readonly action: StepAction;
  readonly label: Bilingual;
  readonly role: Role;
  readonly allowed: boolean;
  /** Why not (what comes first); null when allowed. */
  readonly reason: Bilingual | null;
  /** For an approval: a reason must be written (the review left rows pending). */
  readonly needsNote: boolean;
}

/**
 * Every step and whether `who` may take it on the grading now (RULES.md §12): what the History and
 * Review tabs show as buttons, disabled with the reason. Without `who`, four eyes is not judged (the
 * person is not known yet). The role is the step's own.
 */
export function allowedSteps(trail: readonly TrailStep[], snapshot: GradingRef, who?: string): AllowedStep[] {
  const review = reviewOf(trail, snapshot.id);
  const pendingRows = review?.pendingRows ?? 0;
  return STEP_ACTIONS.map((action) => {
    const role = STEP_ROLES[action];
    // A note stands in for the reason so that a button is not disabled for want of text not yet typed.
    const reason = stepRefusal(trail, snapshot, { action, role, who: who ?? '', note: 'x' });
    return {
      action,
      label: STEP_LABELS[action],
      role,
      allowed: reason === null,
      reason,
      needsNote: action === 'approved' && pendingRows > 0,
    };
  });
}

/** A grading's state with what the faces show beside it: the decision, the review, the branches notified. */
export interface GradingStatus {
  readonly snapshotId: string;
  readonly state: GradingState;
  readonly label: Bilingual;
  /** Whether its notices and report are drafts (待审批 · 草稿): not approved. */
  readonly draft: boolean;
  readonly review: ReviewEntry | null;
  readonly notified: readonly string[];
}

/** The status of a grading (RULES.md §12): its state, whether it is a draft, its review and notices. */
export function gradingStatus(trail: readonly TrailStep[], snapshotId: string): GradingStatus {
  const state = gradingStateOf(trail, snapshotId);
  return {
    snapshotId,
    state,
    label: GRADING_STATE_LABELS[state],
    draft: !isApprovedState(state),
    review: reviewOf(trail, snapshotId),
    notified: notifiedKeys(trail, snapshotId),
  };
}
