/**
 * What the pane's components get as props: every action they can take, with no Office in sight.
 * `createPaneWorkflow` builds it over a WorkbookPort and a `PaneHost` (Excel in the add-in, memory
 * in tests).
 */
import type {
  AgencyPlan,
  Bilingual,
  CommissionPayment,
  CompiledRules,
  GradingMode,
  Lang,
  PrepareKind as GradingKind,
  RuleSet,
  ScenarioTarget,
} from '../../core';
import type { ColumnMapping, GradeReport, ReviewState, ReviewStatus, ScenarioReport } from '../../grading';
import type { HistoryWorkflow, PaneRecorded, PaneRollUps } from './historyWorkflow.types';

/** A column of the sheet as the mapping editor lists it. */
export interface SheetColumn {
  readonly index: number;
  readonly letter: string;
  readonly header: string;
}

/** A data row of a sheet by its channel. */
export interface ChannelRow {
  readonly row: number;
  readonly channelId: string;
  readonly channelName: string;
}

/** The table found on the active sheet. */
export interface DetectedTable {
  readonly sheet: string;
  readonly sheets: readonly string[];
  readonly headerRow: number;
  readonly dataRows: number;
  readonly columns: readonly SheetColumn[];
  /** The mapping in force: remembered for this sheet, else found from the headers. */
  readonly mapping: ColumnMapping;
  /** Required inputs with no column. */
  readonly missing: readonly Bilingual[];
  /** Whether the mapping came from the workbook's settings. */
  readonly remembered: boolean;
  /** Whether the headers are a policy extract's (保单号, 签单日期, …): it is prepared on 数据准备, not graded. */
  readonly looksLikeExtract: boolean;
}

/** Channels by how their class moved against the previous class (the 分类变动 column). */
export interface ChangeCounts {
  readonly up: number;
  readonly down: number;
  readonly same: number;
  readonly new: number;
}

/** What a grading run did, as the pane shows it: the workflow's report and the ↑/↓/=/新 counts. */
export interface PaneGradeReport extends GradeReport {
  readonly changes: ChangeCounts;
  /** Channels and annualized premium per colour band, per 分公司 and per 三级机构 (RULES.md §12). */
  readonly rollUps: PaneRollUps;
  /** The snapshot this grading was recorded as, with the movement since the previous one; null when not recorded. */
  readonly recorded: PaneRecorded | null;
}

/** What a scenario found, with the names of the channels that change class, by sheet row. */
export interface PaneScenarioReport extends ScenarioReport {
  readonly names: ReadonlyMap<number, string>;
}

/** A grading request from the 分级 tab. */
export interface GradeRequest {
  readonly sheet: string;
  readonly mode: GradingMode;
  readonly group: boolean;
  readonly mapping: ColumnMapping;
  readonly headerRow: number;
  /** Grade rows that look like another channel's (疑似窜门, RULES.md §14) instead of leaving them out. */
  readonly keepOtherChannels?: boolean;
  /** The kind of grading (RULES.md §5.1); by default the one the mode implies. */
  readonly kind?: GradingKind;
  /** The judging date, `YYYY-MM-DD` as typed; today when absent; refused when typed blank. */
  readonly judgingDate?: string;
  /** Record the grading as a snapshot on 分级历史 (RULES.md §12); on unless false. */
  readonly record?: boolean;
}

/** The rules the workbook keeps, as read on open (RULES.md §10). */
export interface LoadedRules {
  readonly rules: CompiledRules;
  /** `workbook`: read from its 分级规则 sheet; `defaults`: the workbook has none; `session`: saved in this pane. */
  readonly source: 'workbook' | 'defaults' | 'session';
  readonly differsFromDefaults: boolean;
  /** What reading them found, e.g. that they were migrated from the old item numbering. */
  readonly warnings: readonly Bilingual[];
}

/** The pane's workflow: everything the four tabs do. */
export interface PaneWorkflow {
  readonly lang: Lang;
  /** The gradings the workbook keeps, their movement and the approval trail (the 历史 tab). */
  readonly history: HistoryWorkflow;
  detect(sheet?: string): Promise<DetectedTable>;
  grade(
    request: GradeRequest,
    onProgress: (done: number, total: number) => void,
    signal: AbortSignal,
  ): Promise<PaneGradeReport>;
  selectRow(sheet: string, row: number): Promise<void>;
  /** The sheet and row of the user's selection in Excel; null when nothing is selected. */
  selectedRow(): Promise<{ readonly sheet: string; readonly row: number } | null>;
  /** Whether this host can say which row the user selected (else the review offers search and row number only). */
  readonly readsSelection: boolean;
  /** Every data row's channel ID and name on a sheet (the review finds a row by either). */
  channelRows(sheet: string): Promise<readonly ChannelRow[]>;
  /** The rules in force: the workbook's once `loadRules` has read them, else the defaults. */
  rules(): CompiledRules;
  /**
   * Reads the rules the workbook keeps on 分级规则 (once; later calls give the same answer). Throws
   * InvalidSavedRulesError when they are invalid: they are never replaced by defaults behind the user's back.
   */
  loadRules(): Promise<LoadedRules>;
  /** Validates, keeps and writes `分级规则`; throws InvalidRulesError for an invalid set. */
  saveRules(rules: RuleSet): Promise<CompiledRules>;
  scenario(sheet: string, points: number, target: ScenarioTarget): Promise<PaneScenarioReport>;
  prepareReview(sheet: string): Promise<ReviewState>;
  /**
   * Sets a row's status (a returned row gets the reason as a comment) and gives the review state
   * after it, with whether a reason given could not be written as a comment (this Excel lacks them).
   */
  markRow(
    state: ReviewState,
    row: number,
    status: ReviewStatus,
    comment: string,
  ): Promise<ReviewState & { readonly commentSkipped: boolean }>;
  /** Records the sign-off; with rows still 待复核 only when `confirmPending` (RULES.md §12). */
  stamp(state: ReviewState, by: string, confirmPending: boolean): Promise<Date>;
  /** Writes the general agency plan and its chart to `总代理测算`. */
  agencyPlan(input: AgencyPlanRequest): Promise<AgencyPlan>;
  /** Writes a commission schedule to `佣金计划`. */
  commissionSchedule(input: CommissionRequest): Promise<CommissionPayment[]>;
  userName(): string;
  /** Optional features this Excel lacks, each said as what the user loses. */
  unsupported(): readonly Bilingual[];
}

/** The general agency form's figures (text as typed; the core reads them as cells). */
export interface AgencyPlanRequest {
  readonly monthlyPremium: readonly string[];
  readonly commissionRate: string;
  readonly monthlyCosts: string;
  readonly officeCosts: string;
  readonly months: string;
  /** 经考核给予借款支持: whether the review grants loan support for months 7–12 (RULES.md §8); none if absent. */
  readonly loanSupport?: boolean;
}

/** The commission form's figures. */
export interface CommissionRequest {
  readonly contractTotal: string;
  readonly rate: string;
  readonly collections: readonly string[];
  readonly payeeType: 'individual' | 'institution';
}
