import type { GradingMode, RuleSet } from '../../core';
import type { ThresholdImpact } from '../../core/measureDistribution';
import type { MeasuresWorkflow } from '../workflow/measuresWorkflow.types';

/** Props of the Rules tab's section on the company's own data (RULES.md §13). */
export interface MeasureSectionProps {
  readonly measures: MeasuresWorkflow;
  /** The sheet to read; the active sheet when omitted. */
  readonly sheet?: string | undefined;
  /** The grading mode the sheet's figures are for (annual unless said). */
  readonly mode?: GradingMode | undefined;
  /** The rule set as the user is editing it, or null while it is invalid. */
  readonly proposed: RuleSet | null;
  /** Whether the workbook's own rules have been read: the channels are measured under the rules in force. */
  readonly ready: boolean;
  /** Changes when the rules in force or the sheet may have changed (a save, a grading): read again. */
  readonly revision: string;
  /** Told the impact whenever it is computed again (null while there is none), so it can be shown beside the edit. */
  readonly onImpact?: ((impact: ThresholdImpact | null, pending: boolean) => void) | undefined;
  /** How long the edits rest before the impact is computed again, in ms. */
  readonly debounceMs?: number | undefined;
}
