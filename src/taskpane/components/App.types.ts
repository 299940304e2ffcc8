import type { CompiledRules, Lang } from '../../core';

/** Props of the pane's root: everything it shows comes in through here, never from Office. */
export interface AppProps {
  readonly rules: CompiledRules;
  readonly lang: Lang;
}
