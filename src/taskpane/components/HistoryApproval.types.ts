import type { ReactNode } from 'react';
import type { HistoryWorkflow, PaneHistory } from '../workflow/historyWorkflow.types';

/** Props of the History tab's approval and notices (第十条). */
export interface HistoryApprovalProps {
  readonly workflow: HistoryWorkflow;
  readonly history: PaneHistory;
  /** The grading decided on, by id. */
  readonly target: string;
  readonly onTarget: (id: string) => void;
  /** The gradings as options of a select, newest first. */
  readonly options: ReactNode;
  readonly userName: string;
  /** The history after a decision or a notice was recorded. */
  readonly onChanged: (next: PaneHistory) => void;
}
