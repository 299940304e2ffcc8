/*
 * The manager's report as a sheet, 分级报告, laid out for A4 (RULES.md §12; 第十条 the approval trail):
 * what a manager reads on paper, and that it says what the HTML report says.
 */
import { DEFAULT_COMPILED } from '../../src/core';
import type { Snapshot, SnapshotChannel, TrailEntry } from '../../src/core/snapshot';
import { REPORT_COLUMNS, REPORT_SHEET, managerReport, reportSheetLayout, writeReportSheet } from '../../src/grading';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

const ch = (
  channelId: string,
  classIndex: number,
  costRate: number,
  annualScale: number,
  name?: string,
): SnapshotChannel => ({
  channelId,
  channelName: name,
  company: '北京分公司',
  costRate,
  annualScale,
  depth: 0.1,
  classIndex,
});

// Class index = colour*9 + scale*3 + depth + 1 (deep blue A Ⅰ is 1, deep red C Ⅲ is 45).
const EARLIER: Snapshot = {
  id: '2026-01-10/annual/1',
  judgingDate: '2026-01-10',
  kind: 'annual',
  window: { start: '2025-01-01', end: '2025-12-31' },
  rulesFingerprint: DEFAULT_COMPILED.fingerprint,
  gradedBy: '张三',
  gradedAt: '2026-01-10T09:00:00+08:00',
  channels: [
    ch('Q1', 4, 0.8, 3_000_000, '甲经纪'),
    ch('Q2', 13, 0.93, 1_000_000, '乙代理'),
    ch('Q3', 22, 0.97, 500_000),
  ],
};
const LATER: Snapshot = {
  ...EARLIER,
  id: '2026-04-08/quarter/2',
  judgingDate: '2026-04-08',
  kind: 'quarter',
  window: { start: '2026-01-01', end: '2026-03-31' },
  gradedAt: '2026-04-08T09:00:00+08:00',
  channels: [
    ch('Q1', 40, 1.12, 3_000_000, '甲经纪'),
    ch('Q2', 13, 0.93, 1_000_000, '乙代理'),
    ch('Q3', 31, 1.02, 500_000),
    ch('Q4', 5, 0.85, 2_000_000, '丁保代'),
  ],
};
const TRAIL: TrailEntry[] = [
  {
    at: LATER.gradedAt,
    who: '张三',
    role: 'grader',
    action: 'graded',
    snapshotId: LATER.id,
    rulesFingerprint: LATER.rulesFingerprint,
  },
  {
    at: '2026-04-09T10:00:00+08:00',
    who: '李四',
    role: 'approver',
    action: 'approved',
    snapshotId: LATER.id,
    rulesFingerprint: LATER.rulesFingerprint,
  },
];
const INPUT = { snapshot: LATER, previous: EARLIER, rules: DEFAULT_COMPILED, trail: TRAIL, lang: 'zh' as const };

function find(rows: readonly (readonly unknown[])[], first: unknown): readonly unknown[] | undefined {
  return rows.find((r) => r[0] === first);
}

describe('the report sheet a manager prints (RULES.md §12)', () => {
  it('says on every page which grading it is and that 李四 of 个人客户运营部 approved it (第十条)', () => {
    const { rows, print } = reportSheetLayout(INPUT);
    expect(rows[0]?.[0]).toBe('经代渠道分级报告 Channel grading report');
    expect(rows.slice(0, 4).flat()).toEqual(
      expect.arrayContaining([
        '评判日 Judging date：2026-04-08',
        '分级编号 Grading：2026-04-08/quarter/2',
        `规则指纹 Rules：${DEFAULT_COMPILED.fingerprint}`,
        '审批 Approval：已批准 approved · 李四（个人客户运营部）· 2026-04-09 10:00',
      ]),
    );
    expect(print.titleRows).toEqual({ first: 1, last: 4 });
  });

  it('counts channels and premium per colour band and scale class, with a total', () => {
    const { rows } = reportSheetLayout(INPUT);
    // Q1 deep red B, Q3 light red B: the two red bands; Q2 blue B; Q4 deep blue B.
    expect(find(rows, '深蓝')).toEqual(['深蓝', 1, 2_000_000, 0, 0, 1, 2_000_000, 0, 0]);
    expect(find(rows, '深红')).toEqual(['深红', 1, 3_000_000, 0, 0, 1, 3_000_000, 0, 0]);
    expect(find(rows, '合计 Total')?.slice(0, 3)).toEqual(['合计 Total', 4, 6_500_000]);
  });

  it('lists the red channels with their premium, the largest first', () => {
    const { rows, red } = reportSheetLayout(INPUT);
    expect(red.map((c) => c.channelId)).toEqual(['Q1', 'Q3']);
    expect(
      rows.some(
        (r) => r[0] === '红色渠道 2 个，年化保费合计 3,500,000 元 · 2 red channels, annualized premium 3,500,000 yuan',
      ),
    ).toBe(true);
    expect(find(rows, 'Q1')?.slice(0, 5)).toEqual(['Q1', '甲经纪', '深红-B-Ⅰ', 1.12, 3_000_000]);
  });

  it('shows the channel that fell from deep blue to deep red first, flagged, then the new one', () => {
    const { rows, moves } = reportSheetLayout(INPUT);
    expect(moves.map((m) => m.channelId)).toEqual(['Q1', 'Q3', 'Q4']);
    const header = rows.findIndex((r) => r[0] === '渠道代码 Channel ID' && r[2] === '上期分类 Before');
    expect(rows[header + 1]).toEqual(['Q1', '甲经纪', '深蓝-B-Ⅰ', '深红-B-Ⅰ', '↓', '跨两个及以上色带、进入红色']);
    expect(rows[header + 3]?.slice(0, 5)).toEqual(['Q4', '丁保代', '—', '深蓝-B-Ⅱ', '新']);
    expect(rows.map((r) => r[0])).toContain(
      '与 2026-01-10（年度评价分类（上一自然年度），2026-01-10/annual/1）相比：3 个渠道有变动，1 个不变，2 个需关注 · Against 2026-01-10 (Annual evaluation (previous calendar year), 2026-01-10/annual/1): 3 channels moved, 1 unchanged, 2 flagged',
    );
  });

  it('gives each class on the sheet its eleven resource outcomes, review action and management level', () => {
    const { rows } = reportSheetLayout(INPUT);
    const header = rows.find((r) => r[0] === '分类 Class');
    expect(header).toHaveLength(REPORT_COLUMNS);
    const deepRed = find(rows, '深红-B-Ⅰ');
    expect(deepRed?.slice(0, 3)).toEqual(['深红-B-Ⅰ', 1, 3_000_000]);
    expect(deepRed).toHaveLength(REPORT_COLUMNS);
  });

  it('lists fee headroom to the yellow bound, the channels over it first', () => {
    const { rows } = reportSheetLayout(INPUT);
    const bound = `${((DEFAULT_COMPILED.costMax[2] ?? 0) * 100).toFixed(2)}%`;
    expect(rows.map((r) => r[0])).toContain(
      `以黄色上限 ${bound} 计：2 个渠道仍有费用空间，2 个已超出。下表列出空间最小的 20 个。 · Against the yellow bound of ${bound}: 2 channels have room, 2 are over it.`,
    );
    const header = rows.findIndex(
      (r) => r[0] === '渠道代码 Channel ID' && r[3] === '至黄色上限的空间 Room to yellow bound',
    );
    expect(rows[header + 1]?.[0]).toBe('Q1');
  });

  it('prints on A4 landscape, fitted to the width, a page break after the red channels, the movement and the resources, page numbers in the footer', async () => {
    const wb = new MemoryWorkbook();
    expect(await writeReportSheet(wb, INPUT)).toBe(true);
    const cells = wb.sheets.get(REPORT_SHEET)?.cells ?? [];
    const layout = wb.printLayouts.get(REPORT_SHEET);
    expect(layout).toMatchObject({
      orientation: 'landscape',
      area: { firstRow: 1, firstColumn: 1, lastRow: cells.length, lastColumn: REPORT_COLUMNS },
      fitToWidth: true,
    });
    expect(layout?.footer).toContain('第 &P 页 / 共 &N 页');
    const starts = (layout?.breaksAfter ?? []).map((r) => cells[r]?.[0]);
    expect(starts).toEqual([
      '三、与上期相比的变动 3. Movement since the last grading',
      '四、资源匹配与检视措施 4. Resource matching and review actions',
      '五、费用空间 5. Fee headroom',
    ]);
    expect(wb.owned.has(REPORT_SHEET)).toBe(true);
    expect(wb.sheets.get(REPORT_SHEET)?.formats.size).toBeGreaterThan(0);
  });

  it('says the same things as the HTML report: the red channels, the flagged move and the approval', () => {
    const html = managerReport(INPUT);
    const { rows } = reportSheetLayout(INPUT);
    expect(html).toContain('红色渠道 2 个，年化保费合计 3,500,000 元');
    expect(
      rows.some((r) => typeof r[0] === 'string' && r[0].startsWith('红色渠道 2 个，年化保费合计 3,500,000 元')),
    ).toBe(true);
    expect(html).toContain('跨两个及以上色带、进入红色');
    expect(rows.some((r) => r[5] === '跨两个及以上色带、进入红色')).toBe(true);
    expect(html).toContain('李四');
    expect(find(rows, '2026-04-09T10:00:00+08:00')?.slice(2, 5)).toEqual(['李四', '个人客户运营部', 'approved']);
  });

  it('reads English first under an English Office, and says when it is the first grading', () => {
    const { rows } = reportSheetLayout({ ...INPUT, previous: null, lang: 'en' });
    expect(rows[0]?.[0]).toBe('Channel grading report 经代渠道分级报告');
    expect(
      rows.some(
        (r) =>
          r[0] ===
          'This is the first grading: there is no earlier one to compare with. 这是第一次分级，没有可比较的上一期。',
      ),
    ).toBe(true);
  });
});
