import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';

/** Props of the 复核 Review tab. */
export interface ReviewTabProps {
  readonly workflow: PaneWorkflow;
  /** The sheet to review; the pane's detected sheet when omitted. */
  readonly sheet?: string | undefined;
}
