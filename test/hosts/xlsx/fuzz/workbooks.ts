/*
 * Small workbooks written part by part, for the XML fuzz and the hostile-input measurements: a
 * channel sheet (the columns qd-grade grades, RULES.md §1) with its text in the shared-string table,
 * every part's text given so a test can spell it any way XML allows. Also the raw zip writer the
 * package-integrity tests use to make packages no zip library would write (duplicate names, headers
 * that disagree with the central directory).
 */
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The channel sheet's header and rows (text and numbers). */
export const CHANNEL_TABLE: readonly (readonly (string | number)[])[] = [
  ['渠道代码', '服务区域代码', '终极赔付率', '市场费用率', '非市场费用率', '合作保费', '合作天数', '渠道自有保费'],
  ['C1', '3301', 0.55, 0.1, 0.25, 2000000, 73, 50000000],
  ['C2', '3301', 0.7, 0.25, 0.1, 3000000, 365, 10000000],
  ['C3', '3302', 0.5, 0.1, 0.1, 1000000, 365, 5000000],
];

/** A cell reference's letters. */
function letters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function esc(t: string): string {
  return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The parts of a small workbook with one channel sheet, by name (text written the usual way). */
export function channelWorkbookParts(table = CHANNEL_TABLE): Map<string, string> {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const rows = table
    .map((row, i) => {
      const cells = row
        .map((v, j) => {
          const ref = `${letters(j + 1)}${i + 1}`;
          if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
          let k = index.get(v);
          if (k === undefined) index.set(v, (k = strings.push(v) - 1));
          return `<c r="${ref}" t="s"><v>${k}</v></c>`;
        })
        .join('');
      return `<row r="${i + 1}">${cells}</row>`;
    })
    .join('');
  const decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return new Map([
    [
      '[Content_Types].xml',
      `${decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
    ],
    [
      '_rels/.rels',
      `${decl}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${decl}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><sheets><sheet name="渠道" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${decl}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `${decl}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/></styleSheet>`,
    ],
    [
      'xl/sharedStrings.xml',
      `${decl}<sst xmlns="${MAIN}" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`,
    ],
    ['xl/worksheets/sheet1.xml', `${decl}<worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`],
  ]);
}

/** An entry to write raw: its name, bytes, and what its headers claim where a test wants them to lie. */
export interface RawEntry {
  readonly name: string;
  readonly data: Buffer | string;
  /** Stored (0) or deflated (8, the default). */
  readonly method?: 0 | 8;
  /** The name the local header gives, when it should differ from the central directory's. */
  readonly localName?: string;
  readonly localMethod?: number;
  readonly localCrc?: number;
  readonly localSizes?: { compressed: number; uncompressed: number };
  /** Where the central directory says the local header is, when it should point elsewhere (an entry index). */
  readonly offsetOf?: number;
}

/** A zip file of `entries`, written by hand (so it can be wrong in the ways a test asks). */
export function rawZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  const meta: { name: Buffer; crc: number; csize: number; usize: number; method: number }[] = [];
  for (const e of entries) {
    const data = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data;
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(e.name, 'utf8');
    const localName = Buffer.from(e.localName ?? e.name, 'utf8');
    const crc = crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x0800, 6);
    h.writeUInt16LE(e.localMethod ?? method, 8);
    h.writeUInt32LE(e.localCrc ?? crc, 14);
    h.writeUInt32LE(e.localSizes?.compressed ?? body.length, 18);
    h.writeUInt32LE(e.localSizes?.uncompressed ?? data.length, 22);
    h.writeUInt16LE(localName.length, 26);
    offsets.push(offset);
    locals.push(h, localName, body);
    offset += 30 + localName.length + body.length;
    meta.push({ name, crc, csize: body.length, usize: data.length, method });
  }
  entries.forEach((e, i) => {
    const m = meta[i] as (typeof meta)[number];
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(m.method, 10);
    c.writeUInt32LE(m.crc, 16);
    c.writeUInt32LE(m.csize, 20);
    c.writeUInt32LE(m.usize, 24);
    c.writeUInt16LE(m.name.length, 28);
    c.writeUInt32LE(offsets[e.offsetOf ?? i] as number, 42);
    central.push(c, m.name);
  });
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Writes a workbook of `parts` (in order) to `file`. */
export function writeWorkbook(file: string, parts: ReadonlyMap<string, string | Buffer>): void {
  writeFileSync(file, rawZip([...parts].map(([name, data]) => ({ name, data }))));
}
