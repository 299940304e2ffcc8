import type { Lang } from '../../core';

/** Props of the 5 × 5 colour migration matrix. */
export interface MigrationMatrixProps {
  /** colours[from][to]: channels graded in both, by colour ordinal (0 deep blue … 4 deep red). */
  readonly colours: readonly (readonly number[])[];
  readonly lang: Lang;
}
