/**
 * Three-tier agency pricing (RULES.md §8): one national agency price for province and city agents
 * [doc]; on top, the company gives the province agent one to two points (1–2% of the price) as its
 * distribution management fee [doc], so a city agent moved under a province agent pays no more.
 *
 * @packageDocumentation
 */
import type { Arithmetic } from './arithmetic.types';
import { fastArithmetic } from './fastArithmetic';
import { problems, type Problem } from './problem';
import { readAmount, readNumber, type CellInput } from './readNumber';

/** The province agent's management fee range, in points (percent of the price) [doc]. */
export const MANAGEMENT_POINTS = { min: 1, max: 2 } as const;

/** A province agent's price. */
export interface AgencyPrice {
  /** The national price, what city agents pay. */
  readonly nationalPrice: number;
  /** The management fee the company gives the province agent. */
  readonly managementFee: number;
  /** What the province agent pays net of the fee. */
  readonly netPrice: number;
}

/** The province agent's management fee and net price for a national price. */
export function agencyPrice(
  nationalPrice: CellInput,
  managementPoints: CellInput,
  arith: Arithmetic = fastArithmetic,
): AgencyPrice | Problem {
  const price = readAmount(nationalPrice, 'nationalPrice');
  if (typeof price !== 'number') return price;
  const points = readNumber(managementPoints, 'managementPoints');
  if (typeof points !== 'number') return points;
  if (points < MANAGEMENT_POINTS.min || points > MANAGEMENT_POINTS.max)
    return problems.outOfRange('managementPoints', points, { zh: '1 至 2 个点', en: '1 to 2 points' });
  const fee = arith.quotient(arith.product(price, points), 100);
  return { nationalPrice: price, managementFee: fee, netPrice: arith.add(price, -fee) };
}
