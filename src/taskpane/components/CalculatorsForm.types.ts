import type { Lang } from '../../core';

/** Props of the small calculators (agent fee, agency price, stars, department standards). */
export interface CalculatorsFormProps {
  readonly lang: Lang;
}
