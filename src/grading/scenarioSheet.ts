/**
 * The finance scenario (RULES.md §7): move the market expense ratio of chosen bands or classes by ±x
 * points, see which channels change class, the migration matrix and the commission cost change, with
 * each channel's headroom in its band. The result goes to a sheet of its own, `情景测算`; the data
 * sheet is read, never written.
 *
 * @packageDocumentation
 */
import {
  COLOUR_LABELS,
  bandHeadroom,
  basisPointsOf,
  canonical,
  inScenario,
  labelOfIndex,
  shiftChannel,
  type Lang,
  type ScenarioTarget,
} from '../core';
import type { GradeSheetOptions } from './gradeSheet.types';
import { readGraded } from './readGraded';
import type { CellWrite, WorkbookPort } from './WorkbookPort';

/** Name of the scenario sheet. */
export const SCENARIO_SHEET = '情景测算';

/** What to move, and by how much. */
export interface ScenarioOptions extends GradeSheetOptions {
  /** Shift of the market expense ratio in percentage points (e.g. −1.5); two decimals at most. */
  readonly points: number;
  readonly target: ScenarioTarget;
}

/** One channel of the scenario. */
export interface ScenarioRow {
  readonly row: number;
  readonly channel: string;
  readonly from: number;
  readonly to: number;
  readonly costChange: number;
  /** How far the cost ratio can rise before the channel leaves its band now (null: deep red). */
  readonly headroom: number | null;
}

/** What the scenario found. */
export interface ScenarioReport {
  readonly sheet: string;
  readonly points: number;
  /** Channels the shift applied to. */
  readonly moved: number;
  /** Channels whose class changed. */
  readonly changed: readonly ScenarioRow[];
  /** Non-empty cells of the migration matrix, by from class then to class. */
  readonly migrations: readonly { readonly from: number; readonly to: number; readonly count: number }[];
  /** Total commission cost change (Δ ratio × annualized premium), in the sheet's premium unit. */
  readonly costChange: number;
}

function t(lang: Lang, zh: string, en: string): string {
  return lang === 'zh' ? `${zh} ${en}` : `${en} ${zh}`;
}

/** Runs the scenario over a graded (or gradable) sheet and writes `情景测算`. */
export async function runScenario(port: WorkbookPort, options: ScenarioOptions): Promise<ScenarioReport> {
  const lang = options.lang ?? 'zh';
  const bp = basisPointsOf(options.points);
  const graded = await readGraded(port, options);
  // The rules the rows were graded with: the caller's, else the workbook's saved rules (issue 15 point 1).
  const rules = graded.rules;
  const idColumn = graded.layout.inputs.channelId;
  const nameColumn = graded.layout.inputs.channelName;

  const rows: ScenarioRow[] = [];
  const table: CellWrite[][] = [];
  const matrix = new Map<string, { from: number; to: number; count: number }>();
  const changes: number[] = [];
  let moved = 0;
  graded.results.forEach((r, i) => {
    if (r.status !== 'graded' || !r.grade) return;
    const now = graded.groups.get(r.group)?.grade ?? r.grade;
    const applies = inScenario(now, options.target);
    const shifted = applies ? shiftChannel(now, bp, rules) : { after: now, costChange: 0 };
    if (applies) moved++;
    const input = graded.inputs[i] ?? [];
    const channel = idColumn === undefined ? '' : String(input[idColumn - 1] ?? '');
    const name = nameColumn === undefined ? '' : String(input[nameColumn - 1] ?? '');
    const row: ScenarioRow = {
      row: graded.firstData + i,
      channel,
      from: now.classIndex,
      to: shifted.after.classIndex,
      costChange: shifted.costChange,
      headroom: bandHeadroom(now, rules),
    };
    rows.push(row);
    changes.push(shifted.costChange);
    if (applies) {
      const key = `${row.from}>${row.to}`;
      const cell = matrix.get(key) ?? { from: row.from, to: row.to, count: 0 };
      cell.count++;
      matrix.set(key, cell);
    }
    table.push([
      row.row,
      channel,
      name,
      labelOfIndex(row.from, lang),
      labelOfIndex(row.to, lang),
      row.from === row.to ? '=' : row.to < row.from ? '↑' : '↓',
      now.costRate,
      shifted.after.costRate,
      now.annualScale,
      row.costChange,
      row.headroom ?? (lang === 'zh' ? '无上限' : 'no bound'),
    ]);
  });
  const costChange = canonical(changes.reduce((a, b) => a + b, 0));
  const migrations = [...matrix.values()].sort((a, b) => a.from - b.from || a.to - b.to);

  const target = [
    ...(options.target.colours ?? []).map((c) => COLOUR_LABELS[c][lang]),
    ...(options.target.classes ?? []).map((c) => labelOfIndex(c, lang)),
  ];
  const out: CellWrite[][] = [
    [t(lang, '佣金情景测算', 'Commission scenario')],
    [t(lang, '数据表', 'Data sheet'), graded.sheet],
    [t(lang, '市场费用率调整（百分点）', 'Market expense ratio shift (points)'), options.points],
    [t(lang, '适用范围', 'Applies to'), target.length > 0 ? target.join('、') : t(lang, '全部渠道', 'all channels')],
    [t(lang, '规则指纹', 'Rules fingerprint'), rules.fingerprint],
    [t(lang, '调整渠道数', 'Channels moved'), moved],
    [t(lang, '分类变化渠道数', 'Channels changing class'), rows.filter((r) => r.from !== r.to).length],
    [t(lang, '佣金成本变化合计', 'Total commission cost change'), costChange],
    [],
    [t(lang, '迁移矩阵（原分类 → 情景分类）', 'Migration matrix (from class → to class)')],
    [t(lang, '原分类', 'From'), t(lang, '情景分类', 'To'), t(lang, '渠道数', 'Channels')],
    ...migrations.map((m) => [labelOfIndex(m.from, lang), labelOfIndex(m.to, lang), m.count]),
    [],
    [
      t(lang, '行', 'Row'),
      t(lang, '渠道代码', 'Channel ID'),
      t(lang, '渠道名称', 'Channel name'),
      t(lang, '当前分类', 'Class now'),
      t(lang, '情景分类', 'Scenario class'),
      t(lang, '变化', 'Change'),
      t(lang, '经营成本率', 'Cost ratio'),
      t(lang, '情景经营成本率', 'Scenario cost ratio'),
      t(lang, '年化合作规模', 'Annualized premium'),
      t(lang, '佣金成本变化', 'Commission cost change'),
      t(lang, '色带余量', 'Band headroom'),
    ],
    ...table,
  ];
  await port.replaceSheet(SCENARIO_SHEET, out, [26, 16, 18, 16, 16, 8, 12, 14, 16, 16, 12]);
  const firstTableRow = out.length - table.length + 1;
  if (table.length > 0) {
    for (const [column, format] of [
      [7, 'percent'],
      [8, 'percent'],
      [9, 'amount'],
      [10, 'amount'],
      [11, 'percent'],
    ] as const)
      await port.formatColumn(SCENARIO_SHEET, column, firstTableRow, out.length, format);
  }
  await port.commit();
  return {
    sheet: graded.sheet,
    points: options.points,
    moved,
    changed: rows.filter((r) => r.from !== r.to),
    migrations,
    costChange,
  };
}
