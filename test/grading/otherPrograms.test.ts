/*
 * The sheet workflow on a workbook another program wrote (openpyxl, as an analyst's script or an
 * older version of the add-in would leave it), through the .xlsx host, read back by openpyxl:
 * old item numbering, saved rules, premiums in 万元, 分公司 and 中介类型 (RULES.md §4, §6, §14;
 * issue 13, issue 15 points 1 and 6).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gradeSheet } from '../../src/grading';
import { XlsxWorkbook } from '../../src/hosts/xlsx/XlsxWorkbook';
import { PYTHON, pythonModuleAvailable } from '../hosts/xlsx/packageFixtures';

const haveOpenpyxl = pythonModuleAvailable('openpyxl', 'grading a workbook openpyxl wrote');
const maybe = haveOpenpyxl ? describe : describe.skip;

const OLD_OUTPUTS = [
  '经营成本率',
  '年化合作规模',
  '合作深度',
  '成本色带',
  '规模类别',
  '深度类别',
  '渠道分类',
  '分类序号',
  '分类变动',
  '市场费用比例',
  '结算方式',
  '结算周期',
  '承保政策',
  '核保自动化程度',
  '两线管理',
  '人力配置',
  '培训服务',
  '营销支持',
  '系统对接',
  '合作检视',
  '管理层级',
  '校验结果',
];

/** Writes the workbook with openpyxl: data sheet with an old output block and review column, old rules sheet. */
const WRITE = String.raw`
import sys, json, openpyxl
from openpyxl.workbook.defined_name import DefinedName
out = sys.argv[1]
old_outputs = json.loads(sys.argv[2])
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '渠道'
inputs = ['渠道代码', '所属集团', '服务区域代码', '分公司', '三级机构', '终极赔付率', '市场费用率', '非市场费用率',
          '合作保费（万元）', '合作天数', '渠道自有保费（万元）', '集团自有保费（万元）', '中介类型']
ws.append(inputs + old_outputs + ['复核状态'])
rows = [
  ['C1', 'G1', '3301', '浙江分公司', '杭州中支', 0.55, 0.1, 0.25, 1000, 365, 5000, 8000, '经纪公司'],
  ['C2', 'G1', '3301', '浙江分公司', '宁波中支', 0.65, 0.1, 0.25, 300, 365, 1000, 8000, '专业代理'],
  ['C3', None, '3302', '浙江分公司', '宁波中支', 0.5, 0.1, 0.1, 120, 365, 3000, None, '4S店'],
]
for i, r in enumerate(rows):
  ws.append(r + ['旧'] * len(old_outputs) + (['通过'] if i == 0 else ['待复核']))
rs = wb.create_sheet('分级规则')
rs.append(['分级规则 Grading rules'])
rs.append(['规则名称 Name', '分公司规则'])
rs.append(['版本 Version', '2026.1'])
rs.append([])
rs.append(['键 key', '值 value', '说明 description'])
params = [('cost.deepBlue.max', 0.88), ('cost.blue.max', 0.95), ('cost.yellow.max', 1), ('cost.lightRed.max', 1.05),
          ('scale.A.min', 10000000), ('scale.B.min', 2000000), ('depth.I.min', 0.3), ('depth.II.min', 0.1), ('premium.unit', 1)]
for k, v in params: rs.append([k, v, ''])
rs.append([])
first = rs.max_row + 1
rs.append(['item', 'colours', 'scales', 'depths', 'outcome'])
matrix = [
  (1, '深蓝,蓝', '*', '*', '支持'), (1, '黄', '*', '*', '维持'), (1, '*', '*', '*', '管控'),
  (2, '深蓝,蓝,黄', 'A,B', '*', '灵活'), (2, '*', '*', '*', '严格'),
  (3, '深蓝,蓝,黄', 'A,B', '*', '加快'), (3, '*', '*', '*', '维持'),
  (4, '*', '*', '*', '标准'), (5, '*', '*', '*', '标准'), (6, '*', '*', '*', '标准'),
  (7, '*', '*', '*', '驻场客户经理'), (8, '*', '*', '*', '标准'), (9, '*', '*', '*', '维持'), (10, '*', '*', '*', '标准'),
  (11, '深红', '*', '*', '清理评估'), (11, '浅红', '*', '*', '整改'), (11, '*', '*', '*', '常规'),
]
for m in matrix: rs.append(list(m))
last = rs.max_row
wb.defined_names.append(DefinedName('QD_RULES', attr_text="'分级规则'!$A$5:$B$14"))
wb.defined_names.append(DefinedName('QD_MATRIX', attr_text="'分级规则'!$A$%d:$E$%d" % (first, last)))
wb.save(out)
`;

/** Reads every sheet's values with openpyxl, as JSON. */
const READ = String.raw`
import sys, json, openpyxl
wb = openpyxl.load_workbook(sys.argv[1], data_only=True)
print(json.dumps({ws.title: [[c for c in r] for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}, ensure_ascii=False, default=str))
`;

maybe('a workbook another program wrote, graded before the renumbering (openpyxl → .xlsx host → openpyxl)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'qd-other-'));
  const input = join(dir, 'old.xlsx');
  const output = join(dir, 'old.graded.xlsx');
  let sheets: Record<string, (string | number | null)[][]> = {};
  let warnings: readonly string[] = [];
  const col = (header: string): (string | number | null)[] => {
    const rows = sheets['渠道'] ?? [];
    const c = (rows[0] ?? []).indexOf(header);
    if (c < 0) throw new Error(`no column ${header}`);
    return rows.slice(1).map((r) => r[c] ?? null);
  };

  beforeAll(async () => {
    writeFileSync(join(dir, 'write.py'), WRITE);
    execFileSync(PYTHON, [join(dir, 'write.py'), input, JSON.stringify(OLD_OUTPUTS)], { stdio: 'pipe' });
    const port = await XlsxWorkbook.open(input, output);
    const report = await gradeSheet(port, { group: true });
    warnings = report.warnings;
    writeFileSync(join(dir, 'read.py'), READ);
    sheets = JSON.parse(
      execFileSync(PYTHON, [join(dir, 'read.py'), output], { encoding: 'utf8', maxBuffer: 1 << 24 }),
    ) as typeof sheets;
  }, 60_000);

  it('replaces the old block in place with the current one and keeps the review column and its statuses', () => {
    const header = sheets['渠道']?.[0] ?? [];
    expect(header.slice(13, 13 + 9)).toEqual(OLD_OUTPUTS.slice(0, 9));
    expect(header).toContain('检视措施');
    expect(header).not.toContain('结算方式');
    expect(header.filter((h) => h === '复核状态')).toHaveLength(1);
    expect(col('复核状态')).toEqual(['通过', '待复核', '待复核']);
  });

  it('grades with the saved rules, migrated with a warning, and the user’s 人力配置 outcome under item 6', () => {
    expect(warnings.join('\n')).toContain('已按 RULES.md §6 现行编号迁移');
    expect(col('人力配置')).toEqual(['驻场客户经理', '驻场客户经理', null]);
    const rules = sheets['分级规则'] ?? [];
    expect(rules.find((r) => r[0] === 'cost.deepBlue.max')?.[1]).toBe(0.88);
  });

  it('reads premiums in 万元 from the headers and classes the group as one unit within its 分公司', () => {
    expect(warnings.join('\n')).toContain('标明保费单位为万元');
    // (0.9 × 1000万 + 1.0 × 300万) ÷ 1300万 = 0.923… → blue; 1300万 → A; 1300 ÷ 8000 = 16.25% → Ⅱ
    expect(col('渠道分类').slice(0, 2)).toEqual(['蓝-A-Ⅱ', '蓝-A-Ⅱ']);
  });

  it('leaves out the 4S店 row as 疑似窜门 (RULES.md §14)', () => {
    expect(String(col('校验结果')[2])).toContain('疑似窜门');
    expect(col('渠道分类')[2]).toBeNull();
  });

  it('leaves the input cells as they were', () => {
    const rows = sheets['渠道'] ?? [];
    expect(rows[1]?.slice(0, 13)).toEqual([
      'C1',
      'G1',
      '3301',
      '浙江分公司',
      '杭州中支',
      0.55,
      0.1,
      0.25,
      1000,
      365,
      5000,
      8000,
      '经纪公司',
    ]);
    expect(readFileSync(output).length).toBeGreaterThan(0);
  });
});
