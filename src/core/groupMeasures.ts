/**
 * Group channels classed as one unit (RULES.md §4, 第八条).
 *
 * @packageDocumentation
 */
import type { Arithmetic } from './arithmetic.types';
import { fastArithmetic } from './fastArithmetic';
import type { Measures } from './gradeChannel';
import { problems, type Outcome } from './problem';

/** What a member contributes to its group: its cost ratio and annualized scale. */
export interface GroupMember {
  readonly costRate: number;
  readonly annualScale: number;
}

/**
 * A group's measures: cost ratio = Σ(member cost ratio × member scale) ÷ Σ member scale;
 * scale = Σ member scale; depth = scale ÷ the group's whole own premium. A group whose members all
 * have zero scale has no weighted cost ratio (#DIV/0!); a zero own premium likewise; depth above
 * 100% is a data error (#NUM!).
 */
export function groupMeasures(
  members: readonly GroupMember[],
  groupOwnPremium: number,
  arith: Arithmetic = fastArithmetic,
): Outcome<Measures> {
  const scales = members.map((m) => m.annualScale);
  const cost = arith.weightedMean(
    members.map((m) => m.costRate),
    scales,
  );
  if (Number.isNaN(cost)) return { ok: false, problems: [problems.zeroGroupScale()] };
  if (!(groupOwnPremium > 0)) {
    return {
      ok: false,
      problems: [
        groupOwnPremium === 0
          ? problems.zeroOwnPremium('groupOwnPremium')
          : problems.negative('groupOwnPremium', groupOwnPremium),
      ],
    };
  }
  const scale = arith.sum(scales);
  const d = arith.mulDiv(scale, 1, groupOwnPremium);
  if (d > 1) return { ok: false, problems: [problems.depthAboveOne(d)] };
  return { ok: true, value: { costRate: cost, annualScale: scale, depth: d } };
}
