import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';

/** Props of the general agency plan form (情景 tab). */
export interface AgencyPlanFormProps {
  readonly workflow: PaneWorkflow;
}
