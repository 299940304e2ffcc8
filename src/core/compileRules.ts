/**
 * Compiling a rule set for grading: thresholds as canonical doubles, and the resource matrix and
 * management levels resolved for all 45 classes ahead of time, so grading a row is table look-ups.
 *
 * @packageDocumentation
 */
import { COLOURS, DEPTHS, SCALES } from './bands';
import { canonical } from './canonical';
import { ALL_CLASSES, type ChannelClass } from './channelClass';
import { InvalidRulesError } from './errors';
import {
  DEFAULT_CHANNEL_TYPES,
  channelTypeProblems,
  compileChannelTypes,
  type ChannelTypeList,
  type CompiledChannelTypes,
} from './channelBoundary';
import { ruleFingerprint } from './fingerprint';
import type { Bilingual } from './lang';
import { RESOURCE_ITEM_COUNT } from './resourceItems';
import { DEFAULT_RULES, type AnyOf, type MatchRule, type RuleSet } from './ruleSet';
import { validateRuleSet } from './validateRuleSet';

declare const compiled: unique symbol;

/** A validated rule set ready to grade with. Only `compileRules` makes one. */
export interface CompiledRules {
  readonly [compiled]: true;
  readonly rules: RuleSet;
  readonly fingerprint: string;
  /** Inclusive upper bounds of deepBlue, blue, yellow, lightRed (canonical doubles). */
  readonly costMax: readonly [number, number, number, number];
  /** Inclusive lower bounds of scale A and B, in the sheet's premium unit. */
  readonly scaleMin: readonly [number, number];
  /** Inclusive lower bounds of depth Ⅰ and Ⅱ. */
  readonly depthMin: readonly [number, number];
  /** outcomes[classIndex − 1][item − 1]: the resource outcome of every class and item. */
  readonly outcomes: readonly (readonly Bilingual[])[];
  /** actions[classIndex − 1][item − 1]: the action text of the matching matrix row, or null. */
  readonly actions: readonly (readonly (Bilingual | null)[])[];
  /** management[classIndex − 1]: the responsible management level. */
  readonly management: readonly Bilingual[];
  /** review[classIndex − 1]: the review action 检视措施 (RULES.md §6). */
  readonly review: readonly Bilingual[];
  /** Warnings from reading the rules, e.g. that they were migrated from the old item numbering. */
  readonly warnings: readonly Bilingual[];
  /** The channel-type lists (RULES.md §14), compiled: what `otherChannelOf` matches a type against. */
  readonly channelTypes: CompiledChannelTypes;
}

function holds<T>(set: AnyOf<T>, value: T): boolean {
  return set === '*' || set.includes(value);
}

/** Whether a match rule's condition holds for a class. */
export function matches(rule: MatchRule, c: ChannelClass): boolean {
  return holds(rule.colours, c.colour) && holds(rule.scales, c.scale) && holds(rule.depths, c.depth);
}

function firstRow<R extends MatchRule>(rules: readonly R[], c: ChannelClass): R {
  const hit = rules.find((r) => matches(r, c));
  // Validation guarantees a catch-all, so a miss is a bug, not a data problem.
  if (!hit) throw new Error('rule list without a catch-all reached compileRules');
  return hit;
}

function firstMatch(rules: readonly MatchRule[], c: ChannelClass): Bilingual {
  return firstRow(rules, c).outcome;
}

/**
 * The rules fingerprint. The channel-type lists count only when they are not the shipped ones, so every
 * fingerprint of a rule set with the default lists stays what it was before the lists were data: they
 * join the fingerprinted text as one more review row no class can match (no colours).
 */
function fingerprintOf(rules: RuleSet): string {
  const lists = rules.channelTypes;
  if (lists === undefined || JSON.stringify(lists) === JSON.stringify(DEFAULT_CHANNEL_TYPES))
    return ruleFingerprint(rules);
  const text = lists.map((l) => `${l.channel}:${l.words.join(',')}`).join(';');
  return ruleFingerprint({
    ...rules,
    review: [
      ...rules.review,
      { colours: [], scales: [], depths: [], outcome: { zh: `channelTypes ${text}`, en: '' }, basis: 'custom' },
    ],
  });
}

/**
 * Validates and compiles a rule set (anything: a `RuleSet`, parsed JSON). Throws
 * `InvalidRulesError` naming every bad field: an invalid rule set never grades anything (RULES.md §10).
 */
export function compileRules(input: unknown = DEFAULT_RULES): CompiledRules {
  const v = validateRuleSet(input);
  if (!v.ok) throw new InvalidRulesError(v.problems);
  const given =
    typeof input === 'object' && input !== null ? (input as { channelTypes?: unknown }).channelTypes : undefined;
  const typeProblems = given === undefined ? [] : channelTypeProblems(given);
  if (typeProblems.length > 0)
    throw new InvalidRulesError(typeProblems.map((message) => ({ field: 'channelTypes', message })));
  const lists = given === undefined ? undefined : (given as readonly ChannelTypeList[]);
  const rules: RuleSet = lists === undefined ? v.rules : { ...v.rules, channelTypes: lists };
  const p = rules.parameters;
  const unit = p['premium.unit'];
  const byItem = Array.from({ length: RESOURCE_ITEM_COUNT }, (_, i) => rules.resources.filter((r) => r.item === i + 1));
  const rows = ALL_CLASSES.map((c) => byItem.map((list) => firstRow(list, c)));
  const outcomes = rows.map((r) => r.map((row) => row.outcome));
  const actions = rows.map((r) => r.map((row) => row.action ?? null));
  return {
    rules,
    fingerprint: fingerprintOf(rules),
    costMax: [p['cost.deepBlue.max'], p['cost.blue.max'], p['cost.yellow.max'], p['cost.lightRed.max']],
    // A power-of-ten unit only shifts the decimal point, so the bound in the sheet's unit stays exact.
    scaleMin: [canonical(p['scale.A.min'] / unit), canonical(p['scale.B.min'] / unit)],
    depthMin: [p['depth.I.min'], p['depth.II.min']],
    outcomes,
    actions,
    management: ALL_CLASSES.map((c) => firstMatch(rules.management, c)),
    review: ALL_CLASSES.map((c) => firstMatch(rules.review, c)),
    warnings: v.warnings,
    channelTypes: compileChannelTypes(rules.channelTypes ?? DEFAULT_CHANNEL_TYPES),
  } as unknown as CompiledRules; // the brand is a compile-time mark only
}

/** The shipped defaults, compiled once. */
export const DEFAULT_COMPILED: CompiledRules = compileRules(DEFAULT_RULES);

/** Colour ordinal (0 = deepBlue … 4 = deepRed) of a canonical cost ratio; upper bounds inclusive. */
export function colourOrdinal(costRate: number, rules: CompiledRules): number {
  const m = rules.costMax;
  return costRate <= m[0] ? 0 : costRate <= m[1] ? 1 : costRate <= m[2] ? 2 : costRate <= m[3] ? 3 : 4;
}

/** Scale ordinal (0 = A, 1 = B, 2 = C) of a canonical annualized scale; lower bounds inclusive. */
export function scaleOrdinal(annualScale: number, rules: CompiledRules): number {
  return annualScale >= rules.scaleMin[0] ? 0 : annualScale >= rules.scaleMin[1] ? 1 : 2;
}

/** Depth ordinal (0 = Ⅰ, 1 = Ⅱ, 2 = Ⅲ) of a canonical depth; lower bounds inclusive. */
export function depthOrdinal(depth: number, rules: CompiledRules): number {
  return depth >= rules.depthMin[0] ? 0 : depth >= rules.depthMin[1] ? 1 : 2;
}

/** The class of canonical measures under a rule set (RULES.md §2, §3). */
export function classOf(costRate: number, annualScale: number, depth: number, rules: CompiledRules): ChannelClass {
  return {
    colour: COLOURS[colourOrdinal(costRate, rules)] ?? 'deepRed',
    scale: SCALES[scaleOrdinal(annualScale, rules)] ?? 'C',
    depth: DEPTHS[depthOrdinal(depth, rules)] ?? 'III',
  };
}
