import type { CivilDate, DataWindow, Lang } from '../../core';
import type { PrepareSheetReport } from '../../grading/prepareSheet';
import type { PaneRecorded } from '../workflow/historyWorkflow.types';
import type { ExtractDates } from '../workflow/prepareWorkflow.types';

/** Props of what the Prepare step did. */
export interface PrepareResultProps {
  readonly report: PrepareSheetReport & { readonly recorded?: PaneRecorded | null };
  readonly lang: Lang;
  /** The window the preparation used, and the extract's own dates, to say why nothing was prepared. */
  readonly window: DataWindow | null;
  readonly dates: ExtractDates | null;
  /** A judging date whose window covers the extract's last months, offered when this one missed them. */
  readonly proposal: CivilDate | null;
  readonly onUseDate: (date: CivilDate) => void;
  /** The next step: the Grade tab with the prepared sheet, or 复核 Review. */
  readonly onGrade?: (() => void) | undefined;
  readonly onReview?: (() => void) | undefined;
}
