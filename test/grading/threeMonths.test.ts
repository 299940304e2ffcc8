/* 第十一条三 wherever the cooperation start date is known (RULES.md §5.1): a sheet graded directly. */
import { gradeSheet, type CellWrite } from '../../src/grading';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

const HEADER = [
  '渠道代码',
  '服务区域代码',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作起始日期',
  '统计截止日期',
  '合作天数',
  '渠道自有保费',
];

function column(wb: MemoryWorkbook, header: string): CellWrite[] {
  const cells = wb.sheets.get('渠道')?.cells ?? [];
  const c = (cells[0] ?? []).indexOf(header);
  return cells.slice(1).map((r) => r[c] ?? null);
}

describe('in-year grading only for channels that have cooperated for three full months (This holds wherever the cooperation start date is known … when a sheet with a 合作起始日期 column is graded directly)', () => {
  const rows: CellWrite[][] = [
    ['C1', '3301', 0.6, 0.2, 0.1, 500_000, '2026-03-12', '2026-03-31', null, 5_000_000],
    ['C2', '3301', 0.6, 0.2, 0.1, 500_000, '2025-10-01', '2026-03-31', null, 5_000_000],
    ['C3', '3301', 0.6, 0.2, 0.1, 500_000, '2026-02-01', null, 20, 5_000_000],
  ];

  it('gives a channel of 20 days no in-year class and says why, and grades one of six months', async () => {
    const wb = new MemoryWorkbook({ 渠道: [HEADER, ...rows] });
    await gradeSheet(wb, { mode: 'in-year' });
    const classes = column(wb, '渠道分类');
    expect(classes[0]).toBeNull();
    expect(classes[1]).not.toBeNull();
    expect(classes[2]).toBeNull();
    const check = column(wb, '校验结果');
    expect(check[0] as string).toMatch(/合作不满三个月（2026-03-12 起，评判日 2026-04-01）.*第十一条三/);
    expect(check[2] as string).toMatch(/合作不满三个月（2026-02-01 起，评判日 2026-02-21）/);
  });

  it('leaves the annual evaluation as it was', async () => {
    const wb = new MemoryWorkbook({ 渠道: [HEADER, ...rows] });
    await gradeSheet(wb, { mode: 'annual' });
    for (const check of column(wb, '校验结果')) expect(check as string).not.toMatch(/合作不满三个月/);
  });
});
