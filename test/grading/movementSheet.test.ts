/* The movement sheet 分级变动 (RULES.md §12: 能上能下, classes go up and down). */
import type { Snapshot } from '../../src/core/snapshot';
import { MOVEMENT_SHEET, writeMovementSheet } from '../../src/grading/movementSheet';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

const snap = (id: string, judgingDate: string, classes: Record<string, number>): Snapshot => ({
  id,
  judgingDate,
  kind: 'quarter',
  window: null,
  rulesFingerprint: 'f',
  gradedBy: '张三',
  gradedAt: `${judgingDate}T09:00:00+08:00`,
  channels: Object.entries(classes).map(([channelId, classIndex]) => ({
    channelId,
    channelName: `${channelId}经纪`,
    costRate: 0.9,
    annualScale: 1,
    depth: 0.1,
    classIndex,
  })),
});

const q1 = snap('q1', '2026-01-10', { A: 1, B: 19, C: 10 });
const q2 = snap('q2', '2026-04-10', { A: 19, B: 28, C: 10, D: 37 });

describe('the movement sheet', () => {
  it('puts the channel that fell two bands at the top, with its classes over the gradings', async () => {
    const wb = new MemoryWorkbook();
    await writeMovementSheet(wb, [q1, q2], 'zh');
    const rows = wb.sheets.get(MOVEMENT_SHEET)?.cells ?? [];
    const first = rows.findIndex((r) => r[0] === '渠道代码 Channel ID') + 1;
    expect(rows[first]).toEqual(['A', 'A经纪', '深蓝-A-Ⅰ', '黄-A-Ⅰ', '↓', '跨两个及以上色带', '深蓝-A-Ⅰ', '黄-A-Ⅰ']);
    expect(rows.slice(first).map((r) => r[0])).toEqual(expect.arrayContaining(['B', 'D']));
  });

  it('counts the colour migration of channels graded both times', async () => {
    const wb = new MemoryWorkbook();
    const movement = await writeMovementSheet(wb, [q1, q2], 'en');
    expect(movement?.colours[0]?.[2]).toBe(1);
    expect(movement?.unchanged).toBe(1);
    expect(wb.sheets.get(MOVEMENT_SHEET)?.cells[3]?.slice(0, 2)).toEqual([
      'Before \\ after 上期色带 \\ 本期色带',
      'DeepBlue',
    ]);
  });

  it('writes nothing before there are two gradings to compare', async () => {
    const wb = new MemoryWorkbook();
    expect(await writeMovementSheet(wb, [q1], 'zh')).toBeNull();
    expect(wb.sheets.has(MOVEMENT_SHEET)).toBe(false);
  });
});
