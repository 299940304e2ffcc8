/**
 * The first pass of every sheet job (grading, scenarios, review): find the columns, then read and
 * grade every row in chunks, yielding to the host between slices so the pane never blocks, and class
 * groups as one unit. Nothing is written.
 *
 * @packageDocumentation
 */
import {
  DEFAULT_COMPILED,
  nthSmallest,
  compileRules,
  gradeMeasures,
  groupMeasures,
  problems as problem,
  readOwnPremium,
  showNumber,
  type Bilingual,
  type ChannelGrade,
  type CompiledRules,
  type Lang,
} from '../core';
import { INPUT_COLUMNS, PREMIUM_KEYS, foldHeader, headerUnitOf } from './columns';

/** The prepared sheet's 清单合作起始日期 header, in either language (see prepareColumns). */
const PREPARED_START_HEADERS = new Set([foldHeader('清单合作起始日期'), foldHeader('Start date in master')]);
import { GradingCancelledError, PremiumUnitConflictError, SheetNotFoundError } from './gradingErrors';
import { checkIn, gradeRow, type RowResult } from './gradeRow';
import type { GradeSheetOptions, RulesSource } from './gradeSheet.types';
import type { SnapshotChannel } from '../core/snapshot';
import { RULES_SHEET, readSavedRules } from './rulesSheet';
import { HEADER_SEARCH_ROWS, layOutSheet, type SheetLayout } from './sheetLayout';
import { SUMMARY_SHEET } from './summarySheet';
import { HISTORY_SHEET, TRAIL_SHEET } from './historySheet';
import { MOVEMENT_SHEET } from './movementSheet';
import { NOTICE_PREFIX } from './noticeSheets';
import { hasUncalculatedCells } from './uncalculatedCells';
import { readsToEnd } from './readsToEnd';
import type { CellValue, WorkbookPort } from './WorkbookPort';

/** Default rows per chunk for file hosts. */
export const DEFAULT_CHUNK_ROWS = 5000;

/**
 * Rows per read in a forward pass (ReadsToEnd). Few: a block's cells are garbage once its rows are
 * graded, and a small block dies in V8's young generation instead of being copied to the old one
 * and collected there (on 100,000 rows, 5,000 per read cost about 0.25 s more in collection).
 */
const FORWARD_CHUNK_ROWS = 500;

/** Sheets the add-in writes itself; never graded. */
export const ADDIN_SHEETS: ReadonlySet<string> = new Set([
  SUMMARY_SHEET,
  RULES_SHEET,
  '情景测算',
  '分级指纹',
  HISTORY_SHEET,
  TRAIL_SHEET,
  MOVEMENT_SHEET,
  // IN_FORCE_SHEET and REPORT_SHEET, spelled here: their modules depend on grading, which depends on this one.
  '在用分类',
  '分级报告',
  '准备说明',
  '拟合作准备说明',
]);

/** A group classed as one unit. */
export interface GroupGrade {
  readonly grade: ChannelGrade;
}

/** Every row of a sheet, read and graded. */
export interface GradedRows {
  readonly sheet: string;
  readonly layout: SheetLayout;
  /** results[i] is sheet row `firstData + i`. */
  readonly results: readonly RowResult[];
  readonly groups: ReadonlyMap<string, GroupGrade>;
  /** Whether the output has the group columns: the group option, or a 合并分级 column on the sheet. */
  readonly withGroup: boolean;
  readonly warnings: readonly string[];
  readonly firstData: number;
  readonly lastRow: number;
  readonly total: number;
  /** The raw input cells of each row (as read), for row fingerprints; empty unless kept. */
  readonly inputs: readonly (readonly CellValue[])[];
  /** Each row's channel ID and name, for a snapshot; empty unless the `snapshot` option asks. */
  readonly channelIds: readonly (
    { readonly channelId: string; readonly channelName: string | undefined } | undefined
  )[];
  /**
   * Cells of the 分公司 and 三级机构 columns spelled otherwise than the key they were graded under (a
   * space trimmed, a number), by key: the roll-ups' formulas must match them too (criteria.ts).
   */
  readonly keyVariants: KeyVariants;
  /** The rules the rows were graded with (the premium unit set from the headers, if they say it). */
  readonly rules: CompiledRules;
  /** Where the rules came from: the caller, the workbook's `分级规则`, or the shipped defaults. */
  readonly rulesSource: RulesSource;
  /** Whether the rules graded with differ from the shipped defaults. */
  readonly rulesDifferFromDefaults: boolean;
}

/** Per key column, the raw cells that differ from the key they were graded under. */
export type KeyVariants = Readonly<Record<'company' | 'branch', ReadonlyMap<string, ReadonlySet<CellValue>>>>;

function noteVariant(into: Map<string, Set<CellValue>>, raw: CellValue | undefined, key: string): void {
  if (key === '' || raw === key || raw === undefined) return;
  const set = into.get(key) ?? new Set<CellValue>();
  if (set.size === 0) into.set(key, set);
  set.add(raw);
}

/** A warning in the run's language first, the other beside it. */
export function say(text: Bilingual, lang: Lang): string {
  return lang === 'zh' ? `${text.zh} (${text.en})` : `${text.en} (${text.zh})`;
}

/**
 * Gives the host (the pane's event loop) a turn: Office restarts an add-in that blocks for 5 seconds.
 * Under Node (the command line) `setImmediate` gives that turn without a timer's 1 ms wait.
 */
export function yieldToHost(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  return new Promise((resolve) => (immediate ? immediate(resolve) : setTimeout(resolve, 0)));
}

/** Rows graded between yields. */
const SLICE_ROWS = 2000;

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new GradingCancelledError();
}

/** Options of classing groups (RULES.md §4, 第八条). */
interface GroupOptions {
  /** Whether the sheet has a 分公司 column to judge crossing on. */
  readonly hasCompany: boolean;
  /** Sheet row of results[0]. */
  readonly firstData: number;
  readonly lang: Lang;
  /** Whether a group is graded as a unit when its members' 合并分级 cells are blank (the global option). */
  readonly byDefault: boolean;
  /** A result's 合并分级 choice: 是 true, 否 false, blank null. */
  readonly choiceOf: (index: number) => boolean | null;
}

/** The 合并分级 header (RULES.md §4), in either language. */
const UNIT_HEADERS = new Set([foldHeader('合并分级'), foldHeader('Grade as group')]);

/** The 1-based column of 合并分级 among the top rows, or 0. */
function unitColumnOf(top: readonly (readonly CellValue[])[]): number {
  for (const row of top) {
    const at = row.findIndex((h) => UNIT_HEADERS.has(foldHeader(h)));
    if (at >= 0) return at + 1;
  }
  return 0;
}

/** A 合并分级 cell: 是/Y/yes/true/1 → true, 否/N/no/false/0 → false, anything else → null (the default). */
function unitChoiceOf(v: CellValue | undefined): boolean | null {
  const t = typeof v === 'boolean' ? String(v) : v === null || v === undefined ? '' : String(v).trim().toLowerCase();
  if (['是', 'y', 'yes', 'true', '1'].includes(t)) return true;
  if (['否', 'n', 'no', 'false', '0'].includes(t)) return false;
  return null;
}

/**
 * Classes each group as one unit (RULES.md §4, 第八条): crossing is judged on 分公司, not 三级机构;
 * without a 分公司 column a group is taken as not crossing and a warning says so; a member row with a
 * problem makes the whole group ungradable, every member saying which rows are wrong. Returns the
 * groups classed and the rows with those members' problems added.
 */
function classGroups(
  input: readonly RowResult[],
  rules: CompiledRules,
  warnings: string[],
  options: GroupOptions,
): { results: RowResult[]; groups: Map<string, GroupGrade> } {
  const { lang, firstData } = options;
  const results = [...input];
  const byGroup = new Map<string, number[]>();
  results.forEach((r, i) => {
    if ((r.status !== 'graded' && r.status !== 'problem') || r.group === '') return;
    const list = byGroup.get(r.group);
    if (list) list.push(i);
    else byGroup.set(r.group, [i]);
  });
  const out = new Map<string, GroupGrade>();
  const assumedNotCrossing: string[] = [];
  for (const [name, members] of byGroup) {
    // 第八条 可以…也可以: a group is graded as a unit when its members say 是, alone when they say 否.
    const chosen = members.map((i) => options.choiceOf(i)).find((c) => c !== null) ?? options.byDefault;
    if (!chosen) continue;
    const bad = members.filter((i) => results[i]?.status === 'problem');
    if (bad.length > 0) {
      // Every member says so, the bad ones too: their own problem now also holds the group.
      const held = problem.groupMember(
        name,
        bad.map((b) => firstData + b),
      );
      for (const i of members) {
        const r = results[i] as RowResult;
        const problems = [...r.problems, held];
        results[i] = { ...r, status: 'problem', grade: null, check: checkIn(problems, lang), problems, change: '' };
      }
      const rows = bad.map((b) => firstData + b).join(lang === 'zh' ? '、' : ', ');
      warnings.push(
        say(
          {
            zh: `集团“${name}”的成员第 ${rows} 行有误，整个集团暂不分级`,
            en: `group "${name}": member row ${rows} has a problem, so the group is not graded`,
          },
          lang,
        ),
      );
      continue;
    }
    const rows = members.map((i) => results[i] as RowResult);
    const companies = new Set(rows.map((r) => r.company).filter((b) => b !== ''));
    const blankCompany = members.filter((i) => (results[i] as RowResult).company === '');
    if (options.hasCompany && companies.size > 0 && blankCompany.length > 0) {
      // Crossing cannot be judged: the group is not graded as a unit until the member's 分公司 is filled in.
      const held = problem.groupMember(
        name,
        blankCompany.map((b) => firstData + b),
      );
      for (const i of members) {
        const r = results[i] as RowResult;
        const problems = [...r.problems, held];
        results[i] = { ...r, status: 'problem', grade: null, check: checkIn(problems, lang), problems, change: '' };
      }
      const list = blankCompany.map((b) => firstData + b).join(lang === 'zh' ? '、' : ', ');
      warnings.push(
        say(
          {
            zh: `集团“${name}”的成员第 ${list} 行没有填分公司，无法判断是否跨分公司，整个集团暂不作为整体分级`,
            en: `group "${name}": member row ${list} has no branch company (分公司), so crossing cannot be judged and the group is not graded as a unit`,
          },
          lang,
        ),
      );
      continue;
    }
    if (companies.size > 1) {
      const list = [...companies].join(lang === 'zh' ? '、' : ', ');
      warnings.push(
        say(
          {
            zh: `集团“${name}”跨分公司（${list}），不能作为整体分级，成员单独分级`,
            en: `group "${name}" crosses branch companies (${list}): members graded alone`,
          },
          lang,
        ),
      );
      continue;
    }
    const ownCell = rows.map((r) => r.groupOwnPremium).find((v) => v !== null && v !== undefined && v !== '') ?? null;
    const own = readOwnPremium(ownCell, 'groupOwnPremium');
    if (typeof own !== 'number') {
      warnings.push(
        say(
          {
            zh: `集团“${name}”：${own.message.zh}，成员单独分级`,
            en: `group "${name}": ${own.message.en}; members graded alone`,
          },
          lang,
        ),
      );
      continue;
    }
    const m = groupMeasures(
      rows.map((r) => ({
        costRate: (r.grade as ChannelGrade).costRate,
        annualScale: (r.grade as ChannelGrade).annualScale,
      })),
      own,
    );
    if (!m.ok) {
      const p = m.problems[0];
      warnings.push(
        say(
          {
            zh: `集团“${name}”：${p?.message.zh ?? ''}，成员单独分级`,
            en: `group "${name}": ${p?.message.en ?? ''}; members graded alone`,
          },
          lang,
        ),
      );
      continue;
    }
    if (!options.hasCompany) assumedNotCrossing.push(name);
    out.set(name, { grade: gradeMeasures(m.value, rules) });
  }
  if (assumedNotCrossing.length > 0) {
    const list = assumedNotCrossing.join(lang === 'zh' ? '、' : ', ');
    warnings.push(
      say(
        {
          zh: `工作表没有“分公司”列，集团（${list}）按不跨分公司整体分级；如有跨分公司的集团，请加上“分公司”列`,
          en: `the sheet has no "Branch company" (分公司) column, so groups (${list}) were taken as not crossing branch companies; add the column if any does`,
        },
        lang,
      ),
    );
  }
  return { results, groups: out };
}

/** The rules of a run: the caller's, else the workbook's saved rules, else the shipped defaults. */
async function resolveRules(
  port: WorkbookPort,
  options: GradeSheetOptions,
  warnings: string[],
): Promise<{ rules: CompiledRules; source: RulesSource }> {
  const lang = options.lang ?? 'zh';
  if (options.rules) {
    for (const w of options.rules.warnings) warnings.push(say(w, lang));
    return { rules: options.rules, source: 'options' };
  }
  const saved = await readSavedRules(port);
  if (!saved) return { rules: DEFAULT_COMPILED, source: 'defaults' };
  for (const w of saved.warnings) warnings.push(say(w, lang));
  if (saved.differsFromDefaults)
    warnings.push(
      say(
        {
          zh: `按工作簿保存的规则“${saved.rules.rules.name}”（指纹 ${saved.rules.fingerprint}）分级，与默认规则不同`,
          en: `graded with the rules saved in the workbook, "${saved.rules.rules.name}" (fingerprint ${saved.rules.fingerprint}), which differ from the defaults`,
        },
        lang,
      ),
    );
  return { rules: saved.rules, source: 'workbook' };
}

/**
 * The premium unit the headers state (`合作保费（万元）`), checked against the rules (issue 15 point
 * 6): the headers decide and a warning says so; premium columns in two units are refused.
 */
function unitFromHeaders(
  sheet: string,
  header: readonly CellValue[],
  layout: SheetLayout,
  rules: CompiledRules,
  warnings: string[],
  lang: Lang,
): CompiledRules {
  const stated = PREMIUM_KEYS.flatMap((key) => {
    const c = layout.inputs[key];
    const unit = c === undefined ? null : headerUnitOf(header[c - 1] ?? null);
    return unit === null ? [] : [{ key, unit, header: String(header[(c ?? 1) - 1]) }];
  });
  if (stated.length === 0) return rules;
  const units = new Set(stated.map((s) => s.unit));
  if (units.size > 1)
    throw new PremiumUnitConflictError(
      sheet,
      stated.map((s) => s.header),
    );
  const unit = stated[0]?.unit ?? 1;
  if (unit === rules.rules.parameters['premium.unit']) return rules;
  warnings.push(
    say(
      {
        zh: `表头“${stated[0]?.header ?? ''}”标明保费单位为${unit === 10000 ? '万元' : '元'}，按此分级（规则中的保费单位为 ${showNumber(rules.rules.parameters['premium.unit'])}）`,
        en: `the header "${stated[0]?.header ?? ''}" says premiums are in ${unit === 10000 ? '10,000 yuan (万元)' : 'yuan'}; graded so (the rules say premium.unit ${showNumber(rules.rules.parameters['premium.unit'])})`,
      },
      lang,
    ),
  );
  return compileRules({ ...rules.rules, parameters: { ...rules.rules.parameters, 'premium.unit': unit } });
}

/** Warns when the premiums' sizes do not fit their unit: 1,200 in yuan looks like 万元, and the reverse. */
function checkMagnitudes(results: readonly RowResult[], rules: CompiledRules, warnings: string[], lang: Lang): void {
  let n = 0;
  const scales = new Float64Array(results.length);
  for (const r of results) if (r.grade && r.grade.annualScale > 0) scales[n++] = r.grade.annualScale;
  if (n === 0) return;
  const median = nthSmallest(scales.subarray(0, n), Math.floor(n / 2));
  const unit = rules.rules.parameters['premium.unit'];
  const shown = median.toLocaleString('en-US', { maximumFractionDigits: 2 });
  if (unit === 1 && median < 10_000)
    warnings.push(
      say(
        {
          zh: `年化合作规模的中位数只有 ${shown} 元，像是以万元填写；如是，请在表头写明“（万元）”或把规则的保费单位设为 10000`,
          en: `the median annualized scale is only ${shown} yuan, which looks like 10,000 yuan (万元); if so, say "（万元）" in the header or set premium.unit to 10000`,
        },
        lang,
      ),
    );
  if (unit === 10_000 && median > 1_000_000)
    warnings.push(
      say(
        {
          zh: `保费单位为万元，但年化合作规模的中位数为 ${shown} 万元，像是以元填写；请检查保费单位`,
          en: `premiums are in 10,000 yuan, but the median annualized scale is ${shown} × 10,000 yuan, which looks like yuan; check the premium unit`,
        },
        lang,
      ),
    );
}

/** Warns about a recognised header in several columns: which was used (issue 13 point 5). */
function duplicateWarnings(layout: SheetLayout, warnings: string[], lang: Lang): void {
  for (const d of layout.duplicates) {
    const name = INPUT_COLUMNS.find((c) => c.key === d.key)?.header ?? { zh: d.key, en: d.key };
    const cols = d.columns.join(lang === 'zh' ? '、' : ', ');
    warnings.push(
      say(
        {
          zh: `“${name.zh}”列出现在第 ${cols} 列，使用了第 ${d.used} 列；如不对，请在列映射中选择`,
          en: `"${name.en}" is the header of columns ${cols}; column ${d.used} was used; choose another in the column mapping if that is wrong`,
        },
        lang,
      ),
    );
  }
}

/**
 * Reads and grades every row of a sheet (the sheet named, or the first that is not the add-in's);
 * `keepInputs` keeps each row's raw cells too.
 */
export async function readGraded(
  port: WorkbookPort,
  options: GradeSheetOptions = {},
  keepInputs = true,
): Promise<GradedRows> {
  const mode = options.mode ?? 'annual';
  const lang = options.lang ?? 'zh';
  const names = await port.sheetNames();
  const sheet =
    options.sheet ?? names.find((n) => !ADDIN_SHEETS.has(n) && !n.startsWith(NOTICE_PREFIX)) ?? names[0] ?? '';
  if (!names.includes(sheet)) throw new SheetNotFoundError(sheet);

  // A host that reads to the end in one pass needs only the header's extent now; the sheet's is
  // known when the reading pass ends (the raw rows of `keepInputs` need the width first).
  const streamed = !keepInputs && readsToEnd(port);
  const chunk = Math.max(1, options.chunkRows ?? (streamed ? FORWARD_CHUNK_ROWS : DEFAULT_CHUNK_ROWS));
  const extent = streamed ? await port.leadingExtent(sheet, HEADER_SEARCH_ROWS) : await port.extent(sheet);
  const header = await port.readBlock(
    sheet,
    1,
    1,
    Math.min(HEADER_SEARCH_ROWS, Math.max(1, extent.rowCount)),
    Math.max(1, extent.columnCount),
  );
  // A 合并分级 column chooses per group (第八条 可以…也可以); the global option is the default of a blank cell.
  const unitColumn = unitColumnOf(header);
  const withGroup = (options.group ?? false) || unitColumn > 0;
  const layoutOptions = { mode, group: withGroup, mapping: options.mapping, headerRow: options.headerRow };
  let layout = layOutSheet(sheet, header, extent.columnCount, layoutOptions);
  const warnings: string[] = [];
  const resolved = await resolveRules(port, options, warnings);
  duplicateWarnings(layout, warnings, lang);
  const rules = unitFromHeaders(sheet, header[layout.headerRow - 1] ?? [], layout, resolved.rules, warnings, lang);
  // A prepared sheet (it names the master's start date beside the window's) had the three-month rule
  // applied by the preparation; its 合作起始日期 is the start within the window, not the cooperation's.
  const prepared = (header[layout.headerRow - 1] ?? []).some((h) => PREPARED_START_HEADERS.has(foldHeader(h)));
  const rowOptions = { keepOtherChannels: options.keepOtherChannels, threeMonthRule: !prepared };
  const mappedWidth = Math.max(...Object.values(layout.inputs));
  // Fingerprints cover every input column, mapped or not (issue 15 point 4): all before the block.
  const readWidth = Math.max(keepInputs ? Math.max(mappedWidth, layout.outputStart - 1) : mappedWidth, unitColumn);
  const unitChoices: (boolean | null)[] = [];
  const firstData = layout.headerRow + 1;
  let lastRow = Math.max(extent.rowCount, layout.headerRow);
  let total = lastRow - layout.headerRow;

  const results: RowResult[] = [];
  const inputs: (readonly CellValue[])[] = [];
  const channelIds: GradedRows['channelIds'][number][] = [];
  const idColumn = layout.inputs.channelId;
  const nameColumn = layout.inputs.channelName;
  const cellText = (row: readonly CellValue[], column: number | undefined): string | undefined => {
    const v = column === undefined ? null : row[column - 1];
    // A fresh string: the host's text may be a slice of a large chunk of the sheet.
    return v === null || v === undefined || v === '' ? undefined : (' ' + String(v)).slice(1).trim();
  };
  const keyVariants = { company: new Map<string, Set<CellValue>>(), branch: new Map<string, Set<CellValue>>() };
  let ended = false;
  for (let r = firstData; streamed ? !ended : r <= lastRow; r += chunk) {
    throwIfCancelled(options.signal);
    let n = Math.min(chunk, lastRow - r + 1);
    let rows: CellValue[][];
    if (streamed) {
      n = chunk;
      const read = await port.readRowsToEnd(sheet, r, n, readWidth);
      rows = read.rows;
      ended = read.ended;
    } else rows = await port.readBlock(sheet, r, 1, n, readWidth);
    const uncalculated = new Map<number, Set<number>>();
    if (hasUncalculatedCells(port))
      for (const a of await port.uncalculatedCells(sheet, r, 1, n, readWidth))
        uncalculated.set(a.row, (uncalculated.get(a.row) ?? new Set()).add(a.column));
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] ?? [];
      const cells = uncalculated.get(r + i);
      results.push(
        gradeRow(row, layout.inputs, rules, mode, lang, cells ? { ...rowOptions, uncalculated: cells } : rowOptions),
      );
      const graded = results[results.length - 1];
      if (graded !== undefined) {
        if (layout.inputs.company !== undefined)
          noteVariant(keyVariants.company, row[layout.inputs.company - 1], graded.company);
        if (layout.inputs.branch !== undefined)
          noteVariant(keyVariants.branch, row[layout.inputs.branch - 1], graded.branch);
      }
      if (unitColumn > 0) unitChoices.push(unitChoiceOf(row[unitColumn - 1]));
      // The raw rows cost memory (a sheet's worth); only fingerprints and scenarios need them.
      if (keepInputs) inputs.push(row);
      if (options.snapshot) {
        const channelId = cellText(row, idColumn);
        channelIds.push(channelId === undefined ? undefined : { channelId, channelName: cellText(row, nameColumn) });
      }
      if ((i + 1) % SLICE_ROWS === 0) {
        await yieldToHost();
        throwIfCancelled(options.signal);
      }
    }
    options.onProgress?.(results.length, streamed ? Math.max(total, results.length) : total);
  }
  if (streamed) {
    // The whole sheet is read: its extent is known. Rows past the last that holds data are not the
    // table's; a cell with data right of the header's width moves the output block past it.
    const full = await port.extent(sheet);
    lastRow = Math.max(full.rowCount, layout.headerRow);
    total = lastRow - layout.headerRow;
    results.length = Math.min(results.length, total);
    channelIds.length = Math.min(channelIds.length, total);
    if (full.columnCount > extent.columnCount) layout = layOutSheet(sheet, header, full.columnCount, layoutOptions);
  }
  const classed = withGroup
    ? classGroups(results, rules, warnings, {
        hasCompany: layout.inputs.company !== undefined,
        firstData,
        lang,
        byDefault: options.group ?? false,
        choiceOf: (i) => unitChoices[i] ?? null,
      })
    : { results, groups: new Map<string, GroupGrade>() };
  checkMagnitudes(classed.results, rules, warnings, lang);
  throwIfCancelled(options.signal);
  return {
    sheet,
    layout,
    results: classed.results,
    groups: classed.groups,
    withGroup,
    warnings,
    firstData,
    lastRow,
    total,
    inputs,
    channelIds,
    keyVariants,
    rules,
    rulesSource: resolved.source,
    rulesDifferFromDefaults: rules.fingerprint !== DEFAULT_COMPILED.fingerprint,
  };
}

/** The graded channels of a run, each with the class it was given, for a snapshot (RULES.md §12). */
export function snapshotChannelsOf(read: GradedRows): SnapshotChannel[] {
  const out: SnapshotChannel[] = [];
  read.results.forEach((r, i) => {
    const id = read.channelIds[i];
    if (r.status !== 'graded' || !r.grade || !id) return;
    const decided = read.groups.get(r.group)?.grade ?? r.grade;
    out.push({
      channelId: id.channelId,
      channelName: id.channelName,
      company: r.company || undefined,
      branch: r.branch || undefined,
      costRate: r.grade.costRate,
      annualScale: r.grade.annualScale,
      depth: r.grade.depth,
      classIndex: decided.classIndex,
    });
  });
  return out;
}
