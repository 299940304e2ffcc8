/**
 * The options and the report of a grading run (CONTRACT.md §3–§5): types only, so that reading,
 * grading, review and history depend on them and not on each other.
 *
 * @packageDocumentation
 */
import type { Colour, CompiledRules, GradingMode, Lang, Scale } from '../core';
import type { SnapshotChannel } from '../core/snapshot';
import type { ColumnMapping } from './sheetLayout';

/** Where a run's rules came from (issue 15 point 1). */
export type RulesSource = 'options' | 'workbook' | 'defaults';

/** Options of a grading run. */
export interface GradeSheetOptions {
  /** The sheet to grade; the first sheet if omitted. */
  readonly sheet?: string | undefined;
  readonly mode?: GradingMode | undefined;
  /** Class group members as one unit (RULES.md §4). */
  readonly group?: boolean | undefined;
  /** Language of headers and labels written. */
  readonly lang?: Lang | undefined;
  readonly rules?: CompiledRules | undefined;
  /** Input columns set by the user, overriding what the headers say. */
  readonly mapping?: ColumnMapping | undefined;
  /** The header row, if the user sets it; found automatically otherwise. */
  readonly headerRow?: number | undefined;
  /** Rows per read and write; hosts with request limits choose smaller. */
  readonly chunkRows?: number | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly now?: (() => Date) | undefined;
  readonly by?: string | undefined;
  /** Keep a fingerprint per graded row on `分级指纹`, so the review can tell changed rows. */
  readonly fingerprints?: boolean | undefined;
  /**
   * Grade rows whose channel type belongs to 车商, 银保, 综拓 or 直销 (RULES.md §14) instead of leaving
   * them out as 疑似窜门; they are graded with the flag in their check column.
   */
  readonly keepOtherChannels?: boolean | undefined;
  /**
   * Keep every graded channel (its ID, name, 分公司, 三级机构, measures and the class it was given) in
   * the report, for a snapshot of this grading (RULES.md §12). Costs memory per channel: off unless asked.
   */
  readonly snapshot?: boolean | undefined;
}

/** What a run did, for the summary line, the pane and the tests. */
export interface GradeReport {
  readonly sheet: string;
  readonly headerRow: number;
  readonly outputStart: number;
  readonly rowsRead: number;
  readonly graded: number;
  readonly leftOut: number;
  readonly withProblems: number;
  readonly perColour: Readonly<Record<Colour, number>>;
  readonly perScale: Readonly<Record<Scale, number>>;
  readonly channelsPerClass: readonly number[];
  readonly premiumPerClass: readonly number[];
  /** Rows with problems or left out: sheet row number and the check text. */
  readonly problemRows: readonly { readonly row: number; readonly check: string }[];
  readonly warnings: readonly string[];
  readonly fingerprint: string;
  /** Whether the host drew the chart of channels per band on the summary sheet. */
  readonly charted: boolean;
  /** Where the rules came from: the caller, the workbook's `分级规则` (the default), or the shipped defaults. */
  readonly rulesSource?: RulesSource;
  /** Whether the rules graded with differ from the shipped defaults. */
  readonly rulesDifferFromDefaults?: boolean;
  /** The premium unit graded with (1 yuan, 10000 万元), after the headers had their say. */
  readonly premiumUnit?: number;
  /** Rows left out (or kept, with `keepOtherChannels`) as 疑似窜门 (RULES.md §14). */
  readonly otherChannelRows?: number;
  /** The rules the rows were graded with (the workbook's saved rules unless the caller gave some). */
  readonly rules?: CompiledRules;
  /** With the `snapshot` option: every graded channel with the class it was given (a group's, for its members). */
  readonly channels?: readonly SnapshotChannel[];
}
