/*
 * Grading real .xlsx and .csv files: what the file looks like after qd-grade's workflow, read back
 * with ExcelJS (CONTRACT.md §5 guarantees).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { gradeSheet } from '../../../src/grading';
import { CsvWorkbook } from '../../../src/hosts/xlsx/CsvWorkbook';
import { XlsxWorkbook } from '../../../src/hosts/xlsx/XlsxWorkbook';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-xlsx-');
afterAll(() => tmp.cleanup());

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

async function makeInput(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('渠道');
  ws.addRow(HEADER);
  ws.addRow(['C1', '甲', '3301', 0.55, 0.1, 0.25, 2_000_000, 73, 50_000_000]);
  ws.addRow(['C2', '=SUM(1,2)', '3301', 0.7, 0.2, 0.1, 3_000_000, 365, 10_000_000]);
  ws.addRow(['C3', '@乙', '3302', { formula: 'D2+0.1', result: 0.65 }, 0.2, 0.1, 1_000_000, 365, 5_000_000]);
  ws.getRow(1).font = { bold: true, color: { argb: 'FF0000FF' } };
  ws.getColumn(4).numFmt = '0.0%';
  ws.getCell('B2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  ws.getColumn(2).width = 30;
  await wb.xlsx.writeFile(file);
}

function snapshot(ws: ExcelJS.Worksheet, columns: number): unknown[] {
  const out: unknown[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    for (let c = 1; c <= columns; c++) {
      const cell = row.getCell(c);
      out.push([
        r,
        c,
        JSON.stringify(cell.value),
        cell.numFmt ?? null,
        JSON.stringify(cell.font ?? null),
        JSON.stringify(cell.fill ?? null),
      ]);
    }
  });
  return out;
}

describe('grading an .xlsx file', () => {
  let input: string;
  let output: string;
  let graded: ExcelJS.Workbook;

  beforeAll(async () => {
    input = tmp.path('in.xlsx');
    output = tmp.path('out.xlsx');
    await makeInput(input);
    await gradeSheet(await XlsxWorkbook.open(input, output));
    graded = new ExcelJS.Workbook();
    await graded.xlsx.readFile(output);
  });

  it("keeps every input cell's value, formula and format", async () => {
    const before = new ExcelJS.Workbook();
    await before.xlsx.readFile(input);
    const a = before.getWorksheet('渠道') as ExcelJS.Worksheet;
    const b = graded.getWorksheet('渠道') as ExcelJS.Worksheet;
    expect(snapshot(b, HEADER.length)).toEqual(snapshot(a, HEADER.length));
    expect(b.getColumn(2).width).toBe(30);
    expect(b.getCell('D4').value).toEqual({ formula: 'D2+0.1', result: 0.65 });
  });

  it('writes text that looks like a formula as text', () => {
    const ws = graded.getWorksheet('渠道') as ExcelJS.Worksheet;
    expect(ws.getCell('B3').value).toBe('=SUM(1,2)');
    expect(ws.getCell('B3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B4').value).toBe('@乙');
  });

  it('adds the output columns, formatted, and colours the band column with five conditional rules', () => {
    const ws = graded.getWorksheet('渠道') as ExcelJS.Worksheet;
    expect(ws.getCell(1, 10).value).toBe('经营成本率');
    expect(ws.getCell(2, 10).value).toBe(0.9);
    expect(ws.getCell(2, 10).numFmt).toBe('0.00%');
    expect(ws.getCell(2, 16).value).toBe('深蓝-A-Ⅱ');
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: unknown[] }[] })
      .conditionalFormattings;
    expect(cf).toHaveLength(1);
    expect(cf[0]?.ref).toBe('M2:M4');
    expect(cf[0]?.rules).toHaveLength(5);
  });

  it('adds the summary and rules sheets, with formulas, cached values and names', () => {
    expect(graded.worksheets.map((w) => w.name)).toEqual(['渠道', '分级汇总', '分级规则']);
    const summary = graded.getWorksheet('分级汇总') as ExcelJS.Worksheet;
    const cell = summary.getCell('C5');
    expect(cell.value).toEqual({ formula: `COUNTIFS('渠道'!$P$2:$P$4,"=深蓝-A-Ⅱ")`, result: 1 });
    expect(graded.definedNames.model.map((n) => n.name).sort()).toEqual(['QD_MATRIX', 'QD_OWNED', 'QD_RULES']);
  });

  it('gives the same file when graded again, re-using its own columns', async () => {
    const again = tmp.path('again.xlsx');
    const report = await gradeSheet(await XlsxWorkbook.open(output, again), { now: () => new Date(0) });
    expect(report.outputStart).toBe(10);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(again);
    const a = graded.getWorksheet('渠道') as ExcelJS.Worksheet;
    const b = wb.getWorksheet('渠道') as ExcelJS.Worksheet;
    expect(snapshot(b, 30)).toEqual(snapshot(a, 30));
    expect((b as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings).toHaveLength(1);
  });
});

describe('a workbook session after it was saved', () => {
  it('refuses to write again rather than lose what the save wrote, and names the file', async () => {
    const input = tmp.path('saved-once.xlsx');
    await makeInput(input);
    const output = tmp.path('saved-once.graded.xlsx');
    const book = await XlsxWorkbook.open(input, output);
    await gradeSheet(book, { sheet: '渠道' });
    const saved = readFileSync(output);
    await expect(book.writeBlock('渠道', 2, 20, [['x']])).rejects.toThrow(`工作簿“${output}”已保存`);
    await expect(book.commit()).rejects.toThrow('open it again first');
    expect(readFileSync(output).equals(saved)).toBe(true);
  });
});

describe('grading a .csv file', () => {
  it('writes the inputs then the outputs, UTF-8 with a BOM, formula-like text made inert', async () => {
    const input = tmp.path('in.csv');
    const output = tmp.path('out.csv');
    const text = `${HEADER.join(',')}\r\nC1,"甲, 经纪",3301,55%,10%,25%,"2,000,000",73,50000000\r\nC2,=cmd(),3301,0.7,0.2,0.1,3000000,365,10000000\r\n`;
    writeFileSync(input, text);
    const report = await gradeSheet(await CsvWorkbook.open(input, output));
    expect(report.graded).toBe(2);
    const out = readFileSync(output, 'utf8');
    expect(out.startsWith('\uFEFF渠道代码,渠道名称')).toBe(true);
    const lines = out.slice(1).split('\r\n');
    expect(lines[1]).toMatch(
      /^C1,"甲, 经纪",3301,55%,10%,25%,"2,000,000",73,50000000,0\.9,10000000,0\.2,深蓝,A,Ⅱ,深蓝-A-Ⅱ,2,新,/,
    );
    expect(lines[2]).toMatch(/^C2,'=cmd\(\),3301/);
  });

  it('reads a CSV that Chinese Excel saved in GB18030', async () => {
    const input = tmp.path('gbk.csv');
    const bytes = Buffer.from([0xc7, 0xfe, 0xb5, 0xc0, 0xb4, 0xfa, 0xc2, 0xeb]); // 渠道代码 in GB18030
    writeFileSync(input, bytes);
    const port = await CsvWorkbook.open(input, tmp.path('gbk-out.csv'));
    expect(await port.readBlock('gbk', 1, 1, 1, 1)).toEqual([['渠道代码']]);
  });
});
