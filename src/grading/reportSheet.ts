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
import { DIRECTION_LABELS, MOVE_FLAG_LABELS, classMovement, type ClassMove } from '../core/classMovement';
import { PREPARE_KIND_LABELS } from '../core/prepareKinds';
import { ROLE_LABELS, decisionOf, type Snapshot, type SnapshotChannel, type TrailEntry } from '../core/snapshot';
import { BAND_FILLS } from './gradeSheet';
import type { CellWrite, NumberFormat, PrintLayout, WorkbookPort } from './WorkbookPort';

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
  readonly trail: readonly TrailEntry[];
  readonly lang: Lang;
}

/** A number format over a block of rows of one column. */
interface Formatted {
  readonly column: number;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly format: NumberFormat;
}

/** The sheet's rows, its number formats and where its parts end, before it is written. */
export interface ReportSheetLayout {
  readonly rows: CellWrite[][];
  readonly formats: readonly Formatted[];
  /** The rows of the colour table (for the band fills), 1-based, inclusive. */
  readonly colourRows: { readonly firstRow: number; readonly lastRow: number };
  readonly print: PrintLayout;
  /** The red channels, the movement's moves (flagged first) and the headroom rows shown, for tests and the pane. */
  readonly red: readonly SnapshotChannel[];
  readonly moves: readonly ClassMove[];
}

/** Footer: page number of pages, in both languages (Excel header/footer codes &P and &N). */
const FOOTER: Readonly<Record<Lang, string>> = {
  zh: '第 &P 页 / 共 &N 页  Page &P of &N',
  en: 'Page &P of &N  第 &P 页 / 共 &N 页',
};

const RED_FROM = COLOURS.indexOf('lightRed');
/** The headroom part lists the channels with the least room, as many as the HTML report. */
const HEADROOM_SHOWN = 20;

/** An amount as the HTML report shows it: thousands separators, at most two decimals (display only). */
function shown(x: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 }).format(x);
}

/** A ratio as the HTML report shows it, two decimals of a percent (display only). */
function percentText(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

function colourOf(c: SnapshotChannel): number {
  const cls = classOfIndex(c.classIndex);
  return cls === null ? COLOURS.length - 1 : COLOURS.indexOf(cls.colour);
}

/**
 * The report's rows and print layout (RULES.md §12). Labels follow `lang` with the other language
 * beside them; amounts are numbers (formatted, not rounded); ratios are numbers formatted as percent.
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
  rows.push([
    item(
      '审批',
      'Approval',
      decision === null
        ? t('待审批', 'awaiting approval')
        : `${decision.action === 'approved' ? t('已批准', 'approved') : t('已退回', 'returned')} · ${decision.who}（${pick(ROLE_LABELS[decision.role])}）· ${minute(decision.at)}`,
    ),
  ]);
  const titleRows = { first: 1, last: 4 };

  // 1. Distribution: channels and premium per colour band, and per scale class within each band.
  rows.push([]);
  rows.push([t('一、分类分布', '1. Distribution')]);
  rows.push([
    t('色带', 'Colour band'),
    t('渠道数', 'Channels'),
    t('年化保费（元）', 'Premium (yuan)'),
    ...SCALES.flatMap((sc) => [t(`${sc}类渠道数`, `${sc} channels`), t(`${sc}类保费`, `${sc} premium`)]),
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

  // 2. Red channels with their premium, the largest first.
  const red = channels
    .filter((c) => colourOf(c) >= RED_FROM)
    .sort((a, b) => b.annualScale - a.annualScale || a.channelId.localeCompare(b.channelId));
  const redPremium = arith.sum(red.map((c) => c.annualScale));
  rows.push([]);
  rows.push([t('二、红色渠道', '2. Red channels')]);
  if (red.length === 0) rows.push([t('没有红色渠道。', 'No red channels.')]);
  else {
    // The same sentence as the HTML report's, amounts shown as people read them.
    rows.push([
      lang === 'en'
        ? `${red.length} red channels, annualized premium ${shown(redPremium, 'en')} yuan · 红色渠道 ${red.length} 个，年化保费合计 ${shown(redPremium, 'zh')} 元`
        : `红色渠道 ${red.length} 个，年化保费合计 ${shown(redPremium, 'zh')} 元 · ${red.length} red channels, annualized premium ${shown(redPremium, 'en')} yuan`,
    ]);
    rows.push([
      t('渠道代码', 'Channel ID'),
      t('渠道名称', 'Channel name'),
      t('分类', 'Class'),
      t('经营成本率', 'Cost ratio'),
      t('保费（元）', 'Premium'),
      t('检视措施', 'Review action'),
      t('分公司', 'Branch company'),
      t('三级机构', 'Branch'),
    ]);
    const first = next();
    for (const c of red)
      rows.push([
        c.channelId,
        c.channelName ?? null,
        labelOfIndex(c.classIndex, lang),
        c.costRate,
        c.annualScale,
        pick(reviewAction(c.classIndex, rules)),
        c.company ?? null,
        c.branch ?? null,
      ]);
    format(4, first, next() - 1, 'percent');
    format(5, first, next() - 1, 'amount');
  }
  breaksAfter.push(next() - 1);

  // 3. Movement since the previous grading: the colour migration matrix, then the moved channels,
  // flagged ones first (RULES.md §12).
  rows.push([t('三、与上期相比的变动', '3. Movement since the last grading')]);
  let moves: ClassMove[] = [];
  if (previous === null)
    rows.push([
      t('这是第一次分级，没有可比较的上一期。', 'This is the first grading: there is no earlier one to compare with.'),
    ]);
  else {
    const m = classMovement(previous.channels, channels);
    moves = [...m.moves].sort(
      (a, b) => b.flags.length - a.flags.length || Math.abs(b.colourSteps) - Math.abs(a.colourSteps),
    );
    const names = new Map<string, string>();
    for (const c of [...previous.channels, ...channels]) if (c.channelName) names.set(c.channelId, c.channelName);
    // One sentence, as the HTML report says it, so nothing is cut by the next cell on paper.
    const flagged = m.moves.filter((x) => x.flags.length > 0).length;
    const zh = `与 ${previous.judgingDate}（${PREPARE_KIND_LABELS[previous.kind].zh}，${previous.id}）相比：${m.moves.length} 个渠道有变动，${m.unchanged} 个不变，${flagged} 个需关注`;
    const en = `Against ${previous.judgingDate} (${PREPARE_KIND_LABELS[previous.kind].en}, ${previous.id}): ${m.moves.length} channels moved, ${m.unchanged} unchanged, ${flagged} flagged`;
    rows.push([lang === 'en' ? `${en} · ${zh}` : `${zh} · ${en}`]);
    rows.push([t('上期 \\ 本期', 'Before \\ after'), ...COLOURS.map((c) => COLOUR_LABELS[c][lang])]);
    COLOURS.forEach((c, i) => rows.push([COLOUR_LABELS[c][lang], ...(m.colours[i] ?? [])]));
    if (moves.length > 0) {
      rows.push([
        t('渠道代码', 'Channel ID'),
        t('渠道名称', 'Channel name'),
        t('上期分类', 'Before'),
        t('本期分类', 'After'),
        t('变动', 'Move'),
        t('关注', 'Flag'),
      ]);
      for (const x of moves)
        rows.push([
          x.channelId,
          names.get(x.channelId) ?? null,
          x.from === null ? '—' : labelOfIndex(x.from, lang),
          x.to === null ? '—' : labelOfIndex(x.to, lang),
          pick(DIRECTION_LABELS[x.direction]),
          x.flags.map((f) => pick(MOVE_FLAG_LABELS[f])).join(lang === 'en' ? ', ' : '、') || null,
        ]);
    }
  }
  breaksAfter.push(next() - 1);

  // 4. Resource matching and the review action per class on the sheet, in two tables so that the
  // page stays nine columns wide and prints at a size a manager can read.
  rows.push([t('四、资源匹配与检视措施', '4. Resource matching and review actions')]);
  const present = [...new Set(channels.map((c) => c.classIndex))].sort((a, b) => a - b);
  const split = REPORT_COLUMNS - 5;
  rows.push([
    t('分类', 'Class'),
    t('渠道数', 'Channels'),
    t('保费（元）', 'Premium'),
    t('检视措施', 'Review action'),
    t('管理层级', 'Level'),
    ...RESOURCE_ITEMS.slice(0, split).map((i) => pick(i.name)),
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
  rows.push([]);
  rows.push([t('分类', 'Class'), ...RESOURCE_ITEMS.slice(split).map((i) => pick(i.name))]);
  for (const k of present) rows.push([labelOfIndex(k, lang), ...resourceOutcomes(k, rules).slice(split).map(pick)]);
  breaksAfter.push(next() - 1);

  // 5. Fee headroom to the yellow band's upper bound (as the HTML report: the least room first).
  const yellowMax = rules.costMax[COLOURS.indexOf('yellow')] ?? 0;
  const room = channels
    .map((c) => ({ c, room: arith.subtract2(yellowMax, c.costRate, 0) }))
    .sort((a, b) => a.room - b.room);
  const over = room.filter((h) => h.room < 0).length;
  rows.push([t('五、费用空间', '5. Fee headroom')]);
  // The same sentence as the HTML report's.
  rows.push([
    lang === 'en'
      ? `Against the yellow bound of ${percentText(yellowMax)}: ${room.length - over} channels have room, ${over} are over it. The ${HEADROOM_SHOWN} with the least room: · 以黄色上限 ${percentText(yellowMax)} 计：${room.length - over} 个渠道仍有费用空间，${over} 个已超出。下表列出空间最小的 ${HEADROOM_SHOWN} 个。`
      : `以黄色上限 ${percentText(yellowMax)} 计：${room.length - over} 个渠道仍有费用空间，${over} 个已超出。下表列出空间最小的 ${HEADROOM_SHOWN} 个。 · Against the yellow bound of ${percentText(yellowMax)}: ${room.length - over} channels have room, ${over} are over it.`,
  ]);
  rows.push([
    t('渠道代码', 'Channel ID'),
    t('渠道名称', 'Channel name'),
    t('经营成本率', 'Cost ratio'),
    t('至黄色上限的空间', 'Room to yellow bound'),
    t('保费（元）', 'Premium'),
  ]);
  const roomFirst = next();
  for (const h of room.slice(0, HEADROOM_SHOWN))
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
    rows.push([t('时间', 'When'), null, t('人员', 'Who'), t('角色', 'Role'), t('操作', 'Action'), t('备注', 'Note')]);
    for (const e of steps) rows.push([e.at, null, e.who, pick(ROLE_LABELS[e.role]), e.action, e.note ?? null]);
  }

  const lastRow = rows.length;
  return {
    rows,
    formats,
    colourRows: { firstRow: colourFirst, lastRow: colourLast },
    red,
    moves,
    print: {
      orientation: 'landscape',
      area: { firstRow: 1, firstColumn: 1, lastRow, lastColumn: REPORT_COLUMNS },
      titleRows,
      breaksAfter: breaksAfter.filter((r, i, all) => r < lastRow && all.indexOf(r) === i),
      fitToWidth: true,
      margins: { top: 0.6, bottom: 0.6, left: 0.4, right: 0.4 },
      footer: FOOTER[lang],
    },
  };
}

/** Column widths in characters: amounts (up to 100 亿 with separators and decimals) fit without ###. */
const WIDTHS = [16, 22, 18, 16, 18, 16, 18, 16, 18];

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
