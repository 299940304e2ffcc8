/**
 * What the 数据准备 Prepare step gets as props (RULES.md §5, CONTRACT.md §6): every action it can take,
 * with no Office in sight. `createPrepareWorkflow` builds it over the same `PaneHost` as the other tabs.
 */
import type { Bilingual, CivilDate, DataWindow, Lang, ScheduleEntry } from '../../core';
import type { PrepareKind } from '../../core/prepareKinds';
import type { PrepareSheetReport } from '../../grading/prepareSheet';
import type { ExtractKey, MasterKey, NonMarketKey, PrepareMapping, ProspectiveKey } from '../../grading/prepareColumns';
import type { SheetColumn } from './PaneWorkflow.types';
import type { PaneRecorded } from './historyWorkflow.types';

/** The three tables the step reads. */
export type PrepareTableName = 'extract' | 'master' | 'nonMarket';

/** A table's columns on its sheet, as the mapping editor shows them. */
export interface PrepareTableColumns {
  readonly sheet: string;
  readonly headerRow: number;
  /** The sheet's columns (header text and letter). */
  readonly columns: readonly SheetColumn[];
  /** Key → column found from the headers. */
  readonly mapping: Readonly<Record<string, number>>;
  /** Required columns not found, by key. */
  readonly missing: readonly string[];
}

/** The user's corrections of the three mappings. */
export interface PrepareMappings {
  readonly extract?: PrepareMapping<ExtractKey>;
  readonly master?: PrepareMapping<MasterKey>;
  readonly nonMarket?: PrepareMapping<NonMarketKey>;
}

/** The sheets of the workbook and which of them look like each preparation input. */
export interface PrepareSources {
  readonly sheets: readonly string[];
  /** The sheet whose headers name the most extract columns, if any. */
  readonly extract: string | undefined;
  readonly master: string | undefined;
  readonly nonMarket: string | undefined;
}

/** The dates an extract's rows carry, so the step proposes a judging date whose window covers them. */
export interface ExtractDates {
  readonly first: CivilDate;
  readonly last: CivilDate;
  /** Rows with a date read. */
  readonly rows: number;
}

/** The window a kind will use for a date, or why there is none (a recheck in January). */
export type WindowAnswer =
  { readonly ok: true; readonly window: DataWindow | null } | { readonly ok: false; readonly reason: Bilingual };

/** A preparation request from the step. */
export interface PrepareRequest {
  readonly extractSheet: string;
  readonly masterSheet: string;
  readonly nonMarketSheet: string;
  readonly kind: Exclude<PrepareKind, 'prospective'>;
  readonly judging: CivilDate;
  /** Columns the user set where the headers were not recognised. */
  readonly mappings?: PrepareMappings;
}

/** One 经代渠道合作信息表 entry as typed in the form (text; the core reads it as cells). */
export type ProspectiveEntry = Readonly<Partial<Record<ProspectiveKey, string>>>;

/** What the Prepare step did: the preparation and its grading, and the snapshot it was recorded as. */
export interface PreparedGrading extends PrepareSheetReport {
  /** Null when nothing was graded. */
  readonly recorded: PaneRecorded | null;
}

/** The Prepare step's workflow. */
export interface PrepareWorkflow {
  readonly lang: Lang;
  /** The workbook's sheets but the add-in's own (分级汇总, 分级规则, …), and the ones that look like each input. */
  sources(): Promise<PrepareSources>;
  /** The dates of an extract's rows (its 统计日期 column, or the column the user mapped); null when none reads as a date. */
  extractDates(sheet: string, dateColumn?: number): Promise<ExtractDates | null>;
  /** The columns of a table on a sheet, found by header in either language (CONTRACT.md §6). */
  columnsOf(sheet: string, table: PrepareTableName): Promise<PrepareTableColumns>;
  /** The data window of a kind for a judging date (RULES.md §5.1). */
  windowOf(kind: PrepareKind, judging: CivilDate): WindowAnswer;
  /** What the calendar of 第十一条 has due in the judging date's month. */
  dueThisMonth(judging: CivilDate): readonly ScheduleEntry[];
  /** Prepares, writes `渠道分级数据` and `准备说明`, then grades (progress in two phases; cancel while reading). */
  prepare(
    request: PrepareRequest,
    onProgress: (done: number, total: number, phase: 'prepare' | 'grade') => void,
    signal: AbortSignal,
  ): Promise<PreparedGrading>;
  /**
   * Appends an entry to the 经代渠道合作信息表 sheet (creating the template), then prepares and grades
   * every prospective channel of it on `拟合作渠道分级`.
   */
  addProspective(entry: ProspectiveEntry, nonMarketSheet: string, judging: CivilDate): Promise<PrepareSheetReport>;
}
