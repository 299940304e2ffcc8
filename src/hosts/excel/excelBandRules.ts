/** Telling the add-in's own band rules (conditional formats) from the user's. */
import { BAND_FILLS } from '../../grading';

/** The marker in the formula of the add-in's own band rules: only rules carrying it are removed. */
export const BAND_RULE_MARKER = 'N("qd-band")=0';

/** What is loaded of conditional formats to tell the add-in's band rules from the user's. */
export const BAND_RULE_FIELDS =
  'items/id,items/type,items/customOrNullObject/rule/formula,items/cellValueOrNullObject/rule,items/cellValueOrNullObject/format/fill/color';

/** The band fills, as Excel reports a rule's fill colour. */
const BAND_COLOURS = new Set(Object.values(BAND_FILLS).map((f) => `#${f.fill}`.toUpperCase()));

/**
 * The ids of the add-in's own band rules among conditional formats: custom rules carrying
 * BAND_RULE_MARKER, and the cell-value rules of earlier versions (`="label"` filled with a band
 * colour). A user's rule, whatever it spans, is not among them.
 */
export function ownRuleIds(items: readonly Excel.ConditionalFormat[]): string[] {
  return items
    .filter((cf) => {
      if (cf.type === 'Custom') return cf.customOrNullObject.rule.formula.includes(BAND_RULE_MARKER);
      if (cf.type !== 'CellValue') return false;
      const cv = cf.cellValueOrNullObject;
      return (
        /^="[^"]*"$/.test(String(cv.rule.formula1)) && BAND_COLOURS.has(String(cv.format.fill.color).toUpperCase())
      );
    })
    .map((cf) => cf.id);
}
