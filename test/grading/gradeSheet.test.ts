import { DEFAULT_RULES, compileRules } from '../../src/core';
import {
  ColumnConflictError,
  MissingColumnError,
  RULES_SHEET,
  SUMMARY_SHEET,
  SheetNotFoundError,
  SheetNotOwnedError,
  GradingCancelledError,
  gradeSheet,
  type CellWrite,
} from '../../src/grading';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

const HEADER = [
  '渠道代码',
  '渠道名称',
  '所属集团',
  '服务区域代码',
  '三级机构',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
  '集团自有保费',
  '上期分类',
];

function sheet(rows: CellWrite[][]): MemoryWorkbook {
  return new MemoryWorkbook({ 渠道: [HEADER, ...rows] });
}

const ROWS: CellWrite[][] = [
  ['C001', '甲经纪', 'G1', '3301', '杭州', 0.55, 0.1, 0.25, 2_000_000, 73, 50_000_000, 80_000_000, '蓝-A-Ⅱ'],
  ['C002', '乙代理', 'G1', '3301', '杭州', 0.7, 0.2, 0.1, 3_000_000, 365, 10_000_000, 80_000_000, '深蓝-B-Ⅰ'],
  ['C003', '丙代理', null, null, '宁波', 0.5, 0.1, 0.1, 1_000_000, 365, 5_000_000, null, null],
  ['C004', '=HYPERLINK("x")', null, '3302', '宁波', 'n/a', 0.1, 0.1, 1_000_000, 0, 5_000_000, null, null],
  ['C005', '@丁', null, '3302', '宁波', 0.62, 0.2, 0.18, 1_000_000, 365, 5_000_000, null, null],
];

function col(wb: MemoryWorkbook, name: string, header: string): CellWrite[] {
  const cells = wb.sheets.get(name)?.cells ?? [];
  const c = (cells[0] ?? []).indexOf(header);
  return cells.slice(1).map((r) => r[c] ?? null);
}

describe('grading a sheet (CONTRACT.md §3–§5)', () => {
  it('appends the output columns after the inputs, in order, in Chinese by default', async () => {
    const wb = sheet(ROWS);
    const report = await gradeSheet(wb);
    const header = wb.sheets.get('渠道')?.cells[0] ?? [];
    expect(header.slice(0, HEADER.length)).toEqual(HEADER);
    expect(header.slice(HEADER.length, HEADER.length + 9)).toEqual([
      '经营成本率',
      '年化合作规模',
      '合作深度',
      '成本色带',
      '规模类别',
      '深度类别',
      '渠道分类',
      '分类序号',
      '分类变动',
    ]);
    expect(header.at(-1)).toBe('校验结果');
    expect(report.outputStart).toBe(HEADER.length + 1);
    expect(wb.commits).toBe(1);
  });

  it('grades each row, compares with the previous class and checks every row', async () => {
    const wb = sheet(ROWS);
    const report = await gradeSheet(wb);
    expect(col(wb, '渠道', '渠道分类')).toEqual(['深蓝-A-Ⅱ', '黄-B-Ⅰ', null, null, '黄-C-Ⅱ']);
    expect(col(wb, '渠道', '分类变动')).toEqual(['↑', '↓', null, null, '新']);
    expect(col(wb, '渠道', '经营成本率')).toEqual([0.9, 1, null, null, 1]);
    expect(col(wb, '渠道', '费用结算')).toEqual(['灵活·加快', '灵活·加快', null, null, '严格·维持']);
    expect(col(wb, '渠道', '检视措施')).toEqual(['常规', '常规', null, null, '常规']);
    expect(col(wb, '渠道', '校验结果')[3]).toBe(
      '终极赔付率“n/a”不是数字或百分比 (Ultimate loss ratio "n/a" is not a number or a percentage); 合作天数为 0，无法年化 (Cooperation days is 0: cannot annualize)',
    );
    expect(report).toMatchObject({ rowsRead: 5, graded: 3, leftOut: 1, withProblems: 1 });
    expect(report.perColour).toEqual({ deepBlue: 1, blue: 0, yellow: 2, lightRed: 0, deepRed: 0 });
  });

  it('leaves out a row without a service-area code, with its reason, and counts it in no total', async () => {
    const wb = sheet(ROWS);
    const report = await gradeSheet(wb);
    expect(col(wb, '渠道', '校验结果')[2]).toBe('缺少服务区域代码，不参与分级 (no service area code: left out)');
    expect(report.channelsPerClass.reduce((a, b) => a + b, 0)).toBe(3);
    expect(report.problemRows.map((p) => p.row)).toEqual([4, 5]);
    expect(report.problemRows[0]?.check).toContain('服务区域代码');
    expect(report.problemRows[1]?.check).toContain('n/a');
  });

  it('never changes an input cell', async () => {
    const wb = sheet(ROWS);
    const before = JSON.stringify(wb.sheets.get('渠道')?.cells.map((r) => r.slice(0, HEADER.length)));
    await gradeSheet(wb);
    expect(JSON.stringify(wb.sheets.get('渠道')?.cells.map((r) => r.slice(0, HEADER.length)))).toBe(before);
  });

  it('gives the same sheet when run twice, re-using its own columns', async () => {
    const wb = sheet(ROWS);
    await gradeSheet(wb, { now: () => new Date('2026-11-23T00:00:00Z') });
    const first = JSON.stringify([...wb.sheets.entries()].map(([k, v]) => [k, v.cells]));
    const report = await gradeSheet(wb, { now: () => new Date('2026-11-23T00:00:00Z') });
    expect(JSON.stringify([...wb.sheets.entries()].map(([k, v]) => [k, v.cells]))).toBe(first);
    expect(report.outputStart).toBe(HEADER.length + 1);
  });

  it('re-uses its own columns written in English when re-run in Chinese', async () => {
    const wb = sheet(ROWS);
    await gradeSheet(wb, { lang: 'en' });
    expect(wb.sheets.get('渠道')?.cells[0]?.[HEADER.length]).toBe('Operating cost ratio');
    const report = await gradeSheet(wb, { lang: 'zh' });
    expect(report.outputStart).toBe(HEADER.length + 1);
    expect(wb.sheets.get('渠道')?.cells[0]?.[HEADER.length]).toBe('经营成本率');
  });

  it("refuses, writing nothing, when a user's own column has an output header", async () => {
    const wb = new MemoryWorkbook({ 渠道: [[...HEADER, '备注', '渠道分类'], ...ROWS.map((r) => [...r, 'x', 'mine'])] });
    const before = JSON.stringify([...wb.sheets.entries()]);
    await expect(gradeSheet(wb)).rejects.toThrow(ColumnConflictError);
    await expect(gradeSheet(wb)).rejects.toThrow('第 15 列“渠道分类”');
    expect(JSON.stringify([...wb.sheets.entries()])).toBe(before);
    expect(wb.commits).toBe(0);
  });

  it('names the missing required columns', async () => {
    const wb = new MemoryWorkbook({
      渠道: [HEADER.filter((h) => h !== '渠道自有保费' && h !== '服务区域代码'), ['C1']],
    });
    await expect(gradeSheet(wb)).rejects.toThrow(MissingColumnError);
    await expect(gradeSheet(wb)).rejects.toThrow('缺少必需列：服务区域代码、渠道自有保费');
  });

  it('names a sheet that is not there', async () => {
    await expect(gradeSheet(sheet(ROWS), { sheet: '其他' })).rejects.toThrow(SheetNotFoundError);
  });

  it('finds a header row below a title, in English, with odd case, spaces and full-width letters', async () => {
    const english = [
      'CHANNEL id',
      'Service  area code',
      'Ultimate loss ratio',
      'Market expense ratio',
      'Non-market expense ratio',
      'Ｃｏｏｐｅｒａｔｉｏｎ premium',
      'cooperation days',
      'Own premium',
    ];
    const wb = new MemoryWorkbook({
      Data: [['2026 渠道数据'], [], english, ['C1', '11', 0.55, 0.1, 0.25, 2_000_000, 73, 50_000_000]],
    });
    const report = await gradeSheet(wb, { lang: 'en' });
    expect(report.headerRow).toBe(3);
    const cells = wb.sheets.get('Data')?.cells ?? [];
    expect(cells[3]?.[(cells[2] ?? []).indexOf('Class')]).toBe('DeepBlue-A-II');
    // The input 'Market expense ratio' and resource item 1's English name share a header; both stand.
    expect((cells[2] ?? []).filter((h) => h === 'Market expense ratio')).toHaveLength(2);
    expect((await gradeSheet(wb, { lang: 'en' })).outputStart).toBe(9);
  });

  it('takes a column mapping set by the user over the headers', async () => {
    const wb = new MemoryWorkbook({
      Data: [
        ['id', 'area', 'L', 'M', 'N', 'P', 'D', 'O', '服务区域代码', '渠道代码'],
        ['C1', '11', 0.55, 0.1, 0.25, 2_000_000, 73, 50_000_000, null, null],
      ],
    });
    const mapping = {
      channelId: 1,
      regionCode: 2,
      lossRatio: 3,
      marketExpenseRatio: 4,
      nonMarketExpenseRatio: 5,
      premium: 6,
      days: 7,
      ownPremium: 8,
    };
    const report = await gradeSheet(wb, { mapping });
    expect(report.graded).toBe(1);
  });

  it('takes days from the start and end dates when there is no days column', async () => {
    const header = [
      '渠道代码',
      '服务区域代码',
      '终极赔付率',
      '市场费用率',
      '非市场费用率',
      '合作保费',
      '合作起始日期',
      '统计截止日期',
      '渠道自有保费',
    ];
    const wb = new MemoryWorkbook({
      D: [header, ['C1', '11', 0.55, 0.1, 0.25, 2_000_000, '2026-01-01', '2026-03-14', 50_000_000]],
    });
    // Annual: an in-year grading of 73 days is refused by the three-month rule (see threeMonths.test.ts).
    await gradeSheet(wb, { mode: 'annual' });
    expect(col(wb, 'D', '年化合作规模')).toEqual([10_000_000]);
  });

  it('grades a prospective channel without days', async () => {
    const header = ['渠道代码', '服务区域代码', '终极赔付率', '市场费用率', '非市场费用率', '合作保费', '渠道自有保费'];
    const wb = new MemoryWorkbook({ D: [header, ['C1', '11', 0.55, 0.1, 0.25, 12_000_000, 50_000_000]] });
    await gradeSheet(wb, { mode: 'prospective' });
    expect(col(wb, 'D', '渠道分类')).toEqual(['深蓝-A-Ⅱ']);
  });

  it('classes a group as one unit and writes its measures (RULES.md §4)', async () => {
    const wb = sheet(ROWS.slice(0, 2));
    const report = await gradeSheet(wb, { group: true });
    // (0.9 × 10,000,000 + 1.0 × 3,000,000) ÷ 13,000,000 = 12/13, held at 15 digits.
    expect(col(wb, '渠道', '集团经营成本率')).toEqual([0.923076923076923, 0.923076923076923]);
    expect(col(wb, '渠道', '集团年化规模')).toEqual([13_000_000, 13_000_000]);
    expect(col(wb, '渠道', '集团合作深度')).toEqual([0.1625, 0.1625]);
    expect(col(wb, '渠道', '渠道分类')).toEqual(['蓝-A-Ⅱ', '蓝-A-Ⅱ']);
    expect(col(wb, '渠道', '经营成本率')).toEqual([0.9, 1]);
    expect(report.perColour.blue).toBe(2);
  });

  it('classes a group whose members are in two 三级机构 as one unit, saying there is no 分公司 column (RULES.md §4, 第八条)', async () => {
    const rows = ROWS.slice(0, 2).map((r, i) => r.map((v, j) => (j === 4 ? ['杭州', '宁波'][i] : v)));
    const wb = sheet(rows);
    const report = await gradeSheet(wb, { group: true });
    expect(col(wb, '渠道', '渠道分类')).toEqual(['蓝-A-Ⅱ', '蓝-A-Ⅱ']);
    expect(report.warnings.join('\n')).toContain('工作表没有“分公司”列');
    expect(report.warnings).toHaveLength(1);
  });

  it('writes the summary as COUNTIFS/SUMIFS formulas with cached values', async () => {
    const wb = sheet(ROWS);
    await gradeSheet(wb);
    const summary = wb.sheets.get(SUMMARY_SHEET)?.cells ?? [];
    const flat = summary
      .flat()
      .filter((c): c is { formula: string; result: number } => typeof c === 'object' && c !== null && 'formula' in c);
    const deepBlueA2 = flat.find((c) => c.formula === `COUNTIFS('渠道'!$T$2:$T$6,"=深蓝-A-Ⅱ")`);
    expect(deepBlueA2?.result).toBe(1);
    expect(flat.find((c) => c.formula === `SUMIFS('渠道'!$O$2:$O$6,'渠道'!$T$2:$T$6,"=深蓝-A-Ⅱ")`)?.result).toBe(
      10_000_000,
    );
    expect(flat.find((c) => c.formula === `COUNTIFS('渠道'!$T$2:$T$6,"=*-*-*")`)?.result).toBe(3);
  });

  it('writes the rules sheet with its fingerprint and names QD_RULES and QD_MATRIX', async () => {
    const wb = sheet(ROWS);
    const rules = compileRules({
      ...DEFAULT_RULES,
      parameters: { ...DEFAULT_RULES.parameters, 'cost.deepBlue.max': 0.88 },
    });
    await gradeSheet(wb, { rules, now: () => new Date('2026-11-23T08:00:00Z') });
    const cells = wb.sheets.get(RULES_SHEET)?.cells ?? [];
    expect(cells.find((r) => r[0] === '规则指纹 Fingerprint')?.[1]).toBe(rules.fingerprint);
    expect(cells.find((r) => r[0] === '分级时间 Graded at')?.[1]).toBe('2026-11-23T08:00:00.000Z');
    expect(cells.find((r) => r[0] === 'cost.deepBlue.max')?.[1]).toBe(0.88);
    expect(wb.names.get('QD_RULES')).toMatch(/^分级规则!R\d+C1:R\d+C2$/);
    expect(wb.names.get('QD_MATRIX')).toMatch(/^分级规则!R\d+C1:R\d+C6$/);
    expect(col(wb, '渠道', '渠道分类')[0]).toBe('蓝-A-Ⅱ');
  });

  it('colours the band column with five rules, whatever the row count', async () => {
    const wb = sheet(ROWS);
    await gradeSheet(wb);
    const bands = wb.sheets.get('渠道')?.bands ?? [];
    expect(bands).toHaveLength(1);
    expect(bands[0]?.fills.map((f) => f.text)).toEqual(['深蓝', '蓝', '黄', '浅红', '深红']);
    expect(bands[0]).toMatchObject({ column: HEADER.length + 4, firstRow: 2, lastRow: 6 });
  });

  it('reads and writes in chunks and reports progress', async () => {
    const wb = sheet(
      Array.from({ length: 25 }, (_, i) => [
        `C${i}`,
        null,
        null,
        '11',
        null,
        0.5,
        0.1,
        0.1,
        1000,
        365,
        10_000,
        null,
        null,
      ]),
    );
    const seen: number[] = [];
    await gradeSheet(wb, { chunkRows: 10, onProgress: (done, total) => seen.push(Math.round((100 * done) / total)) });
    expect(seen).toEqual([20, 40, 50, 70, 90, 100]);
  });

  it('leaves nothing behind when cancelled', async () => {
    const wb = sheet(ROWS);
    const before = JSON.stringify([...wb.sheets.entries()]);
    const controller = new AbortController();
    controller.abort();
    await expect(gradeSheet(wb, { signal: controller.signal })).rejects.toThrow(GradingCancelledError);
    expect(JSON.stringify([...wb.sheets.entries()])).toBe(before);
  });

  it('writes text that starts with = + - @ back as text (the port stores a string, never a formula)', async () => {
    const wb = sheet(ROWS);
    await gradeSheet(wb);
    const cells = wb.sheets.get('渠道')?.cells ?? [];
    expect(cells[4]?.[1]).toBe('=HYPERLINK("x")');
    expect(cells[5]?.[1]).toBe('@丁');
  });
});

describe('a user’s own sheet named like the add-in’s', () => {
  it('is refused before anything is written to the data sheet (Excel applies writes as they come)', async () => {
    const wb = new MemoryWorkbook({ 渠道: [HEADER, ...ROWS].map((r) => [...r]), 分级汇总: [['我的汇总']] });
    const before = JSON.stringify(wb.sheets.get('渠道')?.cells);
    await expect(gradeSheet(wb)).rejects.toThrow(SheetNotOwnedError);
    expect(JSON.stringify(wb.sheets.get('渠道')?.cells)).toBe(before);
    expect(wb.sheets.get('分级汇总')?.cells).toEqual([['我的汇总']]);
  });
});
