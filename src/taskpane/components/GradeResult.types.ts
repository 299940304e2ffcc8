import type { GradingMode, Lang } from '../../core';
import type { LoadedRules, PaneGradeReport } from '../workflow/PaneWorkflow.types';
import type { GradeNextStep } from './GradeTab.types';

/** Props of the Grade tab's result: what the run did, and the next step. */
export interface GradeResultProps {
  readonly report: PaneGradeReport;
  readonly lang: Lang;
  /** When and how the run was made (from this pane). */
  readonly gradedAt: { readonly at: Date; readonly mode: GradingMode; readonly keepOther: boolean } | null;
  /** The rules read on open, so their notice is not said twice. */
  readonly loaded: LoadedRules | null;
  /** The fingerprint of the rules in force now; differs from the report's once other rules were saved. */
  readonly rulesNow: string;
  /** Grades the same sheet again (offered when the rules changed since). */
  readonly onGradeAgain: () => void;
  readonly onSelectRow: (row: number) => void;
  readonly onNext?: ((step: GradeNextStep) => void) | undefined;
  /** Whether a run is going: the offers wait for it. */
  readonly busy: boolean;
}
