/*
 * qd-grade on workbooks other programs wrote (issue 12; CONTRACT.md §5: "an .xlsx keeps every input
 * cell and format as it was"; "every part it does not own is kept byte for byte"). Each corpus
 * workbook (test/fixtures/corpus, see its README) is graded on its channel sheet through the
 * command line's `main`, then checked by means that do not share the host's code: a zip reader of
 * our own for the parts, openpyxl for every cell, LibreOffice for opening the result.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { main, type CliIo } from '../../../src/cli/qdGrade';
import {
  CHANNEL_SHEET,
  FIXTURES,
  cellDump,
  corpusWorkbooks,
  libreOfficeAvailable,
  libreOfficeSheets,
  openpyxlAvailable,
  type OracleBook,
  type OracleCell,
} from '../../support/corpus';
import {
  additionsOnlyParts,
  addinMayChange,
  diffPackages,
  lostAppProperties,
  lostAroundCells,
  lostContent,
  part,
  partText,
  readZip,
  sheetPart,
  type ZipPackage,
} from '../../support/packageDiff';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-corpus-');
afterAll(() => tmp.cleanup());

/** The grading time written on 分级规则 is fixed, so two runs can be compared part for part. */
const GRADED_AT = new Date('2026-11-30T09:00:00Z');

interface Run {
  readonly status: number;
  readonly err: string;
}

async function run(argv: string[]): Promise<Run> {
  let err = '';
  const io: CliIo = { stdout: () => undefined, stderr: (t) => (err += t), isTerminal: false };
  try {
    return { status: await main(argv, io), err };
  } catch (e) {
    // An internal error (bin.ts would exit 1 with the stack): report it as the test's finding.
    return { status: 1, err: `${err}internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` };
  }
}

const books = corpusWorkbooks();
const hasOracle = openpyxlAvailable();
const hasLibreOffice = libreOfficeAvailable();

interface Graded {
  readonly input: string;
  readonly output: string;
  readonly again: string;
  readonly first: Run;
  readonly second: Run | null;
}
const graded = new Map<string, Graded>();
let oracle: Record<string, OracleBook> = {};
let opened = new Map<string, Map<string, string>>();
let libreOfficeFailure: string | null = null;
let oracleFailure: string | null = null;

beforeAll(async () => {
  mkdirSync(tmp.path('in'));
  mkdirSync(tmp.path('out'));
  jest.useFakeTimers({
    now: GRADED_AT,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
  try {
    for (const book of books) {
      const name = basename(book.file);
      const input = tmp.path(`in/${name}`);
      copyFileSync(book.file, input);
      const output = tmp.path(`out/graded-${name}`);
      const again = tmp.path(`out/regraded-${name}`);
      const first = await run([input, '-o', output, '--sheet', CHANNEL_SHEET, '--quiet']);
      const second = first.status === 0 ? await run([output, '-o', again, '--sheet', CHANNEL_SHEET, '--quiet']) : null;
      graded.set(book.file, { input, output, again, first, second });
    }
  } finally {
    jest.useRealTimers();
  }
  const outputs = [...graded.values()].map((g) => g.output).filter((f) => existsSync(f));
  if (hasOracle) {
    try {
      oracle = cellDump([...[...graded.values()].map((g) => g.input), ...outputs]);
    } catch (e) {
      oracleFailure = e instanceof Error ? e.message : String(e);
    }
  }
  if (hasLibreOffice && outputs.length > 0) {
    try {
      opened = libreOfficeSheets(outputs, tmp.path('lo'));
    } catch (e) {
      // Only the LibreOffice tests fail, with this reason; the others still report.
      libreOfficeFailure = e instanceof Error ? e.message : String(e);
    }
  }
}, 180_000);

function gradedOf(file: string): Graded {
  const g = graded.get(file);
  if (!g) throw new Error(`not graded: ${file}`);
  if (g.first.status !== 0) throw new Error(`qd-grade exited ${g.first.status}: ${g.first.err}`);
  return g;
}

function zips(file: string): { before: ZipPackage; after: ZipPackage } {
  const g = gradedOf(file);
  return { before: readZip(readFileSync(g.input)), after: readZip(readFileSync(g.output)) };
}

function sheetsOf(book: OracleBook | undefined, what: string): Record<string, Record<string, OracleCell>> {
  if (oracleFailure !== null) throw new Error(`the openpyxl oracle failed: ${oracleFailure}`);
  if (book === undefined) throw new Error(`openpyxl read nothing of ${what}`);
  if ('error' in book && typeof book.error === 'string') throw new Error(`openpyxl cannot read ${what}: ${book.error}`);
  return book as Record<string, Record<string, OracleCell>>;
}

describe.each(books.map((b) => [`${b.producer}: ${basename(b.file)}`, b] as const))('%s', (_title, book) => {
  it('grades the channel sheet and exits 0', () => {
    const g = graded.get(book.file);
    expect(g?.first.err).toBe('');
    expect(g?.first.status).toBe(0);
  });

  it(`keeps every part ${book.producer} wrote that the add-in does not own, byte for byte, and removes none`, () => {
    const { before, after } = zips(book.file);
    const diff = diffPackages(before, after);
    const mayChange = addinMayChange(before, CHANNEL_SHEET);
    expect(diff.removed).toEqual([]);
    expect(diff.changed.filter((p) => !mayChange(p))).toEqual([]);
  });

  for (const keep of book.keeps) {
    it(`keeps ${keep.what}`, () => {
      const { before, after } = zips(book.file);
      const parts = [...before.entries.keys()].filter((p) => keep.parts.test(p));
      expect(parts.length).toBeGreaterThan(0);
      for (const p of parts)
        expect({ part: p, same: after.entries.has(p) && part(after, p).equals(part(before, p)) }).toEqual({
          part: p,
          same: true,
        });
    });
  }

  it('only adds to the workbook, its relationships, the content types, styles and shared strings', () => {
    const { before, after } = zips(book.file);
    if (before.entries.has('docProps/app.xml'))
      expect(lostAppProperties(partText(before, 'docProps/app.xml'), partText(after, 'docProps/app.xml'))).toEqual([]);
    for (const p of additionsOnlyParts(before)) {
      expect({ part: p, present: after.entries.has(p) }).toEqual({ part: p, present: true });
      expect({ part: p, lost: lostContent(partText(before, p), partText(after, p)) }).toEqual({ part: p, lost: [] });
    }
  });

  it('keeps everything on the graded sheet around its cells: panes, row settings, merges, formats, validations, links, page setup, drawings', () => {
    const { before, after } = zips(book.file);
    const p = sheetPart(before, CHANNEL_SHEET);
    expect(lostAroundCells(partText(before, p), partText(after, sheetPart(after, CHANNEL_SHEET)))).toEqual([]);
  });

  (hasOracle ? it : it.skip)(
    'keeps every input cell, on the graded sheet too (values, types, styles, formulas as openpyxl reads them)',
    () => {
      const g = gradedOf(book.file);
      const before = sheetsOf(oracle[g.input], g.input);
      const after = sheetsOf(oracle[g.output], g.output);
      for (const [sheet, cells] of Object.entries(before)) {
        const out = after[sheet];
        expect({ sheet, present: out !== undefined }).toEqual({ sheet, present: true });
        const changed = Object.entries(cells)
          .filter(([ref, cell]) => JSON.stringify(out?.[ref]) !== JSON.stringify(cell))
          .map(([ref, cell]) => ({ sheet, ref, before: cell, after: out?.[ref] ?? null }));
        expect(changed).toEqual([]);
      }
      const channel = after[CHANNEL_SHEET] ?? {};
      const headers = Object.entries(channel)
        .filter(([ref]) => /^[A-Z]+1$/.test(ref))
        .map(([, c]) => c[0]);
      expect(headers).toEqual(expect.arrayContaining(['经营成本率', '渠道分类', '校验结果']));
    },
  );

  (hasLibreOffice ? it : it.skip)(
    'opens in LibreOffice with the output columns beside the inputs, text that looks like a formula still text',
    () => {
      const g = gradedOf(book.file);
      expect(libreOfficeFailure).toBeNull();
      const sheets = opened.get(g.output);
      expect(sheets).toBeDefined();
      const channel = sheets?.get(CHANNEL_SHEET) ?? '';
      const lines = channel.split(/\r?\n/);
      expect(lines[0]).toMatch(
        /^渠道代码,渠道名称,所属集团,服务区域代码,.*,经营成本率,年化合作规模,合作深度,成本色带,/,
      );
      expect(lines.find((l) => l.startsWith('C001,'))).toMatch(/^C001,平安经纪,.*,深蓝-A-Ⅱ,/);
      expect(lines.find((l) => l.startsWith('C002,'))).toMatch(/^C002,=SUM\(A1\),/);
    },
  );

  it('grading the output again gives the same package, part for part', () => {
    const g = gradedOf(book.file);
    expect(g.second?.err).toBe('');
    expect(g.second?.status).toBe(0);
    const once = readZip(readFileSync(g.output));
    const twice = readZip(readFileSync(g.again));
    const diff = diffPackages(once, twice);
    expect({ added: diff.added, removed: diff.removed, changed: diff.changed }).toEqual({
      added: [],
      removed: [],
      changed: [],
    });
  });
});

describe('what the user set in an XlsxWriter workbook stays as it was', () => {
  const file = join(FIXTURES, 'xlsxwriter-features.xlsx');
  const workbookXml = (): string => {
    const { after } = zips(file);
    return partText(after, 'xl/workbook.xml');
  };

  it('keeps the hidden and very-hidden sheets hidden', () => {
    const xml = workbookXml();
    expect(xml).toMatch(/<sheet name="隐藏" sheetId="2" state="hidden"/);
    expect(xml).toMatch(/<sheet name="深隐藏" sheetId="3" state="veryHidden"/);
  });

  it('keeps a sheet-scoped name on its sheet, a named constant and the print area', () => {
    const xml = workbookXml();
    expect(xml).toContain('<definedName name="本表区" localSheetId="0">数据!$A$1:$C$5</definedName>');
    expect(xml).toContain('<definedName name="全局_比例">0.25</definedName>');
    expect(xml).toContain('<definedName name="_xlnm.Print_Area" localSheetId="0">数据!$A$1:$G$20</definedName>');
  });

  it('keeps the custom document property', () => {
    const { before, after } = zips(file);
    expect(lostContent(partText(before, 'docProps/custom.xml'), partText(after, 'docProps/custom.xml'))).toEqual([]);
    expect(partText(after, 'docProps/custom.xml')).toContain('经代渠道部');
  });
});

describe('cells other programs save in ways ExcelJS misread', () => {
  (hasOracle ? it : it.skip)(
    'keeps a date openpyxl saved as an ISO date cell (t="d") a date, not the number 2014',
    () => {
      const g = gradedOf(join(FIXTURES, 'openpyxl-iso-dates.xlsx'));
      const after = sheetsOf(oracle[g.output], g.output);
      expect(after['日期']?.B1?.[0]).toEqual({ date: '2014-03-01T09:30:00' });
      expect(after[CHANNEL_SHEET]?.K2?.[0]).toEqual({ date: '2025-01-15T00:00:00' });
      expect(after[CHANNEL_SHEET]?.L1?.[0]).toBe('经营成本率');
    },
  );

  (hasOracle ? it : it.skip)(
    'puts the output columns after the data, not after a styled empty cell at XFD1048576, and keeps that cell',
    () => {
      const g = gradedOf(join(FIXTURES, 'xlsxwriter-far-cell.xlsx'));
      const after = sheetsOf(oracle[g.output], g.output);
      expect(after[CHANNEL_SHEET]?.K1?.[0]).toBe('经营成本率');
      expect(after[CHANNEL_SHEET]?.XFD1048576?.[0]).toBeNull();
      expect(after[CHANNEL_SHEET]?.XFD1048576?.[2]).toBeGreaterThan(0);
    },
  );
});

describe('what Excel keeps on the graded sheet itself', () => {
  it('keeps the page setup and its link to the printer settings on the graded sheet', () => {
    const { after } = zips(join(FIXTURES, 'office-extras.xlsx'));
    const xml = partText(after, sheetPart(after, CHANNEL_SHEET));
    expect(xml).toMatch(/<pageSetup paperSize="9" orientation="landscape" r:id="rIdQdPs1"\/>/);
  });

  it('keeps the workbook protection openpyxl set', () => {
    const { after } = zips(join(FIXTURES, 'openpyxl-features.xlsx'));
    expect(partText(after, 'xl/workbook.xml')).toContain('<workbookProtection lockStructure="1"/>');
  });
});

describe("a user's own sheets named 分级汇总 and 分级规则", () => {
  it('are never replaced or deleted: qd-grade writes its sheets under other names, or refuses naming the sheet', async () => {
    const input = tmp.path('addin-names.xlsx');
    copyFileSync(join(FIXTURES, 'xlsxwriter-addin-names.xlsx'), input);
    const out = tmp.path('addin-names-out.xlsx');
    const r = await run([input, '-o', out, '--sheet', CHANNEL_SHEET, '--quiet']);
    if (r.status === 3) {
      expect(r.err).toMatch(/分级汇总|分级规则/);
      expect(existsSync(out)).toBe(false);
      return;
    }
    expect(r).toEqual({ status: 0, err: '' });
    const before = readZip(readFileSync(input));
    const after = readZip(readFileSync(out));
    for (const sheet of ['分级汇总', '分级规则']) {
      const p = sheetPart(before, sheet);
      expect({ sheet, part: sheetPart(after, sheet) }).toEqual({ sheet, part: p });
      expect({ sheet, same: part(after, p).equals(part(before, p)) }).toEqual({ sheet, same: true });
    }
    if (hasOracle) {
      const dump = cellDump([input, out]);
      const a = sheetsOf(dump[input], input);
      const b = sheetsOf(dump[out], out);
      expect(b['分级汇总']).toEqual(a['分级汇总']);
      expect(b['分级规则']).toEqual(a['分级规则']);
    }
  });
});

describe('workbooks qd-grade cannot grade', () => {
  it('refuses a password-protected workbook with exit 3, saying it is encrypted, and writes nothing', async () => {
    const input = tmp.path('encrypted.xlsx');
    copyFileSync(join(FIXTURES, 'excel-encrypted.xlsx'), input);
    const out = tmp.path('encrypted-out.xlsx');
    const r = await run([input, '-o', out]);
    expect(r.status).toBe(3);
    expect(r.err).toMatch(/加密/);
    expect(r.err).toMatch(/encrypt/i);
    expect(r.err).toContain('encrypted.xlsx');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a malformed workbook with exit 3 and a message naming it, never a stack trace', async () => {
    const input = tmp.path('malformed.xlsx');
    copyFileSync(join(FIXTURES, 'excel-malformed.xlsx'), input);
    const out = tmp.path('malformed-out.xlsx');
    const r = await run([input, '-o', out]);
    expect(r.status).toBe(3);
    expect(r.err).toContain('malformed.xlsx');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp.path('.')).filter((f) => f.includes('malformed-out'))).toEqual([]);
  });
});
