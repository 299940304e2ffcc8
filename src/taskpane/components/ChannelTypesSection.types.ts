import type { ChannelTypeList, Lang, RuleSet } from '../../core';

/** Props of the 渠道类型 Channel types section of the Rules tab (RULES.md §14). */
export interface ChannelTypesSectionProps {
  readonly lang: Lang;
  /** The rule set whose lists the fields start from (the shipped lists when it names none). */
  readonly base: RuleSet;
  /**
   * Told on every edit: the lists the fields make (undefined when they are the shipped ones), or null
   * while a field holds an invalid list (the rules cannot be saved then).
   */
  readonly onChange: (lists: readonly ChannelTypeList[] | undefined | null) => void;
}
