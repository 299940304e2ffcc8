/*
 * A grading recorded in the workbook it graded (RULES.md §12; 第四条 two classes, 第十条 who grades,
 * approves and is notified): 分级历史, 审批记录, 分级变动, 在用分类, and approvals on the trail.
 */
import { UsageError } from '../../src/core';
import {
  ADDIN_SHEETS,
  HISTORY_SHEET,
  IN_FORCE_SHEET,
  MOVEMENT_SHEET,
  REPORT_SHEET,
  NoGradingRecordedError,
  NoSnapshotChannelsError,
  SheetNotOwnedError,
  SnapshotNotFoundError,
  TRAIL_SHEET,
  approveSnapshot,
  prepareReview,
  refreshReportSheet,
  stampReview,
  gradeSheet,
  readWorkbookHistory,
  recordGradingInWorkbook,
  snapshotOf,
  type CellWrite,
  type GradeReport,
} from '../../src/grading';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

const HEADER = [
  '渠道代码',
  '渠道名称',
  '分公司',
  '服务区域代码',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
];
// Q1 deep blue (cost 70%), Q2 deep red (cost 110%), Q3 yellow (cost 98%).
const Q1: CellWrite[] = ['Q1', '甲经纪', '北京分公司', '3301', 0.5, 0.1, 0.1, 3_000_000, 365, 10_000_000];
const Q2: CellWrite[] = ['Q2', '乙代理', '上海分公司', '3301', 0.8, 0.2, 0.1, 800_000, 365, 4_000_000];
const Q3: CellWrite[] = ['Q3', '丙代理', '北京分公司', '3301', 0.7, 0.18, 0.1, 1_500_000, 365, 9_000_000];

function book(rows: CellWrite[][]): MemoryWorkbook {
  return new MemoryWorkbook({ 渠道: [HEADER, ...rows.map((r) => [...r])] });
}

async function graded(wb: MemoryWorkbook, mode: 'annual' | 'in-year' = 'annual'): Promise<GradeReport> {
  return gradeSheet(wb, { sheet: '渠道', mode, snapshot: true, now: () => new Date('2026-04-08T01:30:00Z') });
}

const meta = (judgingDate: string, kind: 'annual' | 'quarter' = 'annual') => ({
  kind,
  judgingDate,
  by: '张三',
  gradedAt: `${judgingDate}T09:30:00+08:00`,
});

/** The 个人客户运营部 (李四, not the grader 张三) approves a recorded grading. */
async function approve(wb: MemoryWorkbook, snapshotId: string): Promise<void> {
  await approveSnapshot(wb, { snapshotId, by: '李四', action: 'approved', at: '2026-04-09T10:00:00+08:00' }, 'zh');
}

function rowOf(wb: MemoryWorkbook, sheet: string, first: string): CellWrite[] | undefined {
  return wb.sheets.get(sheet)?.cells.find((r) => r[0] === first);
}

describe('a grading recorded in the workbook (RULES.md §12)', () => {
  it('appends the snapshot to 分级历史 and a “graded” step by 经代部 to 审批记录', async () => {
    const wb = book([Q1, Q2]);
    const report = await graded(wb);
    const { snapshot, previous, history, movement } = await recordGradingInWorkbook(
      wb,
      report,
      meta('2026-01-10'),
      'zh',
    );
    expect(snapshot.id).toBe('2026-01-10/annual/1');
    expect(snapshot.window).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    expect(snapshot.rulesFingerprint).toBe(report.fingerprint);
    expect(previous).toBeNull();
    expect(movement).toBeNull();
    expect(history.trail).toEqual([expect.objectContaining({ role: 'grader', action: 'graded', who: '张三' })]);
    expect(wb.sheets.get(HISTORY_SHEET)?.cells).toHaveLength(3);
    expect(wb.sheets.get(TRAIL_SHEET)?.cells[1]?.slice(1, 5)).toEqual(['张三', 'grader', 'graded', snapshot.id]);
    expect(wb.owned.has(HISTORY_SHEET)).toBe(true);
    expect(wb.sheets.has(MOVEMENT_SHEET)).toBe(false);
  });

  it('shows the channel that fell from deep blue to deep red on 分级变动, flagged, after the next quarter', async () => {
    const wb = book([Q1, Q2]);
    await recordGradingInWorkbook(wb, await graded(wb), meta('2026-01-10'), 'zh');
    const wb2Rows = [
      ['Q1', '甲经纪', '北京分公司', '3301', 0.8, 0.2, 0.1, 3_000_000, 365, 10_000_000],
      Q2,
    ] as CellWrite[][];
    const cells = wb.sheets.get('渠道')?.cells ?? [];
    cells.splice(1, 2, ...wb2Rows.map((r) => [...r]));
    const second = await recordGradingInWorkbook(wb, await graded(wb, 'in-year'), meta('2026-04-08', 'quarter'), 'zh');
    expect(second.previous?.id).toBe('2026-01-10/annual/1');
    expect(second.movement?.moves).toEqual([
      expect.objectContaining({ channelId: 'Q1', flags: ['twoOrMoreBands', 'intoRed'] }),
    ]);
    const q1 = rowOf(wb, MOVEMENT_SHEET, 'Q1');
    expect(q1?.slice(1, 6)).toEqual(['甲经纪', '深蓝-B-Ⅰ', '深红-B-Ⅰ', '↓', '跨两个及以上色带、进入红色']);
    expect((await readWorkbookHistory(wb)).snapshots).toHaveLength(2);
  });

  it('holds the annual and the in-year class side by side on 在用分类 and says matching uses the in-year one (第四条)', async () => {
    const wb = book([Q1, Q3]);
    await recordGradingInWorkbook(wb, await graded(wb), meta('2026-01-10'), 'zh');
    await approve(wb, '2026-01-10/annual/1');
    const cells = wb.sheets.get('渠道')?.cells ?? [];
    cells[1] = ['Q1', '甲经纪', '北京分公司', '3301', 0.68, 0.15, 0.1, 3_000_000, 365, 10_000_000];
    await recordGradingInWorkbook(wb, await graded(wb, 'in-year'), meta('2026-04-08', 'quarter'), 'zh');
    await approve(wb, '2026-04-08/quarter/2');
    const sheet = wb.sheets.get(IN_FORCE_SHEET)?.cells ?? [];
    expect(sheet[3]?.[0]).toBe('渠道代码 Channel ID');
    expect(sheet[1]?.[0]).toEqual(expect.stringContaining('第四条'));
    expect(rowOf(wb, IN_FORCE_SHEET, 'Q1')).toEqual([
      'Q1',
      '甲经纪',
      '深蓝-B-Ⅰ',
      '2026-01-10/annual/1',
      '蓝-B-Ⅰ',
      '2026-04-08/quarter/2',
      null,
      '年度内运用分类',
      '蓝-B-Ⅰ',
      null,
    ]);
    expect(wb.owned.has(IN_FORCE_SHEET)).toBe(true);
  });

  it('shows a grading awaiting approval beside the class in force, and never a returned grading’s class (In force: the class resource matching acts on comes from the latest approved grading of its kind)', async () => {
    const wb = book([Q1]);
    await recordGradingInWorkbook(wb, await graded(wb), meta('2026-01-10'), 'zh');
    await approve(wb, '2026-01-10/annual/1');
    const cells = wb.sheets.get('渠道')?.cells ?? [];
    cells[1] = ['Q1', '甲经纪', '北京分公司', '3301', 0.8, 0.2, 0.1, 3_000_000, 365, 10_000_000];
    await recordGradingInWorkbook(wb, await graded(wb, 'in-year'), meta('2026-04-08', 'quarter'), 'zh');
    const pending = rowOf(wb, IN_FORCE_SHEET, 'Q1');
    expect(pending?.slice(2, 10)).toEqual([
      '深蓝-B-Ⅰ',
      '2026-01-10/annual/1',
      null,
      null,
      null,
      '年度分类',
      '深蓝-B-Ⅰ',
      '年度内运用分类 深红-B-Ⅰ (2026-04-08/quarter/2)',
    ]);
    await approveSnapshot(
      wb,
      { snapshotId: '2026-04-08/quarter/2', by: '李四', action: 'returned', at: '2026-04-09T10:00:00+08:00' },
      'zh',
    );
    await recordGradingInWorkbook(wb, await graded(wb, 'in-year'), meta('2026-04-20', 'quarter'), 'zh');
    const afterReturn = rowOf(wb, IN_FORCE_SHEET, 'Q1');
    expect(afterReturn?.[8]).toBe('深蓝-B-Ⅰ');
    expect(afterReturn?.[9]).toBe('年度内运用分类 深红-B-Ⅰ (2026-04-20/quarter/3)');
  });

  it('writes English-first headers under an English Office', async () => {
    const wb = book([Q1]);
    await recordGradingInWorkbook(wb, await graded(wb), meta('2026-01-10'), 'en');
    await approveSnapshot(wb, { by: '李四', action: 'approved', at: '2026-01-11T10:00:00+08:00' }, 'en');
    await recordGradingInWorkbook(wb, await graded(wb), meta('2026-01-12'), 'en');
    expect(wb.sheets.get(IN_FORCE_SHEET)?.cells[3]?.[0]).toBe('Channel ID 渠道代码');
    expect(rowOf(wb, IN_FORCE_SHEET, 'Q1')?.[7]).toBe('Annual class');
  });

  it('refuses a grading made without its channels, naming the option to turn on', async () => {
    const wb = book([Q1]);
    const report = await gradeSheet(wb, { sheet: '渠道' });
    expect(() => snapshotOf(report, meta('2026-01-10'))).toThrow(NoSnapshotChannelsError);
    await expect(recordGradingInWorkbook(wb, report, meta('2026-01-10'), 'zh')).rejects.toThrow(/snapshot/);
    expect(wb.sheets.has(HISTORY_SHEET)).toBe(false);
  });

  it('leaves a user’s own sheet named 在用分类 alone and says so', async () => {
    const wb = book([Q1]);
    wb.sheets.set(IN_FORCE_SHEET, { cells: [['我的笔记']], formats: new Map(), bands: [] });
    await expect(recordGradingInWorkbook(wb, await graded(wb), meta('2026-01-10'), 'zh')).rejects.toThrow(
      SheetNotOwnedError,
    );
    expect(wb.sheets.get(IN_FORCE_SHEET)?.cells).toEqual([['我的笔记']]);
  });
});

describe('approvals on the trail of a snapshot (RULES.md §12, 第十条)', () => {
  it('records 个人客户运营部’s approval with the snapshot’s rules fingerprint, and keeps it when the next quarter is graded', async () => {
    const wb = book([Q1, Q2]);
    const first = await recordGradingInWorkbook(wb, await graded(wb), meta('2026-01-10'), 'zh');
    await approveSnapshot(wb, { by: '李四', action: 'approved', at: '2026-01-11T10:00:00+08:00', note: '同意' }, 'zh');
    await recordGradingInWorkbook(wb, await graded(wb, 'in-year'), meta('2026-04-08', 'quarter'), 'zh');
    const history = await readWorkbookHistory(wb);
    expect(history.trail.map((e) => [e.action, e.role, e.snapshotId])).toEqual([
      ['graded', 'grader', first.snapshot.id],
      ['approved', 'approver', first.snapshot.id],
      ['graded', 'grader', '2026-04-08/quarter/2'],
    ]);
    expect(history.trail[1]).toMatchObject({
      who: '李四',
      rulesFingerprint: first.snapshot.rulesFingerprint,
      note: '同意',
    });
  });

  it('shows the approval on the printed report 分级报告 of the grading it approved', async () => {
    const wb = book([Q1, Q2]);
    await recordGradingInWorkbook(wb, await graded(wb), meta('2026-01-10'), 'zh');
    expect(wb.sheets.get(REPORT_SHEET)?.cells[3]).toContain('审批 Approval：待审批 · 草稿 Awaiting approval · Draft');
    await approveSnapshot(wb, { by: '李四', action: 'approved', at: '2026-01-11T10:00:00+08:00' }, 'zh');
    expect(wb.sheets.get(REPORT_SHEET)?.cells[3]).toContain(
      '审批 Approval：已批准 approved · 李四（个人客户运营部）· 2026-01-11 10:00',
    );
    expect(wb.printLayouts.get(REPORT_SHEET)?.fitToWidth).toBe(true);
  });

  it('shows the review’s sign-off on the printed report once the report is refreshed', async () => {
    const wb = book([Q1, Q2]);
    const report = await gradeSheet(wb, { sheet: '渠道', snapshot: true, now: () => new Date('2026-01-10T01:30:00Z') });
    await recordGradingInWorkbook(wb, report, { ...meta('2026-01-10'), gradedAt: '2026-01-10T09:30:00+08:00' }, 'zh');
    const state = await prepareReview(wb, { sheet: '渠道' });
    await stampReview(wb, {
      by: '王经理',
      at: new Date('2026-01-11T02:00:00Z'),
      fingerprint: report.fingerprint,
      state,
      confirmPending: true,
    });
    await refreshReportSheet(wb, 'zh');
    // The row review's sign-off is its own step and never the approval.
    expect(wb.sheets.get(REPORT_SHEET)?.cells[3]?.[0]).toMatch(
      /^审批 Approval：待审批 · 草稿 Awaiting approval · Draft · 复核完成 review signed off 王经理 2026-01-11 \d\d:00（待复核 2 行/,
    );
  });

  it('approves a named earlier snapshot, and notifies a branch as 经代部', async () => {
    const wb = book([Q1]);
    const first = await recordGradingInWorkbook(wb, await graded(wb), meta('2026-01-10'), 'zh');
    await recordGradingInWorkbook(wb, await graded(wb, 'in-year'), meta('2026-04-08', 'quarter'), 'zh');
    const after = await approveSnapshot(
      wb,
      { snapshotId: first.snapshot.id, by: '李四', action: 'returned', at: new Date('2026-04-09T02:00:00Z') },
      'zh',
    );
    expect(after.trail.at(-1)).toMatchObject({ snapshotId: first.snapshot.id, action: 'returned', role: 'approver' });
    await approve(wb, '2026-04-08/quarter/2');
    const notified = await approveSnapshot(
      wb,
      { by: '王五', action: 'notified', note: '北京分公司', at: '2026-04-10T09:00:00+08:00' },
      'zh',
    );
    expect(notified.trail.at(-1)).toMatchObject({
      role: 'grader',
      action: 'notified',
      note: '北京分公司',
      snapshotId: '2026-04-08/quarter/2',
    });
  });

  it('refuses an approval of a grading that is not in the history, listing the ones there are, and records nothing', async () => {
    const wb = book([Q1]);
    await recordGradingInWorkbook(wb, await graded(wb), meta('2026-01-10'), 'zh');
    const before = JSON.stringify(wb.sheets.get(TRAIL_SHEET)?.cells);
    const refusal = approveSnapshot(
      wb,
      { snapshotId: '2025-12-31/annual/9', by: '李四', action: 'approved', at: '2026-01-11T10:00:00+08:00' },
      'zh',
    );
    await expect(refusal).rejects.toThrow(SnapshotNotFoundError);
    await expect(refusal).rejects.toThrow(/没有编号为 2025-12-31\/annual\/9 的分级.*2026-01-10\/annual\/1/);
    expect(JSON.stringify(wb.sheets.get(TRAIL_SHEET)?.cells)).toBe(before);
  });

  it('says to grade first when the workbook has no recorded grading', async () => {
    const wb = book([Q1]);
    await expect(
      approveSnapshot(wb, { by: '李四', action: 'approved', at: '2026-01-11T10:00:00+08:00' }, 'zh'),
    ).rejects.toThrow(NoGradingRecordedError);
  });

  it('refuses a branch approving (第十条: only 个人客户运营部 approves)', async () => {
    const wb = book([Q1]);
    await recordGradingInWorkbook(wb, await graded(wb), meta('2026-01-10'), 'zh');
    await expect(
      approveSnapshot(wb, { by: '赵六', role: 'branch', action: 'approved', at: '2026-01-11T10:00:00+08:00' }, 'zh'),
    ).rejects.toThrow(UsageError);
  });
});

describe('the sheets a recorded grading adds', () => {
  it('are never taken for the data sheet when no sheet is named', () => {
    for (const sheet of [HISTORY_SHEET, TRAIL_SHEET, MOVEMENT_SHEET, IN_FORCE_SHEET, REPORT_SHEET])
      expect(ADDIN_SHEETS.has(sheet)).toBe(true);
  });
});
