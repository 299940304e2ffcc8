import type { GradingMode } from '../../core';
import type { GradeReport } from '../../grading';
import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';

/** Props of the 分级 Grade tab. */
export interface GradeTabProps {
  readonly workflow: PaneWorkflow;
  /** Told when a run has graded a sheet, so the other tabs know it. */
  readonly onGraded?: ((report: GradeReport, mode?: GradingMode) => void) | undefined;
}
