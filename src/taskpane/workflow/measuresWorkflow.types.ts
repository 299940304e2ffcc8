/**
 * What the 规则 Rules tab needs to show the company's own distribution of each measure and what a
 * proposed threshold would change (RULES.md §13), with no Office in sight. `createMeasuresWorkflow`
 * builds it over the same `PaneHost` as the other tabs.
 */
import type { Bilingual, CompiledRules, GradingMode, Lang, RuleSet } from '../../core';
import type { MeasuredChannel, ThresholdImpact } from '../../core/measureDistribution';

/** The channels of a sheet as the thresholds see them, read without writing anything. */
export interface MeasuredChannels {
  /** The sheet read. */
  readonly sheet: string;
  /**
   * Every graded row's channel with its own measures (a group member's too: its row's measures, not
   * its group's); `measures.annualScale` is its annualized premium, in the sheet's premium unit.
   * IDs are distinct: a blank or repeated code is named by its row (`C001（第 7 行）`).
   */
  readonly channels: readonly MeasuredChannel[];
  /** Channel name by ID, where the sheet has a name column. */
  readonly names: ReadonlyMap<string, string>;
  /** Data rows read (blank rows aside), and those not counted (a problem in their data, or left out). */
  readonly rows: number;
  readonly notCounted: number;
  /** The rules in force, as the rows were graded with them (the premium unit the headers state). */
  readonly rules: CompiledRules;
  /** The sheet's premium unit: 1 yuan or 10000 (万元). */
  readonly premiumUnit: number;
  /** The unit the premium headers state (`合作保费（万元）`), which decides over any rule set's; null when they say none. */
  readonly headerUnit: number | null;
  /** What the user should know about how the figures were read (group members, …). */
  readonly notes: readonly Bilingual[];
  /** The reading's warnings, in the pane's language first. */
  readonly warnings: readonly string[];
}

/** The Rules tab's view of the company's own data. */
export interface MeasuresWorkflow {
  readonly lang: Lang;
  /**
   * Reads and measures the channels of `sheet` (the active sheet, else the first data sheet) with the
   * rules in force and the sheet's saved column mapping, in `mode` (annual unless said: a prospective
   * sheet has no cooperation days); writes nothing. Throws the grading's typed errors (no such sheet,
   * missing columns, …), which the pane shows.
   */
  measuredChannels(sheet?: string, signal?: AbortSignal, mode?: GradingMode): Promise<MeasuredChannels>;
  /**
   * What `proposed` would change against the rules in force for these channels: channels and
   * premium changing class, colour counts before and after, the moves flagged (RULES.md §12, §13).
   * The headers' premium unit decides over the proposal's, as grading would. Throws
   * `InvalidRulesError` for a proposal that is not a valid rule set.
   */
  impact(measured: MeasuredChannels, proposed: RuleSet): ThresholdImpact;
}
