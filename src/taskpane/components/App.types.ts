import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';
import type { PrepareWorkflow } from '../workflow/prepareWorkflow.types';

/** Props of the task pane. */
export interface AppProps {
  /** Everything the pane can do; the pane itself never calls Office. */
  readonly workflow: PaneWorkflow;
  /** The 数据准备 Prepare step's workflow; the tab shows when it is given. */
  readonly prepare?: PrepareWorkflow | undefined;
}
