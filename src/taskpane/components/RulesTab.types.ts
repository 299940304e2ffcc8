import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';

/** Props of the 规则 Rules tab. */
export interface RulesTabProps {
  readonly workflow: PaneWorkflow;
}
