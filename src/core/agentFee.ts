/**
 * Agent fees by tier (RULES.md §8): a yearly fee, a number of free first-time ratings, and 1,000
 * yuan for each first-time rating beyond them. Province 100,000 a year with 80 free, city 50,000 with
 * 40 free [doc]; the county row of the source is lost, so 20,000 with 15 free is a [default]; a
 * special agent (特约代理商) pays no yearly fee [doc] and has no free ratings [default].
 *
 * @packageDocumentation
 */
import type { Bilingual } from './lang';
import { problems, type Problem } from './problem';
import { readNumber, type CellInput } from './readNumber';

/** The agent tiers of RULES.md §8. */
export const AGENT_TIERS = ['province', 'city', 'county', 'special'] as const;
/** An agent tier. */
export type AgentTier = (typeof AGENT_TIERS)[number];

/** One tier's terms, with where each figure comes from. */
export interface AgentTerms {
  readonly label: Bilingual;
  readonly annualFee: number;
  readonly freeRatings: number;
  readonly perRating: number;
  readonly basis: 'doc' | 'default';
}

/** The terms of each tier. */
export const AGENT_TERMS: Readonly<Record<AgentTier, AgentTerms>> = {
  province: {
    label: { zh: '省级', en: 'province' },
    annualFee: 100_000,
    freeRatings: 80,
    perRating: 1_000,
    basis: 'doc',
  },
  city: { label: { zh: '市级', en: 'city' }, annualFee: 50_000, freeRatings: 40, perRating: 1_000, basis: 'doc' },
  county: {
    label: { zh: '县级', en: 'county' },
    annualFee: 20_000,
    freeRatings: 15,
    perRating: 1_000,
    basis: 'default',
  },
  special: { label: { zh: '特约', en: 'special' }, annualFee: 0, freeRatings: 0, perRating: 1_000, basis: 'default' },
};

/** Reads a tier in either language (省级 / province, 市级 / city, 县级 / county, 特约 / special). */
export function readAgentTier(value: CellInput): AgentTier | Problem {
  const text =
    typeof value === 'string'
      ? value
          .trim()
          .toLowerCase()
          .replace(/代理商?$/, '')
      : String(value ?? '');
  for (const t of AGENT_TIERS) if (text === t || text === AGENT_TERMS[t].label.zh) return t;
  return problems.unknownLabel('agentTier', String(value ?? ''), {
    zh: '省级、市级、县级或特约',
    en: 'province, city, county or special',
  });
}

/** The year's agent fee: yearly fee + 1,000 for each first-time rating beyond the free ones. */
export function agentFee(tier: AgentTier, firstTimeRatings: CellInput): number | Problem {
  const n = readNumber(firstTimeRatings, 'ratings');
  if (typeof n !== 'number') return n;
  if (n < 0 || !Number.isInteger(n))
    return problems.outOfRange('ratings', n, { zh: '非负整数', en: 'a whole number ≥ 0' });
  const t = AGENT_TERMS[tier];
  // Whole numbers of yuan and ratings: integer arithmetic is exact here.
  return t.annualFee + Math.max(0, n - t.freeRatings) * t.perRating;
}
