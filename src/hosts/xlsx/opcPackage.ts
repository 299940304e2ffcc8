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
import { STRICT, TRANSITIONAL, type Namespaces } from './namespaces';
import {
  checkWellFormed,
  readRelationships,
  readSharedStrings,
  readStyles,
  readWorkbook,
  type DefinedName,
  type Relationship,
  type StylesInfo,
} from './partReaders';
import { XmlSyntaxError } from './xmlScanner';
import { ZipIntegrityError, ZipReader, type ZipEntry } from './zipPackage';

export {
  isDateFormat,
  readStyles as parseStyles,
  resolveTarget,
  type DefinedName,
  type Relationship,
  type StylesInfo,
} from './partReaders';

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

/** The relationships part of a part (`xl/_rels/workbook.xml.rels` for `xl/workbook.xml`). */
export function relsPartOf(part: string): string {
  const dir = posix.dirname(part);
  return `${dir === '.' ? '' : `${dir}/`}_rels/${posix.basename(part)}.rels`;
}

/** Parses a relationships part (a malformed one throws `XmlSyntaxError`). */
export function parseRelationships(xml: string, source: string): Relationship[] {
  return readRelationships(xml, source);
}

/** Whether a relationship type is the given one, in Transitional or Strict (`…/worksheet`). */
export function isType(rel: Relationship, local: string): boolean {
  return rel.type.endsWith(`/${local}`);
}

/**
 * A part read by `read`; a part that is not well-formed XML (or names a target badly) is a damaged
 * package, named with the part.
 */
export function readXmlPart<T>(file: string, part: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw asPackageError(file, part, e);
  }
}

/** An `XmlSyntaxError` of a part as the damaged-package error naming it; any other error as it is. */
export function asPackageError(file: string, part: string, e: unknown): unknown {
  if (!(e instanceof XmlSyntaxError)) return e;
  const at = e.offset > 0 ? `，位置 ${e.offset}` : '';
  return corruptPackage(
    file,
    `部件 ${part} 不是格式正确的 XML：${e.reason}${at}`,
    `part ${part} is not well-formed XML: ${e.reason}${e.offset > 0 ? `, at offset ${e.offset}` : ''}`,
    e,
  );
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
      if (e instanceof ZipIntegrityError)
        throw corruptPackage(file, `条目 ${e.entry} ${e.zh}`, `entry ${e.entry} ${e.en}`, e);
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
    readXmlPart(file, '[Content_Types].xml', () => checkWellFormed(contentTypes));
    const rootRelsXml = await text('_rels/.rels');
    const rootRels = readXmlPart(file, '_rels/.rels', () => parseRelationships(rootRelsXml, ''));
    const officeDocument = rootRels.find((r) => isType(r, 'officeDocument') && !r.external);
    if (!officeDocument) throw corruptPackage(file, '没有工作簿部件', 'no workbook part');
    const workbookPart = officeDocument.target;
    const workbookXml = await text(workbookPart);
    const workbook = readXmlPart(file, workbookPart, () => readWorkbook(workbookXml));
    const ns = workbook.strict ? STRICT : TRANSITIONAL;
    const relsPart = relsPartOf(workbookPart);
    const workbookRelsXml = zip.entry(relsPart)
      ? await text(relsPart)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    const workbookRels = readXmlPart(file, relsPart, () => parseRelationships(workbookRelsXml, workbookPart));
    const byId = new Map(workbookRels.map((r) => [r.id, r]));

    const sheets: SheetInfo[] = workbook.sheets.map((s, index) => {
      const rel = byId.get(s.relId);
      return {
        ...s,
        part: rel && isType(rel, 'worksheet') && zip.entry(rel.target) ? rel.target : undefined,
        index,
      };
    });
    const names = workbook.names;
    const date1904 = workbook.date1904;
    if (sheets.length === 0) throw corruptPackage(file, '工作簿没有工作表', 'the workbook has no sheets');

    const ssRel = workbookRels.find((r) => isType(r, 'sharedStrings') && !r.external);
    const ssEntry = ssRel && zip.entry(ssRel.target);
    const ssXml = ssEntry ? await readPart(file, zip, ssEntry, LIMITS.sharedStrings) : undefined;
    const sharedStrings =
      ssEntry && ssXml !== undefined
        ? readXmlPart(file, ssEntry.name, () =>
            readSharedStrings(ssXml, LIMITS.sharedStringCount, (n) =>
              tooLarge(file, 'sharedStrings', n, LIMITS.sharedStringCount),
            ),
          )
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
      stylesXml && stEntry
        ? readXmlPart(file, stEntry.name, () => readStyles(stylesXml))
        : { cellXfCount: 0, dateStyles: new Set(), xfTexts: [], dxfTexts: [] },
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
    if (!e) return [];
    const xml = await readPart(this.file, this.zip, e, LIMITS.smallPart);
    return readXmlPart(this.file, e.name, () => parseRelationships(xml, part));
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
    if (cause instanceof ZipIntegrityError)
      throw corruptPackage(file, `条目 ${cause.entry} ${cause.zh}`, `entry ${cause.entry} ${cause.en}`, cause);
    throw corruptPackage(file, `部件 ${e.name} 已损坏`, `part ${e.name} is damaged`, cause);
  }
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
