/**
 * An .xlsx file read as what it is, an OPC package (ECMA-376 Part 2): the workbook is found through
 * `_rels/.rels` (officeDocument), its sheets, shared strings and styles through the workbook's
 * relationships, never by fixed paths; Transitional and Strict namespaces alike. Only the small
 * parts are read here; sheets are streamed when needed. Every read is bounded (inflated size and
 * compression ratio), so a zip bomb ends in a typed error, not in running out of memory.
 *
 * @packageDocumentation
 */
import { open as openFile } from 'node:fs/promises';
import { posix } from 'node:path';
import { WorkbookIoError } from '../../grading';
import { corruptPackage, encryptedWorkbook, notXlsx, tooLarge } from './packageErrors';
import { stringItemText } from './sheetXml';
import { STRICT, TRANSITIONAL, type Namespaces } from './cellXml';
import { attribute, attributes, elementEnd, findTag, scanTags, unescapeCellText, unescapeXml } from './xmlText';
import { ZipReader, type ZipEntry } from './zipPackage';

/** Limits on what one part may inflate to. */
export const LIMITS = {
  /** workbook.xml, relationships, content types, styles. */
  smallPart: 64 * 2 ** 20,
  /** The shared-string table, held in memory to read cells (a million 100-character strings fit). */
  sharedStrings: 256 * 2 ** 20,
  sharedStringCount: 16_000_000,
  /** A worksheet part. */
  sheet: 3 * 2 ** 30,
  /** Beyond this size, a part may not inflate more than `ratio` times its compressed size. */
  ratioFrom: 32 * 2 ** 20,
  ratio: 400,
};

/** A relationship of a part. */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target part's name without a leading slash, or the raw target when external. */
  readonly target: string;
  readonly external: boolean;
}

/** A sheet of the workbook, in tab order. */
export interface SheetInfo {
  readonly name: string;
  readonly sheetId: number;
  readonly relId: string;
  /** The worksheet part (no leading slash); undefined for a chart sheet or a dangling relationship. */
  readonly part: string | undefined;
  /** Its position in `<sheets>`, which `localSheetId` refers to. */
  readonly index: number;
}

/** A defined name of the workbook. */
export interface DefinedName {
  readonly name: string;
  readonly localSheetId: number | undefined;
  readonly value: string;
}

/** The relationships part of a part (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`). */
export function relsPartOf(part: string): string {
  const dir = posix.dirname(part);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${posix.basename(part)}.rels`;
}

/** A relationship target resolved against its source part. */
export function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return posix.normalize(target).slice(1);
  return posix.normalize(posix.join(posix.dirname(source), decodeURI(target)));
}

/** Parses a relationships part. */
export function parseRelationships(xml: string, source: string): Relationship[] {
  const out: Relationship[] = [];
  for (const t of scanTags(xml)) {
    if (t.local !== 'Relationship' || t.kind === 'close') continue;
    const a = attributes(t.text);
    const external = a.get('TargetMode') === 'External';
    const target = a.get('Target') ?? '';
    out.push({
      id: a.get('Id') ?? '',
      type: a.get('Type') ?? '',
      target: external ? target : resolveTarget(source, target),
      external,
    });
  }
  return out;
}

/** Whether a relationship type is the given one, in Transitional or Strict (`…/worksheet`). */
export function isType(rel: Relationship, local: string): boolean {
  return rel.type.endsWith(`/${local}`);
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** Whether a number format code shows a date or time (d, m, y, h, s outside quotes, escapes and brackets). */
export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, '');
  return /[dmyhs]/i.test(bare.replace(/General/gi, ''));
}

/** The styles the reader needs: the count of cell formats and which of them show dates. */
export interface StylesInfo {
  readonly cellXfCount: number;
  readonly dateStyles: Set<number>;
  /** Each cell format's tag as written (to reuse one the add-in wrote before). */
  readonly xfTexts: readonly string[];
  /** Each differential format's element as written. */
  readonly dxfTexts: readonly string[];
}

/** Reads cellXfs and numFmts of a styles part. */
export function parseStyles(xml: string): StylesInfo {
  const custom = new Map<number, string>();
  for (const t of scanTags(xml)) {
    if (t.local !== 'numFmt' || t.kind === 'close') continue;
    const a = attributes(t.text);
    custom.set(Number(a.get('numFmtId')), a.get('formatCode') ?? '');
  }
  const dateStyles = new Set<number>();
  const xfTexts: string[] = [];
  const xfs = findTag(xml, 'cellXfs');
  let count = 0;
  if (xfs && xfs.kind === 'open') {
    const end = elementEnd(xml, xfs);
    let depth = 0;
    for (const t of scanTags(xml.slice(0, end), xfs.end)) {
      if (t.local !== 'xf') continue;
      if (t.kind === 'close') {
        depth--;
        continue;
      }
      if (depth === 0) {
        const id = Number(attributes(t.text).get('numFmtId') ?? '0');
        const code = custom.get(id);
        if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) dateStyles.add(count);
        xfTexts.push(t.text);
        count++;
      }
      if (t.kind === 'open') depth++;
    }
  }
  const dxfTexts: string[] = [];
  const dxfs = findTag(xml, 'dxfs');
  if (dxfs && dxfs.kind === 'open') {
    const body = xml.slice(dxfs.end, elementEnd(xml, dxfs));
    const p = dxfs.prefix;
    for (const m of body.matchAll(new RegExp(`<${p}dxf>[\\s\\S]*?</${p}dxf>|<${p}dxf\\s*/>`, 'g'))) dxfTexts.push(m[0]);
  }
  return { cellXfCount: count, dateStyles, xfTexts, dxfTexts };
}

/** An .xlsx package opened for reading: its structure, with the parts it needs read. */
export class OpcPackage {
  private constructor(
    readonly file: string,
    readonly zip: ZipReader,
    readonly ns: Namespaces,
    readonly contentTypes: string,
    readonly workbookPart: string,
    readonly workbookXml: string,
    readonly workbookRels: readonly Relationship[],
    readonly workbookRelsXml: string,
    readonly sheets: readonly SheetInfo[],
    readonly names: readonly DefinedName[],
    readonly date1904: boolean,
    readonly sharedStrings: readonly string[],
    readonly stylesPart: string | undefined,
    readonly stylesXml: string | undefined,
    readonly styles: StylesInfo,
  ) {}

  /** Opens and checks a package; every failure is a typed `WorkbookIoError` naming the file. */
  static async open(file: string): Promise<OpcPackage> {
    await sniff(file);
    let zip: ZipReader;
    try {
      zip = await ZipReader.open(file);
    } catch (e) {
      throw corruptPackage(file, '无法读取 zip 目录', 'its zip directory cannot be read', e);
    }
    try {
      return await OpcPackage.read(file, zip);
    } catch (e) {
      zip.close();
      throw e;
    }
  }

  private static async read(file: string, zip: ZipReader): Promise<OpcPackage> {
    const mimetype = zip.entry('mimetype');
    if (mimetype && (await readPart(file, zip, mimetype, LIMITS.smallPart)).includes('opendocument'))
      throw notXlsx(file, 'ods');
    const text = async (part: string, limit = LIMITS.smallPart): Promise<string> => {
      const e = zip.entry(part);
      if (!e) throw corruptPackage(file, `缺少部件 ${part}`, `part ${part} is missing`);
      return readPart(file, zip, e, limit);
    };
    const contentTypes = await text('[Content_Types].xml');
    const rootRels = parseRelationships(await text('_rels/.rels'), '');
    const officeDocument = rootRels.find((r) => isType(r, 'officeDocument') && !r.external);
    if (!officeDocument) throw corruptPackage(file, '没有工作簿部件', 'no workbook part');
    const workbookPart = officeDocument.target;
    const workbookXml = await text(workbookPart);
    const strict = workbookXml.includes(STRICT.main);
    const ns = strict ? STRICT : TRANSITIONAL;
    const relsPart = relsPartOf(workbookPart);
    const workbookRelsXml = zip.entry(relsPart)
      ? await text(relsPart)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    const workbookRels = parseRelationships(workbookRelsXml, workbookPart);
    const byId = new Map(workbookRels.map((r) => [r.id, r]));

    const sheets: SheetInfo[] = [];
    const names: DefinedName[] = [];
    let date1904 = false;
    const sheetsTag = findTag(workbookXml, 'sheets');
    for (const t of scanTags(workbookXml)) {
      if (t.kind === 'close') continue;
      if (t.local === 'workbookPr') {
        const v = attributes(t.text).get('date1904');
        date1904 = v === '1' || v === 'true';
      } else if (t.local === 'sheet' && sheetsTag && t.start > sheetsTag.start) {
        const a = attributes(t.text);
        const rel = byId.get(attribute(a, 'id') ?? '');
        sheets.push({
          name: a.get('name') ?? '',
          sheetId: Number(a.get('sheetId') ?? '0'),
          relId: attribute(a, 'id') ?? '',
          part: rel && isType(rel, 'worksheet') && zip.entry(rel.target) ? rel.target : undefined,
          index: sheets.length,
        });
      } else if (t.local === 'definedName' && t.kind === 'open') {
        const a = attributes(t.text);
        const close = workbookXml.indexOf('</', t.end);
        const local = a.get('localSheetId');
        names.push({
          name: a.get('name') ?? '',
          localSheetId: local === undefined ? undefined : Number(local),
          value: unescapeXml(workbookXml.slice(t.end, close)),
        });
      }
    }
    if (sheets.length === 0) throw corruptPackage(file, '工作簿没有工作表', 'the workbook has no sheets');

    const ssRel = workbookRels.find((r) => isType(r, 'sharedStrings') && !r.external);
    const ssEntry = ssRel && zip.entry(ssRel.target);
    const sharedStrings = ssEntry
      ? parseSharedStrings(file, await readPart(file, zip, ssEntry, LIMITS.sharedStrings))
      : [];
    const stRel = workbookRels.find((r) => isType(r, 'styles') && !r.external);
    const stEntry = stRel && zip.entry(stRel.target);
    const stylesXml = stEntry ? await readPart(file, zip, stEntry, LIMITS.smallPart) : undefined;
    return new OpcPackage(
      file,
      zip,
      ns,
      contentTypes,
      workbookPart,
      workbookXml,
      workbookRels,
      workbookRelsXml,
      sheets,
      names,
      date1904,
      sharedStrings,
      stEntry?.name,
      stylesXml,
      stylesXml ? parseStyles(stylesXml) : { cellXfCount: 0, dateStyles: new Set(), xfTexts: [], dxfTexts: [] },
    );
  }

  /** The entry of a part, checked against the limits before it is inflated. */
  checkedEntry(part: string, limit: number): ZipEntry {
    const e = this.zip.entry(part);
    if (!e) throw corruptPackage(this.file, `缺少部件 ${part}`, `part ${part} is missing`);
    checkSize(this.file, e, limit);
    return e;
  }

  /** The relationships of a part ([] when it has none). */
  async relationshipsOf(part: string): Promise<Relationship[]> {
    const e = this.zip.entry(relsPartOf(part));
    return e ? parseRelationships(await readPart(this.file, this.zip, e, LIMITS.smallPart), part) : [];
  }

  /** A small part's text. */
  partText(part: string): Promise<string> {
    const e = this.zip.entry(part);
    if (!e) throw corruptPackage(this.file, `缺少部件 ${part}`, `part ${part} is missing`);
    return readPart(this.file, this.zip, e, LIMITS.smallPart);
  }
}

function checkSize(file: string, e: ZipEntry, limit: number): void {
  if (e.uncompressedSize > limit) throw tooLarge(file, e.name, e.uncompressedSize, limit);
  if (e.uncompressedSize > LIMITS.ratioFrom && e.uncompressedSize > LIMITS.ratio * Math.max(1, e.compressedSize))
    throw tooLarge(file, e.name, e.uncompressedSize, LIMITS.ratio * e.compressedSize);
}

async function readPart(file: string, zip: ZipReader, e: ZipEntry, limit: number): Promise<string> {
  checkSize(file, e, limit);
  try {
    return await zip.text(e);
  } catch (cause) {
    throw corruptPackage(file, `部件 ${e.name} 已损坏`, `part ${e.name} is damaged`, cause);
  }
}

function parseSharedStrings(file: string, xml: string): string[] {
  const out: string[] = [];
  const m = /<([A-Za-z_][\w.-]*:)?sst[\s>]/.exec(xml);
  const p = m?.[1] ?? '';
  const open = `<${p}si>`;
  const close = `</${p}si>`;
  const simpleOpen = `<${p}t>`;
  for (let at = xml.indexOf(open); at >= 0; at = xml.indexOf(open, at)) {
    const end = xml.indexOf(close, at);
    if (end < 0) break;
    const body = xml.slice(at + open.length, end);
    // The usual item is one plain run (`<t>text</t>`): read it without the general path.
    out.push(
      body.startsWith(simpleOpen) && body.indexOf('<', simpleOpen.length) === body.length - p.length - 4
        ? unescapeCellText(body.slice(simpleOpen.length, body.length - p.length - 4))
        : stringItemText(body, p),
    );
    if (out.length > LIMITS.sharedStringCount)
      throw tooLarge(file, 'sharedStrings', out.length, LIMITS.sharedStringCount);
    at = end + close.length;
  }
  return out;
}

/** Refuses, by their first bytes, files that are not zip packages: encrypted workbooks, .xls, anything else. */
async function sniff(file: string): Promise<void> {
  let head: Buffer;
  let size: number;
  try {
    const h = await openFile(file, 'r');
    try {
      size = (await h.stat()).size;
      head = Buffer.alloc(Math.min(size, 8));
      await h.read(head, 0, head.length, 0);
      if (head.length === 8 && head.readUInt32LE(0) === 0xe011cfd0 && head.readUInt32LE(4) === 0xe11ab1a1) {
        // An OLE compound file: a password-protected .xlsx (EncryptionInfo stream) or a legacy .xls.
        const all = Buffer.alloc(Math.min(size, 64 * 2 ** 20));
        await h.read(all, 0, all.length, 0);
        if (all.includes(Buffer.from('EncryptionInfo', 'utf16le'))) throw encryptedWorkbook(file);
        throw notXlsx(file, 'xls');
      }
    } finally {
      await h.close();
    }
  } catch (e) {
    if (e instanceof Error && e.name === 'WorkbookIoError') throw e;
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    throw new WorkbookIoError(
      missing
        ? { zh: `找不到文件“${file}”：请检查路径`, en: `no file "${file}": check the path` }
        : { zh: `无法打开文件“${file}”：请检查读取权限`, en: `cannot open "${file}": check that it can be read` },
      { cause: e },
    );
  }
  if (size < 22 || head.readUInt16LE(0) !== 0x4b50)
    throw corruptPackage(file, '不是 zip 格式', 'it is not a zip package');
}
