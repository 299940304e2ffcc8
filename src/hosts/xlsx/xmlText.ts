/**
 * Text in and out of the package's XML: escaping and unescaping (with OOXML's `_xHHHH_` escapes of
 * ST_Xstring) and cell references. Parts are read with `xmlScanner.ts`.
 *
 * @packageDocumentation
 */
import { decodeText } from './xmlScanner';

/** Text of XML with its entities and character references resolved (a malformed one throws `XmlSyntaxError`). */
export function unescapeXml(text: string): string {
  if (!text.includes('&') && !text.includes('\r')) return text;
  return decodeText(text, 0, text.length);
}

/** OOXML's `_xHHHH_` escapes (ECMA-376 §22.9.2.19) decoded in text already XML-unescaped. */
export function unescapeOoxml(t: string): string {
  if (!t.includes('_x')) return t;
  return t.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** A cell string's value: XML unescaped, then OOXML's `_xHHHH_` escapes decoded. */
export function unescapeCellText(text: string): string {
  return unescapeOoxml(unescapeXml(text));
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
