import type { CompiledRules, Lang } from '../../core';

/** Props of the read-only summary of the rules in force. */
export interface RulesSummaryProps {
  /** The compiled rules the pane grades with. */
  readonly rules: CompiledRules;
  /** Label language: Chinese first, English under an English Office. */
  readonly lang: Lang;
}
