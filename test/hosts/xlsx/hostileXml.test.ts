/*
 * Issue 22: crafted XML and zip packages. Every spelling XML 1.0 allows in a part is read as XML
 * says (no shared string skipped, no cell moved), and what a package may not hold is refused as a
 * damaged package naming the part or entry, with exit status 3 and a message in both languages,
 * never a stack trace. Packages are built part by part (test/hosts/xlsx/fuzz/workbooks.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { main, type CliIo } from '../../../src/cli/qdGrade';
import { XlsxWorkbook } from '../../../src/hosts/xlsx/XlsxWorkbook';
import { LIMITS } from '../../../src/hosts/xlsx/opcPackage';
import { XmlSyntaxError, scanXml } from '../../../src/hosts/xlsx/xmlScanner';
import { CHANNEL_TABLE, channelWorkbookParts, rawZip, writeWorkbook, type RawEntry } from './fuzz/workbooks';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-hostile-');
afterAll(() => tmp.cleanup());
let n = 0;
const fresh = (name: string): string => tmp.path(`${++n}-${name}`);

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const SHEET = 'xl/worksheets/sheet1.xml';
const SST = 'xl/sharedStrings.xml';

/** A workbook of the channel table with some parts replaced. */
function workbook(replace: Record<string, string>): string {
  const parts = channelWorkbookParts();
  for (const [k, v] of Object.entries(replace)) parts.set(k, v);
  const file = fresh('book.xlsx');
  writeWorkbook(file, parts);
  return file;
}

async function cells(file: string, rows = CHANNEL_TABLE.length, columns = 8): Promise<unknown[][]> {
  const wb = await XlsxWorkbook.open(file, fresh('out.xlsx'));
  return wb.readBlock('渠道', 1, 1, rows, columns);
}

async function grade(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTerminal: false };
  const status = await main(argv, io);
  return { status, out, err };
}

/** The shared-string part with the given items (as written) and the table's strings after them. */
function sstWith(items: string[]): { xml: string; offset: number } {
  const strings: string[] = [];
  for (const row of CHANNEL_TABLE)
    for (const v of row) if (typeof v === 'string' && !strings.includes(v)) strings.push(v);
  return {
    xml: `<sst xmlns="${MAIN}">${items.join('')}${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
    offset: items.length,
  };
}

/** The channel sheet with its shared-string indexes moved by `offset`. */
function sheetShifted(offset: number): string {
  const sheet = channelWorkbookParts().get(SHEET) as string;
  return sheet.replace(/t="s"><v>(\d+)<\/v>/g, (_, k: string) => `t="s"><v>${Number(k) + offset}</v>`);
}

describe('shared strings in every spelling XML allows', () => {
  it.each([
    ['<si >', '<si ><t>a</t></si>', 'a'],
    ['<si/> (an empty string)', '<si/>', ''],
    ['<si\\n/>', '<si\n/>', ''],
    ['<si foo="1">', '<si foo="1"><t>b</t></si>', 'b'],
    ['single quotes and spaces around =', "<si a = 'x'><t xml:space = 'preserve'> c </t></si>", ' c '],
    [
      'CDATA, a comment and a processing instruction',
      '<si><!-- note --><?pi data?><t><![CDATA[<d>&]]></t></si>',
      '<d>&',
    ],
    ['character references to U+10FFFF', '<si><t>&#x10FFFF;&#65;&#x4e2d;</t></si>', '\u{10FFFF}A中'],
    [
      'rich runs with a phonetic guide left out',
      '<si><r><t>e</t></r><r><t>f</t></r><rPh sb="0" eb="1"><t>g</t></rPh></si>',
      'ef',
    ],
  ])('reads %s and keeps every later string in its place', async (_what, item, text) => {
    const { xml, offset } = sstWith([item]);
    const file = workbook({ [SST]: xml, [SHEET]: sheetShifted(offset) });
    const wb = await XlsxWorkbook.open(file, fresh('out.xlsx'));
    const got = await wb.readBlock('渠道', 1, 1, CHANNEL_TABLE.length, 8);
    expect(got).toEqual(CHANNEL_TABLE.map((r) => [...r]));
    // The crafted item itself, read through a cell that points at it.
    const probe = workbook({
      [SST]: xml,
      [SHEET]: `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
    });
    expect(await cells(probe, 1, 1)).toEqual([[text === '' ? '' : text]]);
  });

  it('reads a shared-string table whose namespace has a prefix', async () => {
    const strings = sstWith([])
      .xml.replace(/<(\/?)(sst|si|t)\b/g, '<$1s:$2')
      .replace('xmlns=', 'xmlns:s=');
    const file = workbook({ [SST]: strings });
    expect(await cells(file)).toEqual(CHANNEL_TABLE.map((r) => [...r]));
  });
});

describe('sheets in every spelling XML allows', () => {
  // These parts deflate far beyond the zip-bomb ratio (they are runs of one character): the limit is lifted here.
  const ratio = LIMITS.ratio;
  beforeAll(() => (LIMITS.ratio = 1e6));
  afterAll(() => (LIMITS.ratio = ratio));

  it('reads a sheet whose rows and cells are spelled with prefixes, quotes, white space, references and CDATA', async () => {
    const sheet =
      `<?xml version="1.0"?><!-- c --><x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
      `<x:row r='1'><x:c r="A1" t="s" ><x:v>0</x:v ></x:c><x:c t = "inlineStr" r="B1"><x:is><x:t><![CDATA[3301]]></x:t></x:is></x:c></x:row>` +
      `<?pi?><x:row r="&#50;"><x:c r="&#65;2"><x:v xml:space="preserve">1.5</x:v></x:c><x:c r="C2" t="str">\n<x:v>&#x4e2d;&amp;</x:v></x:c></x:row >` +
      `</x:sheetData ></x:worksheet>`;
    const file = workbook({ [SHEET]: sheet });
    expect(await cells(file, 2, 3)).toEqual([
      ['渠道代码', '3301', null],
      [1.5, null, '中&'],
    ]);
  });

  it('reads the rows after 30 MB of white space and 2,000,000 nested elements before sheetData', async () => {
    const rows = (channelWorkbookParts().get(SHEET) as string).match(/<sheetData>(.*)<\/sheetData>/)?.[1] ?? '';
    const head = `${' '.repeat(30 * 2 ** 20)}<extLst>${'<a>'.repeat(2_000_000)}${'</a>'.repeat(2_000_000)}</extLst>`;
    const file = workbook({ [SHEET]: `<worksheet xmlns="${MAIN}">${head}<sheetData>${rows}</sheetData></worksheet>` });
    expect(await cells(file)).toEqual(CHANNEL_TABLE.map((r) => [...r]));
  });

  it('reads a 40 MB cell whole', async () => {
    const big = 'ab'.repeat(20 * 2 ** 20);
    const file = workbook({
      [SHEET]: `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${big}</t></is></c><c r="B1"><v>7</v></c></row></sheetData></worksheet>`,
    });
    const got = await cells(file, 1, 2);
    expect([(got[0]?.[0] as string).length, got[0]?.[1]]).toEqual([big.length, 7]);
  });
});

describe('what XML does not allow is a damaged package, exit 3, in both languages', () => {
  const refused: [string, Record<string, string>, string][] = [
    ['&#x110000; in the shared strings', { [SST]: sstWith(['<si><t>&#x110000;</t></si>']).xml }, SST],
    [
      '&#x110000; in workbook.xml',
      {
        'xl/workbook.xml': `<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="&#x110000;" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      },
      'xl/workbook.xml',
    ],
    ['a reference to a surrogate', { [SST]: sstWith(['<si><t>&#xD800;</t></si>']).xml }, SST],
    ['a reference to a control character', { [SST]: sstWith(['<si><t>&#1;</t></si>']).xml }, SST],
    ['an undeclared entity', { [SST]: sstWith(['<si><t>&nbsp;</t></si>']).xml }, SST],
    ['a DTD', { [SST]: `<!DOCTYPE sst [<!ENTITY x "y">]>${sstWith([]).xml}` }, SST],
    ['an end tag that matches nothing', { [SST]: sstWith(['<si><t>a</si>']).xml }, SST],
    [
      'a relationship target with a bad percent-encoding',
      {
        'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/%E0%A4%A"/></Relationships>`,
      },
      'xl/_rels/workbook.xml.rels',
    ],
    ['&#x110000; in a cell', { [SHEET]: sheetShifted(0).replace('<v>73</v>', '<v>&#x110000;</v>') }, '渠道'],
    ['a cell that never ends', { [SHEET]: sheetShifted(0).replace('<v>73</v></c>', '<v>73</v>') }, '渠道'],
  ];

  it.each(refused)('refuses %s naming the part', async (_what, parts, named) => {
    const file = workbook(parts);
    const r = await grade([file, '-o', fresh('out.xlsx')]);
    expect(r.status).toBe(3);
    expect(r.err).toContain(named);
    expect(r.err).toMatch(/[\u4e00-\u9fff]/);
    expect(r.err).toMatch(/is not a valid \.xlsx file/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('reads a scanner error as a typed error, never a RangeError or URIError', () => {
    for (const xml of ['<a>&#x110000;</a>', '<a>&#99999999999999999999;</a>', '<a b="&#xD800;"/>', '<a>&#x;</a>'])
      expect(() => scanXml(xml, {})).toThrow(XmlSyntaxError);
  });
});

describe('package integrity', () => {
  const entries = (): RawEntry[] => [...channelWorkbookParts()].map(([name, data]) => ({ name, data }));

  async function refusal(bytes: Buffer): Promise<string> {
    const file = fresh('bad.xlsx');
    writeFileSync(file, bytes);
    const r = await grade([file, '-o', fresh('out.xlsx')]);
    expect(r.status).toBe(3);
    expect(r.err).not.toMatch(/\n\s+at /);
    return r.err;
  }

  it('refuses two entries of one name, naming it', async () => {
    const list = entries();
    list.push({ name: SHEET, data: sheetShifted(0).replace('<v>73</v>', '<v>74</v>') });
    expect(await refusal(rawZip(list))).toMatch(/xl\/worksheets\/sheet1\.xml.*duplicate/);
  });

  it('refuses two entries whose names differ only in case (OPC part names ignore case)', async () => {
    const list = entries();
    list.push({ name: 'XL/worksheets/Sheet1.xml', data: sheetShifted(0) });
    expect(await refusal(rawZip(list))).toMatch(/duplicate/);
  });

  it('refuses a local header that names another entry', async () => {
    const list = entries().map((e) => (e.name === SST ? { ...e, localName: 'xl/sharedStrings2.xml' } : e));
    expect(await refusal(rawZip(list))).toMatch(/xl\/sharedStrings\.xml.*local header naming another entry/);
  });

  it('refuses a local header whose compression method, CRC or sizes are not the central directory’s', async () => {
    const method = entries().map((e) => (e.name === SST ? { ...e, localMethod: 0 } : e));
    expect(await refusal(rawZip(method))).toMatch(/sharedStrings\.xml.*compression method/);
    const crc = entries().map((e) => (e.name === SST ? { ...e, localCrc: 1234 } : e));
    expect(await refusal(rawZip(crc))).toMatch(/sharedStrings\.xml.*CRC or sizes/);
    const sizes = entries().map((e) => (e.name === SST ? { ...e, localSizes: { compressed: 1, uncompressed: 1 } } : e));
    expect(await refusal(rawZip(sizes))).toMatch(/sharedStrings\.xml.*CRC or sizes/);
  });

  it('refuses two central directory records that point at one entry’s bytes (overlapping entries)', async () => {
    const list = entries();
    const i = list.findIndex((e) => e.name === SST);
    list.push({ name: 'xl/extra.xml', data: list[i]?.data ?? '', offsetOf: i });
    expect(await refusal(rawZip(list))).toMatch(/overlaps|local header naming another entry/);
  });

  it('refuses a package cut short, whatever the cut', async () => {
    const whole = rawZip(entries());
    for (const cut of [whole.length - 10, Math.floor(whole.length / 2), 100]) await refusal(whole.subarray(0, cut));
  });

  it('refuses an entry whose bytes fail their CRC', async () => {
    const file = workbook({});
    const bytes = readFileSync(file);
    // The stored CRC of the shared strings, in the local header and the central directory alike.
    const list = entries().map((e) => (e.name === SST ? { ...e, method: 0 as const } : e));
    const zip = rawZip(list);
    const at = zip.indexOf('渠道代码');
    zip[at] = zip[at] === 0xe6 ? 0xe7 : 0xe6;
    expect(bytes.length).toBeGreaterThan(0);
    expect(await refusal(zip)).toMatch(/CRC/);
  });
});
