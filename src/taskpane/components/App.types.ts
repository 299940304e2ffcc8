import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';

/** Props of the task pane. */
export interface AppProps {
  /** Everything the pane can do; the pane itself never calls Office. */
  readonly workflow: PaneWorkflow;
}
