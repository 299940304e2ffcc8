/*
 * A note on the channel sheet of every workbook of the corpus other programs wrote (Excel, LibreOffice,
 * XlsxWriter, openpyxl, WPS/Excel parts, a workbook outside xl/): added as new parts where the sheet
 * has no notes, refused where it carries the user's notes; every other part keeps its content, the
 * shared parts only gain, and openpyxl and LibreOffice read the result.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { NOTE_AUTHOR } from '../../../src/hosts/xlsx/legacyNotes';
import { XlsxWorkbook } from '../../../src/hosts/xlsx/XlsxWorkbook';
import {
  CHANNEL_SHEET,
  corpusWorkbooks,
  libreOfficeAvailable,
  libreOfficeSheets,
  openpyxlAvailable,
} from '../../support/corpus';
import {
  diffPackages,
  lostContent,
  partText,
  readZip,
  relationships,
  relsOf,
  sheetPart,
  type ZipPackage,
} from '../../support/packageDiff';
import { PYTHON } from './packageFixtures';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-notes-corpus-');
afterAll(() => tmp.cleanup());

/** The reason, with a line break and characters XML escapes. */
const REASON = '退回：费用率与台账不符\n请核实 <A&B> 后重报';
const ROW = 2;
const COLUMN = 20; // T2: right of every corpus channel sheet's inputs, where the 复核状态 column goes
const LEGACY = /<(?:\w+:)?legacyDrawing xmlns:r="[^"]*" r:id="[^"]*"\/>/;

interface Case {
  readonly name: string;
  readonly input: string;
  readonly output: string;
  readonly added: boolean;
  readonly before: ZipPackage;
  readonly after: ZipPackage;
}

const cases: Case[] = [];

beforeAll(async () => {
  for (const w of corpusWorkbooks()) {
    const name = basename(w.file);
    const output = tmp.path(name);
    const wb = await XlsxWorkbook.open(w.file, output);
    const added = await wb.addComment(CHANNEL_SHEET, ROW, COLUMN, REASON);
    await wb.commit();
    cases.push({
      name,
      input: w.file,
      output,
      added,
      before: readZip(readFileSync(w.file)),
      after: readZip(readFileSync(output)),
    });
  }
}, 60_000);

/** Whether the channel sheet already has a comments part or a VML drawing (the user's). */
function hasUsersNotes(zip: ZipPackage): boolean {
  return [...relationships(zip, sheetPart(zip, CHANNEL_SHEET)).values()].some((r) =>
    /\/(comments|vmlDrawing)$/.test(r.type),
  );
}

describe('a note on the channel sheet of a workbook another program wrote', () => {
  it('is added where the sheet has no notes and refused where it carries the user’s', () => {
    expect(cases.length).toBeGreaterThan(8);
    for (const c of cases) expect([c.name, c.added]).toEqual([c.name, !hasUsersNotes(c.before)]);
    expect(cases.filter((c) => c.added).length).toBeGreaterThan(5);
    expect(cases.filter((c) => !c.added).length).toBeGreaterThan(0);
  });

  it('leaves the package’s content as it was when the note is refused', () => {
    for (const c of cases.filter((x) => !x.added)) {
      const d = diffPackages(c.before, c.after);
      expect([c.name, d.added, d.removed, d.changed]).toEqual([c.name, [], [], []]);
    }
  });

  it('adds only a comments part, a VML drawing and the sheet’s relationships; the sheet gains only <legacyDrawing>', () => {
    for (const c of cases.filter((x) => x.added)) {
      const sheet = sheetPart(c.before, CHANNEL_SHEET);
      const rels = relsOf(sheet);
      const d = diffPackages(c.before, c.after);
      expect([c.name, d.removed]).toEqual([c.name, []]);
      const newRels = c.before.entries.has(rels) ? [] : [rels];
      expect([c.name, d.added.filter((p) => !/comments\d+\.xml$|vmlDrawing\d+\.vml$/.test(p))]).toEqual([
        c.name,
        newRels,
      ]);
      expect([c.name, d.added.length]).toEqual([c.name, newRels.length + 2]);
      const changedAllowed = new Set([sheet, '[Content_Types].xml', rels]);
      expect([c.name, d.changed.filter((p) => !changedAllowed.has(p))]).toEqual([c.name, []]);
      // The sheet: the very same text but for the one element.
      const afterSheet = partText(c.after, sheet);
      expect(afterSheet).toMatch(LEGACY);
      expect([c.name, afterSheet.replace(LEGACY, '')]).toEqual([c.name, partText(c.before, sheet)]);
      for (const shared of ['[Content_Types].xml', rels].filter((p) => c.before.entries.has(p)))
        expect([c.name, shared, lostContent(partText(c.before, shared), partText(c.after, shared))]).toEqual([
          c.name,
          shared,
          [],
        ]);
      const types = [...relationships(c.after, sheet).values()].map((r) => r.type.replace(/^.*\//, ''));
      expect([c.name, types.filter((t) => t === 'comments' || t === 'vmlDrawing').sort()]).toEqual([
        c.name,
        ['comments', 'vmlDrawing'],
      ]);
    }
  });

  it('gives its VML shapes ids no other drawing of the workbook claims (Excel’s Book1 has block 1)', () => {
    const book = cases.find((c) => c.name === 'excel-Book1.xlsx');
    expect(book?.added).toBe(true);
    const vml = book ? diffPackages(book.before, book.after).added.find((p) => p.endsWith('.vml')) : undefined;
    const text = book && vml ? partText(book.after, vml) : '';
    expect(text).toContain('<o:idmap v:ext="edit" data="2"/>');
    expect(text).toContain('id="_x0000_s2049"');
    expect(text).toContain('<x:Row>1</x:Row><x:Column>19</x:Column>');
  });

  (openpyxlAvailable() ? it : it.skip)(
    'reads back in openpyxl: the reason and the add-in as author on T2, every other note as it was',
    () => {
      const script = tmp.path('notes.py');
      writeFileSync(
        script,
        [
          // Only the cells that exist (ws._cells): iter_rows would walk a million empty rows of the far-cell workbook.
          'import sys, json, warnings',
          'warnings.simplefilter("ignore")',
          'from openpyxl import load_workbook',
          'out = {}',
          'for f in sys.argv[1:]:',
          '    try:',
          '        wb = load_workbook(f)',
          '    except Exception as e:',
          '        out[f] = "openpyxl cannot read it: " + type(e).__name__',
          '        continue',
          '    out[f] = sorted([ws.title, c.coordinate, c.comment.text, c.comment.author] for ws in wb.worksheets for c in list(getattr(ws, "_cells", {}).values()) if c.comment is not None)',
          'print(json.dumps(out, ensure_ascii=False))',
        ].join('\n'),
      );
      const files = cases.flatMap((c) => [c.input, c.output]);
      const notes = JSON.parse(
        execFileSync(PYTHON, [script, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 }),
      ) as Record<string, string[][] | string>;
      let read = 0;
      for (const c of cases) {
        const before = notes[c.input] ?? [];
        // openpyxl reads only packages kept under xl/ (the relocated one it refuses, before as after).
        if (typeof before === 'string') {
          expect([c.name, notes[c.output]]).toEqual([c.name, before]);
          continue;
        }
        read++;
        const expected = c.added ? [...before, [CHANNEL_SHEET, 'T2', REASON, NOTE_AUTHOR]].sort() : before;
        expect([c.name, notes[c.output]]).toEqual([c.name, expected.sort()]);
      }
      expect(read).toBeGreaterThan(8);
    },
    60_000,
  );

  (libreOfficeAvailable() ? it : it.skip)(
    'opens in LibreOffice: Excel’s workbook, one whose sheet had printer settings, and one kept outside xl/',
    () => {
      const picked = cases.filter((c) =>
        ['excel-Book1.xlsx', 'office-extras.xlsx', 'relocated-xlsxwriter-pivot.xlsx'].includes(c.name),
      );
      expect(picked.every((c) => c.added)).toBe(true);
      const sheets = libreOfficeSheets(
        picked.map((c) => c.output),
        join(tmp.path('lo')),
      );
      for (const c of picked) expect([c.name, sheets.get(c.output)?.has(CHANNEL_SHEET)]).toEqual([c.name, true]);
    },
    120_000,
  );
});
