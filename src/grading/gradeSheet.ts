/**
 * Grading a whole sheet over a `WorkbookPort` (CONTRACT.md §3–§5): find the columns, check and grade
 * every row in chunks, optionally class groups as one unit, then write the output block, the band
 * colouring, the summary sheet and the rules sheet. Input cells are never written; re-running
 * reuses the add-in's own columns and gives the same sheet.
 *
 * @packageDocumentation
 */
import {
  COLOURS,
  COLOUR_LABELS,
  DEPTH_LABELS,
  SCALES,
  canonical,
  labelOfIndex,
  managementLevel,
  resourceOutcomes,
  reviewAction,
  type Colour,
  type ChannelGrade,
  type CompiledRules,
  type Lang,
  type Scale,
} from '../core';
import { REVIEW_HEADER, outputColumns } from './columns';
import { type RowResult } from './gradeRow';
import type { SnapshotChannel } from '../core/snapshot';
import {
  DEFAULT_CHUNK_ROWS,
  readGraded,
  say,
  snapshotChannelsOf,
  type GradedRows,
  type GroupGrade,
} from './readGraded';
import type { GradeReport, GradeSheetOptions } from './gradeSheet.types';
import { FINGERPRINT_SHEET, REVIEW_STATUSES, fingerprintRows } from './review';
import { writeRulesSheet } from './rulesSheet';
import { rollUpRows } from './rollUpRows';
import { writesRowsLater } from './writesRowsLater';
import { SUMMARY_SHEET, bandChart, columnLetter, summaryRows } from './summarySheet';
import type { BandFill, CellWrite, NumberFormat, WorkbookPort } from './WorkbookPort';

/** The fills of the five colour bands (the pane and the file use the same). */
export const BAND_FILLS: Readonly<Record<Colour, { fill: string; font: string }>> = {
  deepBlue: { fill: '1F3A93', font: 'FFFFFF' },
  blue: { fill: '8DB4E2', font: '000000' },
  yellow: { fill: 'FFE699', font: '000000' },
  lightRed: { fill: 'F4B6B6', font: '000000' },
  deepRed: { fill: 'C00000', font: 'FFFFFF' },
};

const FORMATS: Partial<Record<string, NumberFormat>> = {
  costRate: 'percent',
  depth: 'percent',
  annualScale: 'amount',
  classIndex: 'integer',
  groupCostRate: 'percent',
  groupDepth: 'percent',
  groupAnnualScale: 'amount',
};

/**
 * The output block's row of a graded row, built for one run: a class's labels, resource outcomes,
 * review action and management level are the same in every row of that class, so they are looked
 * up once per class, not once per row (a sheet has 100,000 rows and 45 classes).
 */
function outputRowsOf(
  rules: CompiledRules,
  lang: Lang,
  withGroup: boolean,
): (r: RowResult, group: GroupGrade | undefined) => CellWrite[] {
  const width = outputColumns(withGroup).length;
  const checkAt = outputColumns(false).length - 1;
  // Per class: the cells after the three measures up to the change, and those after it up to the check.
  const byClass: { before: readonly CellWrite[]; after: readonly CellWrite[] }[] = [];
  const cellsOf = (g: ChannelGrade): { before: readonly CellWrite[]; after: readonly CellWrite[] } =>
    (byClass[g.classIndex] ??= {
      before: [
        COLOUR_LABELS[g.colour][lang],
        g.scale,
        DEPTH_LABELS[g.depthClass][lang],
        labelOfIndex(g.classIndex, lang),
        g.classIndex,
      ],
      after: [
        ...resourceOutcomes(g.classIndex, rules).map((o) => o[lang]),
        reviewAction(g.classIndex, rules)[lang],
        managementLevel(g.classIndex, rules)[lang],
      ],
    });
  return (r, group) => {
    const row: CellWrite[] = new Array<CellWrite>(width).fill(null);
    if (r.status !== 'graded' || !r.grade) {
      if (r.status !== 'blank') row[checkAt] = r.check;
      return row;
    }
    const own = r.grade;
    const { before, after } = cellsOf(group?.grade ?? own);
    row[0] = own.costRate;
    row[1] = own.annualScale;
    row[2] = own.depth;
    let k = 3;
    for (const v of before) row[k++] = v;
    // No 分类变动 where the previous class could not be read (a flagged row): the cell stays empty.
    row[k++] = r.change === '' ? null : r.change;
    for (const v of after) row[k++] = v;
    row[k] = r.check;
    if (withGroup && group) {
      row[k + 1] = group.grade.costRate;
      row[k + 2] = group.grade.annualScale;
      row[k + 3] = group.grade.depth;
    }
    return row;
  };
}

/** Grades a sheet through a port and commits. Throws typed errors before writing anything. */
export async function gradeSheet(port: WorkbookPort, options: GradeSheetOptions = {}): Promise<GradeReport> {
  const lang = options.lang ?? 'zh';
  const mode = options.mode ?? 'annual';
  const chunk = Math.max(1, options.chunkRows ?? DEFAULT_CHUNK_ROWS);
  // Pass 1 reads and grades every row; nothing is written before it ends, so a cancel leaves nothing behind.
  const read = await readGraded(
    port,
    {
      ...options,
      onProgress: options.onProgress && ((done, all) => options.onProgress?.(done, all * 2)),
    },
    options.fingerprints === true,
  );
  const { sheet, layout, results, groups, firstData, lastRow, total, rules, withGroup } = read;
  const warnings = [...read.warnings];

  // The add-in's own sheets first: a user's sheet of one of their names is refused (SheetNotOwnedError)
  // before anything is written to the data sheet — Excel applies writes as they come.
  const columns = outputColumns(withGroup);
  const channels = Array.from({ length: 45 }, () => 0);
  const premium = Array.from({ length: 45 }, () => 0);
  const perColour = Object.fromEntries(COLOURS.map((c) => [c, 0])) as Record<Colour, number>;
  const perScale = Object.fromEntries(SCALES.map((s) => [s, 0])) as Record<Scale, number>;
  const problemRows: { row: number; check: string }[] = [];
  let graded = 0;
  let leftOut = 0;
  let withProblems = 0;
  results.forEach((r, i) => {
    if (r.status === 'leftOut') leftOut++;
    if (r.status === 'problem') withProblems++;
    // A graded row can still carry a flag (a previous class that is not a class): listed to look at.
    if (r.status === 'leftOut' || r.status === 'problem' || r.problems.length > 0)
      problemRows.push({ row: firstData + i, check: r.check });
    if (r.status !== 'graded' || !r.grade) return;
    graded++;
    const decided = groups.get(r.group)?.grade ?? r.grade;
    channels[decided.classIndex - 1] = (channels[decided.classIndex - 1] ?? 0) + 1;
    premium[decided.classIndex - 1] = (premium[decided.classIndex - 1] ?? 0) + r.grade.annualScale;
    perColour[decided.colour]++;
    perScale[decided.scale]++;
  });
  const premiumPerClass = premium.map((p) => canonical(p));
  const snapshotChannels = options.snapshot ? snapshotChannelsOf(read) : undefined;

  const classCol = columnLetter(layout.outputStart + columns.findIndex((c) => c.key === 'class'));
  const scaleCol = columnLetter(layout.outputStart + columns.findIndex((c) => c.key === 'annualScale'));
  const span = (col: string): string => `$${col}$${firstData}:$${col}$${Math.max(firstData, lastRow)}`;
  const summary = summaryRows(
    { channels, premium: premiumPerClass },
    {
      sheet,
      classRange: span(classCol),
      scaleRange: span(scaleCol),
      review: {
        range: span(columnLetter(layout.outputStart + columns.findIndex((c) => c.key === 'reviewAction'))),
        actions: Array.from({ length: 45 }, (_, i) => reviewAction(i + 1, rules)[lang]),
      },
    },
    lang,
  );
  summary.push(...rollUps(read, { classRange: span(classCol), scaleRange: span(scaleCol), span }, lang));
  await port.replaceSheet(SUMMARY_SHEET, summary, [22, ...Array.from({ length: 10 }, () => 14)]);
  const charted = await port.addChart(SUMMARY_SHEET, bandChart(summary, lang));
  const now = options.now?.() ?? new Date();
  const written = await writeRulesSheet(
    port,
    rules,
    { sheet, mode, group: withGroup, gradedAt: now, by: options.by },
    lang,
  );
  if (written.earlierSignOffs > 0)
    warnings.push(
      say(
        {
          zh: `“分级规则”上的 ${written.earlierSignOffs} 个复核签字属于此前的分级，已保留并标明；本次分级需要重新复核签字`,
          en: `${written.earlierSignOffs} sign-off(s) on 分级规则 approved an earlier grading: kept and marked so; this grading needs a new sign-off`,
        },
        lang,
      ),
    );
  if (options.fingerprints) await port.replaceSheet(FINGERPRINT_SHEET, fingerprintRows(read), [10, 16]);
  // Pass 2: write the output block, chunk by chunk.
  if (layout.reviewToMove !== null) await moveReviewColumn(port, sheet, layout.reviewToMove, read, columns.length);
  const headers: CellWrite[] = columns.map((c) => c.header[lang]);
  await port.writeBlock(sheet, layout.headerRow, layout.outputStart, [headers]);
  const outputRow = outputRowsOf(rules, lang, withGroup);
  const rowAt = (i: number): CellWrite[] => {
    const r = results[i] as RowResult;
    return outputRow(r, groups.get(r.group));
  };
  if (writesRowsLater(port)) {
    // A file host builds each row as it writes the sheet at the commit: no copy of the block meanwhile.
    await port.writeRowsLater(sheet, firstData, layout.outputStart, results.length, columns.length, rowAt);
    options.onProgress?.(total * 2, total * 2);
  } else
    for (let i = 0; i < results.length; i += chunk) {
      const rows = Array.from({ length: Math.min(chunk, results.length - i) }, (_, k) => rowAt(i + k));
      await port.writeBlock(sheet, firstData + i, layout.outputStart, rows);
      options.onProgress?.(total + Math.min(i + chunk, results.length), total * 2);
    }
  for (const c of layout.staleColumns) {
    await port.writeBlock(
      sheet,
      layout.headerRow,
      c,
      Array.from({ length: total + 1 }, () => [null]),
    );
  }
  if (total > 0) {
    for (const [i, c] of columns.entries()) {
      const format = FORMATS[c.key];
      if (format) await port.formatColumn(sheet, layout.outputStart + i, firstData, lastRow, format);
    }
    const fills: BandFill[] = COLOURS.map((k) => ({ text: COLOUR_LABELS[k][lang], ...BAND_FILLS[k] }));
    await port.colourBands(
      sheet,
      layout.outputStart + columns.findIndex((c) => c.key === 'costBand'),
      firstData,
      lastRow,
      fills,
    );
  }

  await port.commit();

  return {
    sheet,
    headerRow: layout.headerRow,
    outputStart: layout.outputStart,
    rowsRead: results.filter((r) => r.status !== 'blank').length,
    graded,
    leftOut,
    withProblems,
    perColour,
    perScale,
    channelsPerClass: channels,
    premiumPerClass,
    problemRows,
    warnings,
    fingerprint: rules.fingerprint,
    charted,
    rulesSource: read.rulesSource,
    rulesDifferFromDefaults: read.rulesDifferFromDefaults,
    premiumUnit: rules.rules.parameters['premium.unit'],
    otherChannelRows: results.filter((r) => r.otherChannel !== null && r.status !== 'blank').length,
    rules,
    ...(snapshotChannels ? { channels: snapshotChannels } : {}),
  };
}

/**
 * Roll-ups per 分公司 and per 三级机构 below the summary (RULES.md §12), for the columns the sheet has:
 * COUNTIFS/SUMIFS over the data sheet, so a manual class override recalculates.
 */
function rollUps(
  read: GradedRows,
  ranges: { classRange: string; scaleRange: string; span: (column: string) => string },
  lang: Lang,
): CellWrite[][] {
  const { layout, results, groups, sheet } = read;
  const rows: CellWrite[][] = [];
  for (const by of ['company', 'branch'] as const) {
    const keyColumn = layout.inputs[by];
    if (keyColumn === undefined) continue;
    // Read straight from the results, one at a time: a copy per channel would cost a sheet's worth.
    function* channels(): Generator<Pick<SnapshotChannel, 'company' | 'branch' | 'annualScale' | 'classIndex'>> {
      // One object, refilled for each channel: the roll-up reads it at once and keeps none.
      const c = { company: '', branch: '', annualScale: 0, classIndex: 0 };
      for (const r of results) {
        if (r.status !== 'graded' || !r.grade) continue;
        c.company = r.company;
        c.branch = r.branch;
        c.annualScale = r.grade.annualScale;
        c.classIndex = (groups.get(r.group)?.grade ?? r.grade).classIndex;
        yield c;
      }
    }
    rows.push(
      [],
      ...rollUpRows(
        channels(),
        {
          sheet,
          classRange: ranges.classRange,
          scaleRange: ranges.scaleRange,
          keyRange: ranges.span(columnLetter(keyColumn)),
          variants: read.keyVariants[by],
        },
        by,
        lang,
      ),
    );
  }
  return rows;
}

/**
 * Moves the review column 复核状态 out of the way of a growing output block (issue 15 point 3): its
 * header and statuses go to the first free column after the block, with the drop-down. The old
 * cells are overwritten by the block.
 */
async function moveReviewColumn(
  port: WorkbookPort,
  sheet: string,
  from: number,
  graded: { layout: { headerRow: number; outputStart: number }; lastRow: number; firstData: number },
  width: number,
): Promise<void> {
  const { layout, lastRow, firstData } = graded;
  const extent = await port.extent(sheet);
  const [header = []] = await port.readBlock(sheet, layout.headerRow, 1, 1, Math.max(extent.columnCount, from) + 1);
  let to = layout.outputStart + width;
  while (to <= header.length && header[to - 1] !== null && header[to - 1] !== undefined && header[to - 1] !== '') to++;
  const values = await port.readBlock(sheet, layout.headerRow, from, lastRow - layout.headerRow + 1, 1);
  values[0] = [REVIEW_HEADER];
  await port.writeBlock(sheet, layout.headerRow, to, values);
  if (lastRow >= firstData) await port.listValidation(sheet, to, firstData, lastRow, REVIEW_STATUSES);
}
