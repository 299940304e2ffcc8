import type { HistoryWorkflow } from '../workflow/historyWorkflow.types';

/** Props of the 历史 History tab. */
export interface HistoryTabProps {
  readonly workflow: HistoryWorkflow;
  /** Who approves or notifies, as Office knows the user (editable); empty when unknown. */
  readonly userName: string;
  /** Changes when a grading has been recorded, so the tab reads the history again. */
  readonly revision?: number | undefined;
  /** The fingerprint of the workbook's rules in force: each grading says whether it was graded with them. */
  readonly rulesFingerprint?: string | undefined;
}
