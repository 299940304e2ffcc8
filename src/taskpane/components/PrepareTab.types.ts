import type { PrepareSheetReport } from '../../grading/prepareSheet';
import type { PrepareWorkflow } from '../workflow/prepareWorkflow.types';
import type { GradeHandoff } from './GradeTab.types';

/** Where the Prepare step's result leads: the Grade tab with the prepared sheet, or 复核. */
export type PrepareNextStep = 'grade' | 'review';

/** Props of the 数据准备 Prepare step. */
export interface PrepareTabProps {
  readonly workflow: PrepareWorkflow;
  /** The judging date's default when the extract gives none; today when omitted (tests pass a fixed day). */
  readonly today?: Date;
  /** Called with the prepared and graded sheet, so the other tabs work on it. */
  readonly onGraded?: (report: PrepareSheetReport) => void;
  /** Opens the next step; to the Grade tab with the prepared sheet, its judging date and kind. */
  readonly onNext?: ((step: PrepareNextStep, handoff?: GradeHandoff) => void) | undefined;
}
