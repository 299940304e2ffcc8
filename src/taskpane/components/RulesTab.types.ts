import type { GradingMode } from '../../core';
import type { MeasuresWorkflow } from '../workflow/measuresWorkflow.types';
import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';

/** Props of the 规则 Rules tab. */
export interface RulesTabProps {
  readonly workflow: PaneWorkflow;
  /**
   * The company's own distribution of each measure and what the edited thresholds would change
   * (RULES.md §13); without it the section is not shown.
   */
  readonly measures?: MeasuresWorkflow | undefined;
  /** The sheet whose channels the section reads; the active sheet when omitted. */
  readonly sheet?: string | undefined;
  /** The grading mode of that sheet's figures (annual unless said; a prospective sheet has no days). */
  readonly mode?: GradingMode | undefined;
  /** Counts gradings made in this pane: the section reads the sheet's channels again when it changes. */
  readonly revision?: number | undefined;
  /** Told when rules were saved, so the other tabs know their results were graded with other rules. */
  readonly onSaved?: (() => void) | undefined;
  /** Opens the Grade tab to grade again with the saved rules. */
  readonly onGradeAgain?: (() => void) | undefined;
}
