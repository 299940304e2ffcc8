/*
 * The commit's byte scanner of the graded sheet (rewriteSheet): rows it appends to without decoding
 * them, and rows it must merge cell by cell, as other programs write them.
 */
import type { CellWrite } from '../../../src/grading';
import { rewriteSheet, tailWithValidations } from '../../../src/hosts/xlsx/rewriteSheet';
import { SheetEdits } from '../../../src/hosts/xlsx/sheetEdits';

const CTX = { dateStyle: 0, date1904: false, dxfOf: () => 0 };

async function rewritten(sheetXml: string, edit: (e: SheetEdits) => void, chunk = 7): Promise<string> {
  const edits = new SheetEdits();
  edit(edits);
  const bytes = Buffer.from(sheetXml, 'utf8');
  // Small chunks: rows, tags and multi-byte characters are cut across chunk boundaries.
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
  const out: Buffer[] = [];
  await rewriteSheet(pieces, edits, CTX, (b) => {
    out.push(b);
    return Promise.resolve();
  });
  edits.dispose();
  return Buffer.concat(out).toString('utf8');
}

const sheet = (rows: string, prefix = ''): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><${prefix}dimension ref="A1:B2"/><${prefix}sheetData>${rows}</${prefix}sheetData></${prefix}worksheet>`;

const later = (values: readonly (readonly CellWrite[])[]) => (e: SheetEdits) =>
  e.writeLater(1, 3, values.length, 2, (i) => values[i] ?? []);

describe('the graded sheet rewritten at the commit', () => {
  it('appends the output cells to each row, keeping the input cells and the text between rows byte for byte', async () => {
    const rows = `<row r="1" spans="1:2"><c r="A1" t="inlineStr"><is><t>渠道代码</t></is></c><c r="B1"><v>1</v></c></row>\n<!-- 注释 --><row r="2" spans="1:2"><c r="A2" t="s"><v>0</v></c></row>`;
    const xml = await rewritten(
      sheet(rows),
      later([
        ['等级', 0.5],
        ['深蓝', 2],
      ]),
    );
    expect(xml).toContain(
      `<row r="1" spans="1:4"><c r="A1" t="inlineStr"><is><t>渠道代码</t></is></c><c r="B1"><v>1</v></c><c r="C1" t="inlineStr"><is><t>等级</t></is></c><c r="D1"><v>0.5</v></c></row>\n<!-- 注释 -->`,
    );
    expect(xml).toContain(
      `<row r="2" spans="1:4"><c r="A2" t="s"><v>0</v></c><c r="C2" t="inlineStr"><is><t>深蓝</t></is></c><c r="D2"><v>2</v></c></row>`,
    );
    expect(xml).toContain('<dimension ref="A1:D2"/>');
  });

  it('replaces its own cells of an earlier run and keeps a user cell after them in its place', async () => {
    const rows = `<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>9</v></c><c r="D1"><v>9</v></c><c r="F1"><v>7</v></c></row>`;
    const xml = await rewritten(sheet(rows), later([[5, null]]));
    expect(xml).toContain('<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>5</v></c><c r="F1"><v>7</v></c></row>');
  });

  it('merges a row whose last cell has no reference instead of guessing its column', async () => {
    // The cell after A1 without `r` is B1; it must stay before the new C1.
    const rows = `<row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c></row>`;
    const xml = await rewritten(sheet(rows), later([[3, 4]]));
    expect(xml).toContain(
      '<row r="1"><c r="A1"><v>1</v></c><c><v>2</v></c><c r="C1"><v>3</v></c><c r="D1"><v>4</v></c></row>',
    );
  });

  it('keeps an input cell without a reference in its column when a cell before it goes', async () => {
    // Row 2: the add-in's C2 of an earlier run goes; the cell after it, without `r`, is D2 and stays D2.
    const rows = `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="C2"><v>9</v></c><c><v>7</v></c></row>`;
    const xml = await rewritten(sheet(rows), (e) => e.writeLater(2, 3, 1, 1, () => [null]));
    expect(xml).toContain('<row r="2"><c r="A2"><v>1</v></c><c r="D2"><v>7</v></c></row>');
  });

  it('adds rows the sheet does not have, in order, into an empty <sheetData/> as Excel writes it', async () => {
    const xml = await rewritten(sheet('').replace('<sheetData></sheetData>', '<sheetData/>'), later([[1], [2]]));
    expect(xml).toContain(
      '<sheetData><row r="1"><c r="C1"><v>1</v></c></row><row r="2"><c r="C2"><v>2</v></c></row></sheetData>',
    );
  });

  it('writes the cells with the prefix of a sheet that uses one (x:c inside x:row)', async () => {
    const rows = `<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>`;
    const xml = await rewritten(sheet(rows, 'x:'), later([['OK']]));
    expect(xml).toContain(
      '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>OK</x:t></x:is></x:c></x:row>',
    );
  });

  it('refuses a sheet cut off inside its rows', async () => {
    const cut = sheet('<row r="1"><c r="A1"><v>1</v></c></row>').replace('</sheetData></worksheet>', '');
    await expect(rewritten(cut, later([[1]]))).rejects.toThrow(/ends inside sheetData/);
  });

  it("keeps cells in column order in a row whose references are in single quotes (<c r='E1'>)", async () => {
    const rows = `<row r='1'><c r='A1'><v>1</v></c><c r='E1'><v>5</v></c></row>`;
    const xml = await rewritten(sheet(rows), (e) => e.write(1, 3, [[3]]));
    expect(xml).toContain(`<row r='1'><c r='A1'><v>1</v></c><c r="C1"><v>3</v></c><c r='E1'><v>5</v></c></row>`);
  });

  it('finds a row written with its number in single quotes or spaced out, and gives it its own output', async () => {
    const rows = `<row r='1' spans="1:1"><c r="A1"><v>1</v></c></row><row spans="1:1" r = "2"><c r="A2"><v>2</v></c></row>`;
    const xml = await rewritten(sheet(rows), later([['一'], ['二']]));
    expect(xml).toContain(
      `<row r='1' spans="1:3"><c r="A1"><v>1</v></c><c r="C1" t="inlineStr"><is><t>一</t></is></c></row>`,
    );
    expect(xml).toContain(
      `<row spans="1:3" r = "2"><c r="A2"><v>2</v></c><c r="C2" t="inlineStr"><is><t>二</t></is></c></row>`,
    );
  });

  it('widens spans from the first input cell to the last output cell, and drops it from a row left empty', async () => {
    const rows = `<row r="1" spans="2:2" ht="20" customHeight="1"><c r="B1"><v>1</v></c></row><row r="2" spans="1:1"></row>`;
    const xml = await rewritten(
      sheet(rows),
      later([
        ['甲', 3],
        [null, null],
      ]),
      5,
    );
    expect(xml).toContain(
      `<row r="1" spans="2:4" ht="20" customHeight="1"><c r="B1"><v>1</v></c><c r="C1" t="inlineStr"><is><t>甲</t></is></c><c r="D1"><v>3</v></c></row>`,
    );
    expect(xml).toContain(`<row r="2"></row>`);
  });

  it('reads the column of a last cell written in lower case and still appends after it', async () => {
    const rows = `<row r="1" spans="1:2"><c r="a1"><v>1</v></c><c r="b1"><v>2</v></c></row>`;
    const xml = await rewritten(sheet(rows), later([[7, null]]));
    expect(xml).toContain(
      `<row r="1" spans="1:3"><c r="a1"><v>1</v></c><c r="b1"><v>2</v></c><c r="C1"><v>7</v></c></row>`,
    );
  });

  it('refuses rows out of order, saying so in both languages, instead of writing a row twice', async () => {
    const rows = `<row r="1"><c r="A1"><v>1</v></c></row><row r="3"><c r="A3"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`;
    await expect(rewritten(sheet(rows), later([[1], [2], [3]]))).rejects.toThrow(
      '工作表的行号顺序错乱（第 3 行之后是第 2 行）',
    );
  });

  it('adds its drop-down list to an empty <dataValidations count="0"/> rather than writing a second one', () => {
    const tail =
      '<dataValidations count="0"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';
    const out = tailWithValidations(tail, '', [{ column: 3, firstRow: 2, lastRow: 9, values: ['待复核', '通过'] }]);
    expect(out.match(/<dataValidations\b/g)).toHaveLength(1);
    expect(out).toMatch(/^<dataValidations count="1"><dataValidation [^>]*sqref="C2:C9">/);
  });
});
