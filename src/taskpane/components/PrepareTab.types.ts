import type { PrepareSheetReport } from '../../grading/prepareSheet';
import type { PrepareWorkflow } from '../workflow/prepareWorkflow.types';

/** Props of the 数据准备 Prepare step. */
export interface PrepareTabProps {
  readonly workflow: PrepareWorkflow;
  /** The judging date's default; today when omitted (tests pass a fixed day). */
  readonly today?: Date;
  /** Called with the prepared and graded sheet, so the other tabs work on it. */
  readonly onGraded?: (report: PrepareSheetReport) => void;
}
