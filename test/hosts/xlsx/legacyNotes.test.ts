/*
 * A returned row's reason (复核 退回, RULES.md §12) as an Excel Note in an .xlsx graded outside Excel:
 * the comments part and the legacy VML drawing are added (ECMA-376 Part 1 §18.7), the graded sheet
 * gains only its <legacyDrawing> and the relationships; every other part keeps its bytes. Read back by
 * openpyxl (the writer pandas uses) and opened by LibreOffice; a user's notes are never touched.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { REVIEW_HEADER, gradeSheet, markRow, prepareReview } from '../../../src/grading';
import { NOTE_AUTHOR, readComments } from '../../../src/hosts/xlsx/legacyNotes';
import { ZipWriter } from '../../../src/hosts/xlsx/zipPackage';
import { tailWithLegacyDrawing } from '../../../src/hosts/xlsx/rewriteSheet';
import { XlsxWorkbook } from '../../../src/hosts/xlsx/XlsxWorkbook';
import { columnName } from '../../../src/hosts/xlsx/xmlText';
import { diffPackages, partText, rawPart, readZip, relationships, sheetPart } from '../../support/packageDiff';
import { systemToolAvailable } from '../../support/systemTool';
import { CHANNEL_ROWS, PYTHON, partsOf, pythonModuleAvailable, runPython } from './packageFixtures';
import { tempDir } from './tempFiles';

const SOFFICE = '/usr/bin/soffice';
const SHEET = '渠道';
const REASON = '费用率与台账不符，请核实后重报';
const tmp = tempDir('qd-notes-');
afterAll(() => tmp.cleanup());

const openpyxl = pythonModuleAvailable('openpyxl', 'notes on an .xlsx written by openpyxl');
const withOpenpyxl = openpyxl ? it : it.skip;

/** An openpyxl workbook: the channel sheet, a sheet with a user's note, and (optionally) a user's note on the channel sheet. */
const WRITE = String.raw`
import sys, json
from openpyxl import Workbook
from openpyxl.comments import Comment
out, rows, user_note = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
wb = Workbook()
ws = wb.active
ws.title = '${SHEET}'
for r in rows: ws.append(r)
if user_note:
    ref, text = user_note.split('=', 1)
    ws[ref].comment = Comment(text, '张三')
other = wb.create_sheet('说明')
other['A1'] = '数据来源'
other['A1'].comment = Comment('来自台账 2026-11', '李四')
wb.save(out)
`;

/** Every note of a workbook as openpyxl reads it: [sheet, cell, text, author]. */
const READ = String.raw`
import sys, json
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1])
out = []
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.comment is not None: out.append([ws.title, c.coordinate, c.comment.text, c.comment.author])
print(json.dumps(out, ensure_ascii=False))
`;

function makeInput(file: string, userNote = ''): void {
  runPython(WRITE, tmp.path('write.py'), file, JSON.stringify(CHANNEL_ROWS), userNote);
}

function notesOf(file: string): string[][] {
  const script = tmp.path('read.py');
  runPython(READ, script, file);
  return JSON.parse(execFileSync(PYTHON, [script, file], { encoding: 'utf8' })) as string[][];
}

/** Grades `input` into `graded` (qd-grade's workflow through the port). */
async function grade(input: string, graded: string): Promise<void> {
  await gradeSheet(await XlsxWorkbook.open(input, graded), { now: () => new Date('2026-11-30T08:00:00Z') });
}

/** Grades `input` into `graded` and opens the review (prepareReview writes the 复核状态 column and commits). */
async function gradeForReview(input: string, graded: string): Promise<void> {
  await grade(input, graded);
  await prepareReview(await XlsxWorkbook.open(graded, graded));
}

/** The 复核状态 column of a graded file. */
async function reviewColumn(file: string): Promise<number> {
  const wb = await XlsxWorkbook.open(file, tmp.path('unused.xlsx'));
  const { columnCount } = await wb.extent(SHEET);
  const [header = []] = await wb.readBlock(SHEET, 1, 1, 1, columnCount);
  return header.indexOf(REVIEW_HEADER) + 1;
}

/** Returns sheet row `row` with `reason` in a session of its own (the review workflow); what markRow said. */
async function returnRow(input: string, output: string, row: number, reason = REASON): Promise<boolean> {
  const column = await reviewColumn(input);
  return markRow(await XlsxWorkbook.open(input, output), { sheet: SHEET, column, row }, '退回', reason);
}

/** Names of parts whose stored bytes differ between two packages, and parts only in `after`. */
function changedParts(beforeFile: string, afterFile: string): { changed: string[]; added: string[] } {
  const before = readZip(readFileSync(beforeFile));
  const after = readZip(readFileSync(afterFile));
  const changed: string[] = [];
  const added: string[] = [];
  for (const name of after.entries.keys()) {
    if (!before.entries.has(name)) added.push(name);
    else if (!rawPart(before, name).equals(rawPart(after, name))) changed.push(name);
  }
  expect([...before.entries.keys()].filter((n) => !after.entries.has(n))).toEqual([]);
  return { changed: changed.sort(), added: added.sort() };
}

describe('a returned row’s reason as a note in an .xlsx graded outside Excel', () => {
  const input = tmp.path('input.xlsx');
  const graded = tmp.path('graded.xlsx');
  const reviewed = tmp.path('reviewed.xlsx');

  beforeAll(async () => {
    if (!openpyxl) return;
    makeInput(input);
    await gradeForReview(input, graded);
  });

  withOpenpyxl('puts the reason on the returned row’s status cell, by the add-in, as openpyxl reads it', async () => {
    expect(await returnRow(graded, reviewed, 3)).toBe(true);
    const column = await reviewColumn(reviewed);
    const cell = `${columnName(column)}3`;
    expect(notesOf(reviewed)).toEqual([
      [SHEET, cell, REASON, NOTE_AUTHOR],
      ['说明', 'A1', '来自台账 2026-11', '李四'],
    ]);
  });

  withOpenpyxl(
    'adds a comments part and a VML drawing and changes only the sheet, its relationships and the content types',
    () => {
      const { changed, added } = changedParts(graded, reviewed);
      const zip = readZip(readFileSync(reviewed));
      const part = sheetPart(zip, SHEET);
      const rels = part.replace(/([^/]+)$/, '_rels/$1.rels');
      expect(changed).toEqual(['[Content_Types].xml', part].sort());
      expect(added.sort()).toEqual(
        [rels, 'xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml'].filter((n) => !changed.includes(n)).sort(),
      );
      const types = [...relationships(zip, part).values()].map((r) => r.type.replace(/^.*\//, '')).sort();
      expect(types).toEqual(['comments', 'vmlDrawing']);
      const ct = partText(zip, '[Content_Types].xml');
      expect(ct).toContain(
        '<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>',
      );
      expect(ct).toMatch(
        /<Default Extension="vml" ContentType="application\/vnd.openxmlformats-officedocument.vmlDrawing"\/>/,
      );
    },
  );

  withOpenpyxl('gives the user’s existing note on another sheet and its drawing the same bytes', () => {
    const before = readZip(readFileSync(graded));
    const after = readZip(readFileSync(reviewed));
    for (const name of before.entries.keys())
      if (/comments|vmlDrawing/i.test(name)) expect(rawPart(after, name).equals(rawPart(before, name))).toBe(true);
  });

  withOpenpyxl('writes <legacyDrawing> after the sheet’s other elements in the schema’s order', async () => {
    const parts = await partsOf(reviewed);
    const zip = readZip(readFileSync(reviewed));
    const xml = parts.get(sheetPart(zip, SHEET))?.toString('utf8') ?? '';
    expect(xml).toMatch(/<\/sheetData>[^]*<legacyDrawing xmlns:r="[^"]+" r:id="rIdQd\d"\/>[^]*<\/worksheet>$/);
    expect(xml.indexOf('<legacyDrawing')).toBeGreaterThan(xml.indexOf('<pageMargins'));
  });

  withOpenpyxl('gives the same package when the same reason is given again on the same row', async () => {
    const again = tmp.path('again.xlsx');
    expect(await returnRow(reviewed, again, 3)).toBe(true);
    const a = await partsOf(reviewed);
    const b = await partsOf(again);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [name, bytes] of a) expect(b.get(name)?.equals(bytes)).toBe(true);
  });

  withOpenpyxl('keeps the notes when the workbook is graded again', async () => {
    const regraded = tmp.path('regraded.xlsx');
    await grade(reviewed, regraded);
    expect(notesOf(regraded)).toEqual(notesOf(reviewed));
    const { added } = changedParts(reviewed, regraded);
    expect(added).toEqual([]);
  });

  withOpenpyxl('appends a second returned row’s note to the add-in’s own parts in a later review', async () => {
    const second = tmp.path('second.xlsx');
    expect(await returnRow(reviewed, second, 4, '合作天数有误')).toBe(true);
    const column = await reviewColumn(second);
    const letter = columnName(column);
    expect(notesOf(second)).toEqual([
      [SHEET, `${letter}3`, REASON, NOTE_AUTHOR],
      [SHEET, `${letter}4`, '合作天数有误', NOTE_AUTHOR],
      ['说明', 'A1', '来自台账 2026-11', '李四'],
    ]);
    const { added } = changedParts(reviewed, second);
    expect(added).toEqual([]);
    const before = (await partsOf(reviewed)).get('xl/comments1.xml')?.toString('utf8') ?? '';
    const after = (await partsOf(second)).get('xl/comments1.xml')?.toString('utf8') ?? '';
    // Additions only: the earlier note is there as it was.
    expect(after.startsWith(before.slice(0, before.indexOf('</commentList>')))).toBe(true);
    const vml = (await partsOf(second)).get('xl/drawings/vmlDrawing1.vml')?.toString('utf8') ?? '';
    expect([...vml.matchAll(/id="(_x0000_s\d+)"/g)].map((m) => m[1])).toEqual(['_x0000_s2049', '_x0000_s2050']);
  });

  withOpenpyxl('refuses a different reason on a cell that already has a note, changing nothing', async () => {
    const wb = await XlsxWorkbook.open(reviewed, tmp.path('unused2.xlsx'));
    const column = await reviewColumn(reviewed);
    expect(await wb.addComment(SHEET, 3, column, '另一个理由')).toBe(false);
    await wb.commit();
    const d = diffPackages(readZip(readFileSync(reviewed)), readZip(readFileSync(tmp.path('unused2.xlsx'))));
    expect([d.added, d.removed, d.changed]).toEqual([[], [], []]);
  });

  withOpenpyxl('refuses a note on a cell outside the grid', async () => {
    const wb = await XlsxWorkbook.open(reviewed, tmp.path('unused4.xlsx'));
    expect(await wb.addComment(SHEET, 0, 1, '说明')).toBe(false);
    expect(await wb.addComment(SHEET, 2, 16_385, '说明')).toBe(false);
    expect(await wb.addComment(SHEET, 1_048_577, 1, '说明')).toBe(false);
  });

  withOpenpyxl('refuses a note on one of the add-in’s own sheets', async () => {
    const wb = await XlsxWorkbook.open(reviewed, tmp.path('unused3.xlsx'));
    await wb.replaceSheet('分级报告', [['标题']]);
    expect(await wb.addComment('分级报告', 1, 1, '说明')).toBe(false);
  });

  (openpyxl && systemToolAvailable(SOFFICE, 'libreoffice-calc', 'LibreOffice opening notes') ? it : it.skip)(
    'is read by LibreOffice, which keeps the note when it saves the workbook again (and drops its author)',
    async () => {
      const dir = tmp.path('lo');
      const copy = tmp.path('for-lo.xlsx');
      copyFileSync(reviewed, copy);
      execFileSync(
        SOFFICE,
        [
          `-env:UserInstallation=file://${tmp.path('lo-profile')}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'xlsx',
          '--outdir',
          dir,
          copy,
        ],
        { stdio: 'ignore', timeout: 60_000 },
      );
      const resaved = `${dir}/for-lo.xlsx`;
      expect(existsSync(resaved)).toBe(true);
      const cell = `${columnName(await reviewColumn(reviewed))}3`;
      const comments = [...(await partsOf(resaved)).entries()]
        .filter(([name]) => /comments\d*\.xml$/.test(name))
        .map(([, xml]) => xml.toString('utf8'));
      expect(comments.some((xml) => xml.includes(`ref="${cell}"`) && xml.includes(REASON))).toBe(true);
      // Its comments part no longer names the add-in as the author: a later note is refused, not appended.
      const wb = await XlsxWorkbook.open(resaved, tmp.path('after-lo.xlsx'));
      expect(await wb.addComment(SHEET, 4, await reviewColumn(resaved), '合作天数有误')).toBe(false);
    },
    90_000,
  );
});

describe('a channel sheet that already carries the user’s notes', () => {
  withOpenpyxl('refuses the note and leaves the user’s comments part and drawing as they were', async () => {
    const input = tmp.path('user-input.xlsx');
    const graded = tmp.path('user-graded.xlsx');
    const reviewed = tmp.path('user-reviewed.xlsx');
    makeInput(input, 'A2=请王经理确认');
    await gradeForReview(input, graded);
    expect(await returnRow(graded, reviewed, 3)).toBe(false);
    const { added, changed } = changedParts(graded, reviewed);
    expect(added).toEqual([]);
    expect(changed).toEqual([sheetPart(readZip(readFileSync(reviewed)), SHEET)]);
    expect(notesOf(reviewed)).toEqual([
      [SHEET, 'A2', '请王经理确认', '张三'],
      ['说明', 'A1', '来自台账 2026-11', '李四'],
    ]);
  });
});

describe('where <legacyDrawing> goes in a worksheet (CT_Worksheet, ECMA-376 Part 1 §18.3.1.99)', () => {
  const drawing = { id: 'rIdQd1', relNamespace: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships' };
  const element = `<legacyDrawing xmlns:r="${drawing.relNamespace}" r:id="rIdQd1"/>`;

  it('comes after <drawing> and before <legacyDrawingHF> and <tableParts>', () => {
    const tail = '<pageMargins/><drawing r:id="a"/><legacyDrawingHF r:id="b"/><tableParts count="0"/></worksheet>';
    expect(tailWithLegacyDrawing(tail, '', drawing)).toBe(
      `<pageMargins/><drawing r:id="a"/>${element}<legacyDrawingHF r:id="b"/><tableParts count="0"/></worksheet>`,
    );
  });

  it('comes before <extLst> and carries the sheet’s element prefix', () => {
    const tail = '<x:pageMargins/><x:extLst/></x:worksheet>';
    expect(tailWithLegacyDrawing(tail, 'x:', drawing)).toBe(
      `<x:pageMargins/><x:legacyDrawing xmlns:r="${drawing.relNamespace}" r:id="rIdQd1"/><x:extLst/></x:worksheet>`,
    );
  });

  it('is not added twice', () => {
    const tail = '<legacyDrawing r:id="rId9"/></worksheet>';
    expect(tailWithLegacyDrawing(tail, '', drawing)).toBe(tail);
  });
});

describe('a note in a Strict OOXML workbook kept outside xl/, its sheet written with a prefix', () => {
  const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
  const STRICT_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
  const file = tmp.path('strict.xlsx');
  const first = tmp.path('strict-1.xlsx');
  const second = tmp.path('strict-2.xlsx');

  beforeAll(async () => {
    const w = new ZipWriter(file);
    await w.addDeflated(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/book/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/book/sheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    );
    await w.addDeflated(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${STRICT_REL}/officeDocument" Target="book/workbook.xml"/></Relationships>`,
    );
    await w.addDeflated(
      'book/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${STRICT_MAIN}" xmlns:r="${STRICT_REL}"><sheets><sheet name="${SHEET}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    );
    await w.addDeflated(
      'book/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${STRICT_REL}/worksheet" Target="sheets/data.xml"/></Relationships>`,
    );
    await w.addDeflated(
      'book/sheets/data.xml',
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${STRICT_MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>渠道代码</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t>C1</x:t></x:is></x:c></x:row></x:sheetData><x:pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></x:worksheet>`,
    );
    await w.finish();
    const wb = await XlsxWorkbook.open(file, first);
    expect(await wb.addComment(SHEET, 2, 1, REASON)).toBe(true);
    await wb.commit();
    const again = await XlsxWorkbook.open(first, second);
    expect(await again.addComment(SHEET, 1, 1, '表头')).toBe(true);
    await again.commit();
  });

  it('writes the parts beside the workbook, in Strict namespaces, and <x:legacyDrawing> in the sheet’s prefix', async () => {
    const parts = await partsOf(first);
    expect([...parts.keys()].filter((n) => /comments|vml/.test(n)).sort()).toEqual([
      'book/comments1.xml',
      'book/drawings/vmlDrawing1.vml',
    ]);
    expect(parts.get('book/comments1.xml')?.toString('utf8')).toContain(`<comments xmlns="${STRICT_MAIN}">`);
    const rels = parts.get('book/sheets/_rels/data.xml.rels')?.toString('utf8') ?? '';
    expect(rels).toContain(`Type="${STRICT_REL}/comments" Target="../comments1.xml"`);
    expect(rels).toContain(`Type="${STRICT_REL}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"`);
    expect(parts.get('book/sheets/data.xml')?.toString('utf8')).toMatch(
      new RegExp(`<x:pageMargins [^>]*/><x:legacyDrawing xmlns:r="${STRICT_REL}" r:id="rIdQd\\d"/></x:worksheet>$`),
    );
  });

  it('appends a later note to the add-in’s own Strict comments part', async () => {
    const parts = await partsOf(second);
    const comments = parts.get('book/comments1.xml')?.toString('utf8') ?? '';
    expect(readComments(comments)).toEqual({
      authors: [NOTE_AUTHOR],
      texts: new Map([
        ['A2', REASON],
        ['A1', '表头'],
      ]),
    });
    expect(
      (
        parts
          .get('book/drawings/vmlDrawing1.vml')
          ?.toString('utf8')
          .match(/ObjectType="Note"/g) ?? []
      ).length,
    ).toBe(2);
  });
});
