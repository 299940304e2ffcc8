/*
 * Grading inside Excel through the Office.js host, against a fake that enforces Excel's limits:
 * the performance promises of the host are assertions here.
 */
import { gradeSheet, type CellWrite } from '../../../src/grading';
import { ExcelWorkbook, toFormulaCell } from '../../../src/hosts/excel/ExcelWorkbook';
import { FakeExcelState, PAYLOAD_LIMIT } from '../../support/FakeExcel';

const HEADER = [
  '渠道代码',
  '渠道名称',
  '服务区域代码',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
];

function rows(n: number): CellWrite[][] {
  return [
    HEADER,
    ...Array.from({ length: n }, (_, i): CellWrite[] => [
      `C${i}`,
      `渠道${i}`,
      '330100',
      0.5 + (i % 50) / 100,
      0.1,
      0.1,
      1_000_000 + i,
      365,
      20_000_000,
    ]),
  ];
}

describe('grading inside Excel (Office.js host)', () => {
  it('grades 100,000 rows in a constant plus one sync per chunk, every request under 5 MB', async () => {
    const state = new FakeExcelState({ 渠道: rows(100_000) });
    const report = await gradeSheet(new ExcelWorkbook(state.run), { chunkRows: 20_000 });
    expect(report.graded).toBe(100_000);
    expect(state.maxPayload).toBeLessThan(PAYLOAD_LIMIT);
    // A constant (list the sheets with their protection, measure the used range, check the output
    // block for merged cells and find the add-in's own band rules there — before the first write —
    // and commit: queued formats, band rules, the chart and the names ride with data requests) plus
    // one sync per chunk of data, each chunk as large as the 4 MB budget allows.
    expect(state.syncs - state.dataSyncs).toBeLessThanOrEqual(6);
    // Reading and writing 100,000 rows, 20,000 a request: five requests each way.
    expect(state.syncs).toBeLessThanOrEqual(6 + 2 * Math.ceil(100_000 / 20_000));
    expect(state.charts).toEqual([expect.objectContaining({ sheet: '分级汇总', type: 'ColumnClustered' })]);
    expect([...state.names.keys()].sort()).toEqual(['QD_MATRIX', 'QD_RULES']);
    expect(state.enableEvents).toBe(true);
    process.stdout.write(
      `Office.js host, 100,000 rows: ${state.syncs} syncs (${state.dataSyncs} carrying data), largest request ${state.maxPayload} bytes\n`,
    );
    expect(state.sheet('渠道')?.cells[1]?.[15]?.value).toBe('深蓝-C-Ⅲ');
  }, 120_000);

  it('joins consecutive writes down the same columns into requests as full as the budget allows', async () => {
    const state = new FakeExcelState({ 渠道: rows(10) });
    const port = new ExcelWorkbook(state.run, { payloadBudget: 200_000 });
    const block = (from: number): CellWrite[][] =>
      Array.from({ length: 500 }, (_, i) => Array.from({ length: 10 }, (_, j) => `r${from + i}c${j}`.padEnd(8, '.')));
    for (let k = 0; k < 10; k++) await port.writeBlock('渠道', 2 + 500 * k, 20, block(500 * k));
    await port.commit();
    // About 600 kB in all: three or four requests of up to 200 kB, not ten.
    expect(state.dataSyncs).toBeLessThanOrEqual(4);
    expect(state.sheet('渠道')?.cells[5000]?.[28]?.value).toBe('r4999c9.');
    expect(state.sheet('渠道')?.cells[1]?.[19]?.value).toBe('r0c0....');
  });

  it('halves its requests when Excel rejects a payload as too large, and still writes everything', async () => {
    const state = new FakeExcelState({ 渠道: rows(3000) });
    // A budget far above the limit makes the first requests fail, as a wrong size estimate would.
    const port = new ExcelWorkbook(state.run, { rowsPerRequest: 1_000_000, payloadBudget: 1e12 });
    const wide: CellWrite[][] = Array.from({ length: 3000 }, () => Array.from({ length: 30 }, () => 'x'.repeat(80)));
    await port.writeBlock('渠道', 2, 20, wide);
    await port.commit();
    expect(state.maxPayload).toBeGreaterThan(PAYLOAD_LIMIT);
    expect(state.sheet('渠道')?.cells[3000]?.[48]?.value).toBe('x'.repeat(80));
  });

  it('colours the band column with five rules, suspends calculation and restores events', async () => {
    const state = new FakeExcelState({ 渠道: rows(50) });
    await gradeSheet(new ExcelWorkbook(state.run));
    expect(state.bands.map((b) => b.text)).toEqual(['深蓝', '蓝', '黄', '浅红', '深红']);
    expect(state.bands[0]).toMatchObject({ column: 13, firstRow: 2, lastRow: 51, fill: '#1F3A93' });
    expect(state.calculationSuspensions).toBeGreaterThan(0);
    expect(state.enableEvents).toBe(true);
    expect([...state.names.keys()].sort()).toEqual(['QD_MATRIX', 'QD_RULES']);
    expect(state.sheets.map((s) => s.name)).toEqual(['渠道', '分级汇总', '分级规则']);
  });

  it('never changes an input cell and writes formula-like text as text', async () => {
    const data = rows(3);
    (data[1] as CellWrite[])[1] = '=HYPERLINK("x")';
    const state = new FakeExcelState({ 渠道: data });
    const before = JSON.stringify(state.sheet('渠道')?.cells.map((r) => r.slice(0, 9)));
    await gradeSheet(new ExcelWorkbook(state.run));
    expect(JSON.stringify(state.sheet('渠道')?.cells.map((r) => r.slice(0, 9)))).toBe(before);
    expect(toFormulaCell('@x')).toBe("'@x");
    expect(toFormulaCell({ formula: 'SUM(A1)', result: 1 })).toBe('=SUM(A1)');
  });
});
