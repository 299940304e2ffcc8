/*
 * Re-spells an XML part in another way XML 1.0 with namespaces allows, its meaning kept: attribute
 * order and quotes, white space inside tags and between elements, empty elements as `<x/>`, `<x />`
 * or `<x></x>`, characters as decimal or hexadecimal references, text as CDATA sections, comments and
 * processing instructions between elements, the part's main namespace under another prefix (or none),
 * with or without the XML declaration. The part is read with @xmldom/xmldom (a parser nobody here
 * wrote), so a misreading by the host's own scanner cannot hide in the mutation.
 */
import { DOMParser } from '@xmldom/xmldom';

/** A seeded source of choices (mulberry32). */
export class Choices {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly nodeValue: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly namespaceURI?: string | null;
  readonly localName?: string | null;
  readonly prefix?: string | null;
  readonly attributes?: ArrayLike<{
    readonly name: string;
    readonly value: string;
    readonly namespaceURI: string | null;
    readonly localName: string;
    readonly prefix: string | null;
  }>;
  readonly target?: string;
  readonly data?: string;
}

const SPACE = [' ', '  ', '\n', '\t', ' \n  ', '\r\n'];

/** A character as a reference, decimal or hexadecimal. */
function reference(c: string, ch: Choices): string {
  const code = c.codePointAt(0) as number;
  return ch.chance(0.5) ? `&#${code};` : `&#x${code.toString(16)};`;
}

/** Text escaped for content, some characters as references. */
function textOut(t: string, ch: Choices, refs: number): string {
  let out = '';
  for (const c of t) {
    if (c === '&') out += ch.chance(refs) ? reference(c, ch) : '&amp;';
    else if (c === '<') out += ch.chance(refs) ? reference(c, ch) : '&lt;';
    else if (c === '>') out += ch.chance(refs) ? reference(c, ch) : '&gt;';
    else if (c === '\r') out += reference(c, ch);
    else out += ch.chance(refs) ? reference(c, ch) : c;
  }
  return out;
}

/** An attribute value in `quote`, escaped (white space other than spaces as references: §3.3.3). */
function attrOut(v: string, quote: string, ch: Choices, refs: number): string {
  let out = '';
  for (const c of v) {
    if (c === '&') out += '&amp;';
    else if (c === '<') out += '&lt;';
    else if (c === quote) out += quote === '"' ? '&quot;' : '&apos;';
    else if (c === '\t' || c === '\n' || c === '\r') out += reference(c, ch);
    else out += ch.chance(refs) ? reference(c, ch) : c;
  }
  return out;
}

/** Text as content: plain, or in CDATA sections (split at random), or both. */
function textNode(t: string, ch: Choices, refs: number): string {
  if (t.length === 0 || t.includes(']]>') || t.includes('\r') || !ch.chance(0.3)) return textOut(t, ch, refs);
  // Cut between code points, never inside a surrogate pair.
  const points = Array.from(t);
  const cut = Math.floor(ch.next() * (points.length + 1));
  const head = points.slice(0, cut).join('');
  const tail = points.slice(cut).join('');
  return `${ch.chance(0.5) ? textOut(head, ch, refs) : head ? `<![CDATA[${head}]]>` : ''}<![CDATA[${tail}]]>`;
}

/** Whether an element holds elements and only white space between them (so white space and comments may be added). */
function elementOnly(el: DomNode): boolean {
  let elements = 0;
  for (const c of Array.from(el.childNodes)) {
    if (c.nodeType === 1) elements++;
    else if ((c.nodeType === 3 || c.nodeType === 4) && (c.nodeValue ?? '').trim() !== '') return false;
  }
  return elements > 0;
}

/**
 * The part's text spelled another way, its meaning kept; `undefined` when the part is not XML the
 * re-speller reads (the caller keeps it as it is).
 */
export function respell(xml: string, ch: Choices, options: { readonly between?: boolean } = {}): string | undefined {
  let doc: { documentElement: DomNode | null; childNodes: ArrayLike<DomNode> };
  try {
    doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'text/xml') as unknown as typeof doc;
  } catch {
    return undefined;
  }
  const root = doc.documentElement;
  if (!root?.namespaceURI) return undefined;
  const refs = ch.pick([0, 0, 0.05, 0.3]);
  // Comments and PIs between elements: openpyxl reads most parts by iterating children, which trips on them.
  const extras = options.between === false ? 0 : ch.pick([0, 0.1, 0.4]);
  const tagSpace = ch.pick([0, 0.3, 1]);
  // The root's namespace under a new prefix, none, or as it was.
  const mainNs = root.namespaceURI;
  const rootHasDefault = Array.from(root.attributes ?? []).some((a) => a.name === 'xmlns' && a.value !== mainNs);
  const mode = ch.pick(['keep', 'prefix', rootHasDefault ? 'keep' : 'default']);
  const newPrefix = ch.pick(['q', 'x', 'ns0', 'main']);
  const prefixOf = (ns: string | null | undefined, prefix: string | null | undefined): string => {
    if (ns === mainNs && mode === 'prefix') return `${newPrefix}:`;
    if (ns === mainNs && mode === 'default') return '';
    return prefix ? `${prefix}:` : '';
  };
  const space = (): string => (ch.chance(tagSpace) ? ch.pick(SPACE) : '');
  const between = (): string => {
    if (!ch.chance(extras)) return '';
    return ch.pick([ch.pick(SPACE), '<!-- qd fuzz -->', '<?qd-fuzz data?>', ' <!---->\n']);
  };
  const element = (el: DomNode, isRoot: boolean): string => {
    const name = `${prefixOf(el.namespaceURI, el.prefix)}${el.localName ?? el.nodeName}`;
    const attrs: string[] = [];
    for (const a of Array.from(el.attributes ?? [])) {
      // Declarations are rewritten on the root for the main namespace; others kept where they are.
      if (mode !== 'keep' && (a.name === 'xmlns' || a.name === `xmlns:${newPrefix}`) && a.value === mainNs) continue;
      const aname =
        a.namespaceURI && a.namespaceURI === mainNs && a.prefix
          ? `${prefixOf(a.namespaceURI, a.prefix)}${a.localName}`
          : a.name;
      const quote = ch.chance(0.3) ? "'" : '"';
      attrs.push(`${aname}${space()}=${space()}${quote}${attrOut(a.value, quote, ch, refs)}${quote}`);
    }
    if (isRoot && mode === 'prefix') attrs.push(`xmlns:${newPrefix}="${mainNs}"`);
    if (isRoot && mode === 'default') attrs.push(`xmlns="${mainNs}"`);
    for (let i = attrs.length - 1; i > 0; i--) {
      const j = Math.floor(ch.next() * (i + 1));
      [attrs[i], attrs[j]] = [attrs[j] as string, attrs[i] as string];
    }
    const head = `<${name}${attrs.map((a) => `${ch.chance(tagSpace) ? ch.pick(SPACE) : ' '}${a}`).join('')}${space()}`;
    const kids = Array.from(el.childNodes);
    if (kids.length === 0 || kids.every((k) => (k.nodeType === 3 || k.nodeType === 4) && (k.nodeValue ?? '') === ''))
      return ch.pick([`${head}/>`, `${head}></${name}${space()}>`, `${head}/>`]);
    const free = elementOnly(el);
    let body = '';
    for (const k of kids) {
      if (free) body += between();
      body += node(k);
    }
    if (free) body += between();
    return `${head}>${body}</${name}${space()}>`;
  };
  const node = (k: DomNode): string => {
    switch (k.nodeType) {
      case 1:
        return element(k, false);
      case 3:
      case 4:
        return textNode(k.nodeValue ?? '', ch, refs);
      case 7:
        return `<?${k.target ?? k.nodeName}${k.data ? ` ${k.data}` : ''}?>`;
      case 8:
        return `<!--${k.nodeValue ?? ''}-->`;
      default:
        return '';
    }
  };
  const decl = ch.pick([
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    "<?xml version='1.0' encoding='utf-8'?>",
    '',
    '<?xml version="1.0"  standalone = "yes" ?>\r\n',
  ]);
  let out = decl;
  for (const k of Array.from(doc.childNodes)) {
    if (k.nodeType === 1) out += element(k, true);
    else if (k.nodeType === 8) out += `<!--${k.nodeValue ?? ''}-->`;
    else if (k.nodeType === 7 && (k.target ?? k.nodeName).toLowerCase() !== 'xml') out += node(k);
    if (ch.chance(extras)) out += ch.pick(['\n', '<!-- after -->', '<?qd-fuzz?>']);
  }
  return out;
}
