/**
 * Fee headroom for finance (RULES.md §7).
 *
 * @packageDocumentation
 */
import type { Arithmetic } from './arithmetic.types';
import { COLOURS, type Colour } from './bands';
import type { CompiledRules } from './compileRules';
import { fastArithmetic } from './fastArithmetic';
import { problems, type Problem } from './problem';

/**
 * The largest market expense ratio that keeps a channel in `target` or better:
 * upper bound of the target band − ultimate loss ratio − non-market expense ratio, exact.
 * Below 0 means no market expense keeps the channel in that band. Deep red has no upper bound:
 * that is a problem value (#N/A), not a number.
 */
export function headroom(
  lossRatio: number,
  nonMarketExpenseRatio: number,
  target: Colour,
  rules: CompiledRules,
  arith: Arithmetic = fastArithmetic,
): number | Problem {
  const bound = rules.costMax[COLOURS.indexOf(target)];
  if (bound === undefined) return problems.noUpperBound();
  return arith.subtract2(bound, lossRatio, nonMarketExpenseRatio);
}
