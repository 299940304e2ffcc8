/**
 * The little XML the package host needs, by hand: escaping and unescaping text (with OOXML's
 * `_xHHHH_` escapes of ST_Xstring), attributes of one start tag, and a scanner of the start and end
 * tags of a small part (workbook.xml, relationships, styles). The graded sheet is not parsed with
 * this: it is split into rows by `sheetXml.ts`, and its cells are passed through as text.
 *
 * @packageDocumentation
 */

const ENTITY: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text of XML with its entities and character references resolved. */
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return ENTITY[body] ?? whole;
  });
}

/** A cell string's value: XML unescaped, then OOXML's `_xHHHH_` escapes (ECMA-376 §22.9.2.19) decoded. */
export function unescapeCellText(text: string): string {
  const t = unescapeXml(text);
  if (!t.includes('_x')) return t;
  return t.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Text escaped for element content or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/**
 * A cell string escaped for the sheet: XML escapes, a literal `_xHHHH_` protected as `_x005F_`, and
 * characters XML 1.0 cannot carry written as `_xHHHH_` (ECMA-376 §22.9.2.19), as Excel does.
 */
export function escapeCellText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the characters that need any escaping at all
  if (!/[&<>"_\u0000-\u001F\uFFFE\uFFFF]/.test(text)) return text;
  return escapeXml(
    text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(
      // eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
    ),
  );
}

/** The attributes of one start tag (`<x:sheet name="a" r:id="rId1"/>`), by their name as written. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=<>/"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const start = tag.search(/\s/);
  if (start < 0) return out;
  re.lastIndex = start;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out.set(m[1] as string, unescapeXml(m[2] ?? m[3] ?? ''));
  return out;
}

/** One attribute's value, whatever namespace prefix it carries (`r:id`, `id`). */
export function attribute(attrs: ReadonlyMap<string, string>, local: string): string | undefined {
  const direct = attrs.get(local);
  if (direct !== undefined) return direct;
  for (const [k, v] of attrs) if (k.endsWith(`:${local}`)) return v;
  return undefined;
}

/** A tag found by `scanTags`. */
export interface XmlTag {
  /** The name without its namespace prefix. */
  readonly local: string;
  /** The prefix with its colon (`x:`), or empty. */
  readonly prefix: string;
  readonly kind: 'open' | 'close' | 'empty';
  /** Offsets of the tag's `<` and just after its `>`. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const TAG = /<(\/?)([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^\s=<>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;

/** The start, end and empty tags of a small part in document order (comments, PIs and text are skipped). */
export function* scanTags(xml: string, from = 0): Generator<XmlTag> {
  const re = new RegExp(TAG.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    yield {
      local: m[3] as string,
      prefix: m[2] ?? '',
      kind: m[1] ? 'close' : m[5] ? 'empty' : 'open',
      start: m.index,
      end: m.index + m[0].length,
      text: m[0],
    };
  }
}

/** The first tag of a local name at or after `from`, or undefined. */
export function findTag(xml: string, local: string, from = 0): XmlTag | undefined {
  for (const t of scanTags(xml, from)) if (t.local === local && t.kind !== 'close') return t;
  return undefined;
}

/** Where an element that starts at `open` ends (just after its end tag), counting nested ones of its name. */
export function elementEnd(xml: string, open: XmlTag): number {
  if (open.kind === 'empty') return open.end;
  let depth = 0;
  for (const t of scanTags(xml, open.start)) {
    if (t.local !== open.local || t.prefix !== open.prefix) continue;
    if (t.kind === 'open') depth++;
    else if (t.kind === 'close' && --depth === 0) return t.end;
  }
  return xml.length;
}

/** A column's letters for a 1-based index (1 → A, 16384 → XFD). */
export function columnName(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The 1-based column of a cell reference's letters (`XFD7` → 16384); 0 when there are none. */
export function columnOfRef(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n;
}
