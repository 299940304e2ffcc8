/* Roll-ups per 分公司 and 三级机构 on the summary sheet (RULES.md §12), as formulas that recalculate. */
import { HyperFormula } from 'hyperformula';
import { labelOfIndex } from '../../src/core';
import type { SnapshotChannel } from '../../src/core/snapshot';
import { rollUpRows } from '../../src/grading/rollUpRows';
import type { CellWrite } from '../../src/grading/WorkbookPort';

const channels: SnapshotChannel[] = [
  { channelId: 'Q1', company: '北京分公司', costRate: 0.85, annualScale: 12_000_000, depth: 0.3, classIndex: 1 },
  { channelId: 'Q2', company: '北京分公司', costRate: 0.93, annualScale: 3_000_000.5, depth: 0.2, classIndex: 14 },
  { channelId: 'Q3', company: '上海分公司', costRate: 1.1, annualScale: 500_000, depth: 0.05, classIndex: 45 },
  { channelId: 'Q4', costRate: 0.98, annualScale: 100, depth: 0.05, classIndex: 27 },
];

function evaluate(rows: CellWrite[][], classLabels: string[]): { hf: HyperFormula; summarySheet: number } {
  const data = channels.map((c, i) => [c.channelId, c.company ?? null, classLabels[i] ?? null, c.annualScale]);
  const summary = rows.map((r) =>
    r.map((c) => (typeof c === 'object' && c !== null && 'formula' in c ? `=${c.formula}` : c)),
  );
  const hf = HyperFormula.buildFromSheets({ 渠道: data, 分级汇总: summary }, { licenseKey: 'gpl-v3' });
  return { hf, summarySheet: hf.getSheetId('分级汇总') ?? -1 };
}

describe('roll-ups per 分公司', () => {
  const source = { sheet: '渠道', classRange: '$C$1:$C$4', scaleRange: '$D$1:$D$4', keyRange: '$B$1:$B$4' };

  it('counts channels and premium per colour band and scale class, and the formulas agree with the cached values', () => {
    const rows = rollUpRows(channels, source, 'company', 'zh');
    const { hf, summarySheet } = evaluate(
      rows,
      channels.map((c) => labelOfIndex(c.classIndex, 'zh')),
    );
    rows.slice(2).forEach((r, ri) =>
      r.forEach((c, ci) => {
        if (typeof c === 'object' && c !== null && 'formula' in c)
          expect(hf.getCellValue({ sheet: summarySheet, row: ri + 2, col: ci })).toBeCloseTo(Number(c.result), 6);
      }),
    );
    expect(rows[2]?.slice(0, 2)).toEqual(['北京分公司', expect.objectContaining({ result: 2 })]);
  });

  it('recalculates when a manager overrides a class by hand', () => {
    const rows = rollUpRows(channels, source, 'company', 'zh');
    const labels = channels.map((c) => labelOfIndex(c.classIndex, 'zh'));
    labels[1] = '深红-B-Ⅱ';
    const { hf, summarySheet } = evaluate(rows, labels);
    const deepRedColumn = 2 + 4; // key, channels, then 深蓝 蓝 黄 浅红 深红
    expect(hf.getCellValue({ sheet: summarySheet, row: 2, col: deepRedColumn })).toBe(1);
  });

  it('lists channels without a 分公司 under (未填) as plain values', () => {
    const rows = rollUpRows(channels, source, 'company', 'en');
    const last = rows[rows.length - 1];
    expect(last?.[0]).toBe('(未填)');
    expect(last?.[1]).toBe(1);
    expect(rows[0]?.[0]).toBe('By branch company 按分公司汇总');
  });
});

describe('the summary sheet after grading', () => {
  it('carries a roll-up per 分公司 when the sheet has that column', async () => {
    const { gradeSheet, SUMMARY_SHEET } = await import('../../src/grading');
    const { MemoryWorkbook } = await import('../support/MemoryWorkbook');
    const wb = new MemoryWorkbook({
      渠道: [
        [
          '渠道代码',
          '服务区域代码',
          '分公司',
          '终极赔付率',
          '市场费用率',
          '非市场费用率',
          '合作保费',
          '合作天数',
          '渠道自有保费',
        ],
        ['C1', '3301', '浙江分公司', 0.55, 0.1, 0.2, 12_000_000, 365, 30_000_000],
        ['C2', '3301', '浙江分公司', 0.7, 0.2, 0.03, 3_000_000, 365, 10_000_000],
        ['C3', '3101', '上海分公司', 0.8, 0.2, 0.1, 500_000, 365, 10_000_000],
      ],
    });
    await gradeSheet(wb);
    const summary = wb.sheets.get(SUMMARY_SHEET)?.cells ?? [];
    const title = summary.findIndex((r) => r[0] === '按分公司汇总 By branch company');
    expect(title).toBeGreaterThan(0);
    expect(summary[title + 2]?.[0]).toBe('浙江分公司');
    const count = summary[title + 2]?.[1] as { formula: string; result: number };
    expect(count.formula).toContain("COUNTIFS('渠道'!$C$2:$C$4");
    expect(count.result).toBe(2);
    expect(summary.some((r) => r[0] === '按三级机构汇总 By branch')).toBe(false);
  });
});
