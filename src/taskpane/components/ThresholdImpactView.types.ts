import type { Lang } from '../../core';
import type { ThresholdImpact } from '../../core/measureDistribution';

/** Props of what the edited thresholds would change. */
export interface ThresholdImpactViewProps {
  readonly impact: ThresholdImpact;
  /** Channel name by ID, where the sheet has names. */
  readonly names: ReadonlyMap<string, string>;
  /** Annualized premium by channel ID, in the sheet's premium unit. */
  readonly premiums: ReadonlyMap<string, number>;
  /** The sheet's premium unit: 1 yuan or 10000 (万元). */
  readonly premiumUnit: number;
  readonly lang: Lang;
  /** Movers listed at most; the rest are counted. */
  readonly limit?: number | undefined;
}
