/**
 * The manager's report as a sheet, `分级报告` (RULES.md §12): the same six parts as the HTML report
 * (`managerReport`) — the distribution per colour band and scale class, the red channels with their
 * premium, the movement since the previous grading (flagged channels first), the resource matching
 * and review action per class, the fee headroom to the yellow bound, and the approval trail — laid
 * out to print on A4 landscape: a print area, the title rows repeated on every page, a page break
 * between parts, fitted to the page's width, page numbers in the footer.
 *
 * @packageDocumentation
 */
import {
  COLOURS,
  COLOUR_LABELS,
  RESOURCE_ITEMS,
  SCALES,
  classOfIndex,
  fastArithmetic,
  labelOfIndex,
  managementLevel,
  resourceOutcomes,
  reviewAction,
  type Bilingual,
  type CompiledRules,
  type Lang,
} from '../core';
import { DIRECTION_LABELS, MOVE_FLAG_LABELS, type ClassMove } from '../core/classMovement';
import { PREPARE_KIND_LABELS } from '../core/prepareKinds';
import { ROLE_LABELS, decisionOf, type Snapshot, type SnapshotChannel, type TrailStep } from '../core/snapshot';
import { DRAFT_MARK, STEP_LABELS, gradingStatus } from '../core/gradingState';
import { BAND_FILLS } from './gradeSheet';
import type { CellWrite, NumberFormat, PrintLayout, WorkbookPort } from './WorkbookPort';
import { HEADROOM_LISTED, colourOf, movementPart, redChannelsPart } from './reportParts';
import type { Sentence } from './reportSentences';
import { REPORT_SENTENCES } from './reportSentences';
import { wrapText } from './textWidth';

export { HEADROOM_LISTED, MOVES_LISTED, RED_LISTED, movementPart, redChannelsPart } from './reportParts';
export type { ListedPart, MovementPart, ReportMove } from './reportParts';
export { REPORT_SENTENCES } from './reportSentences';
export type { Sentence } from './reportSentences';
export { textWidth, wrapText } from './textWidth';

/** The report sheet. */
export const REPORT_SHEET = '分级报告';

/**
 * The columns the report uses: nine, so that fitted to the width of A4 landscape it prints at about
 * 85% (the eleven resource items go in two tables).
 */
export const REPORT_COLUMNS = 9;

/** What the report is made from (as the HTML report). */
export interface ReportSheetInput {
  readonly snapshot: Snapshot;
  /** The previous grading to compare with; null for the first one. */
  readonly previous: Snapshot | null;
  readonly rules: CompiledRules;
  readonly trail: readonly TrailStep[];
  readonly lang: Lang;
}

/** A number format over a block of rows of one column. */
interface Formatted {
  readonly column: number;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly format: NumberFormat;
}

/**
 * Rows a printed page holds under the title rows, fitted to the width: Excel's taller default rows
 * (15 pt) at about 85%, with a margin (LibreOffice fits a few more).
 */
const ROWS_PER_PAGE = 40;

/** The sheet's rows, its number formats and where its parts end, before it is written. */
export interface ReportSheetLayout {
  readonly rows: CellWrite[][];
  readonly formats: readonly Formatted[];
  /** The rows of the colour table (for the band fills), 1-based, inclusive. */
  readonly colourRows: { readonly firstRow: number; readonly lastRow: number };
  readonly print: PrintLayout;
  /** The red channels and the movement's moves (flagged first) the report lists. */
  readonly red: readonly SnapshotChannel[];
  readonly moves: readonly ClassMove[];
}

/** Column widths in characters: amounts (up to 100 亿 with separators and decimals) fit without ###. */
const WIDTHS = [16, 22, 18, 16, 18, 16, 18, 16, 18];

/** The print area's width in characters. */
const AREA_WIDTH = WIDTHS.reduce((a, b) => a + b, 0);

/** Footer: page number of pages, in both languages (Excel header/footer codes &P and &N). */
/** The footer's mark of a grading not approved: its state and 草稿 (draft). */
function draftFooter(label: Bilingual, lang: Lang): string {
  return lang === 'en' ? `${label.en} · Draft ${label.zh} · 草稿` : `${label.zh} · 草稿 ${label.en} · Draft`;
}

const FOOTER: Readonly<Record<Lang, string>> = {
  zh: '第 &P 页 / 共 &N 页  Page &P of &N',
  en: 'Page &P of &N  第 &P 页 / 共 &N 页',
};

/**
 * The report's rows and print layout (RULES.md §12). Labels follow `lang` with the other language
 * beside them in the title rows, and under them in column headers and sentences (the port cannot
 * wrap text, so two rows keep each cell's text inside its column and the print area); amounts are
 * numbers (formatted, not rounded); ratios are numbers formatted as percent.
 */
export function reportSheetLayout(input: ReportSheetInput): ReportSheetLayout {
  const { snapshot: s, previous, rules, trail, lang } = input;
  const t = (zh: string, en: string): string => (lang === 'en' ? `${en} ${zh}` : `${zh} ${en}`);
  const pick = (b: Bilingual): string => b[lang];
  const arith = fastArithmetic;
  const rows: CellWrite[][] = [];
  const formats: Formatted[] = [];
  const breaksAfter: number[] = [];
  const format = (column: number, firstRow: number, lastRow: number, f: NumberFormat): void => {
    if (lastRow >= firstRow) formats.push({ column, firstRow, lastRow, format: f });
  };
  const next = (): number => rows.length + 1;
  // A sentence: rows in the user's language, the other language on the rows under it, each row no
  // wider than the print area.
  const sentence = (x: Sentence): void => {
    for (const text of lang === 'en' ? [x.en, x.zh] : [x.zh, x.en])
      for (const line of wrapText(text, AREA_WIDTH - 2)) rows.push([line]);
  };
  // Column headers: the user's language on the first rows, the other language under it, each label
  // split into as many rows as it needs to stay inside its column (an empty column gives its room
  // to the one before it).
  const header = (cols: readonly (readonly [string, string] | null)[]): void => {
    const room = cols.map((_, i) => {
      let w = WIDTHS[i] ?? 10;
      for (let j = i + 1; j < cols.length && cols[j] === null; j++) w += WIDTHS[j] ?? 10;
      return w - 1;
    });
    for (const which of lang === 'en' ? [1, 0] : [0, 1]) {
      const lines = cols.map((c, i) => (c === null ? [] : wrapText(c[which] ?? '', room[i] ?? 10)));
      const height = Math.max(1, ...lines.map((l) => l.length));
      for (let k = 0; k < height; k++) rows.push(lines.map((l) => l[k] ?? null));
    }
  };
  const channels = s.channels;
  const decision = decisionOf(trail, s.id);

  // Title rows, repeated at the top of every printed page.
  // Label and value in one cell, with empty cells after it for the text to run into: printed, a
  // value is never cut off by the next label. Times to the minute, as a person reads them.
  const item = (zh: string, en: string, value: string | number): string => `${t(zh, en)}：${value}`;
  const minute = (iso: string): string => iso.slice(0, 16).replace('T', ' ');
  rows.push([t('经代渠道分级报告', 'Channel grading report'), null, null, item('分级编号', 'Grading', s.id)]);
  rows.push([
    item('评判日', 'Judging date', s.judgingDate),
    null,
    null,
    item('分级类型', 'Kind', pick(PREPARE_KIND_LABELS[s.kind])),
    null,
    null,
    item('规则指纹', 'Rules', s.rulesFingerprint),
  ]);
  rows.push([
    item('数据窗口', 'Data window', s.window ? `${s.window.start} – ${s.window.end}` : '—'),
    null,
    null,
    item('分级人', 'Graded by', `${s.gradedBy} · ${minute(s.gradedAt)}`),
    null,
    null,
    item('渠道数', 'Channels', channels.length),
  ]);
  // The approval has a row of its own: the longest of them, and the one a manager looks for.
  const status = gradingStatus(trail, s.id);
  const review = status.review;
  // The review's sign-off is not the approval: shown beside it, with the rows it left pending.
  const reviewText =
    review === null
      ? ''
      : ` · ${t('复核完成', 'review signed off')} ${review.who} ${minute(review.at)}${review.pendingRows > 0 ? `（${t(`待复核 ${review.pendingRows} 行`, `${review.pendingRows} rows pending`)}）` : ''}`;
  rows.push([
    item(
      '审批',
      'Approval',
      (decision === null
        ? t(DRAFT_MARK.zh, DRAFT_MARK.en)
        : `${decision.action === 'approved' ? t('已批准', 'approved') : `${t('已退回', 'returned')} · ${t('草稿', 'draft')}`} · ${decision.who}（${pick(ROLE_LABELS[decision.role])}）· ${minute(decision.at)}`) +
        reviewText,
    ),
  ]);
  const titleRows = { first: 1, last: 4 };

  // 1. Distribution: channels and premium per colour band, and per scale class within each band.
  rows.push([]);
  rows.push([t('一、分类分布', '1. Distribution')]);
  header([
    ['色带', 'Colour band'],
    ['渠道数', 'Channels'],
    ['年化保费（元）', 'Premium (yuan)'],
    ...SCALES.flatMap((sc): [string, string][] => [
      [`${sc}类渠道数`, `${sc} channels`],
      [`${sc}类保费（元）`, `${sc} premium`],
    ]),
  ]);
  const colourFirst = next();
  COLOURS.forEach((colour, ci) => {
    const inBand = channels.filter((c) => colourOf(c) === ci);
    rows.push([
      COLOUR_LABELS[colour][lang],
      inBand.length,
      arith.sum(inBand.map((c) => c.annualScale)),
      ...SCALES.flatMap((sc) => {
        const list = inBand.filter((c) => classOfIndex(c.classIndex)?.scale === sc);
        return [list.length, arith.sum(list.map((c) => c.annualScale))];
      }),
    ]);
  });
  const colourLast = next() - 1;
  rows.push([
    t('合计', 'Total'),
    channels.length,
    arith.sum(channels.map((c) => c.annualScale)),
    ...SCALES.flatMap((sc) => {
      const list = channels.filter((c) => classOfIndex(c.classIndex)?.scale === sc);
      return [list.length, arith.sum(list.map((c) => c.annualScale))];
    }),
  ]);
  for (const col of [3, 5, 7, 9]) format(col, colourFirst, next() - 1, 'amount');

  // 2. Red channels with their premium, the largest first; the total is over all of them.
  const red = redChannelsPart(channels);
  rows.push([]);
  rows.push([t('二、红色渠道', '2. Red channels')]);
  if (red.all.length === 0) rows.push([t('没有红色渠道。', 'No red channels.')]);
  else {
    sentence(REPORT_SENTENCES.red(red));
    header([
      ['渠道代码', 'Channel ID'],
      ['渠道名称', 'Channel name'],
      ['分类', 'Class'],
      ['检视措施', 'Review action'],
      ['分公司', 'Branch company'],
      ['三级机构', 'Branch'],
      ['经营成本率', 'Cost ratio'],
      ['年化保费（元）', 'Premium (yuan)'],
    ]);
    const first = next();
    for (const c of red.listed)
      rows.push([
        c.channelId,
        c.channelName ?? null,
        labelOfIndex(c.classIndex, lang),
        pick(reviewAction(c.classIndex, rules)),
        c.company ?? null,
        c.branch ?? null,
        c.costRate,
        c.annualScale,
      ]);
    // Text first, numbers last: a right-aligned amount never touches the text after it on paper.
    format(7, first, next() - 1, 'percent');
    format(8, first, next() - 1, 'amount');
    if (red.restCount > 0) sentence(REPORT_SENTENCES.redRest(red));
  }
  breaksAfter.push(next() - 1);

  // 3. Movement since the previous grading: the colour migration matrix, then the moved channels,
  // flagged ones first (RULES.md §12).
  rows.push([t('三、与上期相比的变动', '3. Movement since the last grading')]);
  let moves: readonly ClassMove[] = [];
  if (previous === null) sentence(REPORT_SENTENCES.firstGrading);
  else {
    const m = movementPart(previous, s);
    moves = m.listed;
    sentence(REPORT_SENTENCES.movement(previous, m));
    rows.push([]);
    // The corner label on two rows, so it stays inside the first column.
    rows.push([lang === 'en' ? 'Before \\ after' : '上期 \\ 本期', ...COLOURS.map((c) => COLOUR_LABELS[c][lang])]);
    rows.push([lang === 'en' ? '上期 \\ 本期' : 'Before \\ after']);
    COLOURS.forEach((c, i) => rows.push([COLOUR_LABELS[c][lang], ...(m.matrix[i] ?? [])]));
    if (m.all.length > 0) {
      rows.push([]);
      header([
        ['渠道代码', 'Channel ID'],
        ['渠道名称', 'Channel name'],
        ['上期分类', 'Before'],
        ['本期分类', 'After'],
        ['变动', 'Move'],
        ['关注', 'Flag'],
        null,
        ['年化保费（元）', 'Premium (yuan)'],
      ]);
      const first = next();
      for (const x of m.listed)
        rows.push([
          x.channelId,
          x.channelName,
          x.from === null ? '—' : labelOfIndex(x.from, lang),
          x.to === null ? '—' : labelOfIndex(x.to, lang),
          pick(DIRECTION_LABELS[x.direction]),
          // The flag runs into the empty column after it.
          x.flags.map((f) => pick(MOVE_FLAG_LABELS[f])).join(lang === 'en' ? ', ' : '、') || null,
          null,
          x.annualScale,
        ]);
      format(8, first, next() - 1, 'amount');
      if (m.restCount > 0) sentence(REPORT_SENTENCES.movesRest(m));
    }
  }
  breaksAfter.push(next() - 1);

  // 4. Resource matching and the review action per class on the sheet, in two tables so that the
  // page stays nine columns wide and prints at a size a manager can read.
  const partFourFirst = next();
  rows.push([t('四、资源匹配与检视措施', '4. Resource matching and review actions')]);
  const present = [...new Set(channels.map((c) => c.classIndex))].sort((a, b) => a - b);
  const split = REPORT_COLUMNS - 5;
  const itemHeader = (i: (typeof RESOURCE_ITEMS)[number]): [string, string] => [i.name.zh, i.name.en];
  header([
    ['分类', 'Class'],
    ['渠道数', 'Channels'],
    ['年化保费（元）', 'Premium (yuan)'],
    ['检视措施', 'Review action'],
    ['管理层级', 'Level'],
    ...RESOURCE_ITEMS.slice(0, split).map(itemHeader),
  ]);
  const classesFirst = next();
  for (const k of present) {
    const inClass = channels.filter((c) => c.classIndex === k);
    rows.push([
      labelOfIndex(k, lang),
      inClass.length,
      arith.sum(inClass.map((c) => c.annualScale)),
      pick(reviewAction(k, rules)),
      pick(managementLevel(k, rules)),
      ...resourceOutcomes(k, rules).slice(0, split).map(pick),
    ]);
  }
  format(3, classesFirst, next() - 1, 'amount');
  // When the first table fits a page but the two do not, the second starts a page of its own, its
  // header on top rather than at the foot of the first page.
  const firstTableRows = next() - partFourFirst;
  const secondTableRows = firstTableRows - 1; // the same classes, no section title
  if (firstTableRows <= ROWS_PER_PAGE && firstTableRows + 1 + secondTableRows > ROWS_PER_PAGE)
    breaksAfter.push(next() - 1);
  else rows.push([]);
  header([['分类', 'Class'], ...RESOURCE_ITEMS.slice(split).map(itemHeader)]);
  for (const k of present) rows.push([labelOfIndex(k, lang), ...resourceOutcomes(k, rules).slice(split).map(pick)]);
  breaksAfter.push(next() - 1);

  // 5. Fee headroom to the yellow band's upper bound (as the HTML report: the least room first).
  const yellowMax = rules.costMax[COLOURS.indexOf('yellow')] ?? 0;
  const room = channels
    .map((c) => ({ c, room: arith.subtract2(yellowMax, c.costRate, 0) }))
    .sort((a, b) => a.room - b.room);
  const over = room.filter((h) => h.room < 0).length;
  rows.push([t('五、费用空间', '5. Fee headroom')]);
  sentence(REPORT_SENTENCES.headroom(yellowMax, room.length - over, over));
  header([
    ['渠道代码', 'Channel ID'],
    ['渠道名称', 'Channel name'],
    ['经营成本率', 'Cost ratio'],
    ['至黄色上限空间', 'Room to yellow'],
    ['年化保费（元）', 'Premium (yuan)'],
  ]);
  const roomFirst = next();
  for (const h of room.slice(0, HEADROOM_LISTED))
    rows.push([h.c.channelId, h.c.channelName ?? null, h.c.costRate, h.room, h.c.annualScale]);
  format(3, roomFirst, next() - 1, 'percent');
  format(4, roomFirst, next() - 1, 'percent');
  format(5, roomFirst, next() - 1, 'amount');

  // 6. The approval trail of this grading (第十条).
  rows.push([]);
  rows.push([t('六、审批记录', '6. Approval trail')]);
  const steps = trail.filter((e) => e.snapshotId === s.id);
  if (steps.length === 0) rows.push([t('尚无审批记录。', 'No approval steps recorded yet.')]);
  else {
    // The time runs into the empty column after it: printed whole, with its zone.
    header([['时间', 'When'], null, ['人员', 'Who'], ['角色', 'Role'], null, ['操作', 'Action'], ['备注', 'Note']]);
    for (const e of steps)
      rows.push([e.at, null, e.who, pick(ROLE_LABELS[e.role]), null, pick(STEP_LABELS[e.action]), e.note ?? null]);
  }

  const lastRow = rows.length;
  return {
    rows,
    formats,
    colourRows: { firstRow: colourFirst, lastRow: colourLast },
    red: red.listed,
    moves,
    print: {
      orientation: 'landscape',
      area: { firstRow: 1, firstColumn: 1, lastRow, lastColumn: REPORT_COLUMNS },
      titleRows,
      breaksAfter: breaksAfter.filter((r, i, all) => r < lastRow && all.indexOf(r) === i),
      fitToWidth: true,
      margins: { top: 0.6, bottom: 0.6, left: 0.4, right: 0.4 },
      // A grading not approved says so on every printed page (RULES.md §12).
      footer: status.draft ? `${draftFooter(status.label, lang)}  ${FOOTER[lang]}` : FOOTER[lang],
    },
  };
}

/**
 * Writes `分级报告` (the add-in's own sheet) and lays it out for A4 (RULES.md §12). Returns whether the
 * host applied the print layout (false for a CSV file, or an Excel without the page-layout API: the
 * sheet is written either way).
 */
export async function writeReportSheet(port: WorkbookPort, input: ReportSheetInput): Promise<boolean> {
  const layout = reportSheetLayout(input);
  await port.replaceSheet(REPORT_SHEET, layout.rows, WIDTHS);
  for (const f of layout.formats) await port.formatColumn(REPORT_SHEET, f.column, f.firstRow, f.lastRow, f.format);
  await port.colourBands(
    REPORT_SHEET,
    1,
    layout.colourRows.firstRow,
    layout.colourRows.lastRow,
    COLOURS.map((c) => ({ text: COLOUR_LABELS[c][input.lang], ...BAND_FILLS[c] })),
  );
  return port.setPrintLayout(REPORT_SHEET, layout.print);
}
