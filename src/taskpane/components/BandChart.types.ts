import type { Colour, Lang } from '../../core';

/** Props of the small chart of channels per colour band. */
export interface BandChartProps {
  readonly perColour: Readonly<Record<Colour, number>>;
  readonly lang: Lang;
}
