import type { Lang, RuleSet } from '../../core';

/** Props of the Rules tab's resource matrix. */
export interface RulesMatrixProps {
  /** The rule set being edited (its actions). */
  readonly base: RuleSet;
  /** The valid rule set the drafts make, or null while invalid. */
  readonly rules: RuleSet | null;
  readonly lang: Lang;
  /** Sets the concrete action of the rule at this index of `base.resources`. */
  readonly onAction: (index: number, text: string) => void;
}
