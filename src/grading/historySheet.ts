/**
 * The history a workbook keeps (RULES.md §12): every grading as rows of the sheet `分级历史` (one row per
 * channel per grading, readable by a person) and the approval trail as rows of `审批记录`. Appending
 * reads what is there and writes it back with the new rows after it: nothing earlier is changed, and
 * both sheets are the add-in's own (a user's sheet of that name is refused by the port).
 *
 * @packageDocumentation
 */
import {
  EMPTY_HISTORY,
  HISTORY_FORMAT,
  HISTORY_VERSION,
  historyFromJson,
  withGrading,
  type History,
} from '../core/history';
import { appendTrail, type Snapshot, type TrailStep } from '../core/snapshot';
import { fromExcelSerial, isoDate, type Lang } from '../core';
import type { CellValue, CellWrite, WorkbookPort } from './WorkbookPort';

/** The sheet of gradings. */
export const HISTORY_SHEET = '分级历史';
/** The sheet of the approval trail. */
export const TRAIL_SHEET = '审批记录';

const SNAPSHOT_COLUMNS = [
  ['分级编号', 'Grading'],
  ['评判日', 'Judging date'],
  ['分级类型', 'Kind'],
  ['窗口起', 'Window start'],
  ['窗口止', 'Window end'],
  ['规则指纹', 'Rules fingerprint'],
  ['分级人', 'Graded by'],
  ['分级时间', 'Graded at'],
  ['渠道代码', 'Channel ID'],
  ['渠道名称', 'Channel name'],
  ['分公司', 'Branch company'],
  ['三级机构', 'Branch'],
  ['经营成本率', 'Operating cost ratio'],
  ['年化合作规模', 'Annualized scale'],
  ['合作深度', 'Cooperation depth'],
  ['分类序号', 'Class index'],
] as const;

const TRAIL_COLUMNS = [
  ['时间', 'When'],
  ['人员', 'Who'],
  ['角色', 'Role'],
  ['操作', 'Action'],
  ['分级编号', 'Grading'],
  ['规则指纹', 'Rules fingerprint'],
  ['备注', 'Note'],
  ['待复核行数', 'Rows pending review'],
] as const;

function header(columns: readonly (readonly [string, string])[], lang: Lang): string[] {
  return columns.map(([zh, en]) => (lang === 'en' ? `${en} ${zh}` : `${zh} ${en}`));
}

function text(v: CellValue | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

/** A date cell as ISO text: Excel may have turned the text into a date serial. */
function dateText(v: CellValue | undefined): string {
  if (typeof v === 'number') {
    const d = fromExcelSerial(v);
    if (d !== null) return isoDate(d);
  }
  return text(v);
}

function optionalDate(v: CellValue | undefined): string | undefined {
  const t = dateText(v);
  return t === '' ? undefined : t;
}

function optional(v: CellValue | undefined): string | undefined {
  const t = text(v);
  return t === '' ? undefined : t;
}

async function rowsOf(port: WorkbookPort, sheet: string, width: number): Promise<CellValue[][]> {
  if (!(await port.sheetNames()).includes(sheet)) return [];
  const { rowCount } = await port.extent(sheet);
  if (rowCount < 2) return [];
  return port.readBlock(sheet, 2, 1, rowCount - 1, width);
}

/**
 * The workbook's history, validated as a history document is (the sheet and the row are named in a
 * message when a cell is wrong). A workbook without the sheets has an empty history.
 */
export async function readWorkbookHistory(port: WorkbookPort): Promise<History> {
  const snapshotRows = await rowsOf(port, HISTORY_SHEET, SNAPSHOT_COLUMNS.length);
  const trailRows = await rowsOf(port, TRAIL_SHEET, TRAIL_COLUMNS.length);
  if (snapshotRows.length === 0 && trailRows.length === 0) return EMPTY_HISTORY;
  const snapshots = new Map<string, Record<string, unknown> & { channels: unknown[] }>();
  for (const r of snapshotRows) {
    const id = text(r[0]);
    if (id === '') continue;
    let s = snapshots.get(id);
    if (s === undefined) {
      const start = optionalDate(r[3]);
      const end = optionalDate(r[4]);
      s = {
        id,
        judgingDate: dateText(r[1]),
        kind: text(r[2]),
        window: start === undefined && end === undefined ? null : { start, end },
        rulesFingerprint: text(r[5]),
        gradedBy: text(r[6]),
        gradedAt: text(r[7]),
        channels: [],
      };
      snapshots.set(id, s);
    }
    s.channels.push({
      channelId: text(r[8]),
      channelName: optional(r[9]),
      company: optional(r[10]),
      branch: optional(r[11]),
      costRate: r[12],
      annualScale: r[13],
      depth: r[14],
      classIndex: r[15],
    });
  }
  const trail = trailRows
    .filter((r) => text(r[0]) !== '')
    .map((r) => ({
      at: text(r[0]),
      who: text(r[1]),
      role: text(r[2]),
      action: text(r[3]),
      snapshotId: text(r[4]),
      rulesFingerprint: text(r[5]),
      note: optional(r[6]),
      // Only a review sign-off (复核完成) has a count of rows left pending.
      ...(text(r[3]) === 'reviewed' ? { pendingRows: r[7] } : {}),
    }));
  const doc = { format: HISTORY_FORMAT, version: HISTORY_VERSION, snapshots: [...snapshots.values()], trail };
  return historyFromJson(JSON.stringify(doc), `${HISTORY_SHEET} / ${TRAIL_SHEET}`);
}

function snapshotRows(s: Snapshot): CellWrite[][] {
  return s.channels.map((c) => [
    s.id,
    s.judgingDate,
    s.kind,
    s.window?.start ?? null,
    s.window?.end ?? null,
    s.rulesFingerprint,
    s.gradedBy,
    s.gradedAt,
    c.channelId,
    c.channelName ?? null,
    c.company ?? null,
    c.branch ?? null,
    c.costRate,
    c.annualScale,
    c.depth,
    c.classIndex,
  ]);
}

function trailRow(e: TrailStep): CellWrite[] {
  return [
    e.at,
    e.who,
    e.role,
    e.action,
    e.snapshotId,
    e.rulesFingerprint,
    e.note ?? null,
    e.action === 'reviewed' ? e.pendingRows : null,
  ];
}

/** Writes the whole history to the two sheets (the add-in's own), headers in `lang`. */
export async function writeWorkbookHistory(port: WorkbookPort, history: History, lang: Lang): Promise<void> {
  await port.replaceSheet(HISTORY_SHEET, [header(SNAPSHOT_COLUMNS, lang), ...history.snapshots.flatMap(snapshotRows)]);
  await port.replaceSheet(TRAIL_SHEET, [header(TRAIL_COLUMNS, lang), ...history.trail.map(trailRow)]);
}

/**
 * Writes `after`, which extends `before` (as read from the workbook), by appending its new rows below
 * the rows already on the two sheets: what is there is never written again, so a write cut short (a
 * closed pane, a lost connection) cannot lose an earlier grading or approval, and Excel never retypes
 * them. A workbook without both sheets gets them written whole (and marked as the add-in's).
 */
export async function appendWorkbookHistory(
  port: WorkbookPort,
  before: History,
  after: History,
  lang: Lang,
): Promise<void> {
  const names = await port.sheetNames();
  const extends_ =
    before.snapshots.every((s, i) => after.snapshots[i] === s) && before.trail.every((e, i) => after.trail[i] === e);
  if (!extends_ || !names.includes(HISTORY_SHEET) || !names.includes(TRAIL_SHEET) || before === EMPTY_HISTORY) {
    await writeWorkbookHistory(port, after, lang);
    return;
  }
  const snapshotRowsAdded = after.snapshots.slice(before.snapshots.length).flatMap(snapshotRows);
  if (snapshotRowsAdded.length > 0)
    await port.writeBlock(HISTORY_SHEET, (await port.extent(HISTORY_SHEET)).rowCount + 1, 1, snapshotRowsAdded);
  const trailAdded = after.trail.slice(before.trail.length).map(trailRow);
  if (trailAdded.length > 0) {
    // A trail sheet written before the review had its own step has no header over the count of rows pending.
    if (after.trail.slice(before.trail.length).some((e) => e.action === 'reviewed'))
      await port.writeBlock(TRAIL_SHEET, 1, TRAIL_COLUMNS.length, [[header(TRAIL_COLUMNS, lang).at(-1) ?? null]]);
    await port.writeBlock(TRAIL_SHEET, (await port.extent(TRAIL_SHEET)).rowCount + 1, 1, trailAdded);
  }
}

/**
 * Appends a grading to the workbook's history and records it on the trail as `graded` by its grader
 * (第十条: the 经代部 grades). Returns the snapshot with its id and the history before it, so the
 * caller can show the movement since the previous grading.
 */
export async function recordGrading(
  port: WorkbookPort,
  grading: Omit<Snapshot, 'id'>,
  lang: Lang,
): Promise<{ snapshot: Snapshot; before: History; after: History }> {
  const before = await readWorkbookHistory(port);
  const { history: after, snapshot } = withGrading(before, grading);
  await appendWorkbookHistory(port, before, after, lang);
  return { snapshot, before, after };
}

/** Appends one step (review, approve, return, notify, acknowledge) to the workbook's trail; refusals as `appendTrail`. */
export async function recordTrailEntry(port: WorkbookPort, entry: TrailStep, lang: Lang): Promise<History> {
  const history = await readWorkbookHistory(port);
  const after: History = { snapshots: history.snapshots, trail: appendTrail(history.trail, entry, history.snapshots) };
  await appendWorkbookHistory(port, history, after, lang);
  return after;
}
