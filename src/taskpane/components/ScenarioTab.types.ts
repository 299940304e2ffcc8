import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';

/** Props of the 情景 Scenario tab. */
export interface ScenarioTabProps {
  readonly workflow: PaneWorkflow;
  /** The sheet to work on; the pane's detected sheet when omitted. */
  readonly sheet?: string | undefined;
}
