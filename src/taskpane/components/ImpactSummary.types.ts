import type { Lang } from '../../core';
import type { ThresholdImpact } from '../../core/measureDistribution';

/** Props of the impact summary that stays in sight while thresholds are edited. */
export interface ImpactSummaryProps {
  readonly impact: ThresholdImpact | null;
  /** Whether an edit is waiting to be computed. */
  readonly pending: boolean;
  readonly lang: Lang;
  /** Scrolls to the full impact (the tables and the channels that move). */
  readonly onDetails?: (() => void) | undefined;
}
