import type { Lang } from '../../core';
import type { MeasureDistribution } from '../../core/measureDistribution';

/** A threshold drawn on a histogram as a vertical line with its label. */
export interface HistogramThreshold {
  /** Where it stands, in the measure's own values. */
  readonly value: number;
  /** A short label drawn at the line, e.g. `蓝|黄 95%`. */
  readonly label: string;
  /** The full label, for the tooltip, the screen reader and the list under the chart. */
  readonly title: string;
  /** The threshold in force where the user's edit moved it: drawn dashed, the edit solid. */
  readonly inForce?: boolean | undefined;
}

/** Props of a measure's histogram. */
export interface MeasureHistogramProps {
  /** The measure's name, the pane's language first. */
  readonly title: string;
  /** Identifies the chart in tests and for its description (`costRate`, …). */
  readonly id: string;
  readonly distribution: MeasureDistribution;
  readonly thresholds: readonly HistogramThreshold[];
  /** A value as users read it (a percentage, 万元). */
  readonly show: (value: number) => string;
  readonly lang: Lang;
}
