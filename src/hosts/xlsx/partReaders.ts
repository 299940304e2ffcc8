/**
 * What the host reads from the small parts of a package (shared strings, workbook, styles,
 * relationships, comments), each read with the one XML scanner (`xmlScanner.ts`) and matched by
 * namespace and local name, whatever prefix the writer chose. Each throws `XmlSyntaxError` for a
 * part that is not well-formed; the package host turns it into a damaged-package error naming it.
 *
 * @packageDocumentation
 */
import { posix } from 'node:path';
import { STRICT, TRANSITIONAL } from './namespaces';
import { XmlSyntaxError, attr, scanXml, type XmlElement } from './xmlScanner';
import { unescapeOoxml } from './xmlText';

/** The namespace of relationships parts (the same in Transitional and Strict). */
export const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Whether a namespace is SpreadsheetML's main one, Transitional or Strict. */
export function isMain(ns: string): boolean {
  return ns === TRANSITIONAL.main || ns === STRICT.main;
}

/** Whether a namespace is that of officeDocument relationship ids (`r:id`), Transitional or Strict. */
export function isRelNs(ns: string): boolean {
  return ns === TRANSITIONAL.rel || ns === STRICT.rel;
}

function isMainElement(el: XmlElement | undefined, local: string): boolean {
  return el !== undefined && el.local === local && isMain(el.ns);
}

/** A relationship id attribute (`r:id`, whatever its prefix), in either relationships namespace. */
export function relId(el: XmlElement): string | undefined {
  for (const a of el.attributes) if (a.local === 'id' && isRelNs(a.ns)) return a.value;
  return undefined;
}

/**
 * The items of a shared-string table, each its `<t>` runs joined (phonetic `<rPh>` guides left out)
 * and OOXML's `_xHHHH_` escapes decoded; `<si/>` is the empty string. `limit` bounds the count.
 */
export function readSharedStrings(xml: string, limit: number, tooMany: (n: number) => Error): string[] {
  const out: string[] = [];
  let pieces: string[] | undefined;
  let inPhonetic = 0;
  scanXml(xml, {
    open(el) {
      if (!isMain(el.ns)) return;
      if (el.local === 'si' && el.parent?.parent === undefined) {
        pieces = [];
        if (out.length >= limit) throw tooMany(out.length + 1);
      } else if (el.local === 'rPh' && pieces) inPhonetic++;
    },
    close(el) {
      if (!isMain(el.ns)) return;
      if (el.local === 'si' && pieces && el.parent?.parent === undefined) {
        out.push(unescapeOoxml(pieces.join('')));
        pieces = undefined;
      } else if (el.local === 'rPh' && pieces) inPhonetic--;
    },
    text(t, parent) {
      if (pieces && inPhonetic === 0 && isMainElement(parent, 't')) pieces.push(t);
    },
  });
  return out;
}

/** A relationship of a part. */
export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The target part's name without a leading slash, or the raw target when external. */
  readonly target: string;
  readonly external: boolean;
}

/** A relationship target resolved against its source part; a malformed percent-encoding is refused. */
export function resolveTarget(source: string, target: string): string {
  let decoded: string;
  try {
    decoded = decodeURI(target);
  } catch {
    throw new XmlSyntaxError(`the relationship target “${target}” has a malformed percent-encoding`, 0);
  }
  if (decoded.startsWith('/')) return posix.normalize(decoded).slice(1);
  return posix.normalize(posix.join(posix.dirname(source), decoded));
}

/** Parses a relationships part (ECMA-376 Part 2 §9.3). */
export function readRelationships(xml: string, source: string): Relationship[] {
  const out: Relationship[] = [];
  scanXml(xml, {
    open(el) {
      if (el.local !== 'Relationship' || el.ns !== PACKAGE_RELATIONSHIPS) return;
      const external = attr(el, 'TargetMode') === 'External';
      const target = attr(el, 'Target') ?? '';
      out.push({
        id: attr(el, 'Id') ?? '',
        type: attr(el, 'Type') ?? '',
        target: external ? target : resolveTarget(source, target),
        external,
      });
    },
  });
  return out;
}

/** A sheet as workbook.xml lists it. */
export interface WorkbookSheet {
  readonly name: string;
  readonly sheetId: number;
  readonly relId: string;
}

/** A defined name of the workbook. */
export interface DefinedName {
  readonly name: string;
  readonly localSheetId: number | undefined;
  readonly value: string;
}

/** What the host needs of workbook.xml. */
export interface WorkbookRead {
  readonly strict: boolean;
  readonly date1904: boolean;
  readonly sheets: readonly WorkbookSheet[];
  readonly names: readonly DefinedName[];
}

/** Reads workbook.xml: its namespace, date system, sheets in tab order and defined names. */
export function readWorkbook(xml: string): WorkbookRead {
  let strict = false;
  let date1904 = false;
  const sheets: WorkbookSheet[] = [];
  const names: DefinedName[] = [];
  let name: { el: XmlElement; text: string[] } | undefined;
  scanXml(xml, {
    open(el) {
      if (el.parent === undefined) strict = el.ns === STRICT.main;
      if (!isMain(el.ns)) return;
      if (el.local === 'workbookPr') {
        const v = attr(el, 'date1904');
        date1904 = v === '1' || v === 'true';
      } else if (el.local === 'sheet' && isMainElement(el.parent, 'sheets')) {
        sheets.push({
          name: attr(el, 'name') ?? '',
          sheetId: Number(attr(el, 'sheetId') ?? '0'),
          relId: relId(el) ?? '',
        });
      } else if (el.local === 'definedName' && isMainElement(el.parent, 'definedNames')) name = { el, text: [] };
    },
    close(el) {
      if (name && el === name.el) {
        const local = attr(el, 'localSheetId');
        names.push({
          name: attr(el, 'name') ?? '',
          localSheetId: local === undefined ? undefined : Number(local),
          value: name.text.join(''),
        });
        name = undefined;
      }
    },
    text(t) {
      name?.text.push(t);
    },
  });
  return { strict, date1904, sheets, names };
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

/** Reads the cell formats (cellXfs), number formats (numFmts) and differential formats (dxfs) of a styles part. */
export function readStyles(xml: string): StylesInfo {
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  const xfTexts: string[] = [];
  const dxfTexts: string[] = [];
  let cellXfsSeen = false;
  let inCellXfs: XmlElement | undefined;
  scanXml(xml, {
    open(el) {
      if (!isMain(el.ns)) return;
      if (el.local === 'numFmt' && isMainElement(el.parent, 'numFmts'))
        custom.set(Number(attr(el, 'numFmtId')), attr(el, 'formatCode') ?? '');
      else if (el.local === 'cellXfs' && !cellXfsSeen && isMainElement(el.parent, 'styleSheet')) {
        cellXfsSeen = true;
        inCellXfs = el;
      } else if (el.local === 'xf' && inCellXfs && el.parent === inCellXfs) {
        xfIds.push(Number(attr(el, 'numFmtId') ?? '0'));
        xfTexts.push(xml.slice(el.start, el.tagEnd));
      }
    },
    close(el, end) {
      if (el === inCellXfs) inCellXfs = undefined;
      else if (el.local === 'dxf' && isMain(el.ns) && isMainElement(el.parent, 'dxfs'))
        dxfTexts.push(xml.slice(el.start, end));
    },
  });
  const dateStyles = new Set<number>();
  xfIds.forEach((id, i) => {
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) dateStyles.add(i);
  });
  return { cellXfCount: xfIds.length, dateStyles, xfTexts, dxfTexts };
}

/** The notes of an existing comments part: their text by cell reference, and the authors' names. */
export interface CommentsRead {
  readonly authors: readonly string[];
  readonly texts: ReadonlyMap<string, string>;
}

/** The authors and the notes' plain text of a comments part (phonetic runs left out). */
export function readCommentsPart(xml: string): CommentsRead {
  const authors: string[] = [];
  const texts = new Map<string, string>();
  let author: string[] | undefined;
  let comment: { ref: string; text: string[] } | undefined;
  let inPhonetic = 0;
  scanXml(xml, {
    open(el) {
      if (!isMain(el.ns)) return;
      if (el.local === 'author' && isMainElement(el.parent, 'authors')) author = [];
      else if (el.local === 'comment' && isMainElement(el.parent, 'commentList'))
        comment = { ref: (attr(el, 'ref') ?? '').toUpperCase(), text: [] };
      else if (el.local === 'rPh' && comment) inPhonetic++;
    },
    close(el) {
      if (!isMain(el.ns)) return;
      if (el.local === 'author' && author) {
        authors.push(unescapeOoxml(author.join('')));
        author = undefined;
      } else if (el.local === 'comment' && comment) {
        texts.set(comment.ref, unescapeOoxml(comment.text.join('')));
        comment = undefined;
      } else if (el.local === 'rPh' && comment) inPhonetic--;
    },
    text(t, parent) {
      if (author) author.push(t);
      else if (comment && inPhonetic === 0 && isMainElement(parent, 't')) comment.text.push(t);
    },
  });
  return { authors, texts };
}

/** Checks that a part is well-formed XML (one the host edits as text but reads nothing from). */
export function checkWellFormed(xml: string): void {
  scanXml(xml, {});
}
