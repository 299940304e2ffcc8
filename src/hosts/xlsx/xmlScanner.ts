/**
 * The one XML scanner the package host reads its parts with: a single forward pass over a part's
 * text (linear in time and memory), handing out start tags (with their attributes and namespaces
 * resolved), end tags and text. It accepts what XML 1.0 with namespaces allows in an OPC part:
 * attributes in any order and quoting, white space inside tags, empty elements, entity and
 * character references (to U+10FFFF, XML characters only), CDATA sections, comments, processing
 * instructions and any prefix bound to a namespace. It refuses, with an `XmlSyntaxError` giving
 * the reason and offset, what is not well-formed, a DTD (OPC forbids them: ECMA-376 Part 2 §8.1.4)
 * and elements nested deeper than `MAX_DEPTH` (libxml2 refuses beyond 256 by default).
 *
 * @packageDocumentation
 */

/** Why a part is not XML this host reads, and where (a UTF-16 offset into its text). */
export class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(`${reason} (offset ${offset})`);
    this.name = 'XmlSyntaxError';
  }
}

/** How deep elements may nest. */
export const MAX_DEPTH = 1000;

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

/** An attribute of a start tag, its namespace resolved (an unprefixed attribute has none). */
export interface XmlAttribute {
  /** The name as written (`r:id`). */
  readonly name: string;
  readonly ns: string;
  readonly local: string;
  readonly value: string;
}

/** An element, as its start tag is scanned. */
export interface XmlElement {
  /** The name as written (`x:sheet`). */
  readonly name: string;
  /** The prefix without its colon, or empty. */
  readonly prefix: string;
  readonly local: string;
  readonly ns: string;
  readonly attributes: readonly XmlAttribute[];
  /** Offsets of the start tag's `<` and just after its `>`. */
  readonly start: number;
  readonly tagEnd: number;
  /** Written as an empty-element tag (`<si/>`). */
  readonly empty: boolean;
  readonly parent: XmlElement | undefined;
}

/** What a scan tells its reader, in document order. */
export interface XmlHandler {
  open?(el: XmlElement): void;
  /** The element ends just before `end` (after its end tag, or its empty tag). */
  close?(el: XmlElement, end: number): void;
  /** Character data in an element: references resolved, CDATA as written, line ends normalised. */
  text?(text: string, parent: XmlElement): void;
}

/** An attribute's value by its local name and namespace ('' for an unprefixed attribute). */
export function attr(el: XmlElement, local: string, ns = ''): string | undefined {
  for (const a of el.attributes) if (a.local === local && a.ns === ns) return a.value;
  return undefined;
}

const ENTITY: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Whether a code point is a Char of XML 1.0 (§2.2). */
export function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 58 ||
    c === 45 ||
    c === 46 ||
    c === 0xb7 ||
    (c >= 0xc0 && c !== 0xd7 && c !== 0xf7 && c !== 0x37e && c < 0xd800) ||
    (c >= 0xdc00 && c <= 0xfffd) ||
    (c >= 0xd800 && c <= 0xdbff)
  );
}

function isNameStart(c: number): boolean {
  return isNameChar(c) && !(c >= 48 && c <= 57) && c !== 45 && c !== 46 && c !== 0xb7;
}

/**
 * The text between `from` and `to` with references resolved and line ends normalised (§2.11); in
 * an attribute value white space characters also become spaces (§3.3.3).
 */
export function decodeText(xml: string, from: number, to: number, inAttribute = false): string {
  let out = '';
  let i = from;
  for (;;) {
    let j = i;
    // Find the next character that needs work: `&`, CR, and in an attribute TAB/LF too.
    for (; j < to; j++) {
      const c = xml.charCodeAt(j);
      if (c === 38 || c === 13 || (inAttribute && (c === 10 || c === 9))) break;
      if (inAttribute && c === 60) throw new XmlSyntaxError('“<” in an attribute value', j);
    }
    if (j > i) out = out.length === 0 && j - i === to - from ? xml.slice(i, j) : out + xml.slice(i, j);
    if (j >= to) return out;
    const c = xml.charCodeAt(j);
    if (c === 13) {
      out += inAttribute ? ' ' : '\n';
      i = xml.charCodeAt(j + 1) === 10 && j + 1 < to ? j + 2 : j + 1;
      continue;
    }
    if (c !== 38) {
      out += ' ';
      i = j + 1;
      continue;
    }
    const semi = xml.indexOf(';', j);
    if (semi < 0 || semi >= to || semi - j > 40) throw new XmlSyntaxError('an “&” that starts no reference', j);
    const body = xml.slice(j + 1, semi);
    if (body.charCodeAt(0) === 35) {
      const hex = body.charCodeAt(1) === 120;
      const digits = body.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits))
        throw new XmlSyntaxError(`a malformed character reference “&${body};”`, j);
      const code = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(code)) throw new XmlSyntaxError(`a reference to a character XML does not allow “&${body};”`, j);
      out += String.fromCodePoint(code);
    } else {
      const e = ENTITY[body];
      if (e === undefined) throw new XmlSyntaxError(`an undeclared entity “&${body};”`, j);
      out += e;
    }
    i = semi + 1;
  }
}

function fail(reason: string, at: number): never {
  throw new XmlSyntaxError(reason, at);
}

/** How a scan reads its text: a whole part, or a fragment of one (a sheet's head, a row). */
export interface ScanOptions {
  /**
   * A fragment: it may end with elements open, hold several top-level elements and text, and uses
   * the prefixes bound where it was cut from (`inScope`).
   */
  readonly fragment?: boolean;
  readonly inScope?: ReadonlyMap<string, string>;
}

/** Scans a part's text, telling `handler` its elements and text. Throws `XmlSyntaxError`. */
export function scanXml(xml: string, handler: XmlHandler, options: ScanOptions = {}): void {
  const n = xml.length;
  let i = xml.charCodeAt(0) === 0xfeff ? 1 : 0;
  const docStart = i;
  const fragment = options.fragment === true;
  const bindings = new Map<string, string[]>([['xml', [XML_NAMESPACE]]]);
  if (options.inScope) for (const [p, ns] of options.inScope) if (p !== 'xml') bindings.set(p, [ns]);
  const declared: (string[] | undefined)[] = [];
  let top: XmlElement | undefined;
  let depth = 0;
  let rootSeen = false;
  const lookup = (prefix: string, at: number): string => {
    const stack = bindings.get(prefix);
    const ns = stack?.[stack.length - 1];
    if (ns === undefined) {
      if (prefix === '') return '';
      fail(`the prefix “${prefix}” is bound to no namespace`, at);
    }
    return ns;
  };
  const nameEnd = (from: number): number => {
    if (!isNameStart(xml.charCodeAt(from))) fail('a malformed name', from);
    let j = from + 1;
    while (j < n && isNameChar(xml.charCodeAt(j))) j++;
    return j;
  };
  const skipSpace = (from: number): number => {
    let j = from;
    while (j < n && isSpace(xml.charCodeAt(j))) j++;
    return j;
  };
  // The next `&` and CR at or after `i`: found once each (the offset only grows), so text with
  // neither is sliced as it is, without looking at its characters one by one.
  let nextAmp = -1;
  let nextCr = -1;
  const plainUntil = (from: number, to: number): boolean => {
    if (nextAmp < from) nextAmp = xml.indexOf('&', from) >>> 0;
    if (nextCr < from) nextCr = xml.indexOf('\r', from) >>> 0;
    return nextAmp >= to && nextCr >= to;
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (top) {
        if (handler.text)
          handler.text(plainUntil(i, textEnd) ? xml.slice(i, textEnd) : decodeText(xml, i, textEnd), top);
        else if (!plainUntil(i, textEnd)) decodeText(xml, i, textEnd);
      } else if (fragment) {
        if (!plainUntil(i, textEnd)) decodeText(xml, i, textEnd);
      } else
        for (let j = i; j < textEnd; j++) if (!isSpace(xml.charCodeAt(j))) fail('text outside the root element', j);
    }
    if (lt < 0) break;
    const c = xml.charCodeAt(lt + 1);
    if (c === 47) {
      // An end tag.
      const e = nameEnd(lt + 2);
      const name = xml.slice(lt + 2, e);
      const gt = skipSpace(e);
      if (xml.charCodeAt(gt) !== 62) fail('a malformed end tag', lt);
      if (!top || top.name !== name) fail(`the end tag </${name}> matches no open element`, lt);
      // (In a fragment an end tag of an element opened before it is refused too: callers cut whole elements.)
      const el: XmlElement = top;
      handler.close?.(el, gt + 1);
      const undo = declared[depth];
      if (undo) {
        for (const p of undo) bindings.get(p)?.pop();
        declared[depth] = undefined;
      }
      depth--;
      top = el.parent;
      i = gt + 1;
      continue;
    }
    if (c === 33) {
      if (xml.startsWith('<!--', lt)) {
        const close = xml.indexOf('--', lt + 4);
        if (close < 0) fail('a comment that does not end', lt);
        if (xml.charCodeAt(close + 2) !== 62) fail('“--” inside a comment', close);
        i = close + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        if (!top && !fragment) fail('a CDATA section outside the root element', lt);
        const close = xml.indexOf(']]>', lt + 9);
        if (close < 0) fail('a CDATA section that does not end', lt);
        const raw = xml.slice(lt + 9, close);
        if (top) handler.text?.(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw, top);
        i = close + 3;
      } else if (xml.startsWith('<!DOCTYPE', lt))
        fail('a document type declaration (DTD), which OPC parts may not have', lt);
      else fail('a malformed markup declaration', lt);
      continue;
    }
    if (c === 63) {
      const e = nameEnd(lt + 2);
      const target = xml.slice(lt + 2, e);
      const close = xml.indexOf('?>', e);
      if (close < 0) fail('a processing instruction that does not end', lt);
      if (close > e && !isSpace(xml.charCodeAt(e))) fail('a malformed processing instruction', lt);
      if (target.toLowerCase() === 'xml' && (lt !== docStart || target !== 'xml'))
        fail('an XML declaration not at the start', lt);
      i = close + 2;
      continue;
    }
    // A start tag.
    if (!top && rootSeen && !fragment) fail('a second root element', lt);
    const e = nameEnd(lt + 1);
    const name = xml.slice(lt + 1, e);
    let j = e;
    const raw: { name: string; value: string; at: number }[] = [];
    let empty = false;
    for (;;) {
      const s = skipSpace(j);
      const ch = xml.charCodeAt(s);
      if (ch === 62) {
        j = s + 1;
        break;
      }
      if (ch === 47) {
        if (xml.charCodeAt(s + 1) !== 62) fail('a malformed empty-element tag', s);
        empty = true;
        j = s + 2;
        break;
      }
      if (s === j) fail(s >= n ? 'a start tag that does not end' : 'a malformed start tag', s);
      const ae = nameEnd(s);
      const an = xml.slice(s, ae);
      let k = skipSpace(ae);
      if (xml.charCodeAt(k) !== 61) fail(`attribute ${an} without a value`, s);
      k = skipSpace(k + 1);
      const q = xml.charCodeAt(k);
      if (q !== 34 && q !== 39) fail(`attribute ${an} without quotes`, k);
      const close = xml.indexOf(q === 34 ? '"' : "'", k + 1);
      if (close < 0) fail('an attribute value that does not end', k);
      raw.push({ name: an, value: decodeText(xml, k + 1, close, true), at: s });
      j = close + 1;
    }
    if (depth + 1 > MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH}`, lt);
    depth++;
    rootSeen = true;
    let undo: string[] | undefined;
    for (const a of raw) {
      const p = a.name === 'xmlns' ? '' : a.name.startsWith('xmlns:') ? a.name.slice(6) : undefined;
      if (p === undefined) continue;
      if (p !== '' && a.value === '') fail(`the prefix “${p}” is bound to an empty namespace`, a.at);
      if (p === 'xmlns' || (p === 'xml') !== (a.value === XML_NAMESPACE))
        fail(`the reserved prefix “${p}” is rebound`, a.at);
      let stack = bindings.get(p);
      if (!stack) bindings.set(p, (stack = []));
      stack.push(a.value);
      (undo ??= []).push(p);
    }
    declared[depth] = undo;
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    const attributes: XmlAttribute[] = [];
    const seen = raw.length > 1 ? new Set<string>() : undefined;
    for (const a of raw) {
      const ac = a.name.indexOf(':');
      const ap = ac < 0 ? '' : a.name.slice(0, ac);
      const local = ac < 0 ? a.name : a.name.slice(ac + 1);
      const ns = ap === 'xmlns' || a.name === 'xmlns' ? XMLNS_NAMESPACE : ap === '' ? '' : lookup(ap, a.at);
      if (seen) {
        const key = `${ns} ${local}`;
        if (seen.has(key)) fail(`attribute ${a.name} given twice`, a.at);
        seen.add(key);
      }
      attributes.push({ name: a.name, ns, local, value: a.value });
    }
    const el: XmlElement = {
      name,
      prefix,
      local: colon < 0 ? name : name.slice(colon + 1),
      ns: lookup(prefix, lt),
      attributes,
      start: lt,
      tagEnd: j,
      empty,
      parent: top,
    };
    handler.open?.(el);
    if (empty) {
      handler.close?.(el, j);
      if (undo) for (const p of undo) bindings.get(p)?.pop();
      declared[depth] = undefined;
      depth--;
    } else top = el;
    i = j;
  }
  if (fragment) return;
  if (top) fail(`the part ends inside <${top.name}>`, n);
  if (!rootSeen) fail('no root element', n);
}
