/*
 * Large files stream: the streaming host grades a file exactly as the document host does, keeping
 * every input cell's value, formula and style.
 */
import ExcelJS from 'exceljs';
import { writeDemoWorkbook } from '../../../examples/makeDemoWorkbook';
import { gradeSheet } from '../../../src/grading';
import { fromExcelJs } from '../../../src/hosts/xlsx/cellValue';
import { XlsxStreamWorkbook } from '../../../src/hosts/xlsx/XlsxStreamWorkbook';
import { XlsxWorkbook } from '../../../src/hosts/xlsx/XlsxWorkbook';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-stream-');
afterAll(() => tmp.cleanup());

async function sheetCells(file: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(sheet) as ExcelJS.Worksheet;
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: unknown[] = [r];
    row.eachCell({ includeEmpty: false }, (cell, c) =>
      cells.push([c, fromExcelJs(cell.value), cell.numFmt ?? null, cell.font?.bold ?? null]),
    );
    rows.push(cells);
  });
  return rows;
}

describe('grading a large .xlsx by streaming', () => {
  const input = tmp.path('demo.xlsx');
  const viaDocument = tmp.path('document.xlsx');
  const viaStream = tmp.path('stream.xlsx');

  beforeAll(async () => {
    await writeDemoWorkbook(input, 3000);
    const options = { now: () => new Date('2026-11-23T00:00:00Z'), chunkRows: 700 };
    await gradeSheet(await XlsxWorkbook.open(input, viaDocument), options);
    await gradeSheet(await XlsxStreamWorkbook.open(input, viaStream), options);
  }, 120_000);

  it('writes the same values, formats and styles as the document host', async () => {
    expect(await sheetCells(viaStream, '渠道数据')).toEqual(await sheetCells(viaDocument, '渠道数据'));
  });

  it('writes the same summary and rules sheets', async () => {
    expect(await sheetCells(viaStream, '分级汇总')).toEqual(await sheetCells(viaDocument, '分级汇总'));
    expect(await sheetCells(viaStream, '分级规则')).toEqual(await sheetCells(viaDocument, '分级规则'));
  });

  it('colours the band column and names the rule tables', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(viaStream);
    const ws = wb.getWorksheet('渠道数据') as unknown as {
      conditionalFormattings: { ref: string; rules: unknown[] }[];
    };
    expect(ws.conditionalFormattings.map((c) => [c.ref, c.rules.length])).toEqual([['R2:R3010', 5]]);
    expect(wb.definedNames.model.map((d) => d.name).sort()).toEqual(['QD_MATRIX', 'QD_RULES']);
  });

  it('writes the same file when the input is too large to keep and is read again', async () => {
    const reread = tmp.path('reread.xlsx');
    await gradeSheet(await XlsxStreamWorkbook.open(input, reread, { cachedCellsLimit: 0 }), {
      now: () => new Date('2026-11-23T00:00:00Z'),
      chunkRows: 700,
    });
    expect(await sheetCells(reread, '渠道数据')).toEqual(await sheetCells(viaStream, '渠道数据'));
  });

  it('writes the same file when committed a second time (the kept rows are read again)', async () => {
    const twice = tmp.path('twice.xlsx');
    const port = await XlsxStreamWorkbook.open(input, twice);
    await gradeSheet(port, { now: () => new Date('2026-11-23T00:00:00Z'), chunkRows: 700 });
    await port.commit();
    const [again, first] = [await sheetCells(twice, '渠道数据'), await sheetCells(viaStream, '渠道数据')];
    // Compared as text: a failing deep diff of 3,000 rows would take Jest minutes to print.
    expect(JSON.stringify(again) === JSON.stringify(first)).toBe(true);
  });

  it('grades its own output again with the same result', async () => {
    const again = tmp.path('again.xlsx');
    const report = await gradeSheet(await XlsxStreamWorkbook.open(viaStream, again), {
      now: () => new Date('2026-11-23T00:00:00Z'),
    });
    expect(report.outputStart).toBe(15);
    expect(await sheetCells(again, '渠道数据')).toEqual(await sheetCells(viaStream, '渠道数据'));
  });
});
