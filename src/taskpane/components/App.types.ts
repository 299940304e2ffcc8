import type { MeasuresWorkflow } from '../workflow/measuresWorkflow.types';
import type { PaneWorkflow } from '../workflow/PaneWorkflow.types';
import type { PrepareWorkflow } from '../workflow/prepareWorkflow.types';

/** Props of the task pane. */
export interface AppProps {
  /** Everything the pane can do; the pane itself never calls Office. */
  readonly workflow: PaneWorkflow;
  /** The 数据准备 Prepare step's workflow; the tab shows when it is given. */
  readonly prepare?: PrepareWorkflow | undefined;
  /** The Rules tab's distribution of each measure and threshold impact (RULES.md §13); shown when given. */
  readonly measures?: MeasuresWorkflow | undefined;
}

/** The pane's tabs, in order: 数据准备, 分级, 规则, 情景, 复核, 历史. */
export type PaneTabKey = 'prepare' | 'grade' | 'rules' | 'scenario' | 'review' | 'history';
