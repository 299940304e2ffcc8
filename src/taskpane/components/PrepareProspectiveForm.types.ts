import type { CivilDate } from '../../core';
import type { PrepareSheetReport } from '../../grading/prepareSheet';
import type { PrepareWorkflow } from '../workflow/prepareWorkflow.types';

/** Props of the 经代渠道合作信息表 form (RULES.md §5.1, §12). */
export interface PrepareProspectiveFormProps {
  readonly workflow: PrepareWorkflow;
  /** The non-market sheet picked in the Prepare step (its budget ratio is used). */
  readonly nonMarketSheet: string | undefined;
  readonly judging: CivilDate;
  readonly onGraded?: (report: PrepareSheetReport) => void;
}
