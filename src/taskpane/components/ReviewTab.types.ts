import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';

/** Props of the 复核 Review tab. */
export interface ReviewTabProps {
  readonly workflow: PaneWorkflow;
  /** The sheet to review; the pane's detected sheet when omitted. */
  readonly sheet?: string | undefined;
  /** Changes when a grading or approval was recorded elsewhere in the pane, so the trail is read again. */
  readonly revision?: number | undefined;
  /** Told when a sign-off was recorded, so the history tab reads it. */
  readonly onSigned?: (() => void) | undefined;
  /** Opens the next step after the sign-off: 历史 History, where the grading is approved. */
  readonly onNext?: (() => void) | undefined;
}
