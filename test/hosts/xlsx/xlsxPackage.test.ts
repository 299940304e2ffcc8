/*
 * Issue 12: qd-grade edits the user's workbook as the OPC package it is. Each defect the issue lists
 * has its own test here, named for what the user sees; workbooks come from Excel (the shared corpus),
 * openpyxl and XlsxWriter, and from packages built part by part for what those programs never write
 * (Strict OOXML, a workbook outside xl/, t="d" dates, phonetic guides, a zip bomb).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { main, type CliIo } from '../../../src/cli/qdGrade';
import { XlsxWorkbook } from '../../../src/hosts/xlsx/XlsxWorkbook';
import { ZipWriter } from '../../../src/hosts/xlsx/zipPackage';
import { systemToolAvailable } from '../../support/systemTool';
import {
  CHANNEL_ROWS,
  cellTexts,
  corpusFile,
  partsOf,
  pythonModuleAvailable,
  runPython,
  withChannelSheet,
} from './packageFixtures';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-pkg-');
afterAll(() => tmp.cleanup());
let n = 0;
const fresh = (name: string): string => tmp.path(`${++n}-${name}`);

async function grade(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTerminal: false };
  const status = await main(argv, io);
  return { status, out, err };
}

/** Parts the add-in changes by adding to them, and the graded sheet's part. */
const ADDED_TO = ['[Content_Types].xml', 'workbook.xml', 'workbook.xml.rels', 'styles.xml'];

/** Asserts every part of `before` is in `after` unchanged, except the parts the add-in adds to and `graded`. */
function expectPartsKept(before: Map<string, Buffer>, after: Map<string, Buffer>, graded: string): void {
  for (const [name, data] of before) {
    if (name === graded || ADDED_TO.some((a) => name.endsWith(a))) continue;
    expect({ name, same: after.get(name)?.equals(data) }).toEqual({ name, same: true });
  }
}

/** Asserts a part the add-in adds to still holds every element it held (additions only). */
function expectAdditionsOnly(before: Buffer | undefined, after: Buffer | undefined, element: RegExp): void {
  const old = (before ?? Buffer.alloc(0)).toString('utf8').match(element) ?? [];
  const now = (after ?? Buffer.alloc(0)).toString('utf8');
  for (const e of old) expect(now).toContain(e);
}

/** Asserts every input cell of the graded sheet is in the output as the same text. */
function expectInputCellsKept(before: Buffer | undefined, after: Buffer | undefined): void {
  const a = cellTexts((before ?? Buffer.alloc(0)).toString('utf8'));
  const b = cellTexts((after ?? Buffer.alloc(0)).toString('utf8'));
  for (const [ref, text] of a) expect({ ref, text: b.get(ref) }).toEqual({ ref, text });
}

function sheetPartOf(parts: Map<string, Buffer>, sheet: string): string {
  const wb = [...parts.entries()].find(([k]) => /(^|\/)workbook\.xml$/.test(k));
  const rels = [...parts.entries()].find(([k]) => k.endsWith('workbook.xml.rels'));
  const element =
    new RegExp(`<(?:\\w+:)?sheet [^>]*name="${sheet}"[^>]*>`).exec(wb?.[1].toString('utf8') ?? '')?.[0] ?? '';
  const id = /\sr:id="([^"]+)"/.exec(element)?.[1];
  const rel = [...(rels?.[1].toString('utf8') ?? '').matchAll(/<Relationship [^>]*>/g)].find((m) =>
    m[0].includes(`Id="${id}"`),
  );
  const target = /Target="([^"]+)"/.exec(rel?.[0] ?? '')?.[1] ?? '';
  const folder = (wb?.[0] ?? '').replace(/workbook\.xml$/, '');
  return target.startsWith('/') ? target.slice(1) : `${folder}${target}`;
}

const SOFFICE = '/usr/bin/soffice';

/** LibreOffice opens the file and converts its first sheet to CSV (text of the first sheet). */
function libreOfficeOpens(file: string): string {
  const out = tmp.path(`lo-${++n}`);
  mkdirSync(out, { recursive: true });
  execFileSync(SOFFICE, ['--headless', '--norestore', '--convert-to', 'csv', '--outdir', out, file], {
    stdio: 'ignore',
    timeout: 120_000,
    env: { ...process.env, HOME: tmp.path('lo-home') },
  });
  const csv = readdirSync(out).find((f) => f.endsWith('.csv'));
  return csv ? readFileSync(`${out}/${csv}`, 'utf8') : '';
}

describe('grading a channel sheet added to a workbook Excel saved (Book1.xlsx: two charts, a picture, comments, a table)', () => {
  const book1 = corpusFile('Book1.xlsx');
  const input = fresh('book1.xlsx');
  const output = fresh('book1.graded.xlsx');
  let before: Map<string, Buffer>;
  let after: Map<string, Buffer>;

  beforeAll(async () => {
    if (!book1 || !pythonModuleAvailable('openpyxl', 'the Book1.xlsx tests')) return;
    withChannelSheet(book1, input, '渠道', tmp.path('add.py'));
    const r = await grade([input, '-o', output, '--sheet', '渠道', '--quiet']);
    expect(r).toEqual({ status: 0, out: '', err: '' });
    before = await partsOf(input);
    after = await partsOf(output);
  }, 60_000);

  it('keeps the charts, the picture, the comments, the table and every other part byte for byte', () => {
    if (!before) return;
    expectPartsKept(before, after, sheetPartOf(before, '渠道'));
    expect([...after.keys()]).toEqual(expect.arrayContaining([...before.keys()]));
  });

  it('only adds to the workbook, its relationships, the content types and the styles', () => {
    if (!before) return;
    expectAdditionsOnly(before.get('xl/workbook.xml'), after.get('xl/workbook.xml'), /<sheet [^>]*>/g);
    expectAdditionsOnly(
      before.get('xl/_rels/workbook.xml.rels'),
      after.get('xl/_rels/workbook.xml.rels'),
      /<Relationship [^>]*>/g,
    );
    expectAdditionsOnly(
      before.get('[Content_Types].xml'),
      after.get('[Content_Types].xml'),
      /<(Override|Default) [^>]*>/g,
    );
    expectAdditionsOnly(before.get('xl/styles.xml'), after.get('xl/styles.xml'), /<xf [^>]*>/g);
  });

  it('keeps every input cell of the graded sheet as it was written', () => {
    if (!before) return;
    const part = sheetPartOf(before, '渠道');
    expectInputCellsKept(before.get(part), after.get(part));
  });

  it('draws a real column chart of channels per band on the summary sheet', () => {
    if (!before) return;
    const summary = sheetPartOf(after, '分级汇总');
    const rels = after.get(summary.replace(/([^/]+)$/, '_rels/$1.rels'))?.toString('utf8') ?? '';
    expect(rels).toMatch(/relationships\/drawing"/);
    const charts = [...after.entries()].filter(([k]) => !before.has(k) && /charts\/chart\d+\.xml$/.test(k));
    expect(charts).toHaveLength(1);
    expect(charts[0]?.[1].toString('utf8')).toContain('<c:barDir val="col"/>');
    expect(after.get('[Content_Types].xml')?.toString('utf8')).toContain('drawingml.chart+xml');
  });

  it('gives the same package when graded again (the grading time aside)', async () => {
    if (!before) return;
    const again = fresh('book1.again.xlsx');
    expect((await grade([output, '-o', again, '--sheet', '渠道', '--quiet'])).status).toBe(0);
    const third = await partsOf(again);
    const rules = sheetPartOf(after, '分级规则');
    const stamp = (b: Buffer | undefined): string =>
      (b?.toString('utf8') ?? '').replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T');
    expect([...third.keys()]).toEqual([...after.keys()]);
    for (const [name, data] of after)
      if (name === rules) expect(stamp(third.get(name))).toBe(stamp(data));
      else expect({ name, same: third.get(name)?.equals(data) }).toEqual({ name, same: true });
  }, 60_000);

  it('opens in LibreOffice', () => {
    if (!before || !systemToolAvailable(SOFFICE, 'libreoffice-calc-nogui', 'the LibreOffice check')) return;
    expect(libreOfficeOpens(output).length).toBeGreaterThan(0);
  }, 120_000);
});

const OPENPYXL_BOOK = String.raw`
import sys, datetime
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.worksheet.table import Table
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
rows = ${JSON.stringify(CHANNEL_ROWS)}
wb = Workbook()
ws = wb.active
ws.title = '渠道'
for r in rows: ws.append(r)
ws['K1'] = '开始'
ws['K2'] = datetime.date(2014, 3, 25)
ws['C2'].comment = Comment('赔付率核对', 'analyst')
ws['M9'].comment = Comment('a note on an empty cell', 'analyst')
ws['A3'].hyperlink = 'https://example.com/c2'
ws.column_dimensions['B'].width = 30
ws.print_options.gridLines = True
ws.page_setup.orientation = 'landscape'
other = wb.create_sheet('明细')
other.append(['k', 'v'])
other.append(['a', 1])
other.add_table(Table(displayName='明细表', ref='A1:B2'))
wb.defined_names.append(DefinedName('rate_cap', attr_text='0.35'))
wb.defined_names.append(DefinedName('local_v', localSheetId=1, attr_text="'明细'!$B$2"))
deep = wb.create_sheet('深藏')
deep['A1'] = 'very hidden'
deep.sheet_state = 'veryHidden'
wb.security = WorkbookProtection(lockStructure=True)
wb.save(sys.argv[1])
`;

describe('grading a workbook openpyxl wrote (comments, a comment on an empty cell, a table, names, protection, a very hidden sheet)', () => {
  const input = fresh('openpyxl.xlsx');
  const output = fresh('openpyxl.graded.xlsx');
  let before: Map<string, Buffer> | undefined;
  let after: Map<string, Buffer>;
  let status = -1;
  let err = '';

  beforeAll(async () => {
    if (!pythonModuleAvailable('openpyxl', 'the openpyxl workbook tests')) return;
    runPython(OPENPYXL_BOOK, tmp.path('make_openpyxl_book.py'), input);
    const r = await grade([input, '-o', output, '--quiet']);
    status = r.status;
    err = r.err;
    before = await partsOf(input);
    after = await partsOf(output);
  }, 60_000);

  it('grades it (it was refused with "Cannot read properties of undefined (reading \'anchors\')")', () => {
    if (!before) return;
    expect({ status, err }).toEqual({ status: 0, err: '' });
  });

  it('keeps the comments, the table, the hyperlink and the print settings byte for byte', () => {
    if (!before) return;
    expectPartsKept(before, after, sheetPartOf(before, '渠道'));
    const sheet = after.get(sheetPartOf(before, '渠道'))?.toString('utf8') ?? '';
    expect(sheet).toContain('<hyperlinks>');
    expect(sheet).toMatch(/<printOptions gridLines="1"\/>/);
    const input = before.get(sheetPartOf(before, '渠道'))?.toString('utf8') ?? '';
    const userColumns = input.match(/<col [^>]*>/g) ?? [];
    expect(userColumns.length).toBeGreaterThan(0);
    for (const c of userColumns) expect(sheet).toContain(c);
    // The add-in's columns get a width of their own, after the user's (CT_Worksheet keeps one <cols>).
    expect(sheet).toMatch(
      /<cols><col width="30" customWidth="1" min="2" max="2"\/><col min="12" max="\d+" width="14" customWidth="1"\/><\/cols>/,
    );
  });

  it('keeps the named constant, the sheet-scoped name (still sheet-scoped) and the workbook protection', () => {
    if (!before) return;
    const wb = after.get('xl/workbook.xml')?.toString('utf8') ?? '';
    expect(wb).toMatch(/<definedName name="rate_cap">0.35<\/definedName>/);
    expect(wb).toMatch(/<definedName name="local_v" localSheetId="1">/);
    expect(wb).toMatch(/<workbookProtection [^>]*lockStructure="1"/);
    expect(wb).toMatch(/<sheet [^>]*name="深藏"[^>]*state="veryHidden"/);
  });

  it('keeps the date cell a date, exactly as written', () => {
    if (!before) return;
    const part = sheetPartOf(before, '渠道');
    expectInputCellsKept(before.get(part), after.get(part));
  });
});

const XLSXWRITER_BOOK = String.raw`
import sys
import xlsxwriter
rows = ${JSON.stringify(CHANNEL_ROWS)}
wb = xlsxwriter.Workbook(sys.argv[1])
ws = wb.add_worksheet('渠道')
bold = wb.add_format({'bold': True})
red = wb.add_format({'color': 'red'})
for i, r in enumerate(rows): ws.write_row(i, 0, r, bold if i == 0 else None)
ws.write_rich_string('J2', '红', red, '色', '文字')
ws.write_rich_string('J3', '另一', bold, '段')
ws.freeze_panes(1, 0)
ws.data_validation('K2:K4', {'validate': 'list', 'source': ['是', '否']})
ws.conditional_format('C2:C4', {'type': 'cell', 'criteria': '>', 'value': 0.6, 'format': red})
ws.write_url('L2', 'https://example.com', string='链接')
ws.write_comment('M3', '批注 on an empty cell')
ws.set_landscape()
ws.print_area('A1:H4')
ws.protect()
chart = wb.add_chart({'type': 'line'})
chart.add_series({'values': "='渠道'!$C$2:$C$4"})
ws.insert_chart('N2', chart)
h = wb.add_worksheet('隐藏'); h.write('A1', 'hidden'); h.hide()
wb.define_name('全局名', '=渠道!$A$1:$A$4')
wb.define_name('渠道!局部名', '=渠道!$B$1')
wb.close()
`;

describe('grading a workbook XlsxWriter wrote (rich text, a hidden sheet, names, validations, a chart)', () => {
  const input = fresh('xlsxwriter.xlsx');
  const output = fresh('xlsxwriter.graded.xlsx');
  let before: Map<string, Buffer> | undefined;
  let after: Map<string, Buffer>;

  beforeAll(async () => {
    if (!pythonModuleAvailable('xlsxwriter', 'the XlsxWriter workbook tests')) return;
    runPython(XLSXWRITER_BOOK, tmp.path('make_xlsxwriter_book.py'), input);
    // The sheet is protected; the add-in's columns are still written (it edits the file, not Excel's UI).
    expect(await grade([input, '-o', output, '--quiet'])).toEqual({ status: 0, out: '', err: '' });
    before = await partsOf(input);
    after = await partsOf(output);
  }, 60_000);

  it('keeps every rich-text string as it was (the streaming writer replaced them with the first one)', () => {
    if (!before) return;
    expect(after.get('xl/sharedStrings.xml')?.equals(before.get('xl/sharedStrings.xml') as Buffer)).toBe(true);
  });

  it('keeps a hidden sheet hidden, and names of every scope as they were', () => {
    if (!before) return;
    const wb = after.get('xl/workbook.xml')?.toString('utf8') ?? '';
    expect(wb).toMatch(/<sheet name="隐藏" sheetId="\d+" state="hidden"/);
    expectAdditionsOnly(
      before.get('xl/workbook.xml'),
      after.get('xl/workbook.xml'),
      /<definedName [^>]*>[^<]*<\/definedName>/g,
    );
  });

  it('keeps the validations, conditional formats, print area, frozen pane, protection and chart', () => {
    if (!before) return;
    expectPartsKept(before, after, 'xl/worksheets/sheet1.xml');
    const a = before.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
    const b = after.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
    for (const element of [
      /<sheetViews>[\s\S]*?<\/sheetViews>/,
      /<dataValidations[\s\S]*?<\/dataValidations>/,
      /<sheetProtection[^>]*>/,
      /<drawing [^>]*>/,
      /<legacyDrawing [^>]*>/,
    ])
      expect(b).toContain(a.match(element)?.[0] ?? 'missing in the input');
    expect(b).toContain(a.match(/<conditionalFormatting sqref="C2:C4">[\s\S]*?<\/conditionalFormatting>/)?.[0]);
    expectInputCellsKept(before.get('xl/worksheets/sheet1.xml'), after.get('xl/worksheets/sheet1.xml'));
  });

  it('opens in LibreOffice', () => {
    if (!before || !systemToolAvailable(SOFFICE, 'libreoffice-calc-nogui', 'the LibreOffice check')) return;
    expect(libreOfficeOpens(output)).toContain('C1');
  }, 120_000);
});

/** Builds a package from parts (names without a leading slash). */
async function makePackage(file: string, parts: Record<string, string | Buffer>): Promise<void> {
  const w = new ZipWriter(file);
  for (const [name, content] of Object.entries(parts)) await w.addDeflated(name, content);
  await w.finish();
}

const T = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
};
const S = {
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
};

function minimalPackage(
  sheetData: string,
  opts: { folder?: string; ns?: typeof T; shared?: string; styles?: string } = {},
): Record<string, string> {
  const folder = opts.folder ?? 'xl';
  const ns = opts.ns ?? T;
  const parts: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${folder}/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/${folder}/sheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns.rel}/officeDocument" Target="${folder}/workbook.xml"/></Relationships>`,
    [`${folder}/workbook.xml`]: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns.main}" xmlns:r="${ns.rel}"><sheets><sheet name="渠道" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    [`${folder}/_rels/workbook.xml.rels`]: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${ns.rel}/worksheet" Target="sheets/data.xml"/>${opts.shared ? `<Relationship Id="rId2" Type="${ns.rel}/sharedStrings" Target="strings.xml"/>` : ''}${opts.styles ? `<Relationship Id="rId3" Type="${ns.rel}/styles" Target="styles.xml"/>` : ''}</Relationships>`,
    [`${folder}/sheets/data.xml`]: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${ns.main}"><dimension ref="A1:XFD1048576"/><sheetData>${sheetData}</sheetData></worksheet>`,
  };
  if (opts.shared) parts[`${folder}/strings.xml`] = `<sst xmlns="${ns.main}">${opts.shared}</sst>`;
  if (opts.styles) parts[`${folder}/styles.xml`] = opts.styles;
  return parts;
}

function channelRowsXml(): string {
  return CHANNEL_ROWS.map(
    (r, i) =>
      `<row r="${i + 1}">${r
        .map((v, j) =>
          typeof v === 'string'
            ? `<c r="${String.fromCharCode(65 + j)}${i + 1}" t="inlineStr"><is><t>${v}</t></is></c>`
            : `<c r="${String.fromCharCode(65 + j)}${i + 1}"><v>${v}</v></c>`,
        )
        .join('')}</row>`,
  ).join('');
}

describe('reading every kind of cell value, as the package holds it', () => {
  const file = fresh('values.xlsx');
  beforeAll(() =>
    makePackage(
      file,
      minimalPackage(
        '<row r="1"><c r="A1" t="d"><v>2014-03-25T00:00:00Z</v></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><r><t>红</t></r><r><rPr><b/><family val="2"/></rPr><t xml:space="preserve">色 </t></r><r><t>字</t></r></is></c>' +
          '<c r="D1" t="b"><v>1</v></c><c r="E1" t="e"><v>#N/A</v></c><c r="F1"><f>1/3</f><v>0.33333333333333331</v></c><c r="G1"><f>A1+1</f></c><c r="H1" s="1"><v>41723</v></c><c r="I1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="J1" t="s"><v>1</v></c></row>' +
          '<row r="1048576"><c r="XFD1048576" s="1"/></row>',
        {
          shared:
            '<si><r><t>东京</t></r><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si><si><t>_x0041_ &amp; more</t></si>',
          styles: `<styleSheet xmlns="${T.main}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>`,
        },
      ),
    ),
  );

  it('reads a t="d" date as that date (it became the number 2014)', async () => {
    const wb = await XlsxWorkbook.open(file, fresh('x.xlsx'));
    const [row] = await wb.readBlock('渠道', 1, 1, 1, 10);
    expect(row?.[0]).toEqual(new Date(Date.UTC(2014, 2, 25)));
    expect(row?.[7]).toEqual(new Date(Date.UTC(2014, 2, 25)));
  });

  it('reads a string without its phonetic guide, rich text as all its runs, and _xHHHH_ escapes', async () => {
    const wb = await XlsxWorkbook.open(file, fresh('x.xlsx'));
    const [row] = await wb.readBlock('渠道', 1, 1, 1, 10);
    expect(row?.[1]).toBe('东京');
    expect(row?.[2]).toBe('红色 字');
    expect(row?.[9]).toBe('A & more');
  });

  it("reads booleans, errors by their code, formulas' cached results exactly, and a formula never calculated as blank", async () => {
    const wb = await XlsxWorkbook.open(file, fresh('x.xlsx'));
    const [row] = await wb.readBlock('渠道', 1, 1, 1, 10);
    expect(row?.slice(3, 7)).toEqual([true, '#N/A', 0.33333333333333331, null]);
    expect(row?.[8]).toBe('ab');
  });

  it('measures the extent from cells with data, not <dimension> or a styled cell at XFD1048576', async () => {
    const wb = await XlsxWorkbook.open(file, fresh('x.xlsx'));
    expect(await wb.extent('渠道')).toEqual({ rowCount: 1, columnCount: 10 });
  });
});

describe('packages other programs lay out differently', () => {
  it('grades a Strict OOXML workbook kept in a folder other than xl/, following the relationships', async () => {
    const input = fresh('strict.xlsx');
    await makePackage(input, minimalPackage(channelRowsXml(), { folder: 'book', ns: S }));
    const output = fresh('strict.graded.xlsx');
    const r = await grade([input, '-o', output, '--quiet']);
    expect(r).toEqual({ status: 0, out: '', err: '' });
    const parts = await partsOf(output);
    expect(parts.get('book/sheets/data.xml')?.toString('utf8')).toContain('t="inlineStr"><is><t>深蓝</t>');
    const added = [...parts.keys()].filter((k) => /^book\/worksheets\/[^/]+\.xml$/.test(k));
    expect(added.length).toBeGreaterThanOrEqual(2);
    expect(parts.get(added[0] as string)?.toString('utf8')).toContain(S.main);
  });

  // No stopwatch here (speed is measured in npm run bench): a grading that filled the empty rows up to
  // 1,048,576 would run past the test's time-out and write them all, which the last assertion refuses.
  it('grades a sheet with a styled cell at row 1,048,576 and column XFD without filling the rows between', async () => {
    const input = fresh('far.xlsx');
    await makePackage(
      input,
      minimalPackage(`${channelRowsXml()}<row r="1048576"><c r="XFA1048576" s="0"/><c r="XFD1048576" s="0"/></row>`),
    );
    const output = fresh('far.graded.xlsx');
    expect((await grade([input, '-o', output, '--quiet'])).status).toBe(0);
    const sheet = (await partsOf(output)).get('xl/sheets/data.xml')?.toString('utf8') ?? '';
    expect(sheet).toContain('<row r="1048576"><c r="XFA1048576" s="0"/><c r="XFD1048576" s="0"/></row>');
    expect(sheet.match(/<row /g)?.length).toBeLessThan(100);
  });
});

describe('refusing what cannot be graded, with exit 3 and a message (never a crash or a stack trace)', () => {
  it('says a password-protected workbook is encrypted', async () => {
    const file = corpusFile('encryptAES.xlsx');
    if (!file) return;
    const r = await grade([file, '-o', fresh('enc.xlsx')]);
    expect(r.status).toBe(3);
    expect(r.err).toContain('已加密 (encrypted)');
  });

  it('says a malformed workbook is not a valid .xlsx, naming the file', async () => {
    const file = corpusFile('BadWorkbook.xlsx');
    if (!file) return;
    const r = await grade([file, '-o', fresh('bad.xlsx')]);
    expect(r.status).toBe(3);
    expect(r.err).toContain('BadWorkbook.xlsx');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('refuses a zip bomb (a sheet inflating a thousand times) before inflating it', async () => {
    const input = fresh('bomb.xlsx');
    const parts: Record<string, string | Buffer> = minimalPackage(channelRowsXml());
    const xml = Buffer.alloc(40 * 2 ** 20, 32);
    Buffer.from(`<worksheet xmlns="${T.main}"><sheetData>`).copy(xml, 0);
    Buffer.from('</sheetData></worksheet>').copy(xml, xml.length - 24);
    parts['xl/sheets/data.xml'] = xml;
    await makePackage(input, parts);
    expect(readFileSync(input).length).toBeLessThan(2 ** 20);
    const r = await grade([input, '-o', fresh('bomb.graded.xlsx')]);
    expect(r.status).toBe(3);
    expect(r.err).toMatch(/压缩炸弹|zip bomb/);
  });

  it('refuses a shared-string table that would inflate beyond sane limits, before reading it', async () => {
    const input = fresh('strings-bomb.xlsx');
    const parts: Record<string, string | Buffer> = minimalPackage(channelRowsXml(), { shared: '<si><t>x</t></si>' });
    const xml = Buffer.alloc(40 * 2 ** 20, 32);
    Buffer.from(`<sst xmlns="${T.main}"><si><t>x</t></si>`).copy(xml, 0);
    Buffer.from('</sst>').copy(xml, xml.length - 6);
    parts['xl/strings.xml'] = xml;
    await makePackage(input, parts);
    const r = await grade([input, '-o', fresh('strings-bomb.graded.xlsx')]);
    expect(r.status).toBe(3);
    expect(r.err).toContain('strings.xml');
  });

  it('says an OpenDocument file named .xlsx should be saved as .xlsx', async () => {
    const input = fresh('really.xlsx');
    await makePackage(input, { mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' });
    const r = await grade([input]);
    expect(r.status).toBe(3);
    expect(r.err).toContain('.xlsx');
    expect(r.err).toContain('OpenDocument');
  });

  it("refuses to replace the user's own sheet named 分级汇总, names it, and writes nothing", async () => {
    const input = fresh('taken.xlsx');
    const parts = minimalPackage(channelRowsXml());
    parts['xl/workbook.xml'] = (parts['xl/workbook.xml'] as string).replace(
      '</sheets>',
      '<sheet name="分级汇总" sheetId="2" r:id="rId9"/></sheets>',
    );
    parts['xl/_rels/workbook.xml.rels'] = (parts['xl/_rels/workbook.xml.rels'] as string).replace(
      '</Relationships>',
      `<Relationship Id="rId9" Type="${T.rel}/worksheet" Target="sheets/mine.xml"/></Relationships>`,
    );
    parts['xl/sheets/mine.xml'] =
      `<worksheet xmlns="${T.main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>我的汇总</t></is></c></row></sheetData></worksheet>`;
    await makePackage(input, parts);
    const copy = readFileSync(input);
    const output = fresh('taken.graded.xlsx');
    const r = await grade([input, '-o', output]);
    expect(r.status).toBe(3);
    expect(r.err).toContain('分级汇总');
    expect(existsSync(output)).toBe(false);
    expect(readFileSync(input).equals(copy)).toBe(true);
  });

  it("refuses to overwrite the user's data sheet when the sheet graded is itself named 分级规则", async () => {
    const input = fresh('rules-named.xlsx');
    const parts = minimalPackage(channelRowsXml());
    parts['xl/workbook.xml'] = (parts['xl/workbook.xml'] as string).replace('name="渠道"', 'name="分级规则"');
    await makePackage(input, parts);
    const r = await grade([input, '-o', input]);
    expect(r.status).toBe(3);
    expect(r.err).toContain('分级规则');
    const sheet = (await partsOf(input)).get('xl/sheets/data.xml')?.toString('utf8') ?? '';
    expect(sheet).not.toContain('深蓝');
  });
});

describe('writing the output safely', () => {
  it('grades in place when -o is the input (atomic rename), and the result opens', async () => {
    const input = fresh('inplace.xlsx');
    await makePackage(input, minimalPackage(channelRowsXml()));
    expect((await grade([input, '-o', input, '--quiet'])).status).toBe(0);
    expect((await partsOf(input)).get('xl/sheets/data.xml')?.toString('utf8')).toContain('深蓝');
  });

  it('leaves the input as it was and no partial or temporary file when the output cannot be written', async () => {
    const input = fresh('keep.xlsx');
    await makePackage(input, minimalPackage(channelRowsXml()));
    const copy = readFileSync(input);
    const blocked = fresh('blocked');
    writeFileSync(blocked, 'a file, not a folder');
    const r = await grade([input, '-o', `${blocked}/out.xlsx`]);
    expect(r.status).toBe(3);
    expect(readFileSync(input).equals(copy)).toBe(true);
    expect(readdirSync(tmp.path('')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it("refuses -o with an extension other than the input's with exit 2 (an .xlsx was written under a .csv name)", async () => {
    const input = fresh('ext.xlsx');
    await makePackage(input, minimalPackage(channelRowsXml()));
    const r = await grade([input, '-o', fresh('out.csv')]);
    expect(r.status).toBe(2);
    expect(r.err).toContain('.xlsx');
  });

  it('tells the user to save an .xls or .ods as .xlsx (exit 2)', async () => {
    for (const name of ['old.xls', 'calc.ods']) {
      const file = fresh(name);
      copyFileSync(__filename, file);
      const r = await grade([file]);
      expect(r.status).toBe(2);
      expect(r.err).toContain('另存为 .xlsx');
    }
  });
});

describe('what the add-in writes into the package', () => {
  it("draws the general agency's line chart on its own sheet, and a list drop-down on the graded sheet before its hyperlinks", async () => {
    const input = fresh('plain.xlsx');
    const parts = minimalPackage(channelRowsXml());
    parts['xl/sheets/data.xml'] = (parts['xl/sheets/data.xml'] as string).replace(
      '</sheetData>',
      `</sheetData><hyperlinks><hyperlink ref="A2" display="x"/></hyperlinks>`,
    );
    await makePackage(input, parts);
    const output = fresh('plain.out.xlsx');
    const wb = await XlsxWorkbook.open(input, output);
    await wb.replaceSheet('总代理测算', [
      ['月 Month', '累计 Cumulative'],
      [1, -5],
      [2, 3],
    ]);
    expect(
      await wb.addChart('总代理测算', {
        title: '累计结果 Cumulative result',
        kind: 'line',
        firstRow: 1,
        firstColumn: 1,
        lastRow: 3,
        lastColumn: 2,
        anchorRow: 1,
        anchorColumn: 4,
      }),
    ).toBe(true);
    expect(await wb.listValidation('渠道', 9, 2, 4, ['待复核', '通过', '退回'])).toBe(true);
    await wb.commit();
    const out = await partsOf(output);
    const chart = [...out.entries()].find(([k]) => /charts\/chart\d+\.xml$/.test(k))?.[1].toString('utf8') ?? '';
    expect(chart).toContain('<c:lineChart>');
    expect(chart).toContain("<c:f>'总代理测算'!$B$2:$B$3</c:f>");
    expect(chart).toMatch(/<c:numCache>.*<c:v>-5<\/c:v>.*<c:v>3<\/c:v>/);
    const sheet = out.get('xl/sheets/data.xml')?.toString('utf8') ?? '';
    expect(sheet.indexOf('<dataValidations count="1">')).toBeGreaterThan(sheet.indexOf('</sheetData>'));
    expect(sheet.indexOf('<dataValidations')).toBeLessThan(sheet.indexOf('<hyperlinks>'));
  });

  it('writes only well-formed XML parts (xmllint)', async () => {
    if (!systemToolAvailable('/usr/bin/xmllint', 'libxml2-utils', 'the well-formedness check')) return;
    const input = fresh('wf.xlsx');
    await makePackage(input, minimalPackage(channelRowsXml()));
    const output = fresh('wf.out.xlsx');
    expect((await grade([input, '-o', output, '--quiet'])).status).toBe(0);
    const folder = tmp.path(`wf-${++n}`);
    mkdirSync(folder, { recursive: true });
    const files: string[] = [];
    for (const [name, data] of await partsOf(output)) {
      const file = `${folder}/${files.length}.xml`;
      writeFileSync(file, data);
      files.push(file);
      expect(name).toBeTruthy();
    }
    execFileSync('/usr/bin/xmllint', ['--noout', ...files]);
  });
});
