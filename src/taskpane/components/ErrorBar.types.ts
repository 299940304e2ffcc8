import type { Lang } from '../../core';

/** Props of the bar that shows a failed action's message. */
export interface ErrorBarProps {
  /** What was thrown; nothing shows while it is null. */
  readonly error: unknown;
  readonly lang: Lang;
}
