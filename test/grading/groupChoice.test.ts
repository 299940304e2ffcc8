/* Group channels (RULES.md §4, 第八条): the choice per group, a blank 分公司 among members. */
import { gradeSheet, type CellWrite } from '../../src/grading';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

const HEADER = [
  '渠道代码',
  '所属集团',
  '分公司',
  '服务区域代码',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
  '集团自有保费',
  '合并分级',
];

function column(wb: MemoryWorkbook, header: string): CellWrite[] {
  const cells = wb.sheets.get('渠道')?.cells ?? [];
  const c = (cells[0] ?? []).indexOf(header);
  return cells.slice(1).map((r) => r[c] ?? null);
}

describe('Grading as a unit is a choice per group (可以…也可以): a column 合并分级 (是/否) decides for each group, and the global option is the default', () => {
  const rows: CellWrite[][] = [
    ['A1', 'GA', '浙江', '11', 0.5, 0.1, 0.1, 1_000_000, 365, 5_000_000, 20_000_000, '是'],
    ['A2', 'GA', '浙江', '11', 0.8, 0.2, 0.1, 1_000_000, 365, 5_000_000, 20_000_000, null],
    ['B1', 'GB', '浙江', '11', 0.5, 0.1, 0.1, 1_000_000, 365, 5_000_000, 20_000_000, '否'],
    ['B2', 'GB', '浙江', '11', 0.8, 0.2, 0.1, 1_000_000, 365, 5_000_000, 20_000_000, '否'],
    ['C1', 'GC', '浙江', '11', 0.5, 0.1, 0.1, 1_000_000, 365, 5_000_000, 20_000_000, null],
    ['C2', 'GC', '浙江', '11', 0.8, 0.2, 0.1, 1_000_000, 365, 5_000_000, 20_000_000, null],
  ];

  it('grades the group that says 是 as one unit, and the others alone when the global option is off', async () => {
    const wb = new MemoryWorkbook({ 渠道: [HEADER, ...rows] });
    await gradeSheet(wb, {});
    const classes = column(wb, '渠道分类');
    expect(classes[0]).toBe(classes[1]);
    expect(classes[2]).not.toBe(classes[3]);
    expect(classes[4]).not.toBe(classes[5]);
    expect(column(wb, '集团经营成本率')[0]).not.toBeNull();
  });

  it('takes the global option for a group whose cells are blank, and keeps 否 alone', async () => {
    const wb = new MemoryWorkbook({ 渠道: [HEADER, ...rows] });
    await gradeSheet(wb, { group: true });
    const classes = column(wb, '渠道分类');
    expect(classes[4]).toBe(classes[5]);
    expect(classes[2]).not.toBe(classes[3]);
  });
});

describe('So does a member whose 分公司 is blank while others have one (crossing cannot be judged)', () => {
  it('grades nothing of the group and names the member', async () => {
    const wb = new MemoryWorkbook({
      渠道: [
        HEADER,
        ['A1', 'GA', '浙江', '11', 0.5, 0.1, 0.1, 1_000_000, 365, 5_000_000, 20_000_000, '是'],
        ['A2', 'GA', null, '11', 0.8, 0.2, 0.1, 1_000_000, 365, 5_000_000, 20_000_000, '是'],
      ],
    });
    const report = await gradeSheet(wb, {});
    expect(column(wb, '渠道分类')).toEqual([null, null]);
    expect(report.warnings.join('\n')).toMatch(/集团“GA”的成员第 3 行没有填分公司/);
  });
});
