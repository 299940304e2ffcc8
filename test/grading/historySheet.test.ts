/* The history a workbook keeps (RULES.md §12): gradings on 分级历史, the approval trail on 审批记录. */
import { SheetNotOwnedError } from '../../src/grading/WorkbookPort';
import {
  HISTORY_SHEET,
  TRAIL_SHEET,
  readWorkbookHistory,
  recordGrading,
  recordTrailEntry,
} from '../../src/grading/historySheet';
import type { Snapshot } from '../../src/core/snapshot';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

const grading = (judgingDate: string, classIndex: number): Omit<Snapshot, 'id'> => ({
  judgingDate,
  kind: 'quarter',
  window: { start: '2026-01-01', end: '2026-03-31' },
  rulesFingerprint: '0123456789ab',
  gradedBy: '张三',
  gradedAt: `${judgingDate}T09:30:00+08:00`,
  channels: [
    {
      channelId: 'Q1',
      channelName: '甲经纪',
      company: '北京分公司',
      costRate: 0.93,
      annualScale: 2_500_000,
      depth: 0.12,
      classIndex,
    },
    { channelId: 'Q2', costRate: 1.07, annualScale: 800_000, depth: 0.05, classIndex: 45 },
  ],
});

describe('the history a workbook keeps', () => {
  it('keeps the first grading as it was when the next quarter is graded', async () => {
    const wb = new MemoryWorkbook({ 渠道: [['渠道代码']] });
    const first = await recordGrading(wb, grading('2026-04-08', 14), 'zh');
    const second = await recordGrading(wb, grading('2026-07-08', 23), 'zh');
    expect(second.before.snapshots).toEqual([first.snapshot]);
    const history = await readWorkbookHistory(wb);
    expect(history.snapshots.map((s) => s.id)).toEqual(['2026-04-08/quarter/1', '2026-07-08/quarter/2']);
    expect(history.snapshots[0]?.channels[0]).toMatchObject({ channelId: 'Q1', channelName: '甲经纪', classIndex: 14 });
  });

  it('writes one row per channel per grading, readable by a person', async () => {
    const wb = new MemoryWorkbook();
    await recordGrading(wb, grading('2026-04-08', 14), 'zh');
    const rows = wb.sheets.get(HISTORY_SHEET)?.cells ?? [];
    expect(rows[0]?.[0]).toBe('分级编号 Grading');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.slice(8, 10)).toEqual(['Q1', '甲经纪']);
  });

  it('records who graded, and keeps an approval when the workbook is graded again', async () => {
    const wb = new MemoryWorkbook();
    const { snapshot } = await recordGrading(wb, grading('2026-04-08', 14), 'zh');
    await recordTrailEntry(
      wb,
      {
        at: '2026-04-09T10:00:00+08:00',
        who: '李四',
        role: 'approver',
        action: 'approved',
        snapshotId: snapshot.id,
        rulesFingerprint: '0123456789ab',
      },
      'zh',
    );
    await recordGrading(wb, grading('2026-07-08', 23), 'zh');
    const trail = (await readWorkbookHistory(wb)).trail;
    expect(trail.map((e) => `${e.action}:${e.snapshotId}`)).toEqual([
      'graded:2026-04-08/quarter/1',
      'approved:2026-04-08/quarter/1',
      'graded:2026-07-08/quarter/2',
    ]);
    expect(wb.sheets.get(TRAIL_SHEET)?.cells).toHaveLength(4);
  });

  it('reads dates that Excel turned into date serials', async () => {
    const wb = new MemoryWorkbook();
    await recordGrading(wb, grading('2026-04-08', 14), 'zh');
    const row = wb.sheets.get(HISTORY_SHEET)?.cells[1];
    if (row) row[1] = 46120; // 2026-04-08
    expect((await readWorkbookHistory(wb)).snapshots[0]?.judgingDate).toBe('2026-04-08');
  });

  it('names the sheet and the field when a history cell was edited into nonsense', async () => {
    const wb = new MemoryWorkbook();
    await recordGrading(wb, grading('2026-04-08', 14), 'zh');
    const row = wb.sheets.get(HISTORY_SHEET)?.cells[1];
    if (row) row[15] = '蓝-B-Ⅱ';
    await expect(readWorkbookHistory(wb)).rejects.toThrow(/分级历史.*classIndex/);
  });

  it('never writes over a user’s own sheet named 分级历史', async () => {
    const wb = new MemoryWorkbook({ 分级历史: [['我的笔记']] });
    await expect(recordGrading(wb, grading('2026-04-08', 14), 'zh')).rejects.toThrow(SheetNotOwnedError);
    expect(wb.sheets.get(HISTORY_SHEET)?.cells).toEqual([['我的笔记']]);
  });

  it('appends a grading and an approval below what the sheets hold, never writing an earlier row again', async () => {
    const wb = new MemoryWorkbook();
    const first = await recordGrading(wb, grading('2026-01-10', 14), 'zh');
    const written: string[] = [];
    const watched = new Proxy(wb, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (key === 'replaceSheet' || key === 'writeBlock')
            written.push(`${String(key)} ${String(args[0])} ${String(args[1])}`);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    await recordGrading(watched, grading('2026-04-08', 30), 'zh');
    await recordTrailEntry(
      watched,
      {
        at: '2026-04-09T10:00:00+08:00',
        who: '李四',
        role: 'approver',
        action: 'approved',
        snapshotId: first.snapshot.id,
        rulesFingerprint: '0123456789ab',
      },
      'zh',
    );
    // Header + two channels of the first grading: the second starts on row 4; the trail's third entry on row 4.
    expect(written).toEqual([
      `writeBlock ${HISTORY_SHEET} 4`,
      `writeBlock ${TRAIL_SHEET} 3`,
      `writeBlock ${TRAIL_SHEET} 4`,
    ]);
    const history = await readWorkbookHistory(wb);
    expect(history.snapshots.map((s) => s.judgingDate)).toEqual(['2026-01-10', '2026-04-08']);
    expect(history.trail.map((e) => e.action)).toEqual(['graded', 'graded', 'approved']);
  });
});
