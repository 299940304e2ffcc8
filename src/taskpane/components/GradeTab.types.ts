import type { GradingMode, PrepareKind as GradingKind } from '../../core';
import type { GradeReport } from '../../grading';
import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';

/** What another tab hands to the Grade tab: grade this sheet, with this judging date and kind. */
export interface GradeHandoff {
  readonly sheet: string;
  /** `YYYY-MM-DD`. */
  readonly judgingDate?: string | undefined;
  readonly kind?: GradingKind | undefined;
  /** A new number for each handoff, so handing over the same sheet twice selects it again. */
  readonly nonce: number;
}

/** Where the Grade tab's result leads: the raw extract to 数据准备, the graded sheet to 复核 and 历史. */
export type GradeNextStep = 'prepare' | 'review' | 'history';

/** Props of the 分级 Grade tab. */
export interface GradeTabProps {
  readonly workflow: PaneWorkflow;
  /** Told when a run has graded a sheet, so the other tabs know it. */
  readonly onGraded?: ((report: GradeReport, mode?: GradingMode) => void) | undefined;
  /** A sheet, judging date and kind another tab asks to grade; selected when it changes. */
  readonly handoff?: GradeHandoff | undefined;
  /** Changes when the workbook changed elsewhere in the pane (a sheet prepared, rules saved): sheets are listed again. */
  readonly revision?: number | undefined;
  /** Opens the next step's tab. */
  readonly onNext?: ((step: GradeNextStep) => void) | undefined;
}
