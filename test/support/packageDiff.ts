/*
 * Comparing two .xlsx packages part by part, independently of the host under test: a small reader of
 * the zip's central directory (APPNOTE 4.3.12, 4.3.16) that inflates with Node's zlib, the parts
 * added, removed and changed, which parts the add-in owns, and whether a shared part (workbook.xml,
 * styles, shared strings, rels, content types) only gained content.
 */
import { inflateRawSync } from 'node:zlib';

/** One entry of a zip's central directory. */
export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly crc32: number;
  readonly localHeaderOffset: number;
}

/** A zip read into memory: its entries by name (test packages are small). */
export interface ZipPackage {
  readonly bytes: Buffer;
  readonly entries: ReadonlyMap<string, ZipEntry>;
}

/** Reads a zip's central directory; throws for what a test corpus never holds (zip64, a missing end record). */
export function readZip(bytes: Buffer): ZipPackage {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip: no end of central directory record');
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  if (at === 0xffffffff) throw new Error('zip64 packages are not expected in the corpus');
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${n}`);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, {
      name,
      method: bytes.readUInt16LE(at + 10),
      crc32: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localHeaderOffset: bytes.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { bytes, entries };
}

/** The stored (compressed) bytes of an entry. */
export function rawPart(zip: ZipPackage, name: string): Buffer {
  const e = zip.entries.get(name);
  if (!e) throw new Error(`no part ${name}`);
  const at = e.localHeaderOffset;
  if (zip.bytes.readUInt32LE(at) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
  const start = at + 30 + zip.bytes.readUInt16LE(at + 26) + zip.bytes.readUInt16LE(at + 28);
  return zip.bytes.subarray(start, start + e.compressedSize);
}

/** The content of a part. */
export function part(zip: ZipPackage, name: string): Buffer {
  const e = zip.entries.get(name);
  if (!e) throw new Error(`no part ${name}`);
  const raw = rawPart(zip, name);
  if (e.method === 0) return raw;
  if (e.method === 8) return inflateRawSync(raw);
  throw new Error(`part ${name}: compression method ${e.method}`);
}

/** A part's content as text. */
export function partText(zip: ZipPackage, name: string): string {
  return part(zip, name).toString('utf8');
}

/** What changed between two packages. */
export interface PackageDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
  readonly same: readonly string[];
}

/** Compares the content of every part of two packages. */
export function diffPackages(before: ZipPackage, after: ZipPackage): PackageDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  const same: string[] = [];
  for (const name of before.entries.keys()) {
    if (!after.entries.has(name)) removed.push(name);
    else if (part(before, name).equals(part(after, name))) same.push(name);
    else changed.push(name);
  }
  for (const name of after.entries.keys()) if (!before.entries.has(name)) added.push(name);
  return { added, removed, changed, same };
}

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** Resolves a relationship target against the part that holds it (OPC, ECMA-376 Part 2, 9.3). */
function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = source.split('/').slice(0, -1);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.') parts.push(p);
  }
  return parts.join('/');
}

/** The rels part of a part. */
export function relsOf(partName: string): string {
  const i = partName.lastIndexOf('/');
  return `${partName.slice(0, i + 1)}_rels/${partName.slice(i + 1)}.rels`;
}

/** A part's relationships: id → [type, resolved target]. */
export function relationships(zip: ZipPackage, partName: string): Map<string, { type: string; target: string }> {
  const rels = relsOf(partName);
  const out = new Map<string, { type: string; target: string }>();
  if (!zip.entries.has(rels)) return out;
  for (const tag of partText(zip, rels).match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, 'Id');
    const target = attribute(tag, 'Target');
    if (id === undefined || target === undefined || attribute(tag, 'TargetMode') === 'External') continue;
    out.set(id, { type: attribute(tag, 'Type') ?? '', target: resolveTarget(partName, target) });
  }
  return out;
}

/** The workbook part, found through the package relationships (not a fixed path). */
export function workbookPart(zip: ZipPackage): string {
  for (const r of relationships(zip, '').values()) if (r.type.endsWith('/officeDocument')) return r.target;
  throw new Error('no officeDocument relationship');
}

function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The worksheet part of a sheet, by name. */
export function sheetPart(zip: ZipPackage, sheet: string): string {
  const wb = workbookPart(zip);
  const rels = relationships(zip, wb);
  for (const tag of partText(zip, wb).match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? []) {
    if (unescapeXml(attribute(tag, 'name') ?? '') !== sheet) continue;
    const id = /\sr:id="([^"]*)"/.exec(tag)?.[1] ?? /\s\w+:id="([^"]*)"/.exec(tag)?.[1];
    const target = id === undefined ? undefined : rels.get(id)?.target;
    if (target) return target;
  }
  throw new Error(`no sheet ${sheet}`);
}

/**
 * The parts the add-in may change when it grades `gradedSheet` (issue 12): that sheet's XML, the
 * styles, the shared strings, workbook.xml, its rels, [Content_Types].xml, docProps/app.xml (its
 * list of sheet titles) and, for a mark on its own sheets, the custom properties and the package
 * rels that point to them. Every other part it must leave byte for byte; new parts are its own.
 */
export function addinMayChange(before: ZipPackage, gradedSheet: string): (name: string) => boolean {
  const wb = workbookPart(before);
  const rels = relationships(before, wb);
  const owned = new Set<string>([
    sheetPart(before, gradedSheet),
    wb,
    relsOf(wb),
    '[Content_Types].xml',
    'docProps/app.xml',
    'docProps/custom.xml',
    '_rels/.rels',
  ]);
  for (const r of rels.values())
    if (r.type.endsWith('/styles') || r.type.endsWith('/sharedStrings')) owned.add(r.target);
  return (name) => owned.has(name) || !before.entries.has(name);
}

/** The shared parts that may only gain content (everything the add-in may change but the graded sheet and app.xml). */
export function additionsOnlyParts(before: ZipPackage): string[] {
  const wb = workbookPart(before);
  const out = [wb, relsOf(wb), '[Content_Types].xml', '_rels/.rels', 'docProps/custom.xml'];
  for (const r of relationships(before, wb).values())
    if (r.type.endsWith('/styles') || r.type.endsWith('/sharedStrings')) out.push(r.target);
  return out.filter((p) => before.entries.has(p));
}

/** XML as tokens (tags and text), with the count attributes a list's growth changes taken out. */
function tokens(xml: string): string[] {
  return (xml.match(/<[^>]+>|[^<]+/g) ?? [])
    .filter((t) => !/^\s*$/.test(t) && !t.startsWith('<?'))
    .map((t) =>
      t.startsWith('<')
        ? t.replace(/\s(count|uniqueCount)="\d+"/g, '').replace(/\s*\/>$/, '>') // <a/> and <a></a> are one element
        : t,
    )
    .filter((t) => !/^<\/[^>]*>$/.test(t));
}

/**
 * What a shared part lost: the tokens of `before` (tags with their attributes, and text) that are not
 * found, in order, in `after`. Empty when the part only gained content.
 */
export function lostContent(before: string, after: string): string[] {
  const a = tokens(before);
  const b = tokens(after);
  const lost: string[] = [];
  let j = 0;
  for (const t of a) {
    let k = j;
    while (k < b.length && b[k] !== t) k++;
    if (k < b.length) j = k + 1;
    else lost.push(t);
  }
  return lost;
}

/** A worksheet without its cells, `<dimension>` and `<cols>` (which grading rewrites), with each row's tag kept (but `spans`, a hint). */
function sheetFrame(xml: string): string {
  const rows = (xml.match(/<(?:\w+:)?row\b[^>]*>/g) ?? []).map((t) => t.replace(/\sspans="[^"]*"/, '')).join('');
  return xml
    .replace(/<((?:\w+:)?)sheetData\b[^>]*\/>|<((?:\w+:)?)sheetData\b[^>]*>[\s\S]*?<\/\2sheetData>/, rows)
    .replace(/<(?:\w+:)?dimension\b[^>]*\/>/, '')
    .replace(/<((?:\w+:)?)cols\b[^>]*>[\s\S]*?<\/\1cols>/, '');
}

/**
 * What the graded sheet lost around its cells: its views and panes, row settings, merges,
 * conditional formats, validations, hyperlinks, page setup, drawings, comments' links, table parts
 * (the cells themselves are the cell oracle's). Empty when grading only added to them.
 */
export function lostAroundCells(before: string, after: string): string[] {
  return lostContent(sheetFrame(before), sheetFrame(after));
}

/** docProps/app.xml without the lists of sheets (HeadingPairs, TitlesOfParts), which new sheets change. */
function appFrame(xml: string): string {
  return xml
    .replace(/<((?:\w+:)?)HeadingPairs\b[^>]*>[\s\S]*?<\/\1HeadingPairs>/, '')
    .replace(/<((?:\w+:)?)TitlesOfParts\b[^>]*>[\s\S]*?<\/\1TitlesOfParts>/, '');
}

/** What docProps/app.xml lost besides its lists of sheets (the application, company, manager, security...). */
export function lostAppProperties(before: string, after: string): string[] {
  return lostContent(appFrame(before), appFrame(after));
}
