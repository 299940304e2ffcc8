/*
 * The manager's report as a sheet, 分级报告, laid out for A4 (RULES.md §12; 第十条 the approval trail):
 * what a manager reads on paper, and that it says what the HTML report says.
 */
import { DEFAULT_COMPILED } from '../../src/core';
import type { Snapshot, SnapshotChannel, TrailEntry } from '../../src/core/snapshot';
import { REPORT_COLUMNS, REPORT_SHEET, managerReport, reportSheetLayout, writeReportSheet } from '../../src/grading';
import { MOVES_LISTED, RED_LISTED, textWidth, wrapText } from '../../src/grading/reportSheet';
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
    const at = rows.findIndex((r) => r[0] === '红色渠道 2 个，年化保费合计 3,500,000 元');
    expect(rows[at + 1]?.[0]).toBe('2 red channels, annualized premium 3,500,000 yuan');
    expect(find(rows, 'Q1')).toEqual(['Q1', '甲经纪', '深红-B-Ⅰ', '清理评估', '北京分公司', null, 1.12, 3_000_000]);
  });

  it('shows the channel that fell from deep blue to deep red first, flagged, then the new one', () => {
    const { rows, moves } = reportSheetLayout(INPUT);
    expect(moves.map((m) => m.channelId)).toEqual(['Q1', 'Q3', 'Q4']);
    const header = rows.findIndex((r) => r[0] === '渠道代码' && r[2] === '上期分类');
    expect(rows[header + 1]?.slice(0, 5)).toEqual(['Channel ID', 'Channel name', 'Before', 'After', 'Move']);
    expect(rows[header + 2]).toEqual([
      'Q1',
      '甲经纪',
      '深蓝-B-Ⅰ',
      '深红-B-Ⅰ',
      '↓',
      '跨两个及以上色带、进入红色',
      null,
      3_000_000,
    ]);
    expect(rows[header + 4]?.slice(0, 5)).toEqual(['Q4', '丁保代', '—', '深蓝-B-Ⅱ', '新']);
    const said = rows.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith('与 2026-01-10'));
    expect(rows.slice(said, said + 2).map((r) => r[0])).toEqual([
      '与 2026-01-10（年度评价分类（上一自然年度），2026-01-10/annual/1）相比：3 个渠道有变动，1 个不变，2 个需关注',
      'Against 2026-01-10 (Annual evaluation (previous calendar year), 2026-01-10/annual/1): 3 moved, 1 unchanged, 2 flagged',
    ]);
  });

  it('gives each class on the sheet its eleven resource outcomes, review action and management level', () => {
    const { rows } = reportSheetLayout(INPUT);
    const header = rows.find((r) => r[0] === '分类');
    expect(header).toHaveLength(REPORT_COLUMNS);
    const deepRed = find(rows, '深红-B-Ⅰ');
    expect(deepRed?.slice(0, 3)).toEqual(['深红-B-Ⅰ', 1, 3_000_000]);
    expect(deepRed).toHaveLength(REPORT_COLUMNS);
  });

  it('lists fee headroom to the yellow bound, the channels over it first', () => {
    const { rows } = reportSheetLayout(INPUT);
    const bound = `${((DEFAULT_COMPILED.costMax[2] ?? 0) * 100).toFixed(2)}%`;
    expect(rows.map((r) => r[0])).toContain(
      `以黄色上限 ${bound} 计：2 个渠道仍有费用空间，2 个已超出。下表列出空间最小的 20 个。`,
    );
    expect(rows.map((r) => r[0])).toContain(
      `Against the yellow bound of ${bound}: 2 channels have room, 2 are over it. The 20 with the least room:`,
    );
    const header = rows.findIndex((r) => r[0] === '渠道代码' && r[3] === '至黄色上限空间');
    expect(rows[header + 1]?.[3]).toBe('Room to yellow');
    expect(rows[header + 2]?.[0]).toBe('Q1');
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
    expect(find(rows, '2026-04-09T10:00:00+08:00')?.slice(2, 6)).toEqual(['李四', '个人客户运营部', null, '批准']);
  });

  it('reads English first under an English Office, and says when it is the first grading', () => {
    const { rows } = reportSheetLayout({ ...INPUT, previous: null, lang: 'en' });
    expect(rows[0]?.[0]).toBe('Channel grading report 经代渠道分级报告');
    const at = rows.findIndex((r) => r[0] === 'This is the first grading: there is no earlier one to compare with.');
    expect(rows[at + 1]?.[0]).toBe('这是第一次分级，没有可比较的上一期。');
    const header = rows.findIndex((r) => r[0] === 'Colour band');
    expect(rows[header]?.slice(0, 3)).toEqual(['Colour band', 'Channels', 'Premium (yuan)']);
    expect(rows[header + 1]?.slice(0, 3)).toEqual(['色带', '渠道数', '年化保费（元）']);
  });

  // What the manager saw before: 593 red channels over 22 pages, headers running into each other.
  const many = (n: number, classIndex: number, base: number, from = 0): SnapshotChannel[] =>
    Array.from({ length: n }, (_, i) => ch(`R${String(from + i).padStart(3, '0')}`, classIndex, 1.1, base + i));
  // R000–R039 fall from deep blue to deep red (flagged); R100–R159 stay light red, one depth lower.
  const BIG_BEFORE: Snapshot = { ...EARLIER, channels: [...many(40, 4, 2_000_000), ...many(60, 31, 1_000_000, 100)] };
  const BIG: Snapshot = { ...LATER, channels: [...many(40, 40, 2_000_000), ...many(60, 32, 1_000_000, 100)] };
  const BIG_INPUT = { ...INPUT, snapshot: BIG, previous: BIG_BEFORE };

  it('lists the largest red channels up to the cap and says how many more there are, their premium and where the full list is', () => {
    const { rows, red } = reportSheetLayout(BIG_INPUT);
    expect(red).toHaveLength(RED_LISTED);
    expect(red[0]?.channelId).toBe('R039');
    // The total is over all 100 red channels; the rest is exactly what is not listed.
    expect(rows.map((r) => r[0])).toContain('红色渠道 100 个，年化保费合计 140,002,550 元');
    const rest = rows.find((r) => typeof r[0] === 'string' && r[0].startsWith('以上为保费最大的'))?.[0];
    expect(rest).toContain(
      `以上为保费最大的 ${RED_LISTED} 个；另有 ${100 - RED_LISTED} 个红色渠道，年化保费 100,001,960 元`,
    );
    expect(rest).toContain('通知');
  });

  it('lists the flagged movers first up to the cap and counts the rest, flagged ones among them', () => {
    const { rows, moves } = reportSheetLayout(BIG_INPUT);
    expect(moves).toHaveLength(MOVES_LISTED);
    expect(moves.map((m) => m.channelId).slice(0, 2)).toEqual(['R039', 'R038']);
    expect(moves.every((m) => m.flags.length > 0)).toBe(true);
    const rest = rows.find((r) => typeof r[0] === 'string' && r[0].startsWith('另有'))?.[0];
    expect(rest).toBe(
      `另有 ${100 - MOVES_LISTED} 个变动渠道未列出（其中 ${40 - MOVES_LISTED} 个需关注），年化保费 100,001,960 元。完整名单见「分级变动」表。`,
    );
  });

  it('keeps every header inside its column and every sentence inside the print area, in both languages', () => {
    for (const lang of ['zh', 'en'] as const) {
      const { rows, print } = reportSheetLayout({ ...BIG_INPUT, lang });
      const widths = [16, 22, 18, 16, 18, 16, 18, 16, 18];
      const area = widths.reduce((a, b) => a + b, 0);
      for (const row of rows.slice(print.titleRows?.last ?? 0)) {
        const texts = row.map((c, i) => ({ c, i })).filter((x) => typeof x.c === 'string');
        for (const { c, i } of texts) {
          // A text may run on over the empty cells after it, never over a filled one or off the area.
          let room = 0;
          for (let j = i; j < widths.length && (j === i || row[j] === null || row[j] === undefined); j++)
            room += widths[j] ?? 0;
          expect({ text: c, fits: textWidth(c as string) <= Math.min(room, area) }).toEqual({ text: c, fits: true });
        }
      }
    }
  });

  it('splits a long sentence between words and between Chinese characters', () => {
    expect(wrapText('Against the yellow bound of 99.00%: 12 channels have room', 20)).toEqual([
      'Against the yellow',
      'bound of 99.00%: 12',
      'channels have room',
    ]);
    expect(wrapText('以黄色上限计：仍有费用空间', 10)).toEqual(['以黄色上限', '计：仍有费', '用空间']);
    expect(textWidth('年化保费（元）')).toBe(14);
  });

  it('starts the second resource table on a page of its own when the first fits a page and the two do not', async () => {
    // 20 classes: the first table fits a page, the two together do not.
    const classes = [1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 19, 20, 21, 22, 23, 24, 28, 29];
    const wide: Snapshot = { ...LATER, channels: classes.map((k, i) => ch(`K${i}`, k, 0.9, 1_000_000)) };
    const wb = new MemoryWorkbook();
    await writeReportSheet(wb, { ...INPUT, snapshot: wide, previous: null });
    const cells = wb.sheets.get(REPORT_SHEET)?.cells ?? [];
    const starts = (wb.printLayouts.get(REPORT_SHEET)?.breaksAfter ?? []).map((r) => cells[r]?.[0]);
    expect(starts).toEqual([
      '三、与上期相比的变动 3. Movement since the last grading',
      '四、资源匹配与检视措施 4. Resource matching and review actions',
      '分类',
      '五、费用空间 5. Fee headroom',
    ]);
  });

  it('lets all 45 classes run on without an extra page break, where the first table alone is longer than a page', async () => {
    const all: Snapshot = {
      ...LATER,
      channels: Array.from({ length: 45 }, (_, i) => ch(`K${i}`, i + 1, 0.9, 1_000_000)),
    };
    const wb = new MemoryWorkbook();
    await writeReportSheet(wb, { ...INPUT, snapshot: all, previous: null });
    expect(wb.printLayouts.get(REPORT_SHEET)?.breaksAfter).toHaveLength(3);
  });
});
