import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';

/** Props of the commission schedule form (情景 tab). */
export interface CommissionFormProps {
  readonly workflow: PaneWorkflow;
}
