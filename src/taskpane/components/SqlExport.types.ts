import type { Lang, RuleSet } from '../../core';

/** Props of the Rules tab's 导出 SQL Export SQL (CONTRACT.md §7). */
export interface SqlExportProps {
  readonly lang: Lang;
  /** The rule set to export (the workbook's rules as saved, or the valid edit); null while invalid. */
  readonly rules: RuleSet | null;
  /** Whether `rules` differ from the rules saved in the workbook (the script then is not of the workbook's rules). */
  readonly unsaved: boolean;
}
