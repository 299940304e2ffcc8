/*
 * A sheet the add-in owns, laid out for A4 in an .xlsx (WorkbookPort.setPrintLayout): read back by
 * openpyxl (the writer pandas uses) and printed by LibreOffice to a PDF with the pages expected.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { SheetNotOwnedError, type CellWrite, type PrintLayout } from '../../../src/grading';
import { XlsxWorkbook } from '../../../src/hosts/xlsx/XlsxWorkbook';
import { systemToolAvailable } from '../../support/systemTool';
import { PYTHON, partsOf, pythonModuleAvailable } from './packageFixtures';
import { tempDir, writeXlsx } from './tempFiles';

const SOFFICE = '/usr/bin/soffice';
const REPORT = '分级报告';

/** 60 rows of 8 columns: three title rows, then the body. */
const ROWS: CellWrite[][] = Array.from({ length: 60 }, (_, i) =>
  i < 3
    ? Array.from({ length: 8 }, (_, j) => `标题 ${i + 1}-${j + 1}`)
    : Array.from({ length: 8 }, (_, j) => (j === 0 ? `渠道 ${i + 1}` : (i + 1) * 10 + j)),
);

/** Portrait A4, rows 1–3 on every page, a page after rows 10, 20 and 30: four pages (rows 31–60 fit on one). */
const LAYOUT: PrintLayout = {
  orientation: 'portrait',
  area: { firstRow: 1, firstColumn: 1, lastRow: 60, lastColumn: 8 },
  titleRows: { first: 1, last: 3 },
  breaksAfter: [10, 20, 30],
  fitToWidth: true,
  footer: '第 &P 页 / 共 &N 页',
};

const tmp = tempDir('qd-print-');
afterAll(() => tmp.cleanup());

async function laidOut(input: string, output: string): Promise<void> {
  const wb = await XlsxWorkbook.open(input, output);
  await wb.replaceSheet(REPORT, ROWS, [14, 12, 12, 12, 12, 12, 12, 12]);
  expect(await wb.setPrintLayout(REPORT, LAYOUT)).toBe(true);
  await wb.commit();
}

describe('a sheet the add-in owns, laid out for A4 in an .xlsx', () => {
  const input = tmp.path('input.xlsx');
  const output = tmp.path('report.xlsx');

  beforeAll(async () => {
    await writeXlsx(input, { 渠道: [['渠道代码'], ['C1']] });
    await laidOut(input, output);
  });

  it('writes the print elements in the order the schema requires, with the footer and the manual breaks', async () => {
    const parts = await partsOf(output);
    const sheet = [...parts.entries()].find(
      ([name, xml]) => name.startsWith('xl/worksheets/') && xml.toString('utf8').includes('标题 1-1'),
    );
    const xml = sheet?.[1].toString('utf8') ?? '';
    expect(xml).toMatch(/^[^]*<worksheet[^>]*><sheetPr><pageSetUpPr fitToPage="1"\/><\/sheetPr><dimension /);
    const order = ['</sheetData>', '<printOptions', '<pageMargins', '<pageSetup', '<headerFooter', '<rowBreaks'];
    const at = order.map((t) => xml.indexOf(t));
    expect(at.every((p) => p > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(xml).toContain('<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"/>');
    expect(xml).toContain('<oddFooter>&amp;C第 &amp;P 页 / 共 &amp;N 页</oddFooter>');
    expect(xml).toContain(
      '<rowBreaks count="3" manualBreakCount="3"><brk id="10" max="16383" man="1"/><brk id="20" max="16383" man="1"/><brk id="30" max="16383" man="1"/></rowBreaks>',
    );
    const workbook = parts.get('xl/workbook.xml')?.toString('utf8') ?? '';
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Area" localSheetId="1">'${REPORT}'!$A$1:$H$60</definedName>`,
    );
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="1">'${REPORT}'!$1:$3</definedName>`,
    );
  });

  (pythonModuleAvailable('openpyxl', 'openpyxl reading the print layout') ? it : it.skip)(
    'reads back in openpyxl: A4 portrait, the print area, the title rows, fit to one page wide and the breaks',
    () => {
      const script = tmp.path('read.py');
      writeFileSync(
        script,
        [
          'import json, sys, openpyxl',
          'wb = openpyxl.load_workbook(sys.argv[1])',
          `ws = wb["${REPORT}"]`,
          // openpyxl gives the area as text or as a list of ranges, by version; without the sheet's name.
          'area = ws.print_area if isinstance(ws.print_area, str) else ",".join(ws.print_area)',
          'print(json.dumps({',
          '  "area": area.split("!")[-1], "titles": ws.print_title_rows,',
          '  "orientation": ws.page_setup.orientation, "paper": str(ws.page_setup.paperSize),',
          '  "fitToWidth": str(ws.page_setup.fitToWidth), "fitToHeight": str(ws.page_setup.fitToHeight),',
          '  "fitToPage": bool(ws.sheet_properties.pageSetUpPr.fitToPage),',
          '  "breaks": [b.id for b in ws.row_breaks.brk],',
          '  "footer": ws.oddFooter.center.text,',
          '}, ensure_ascii=False))',
        ].join('\n'),
      );
      const read = JSON.parse(execFileSync(PYTHON, [script, output], { encoding: 'utf8' })) as Record<string, unknown>;
      expect(read).toEqual({
        area: '$A$1:$H$60',
        titles: '$1:$3',
        orientation: 'portrait',
        paper: '9',
        fitToWidth: '1',
        fitToHeight: '0',
        fitToPage: true,
        breaks: [10, 20, 30],
        footer: '第 &P 页 / 共 &N 页',
      });
    },
  );

  (systemToolAvailable(SOFFICE, 'libreoffice-calc', 'printing the laid-out sheet with LibreOffice') ? it : it.skip)(
    'prints to four A4 pages in LibreOffice: a page ends after rows 10, 20 and 30',
    () => {
      const dir = tmp.path('pdf');
      execFileSync(
        SOFFICE,
        [
          `-env:UserInstallation=file://${tmp.path('lo-profile')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          output,
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const pdf = readFileSync(`${dir}/${readdirSync(dir).find((f) => f.endsWith('.pdf')) ?? ''}`, 'latin1');
      const pages = (pdf.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
      // The channel sheet prints on one page, the report on four.
      expect(pages).toBe(5);
    },
    180_000,
  );

  it('gives the same package when laid out again', async () => {
    const again = tmp.path('again.xlsx');
    await laidOut(output, again);
    const [a, b] = [await partsOf(output), await partsOf(again)];
    expect([...b.keys()]).toEqual([...a.keys()]);
    for (const [name, bytes] of a) expect(b.get(name)?.equals(bytes)).toBe(true);
  });

  it('refuses to lay out a sheet of the user’s, changing nothing', async () => {
    const wb = await XlsxWorkbook.open(input, tmp.path('refused.xlsx'));
    await expect(wb.setPrintLayout('渠道', LAYOUT)).rejects.toBeInstanceOf(SheetNotOwnedError);
  });
});
