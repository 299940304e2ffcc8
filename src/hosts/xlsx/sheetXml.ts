/**
 * A worksheet part (ECMA-376 §18.3.1.99 CT_Worksheet) as a stream of text: the head before
 * `<sheetData>`, each `<row>` as it is written, and the tail after `</sheetData>`. Rows are found by
 * a hand tokenizer (indexOf over the inflated text), which is several times faster than a general
 * XML parser and lets a row the add-in does not touch pass through as the very same text.
 *
 * @packageDocumentation
 */
import { isMain } from './partReaders';
import { XmlSyntaxError, attr as elementAttr, scanXml, type XmlElement } from './xmlScanner';
import { TRANSITIONAL } from './cellXml';
import { columnOfRef, unescapeCellText, unescapeOoxml, unescapeXml } from './xmlText';

/** What the splitter hands out, in document order. */
export interface SheetSink {
  /** The text before the `<sheetData>` element, and that element's start tag (or empty tag). */
  head(text: string, sheetDataTag: string, prefix: string, namespaces: ReadonlyMap<string, string>): void;
  /** One `<row>` element, as written. */
  row(text: string): void;
  /** Anything between rows that is not a row (comments, processing instructions, white space). */
  between(text: string): void;
  /** The text after `</sheetData>` (or after an empty `<sheetData/>`), to the end. */
  tail(text: string): void;
}

const TEXT = 0;
const LT = 1;
const BANG = 2;
const NAME = 3;
const TAG = 4;
const UNTIL = 5;

/**
 * Finds, in a sheet's text pushed in chunks, where the `<sheetData>` start tag ends. Each character is
 * looked at once (text is skipped with `indexOf`), so the head costs time linear in its length however
 * it is cut into chunks, and comments, CDATA, processing instructions and attribute values that hold
 * `<sheetData` are not mistaken for it. It counts how deep elements nest (no stack: 2,000,000 nested
 * elements cost nothing), keeps the root's start tag and the sheetData tag (for their namespaces), and
 * notes a DTD. Offsets are in the chunk's characters (latin1 text of bytes works as well as decoded
 * text: every character it looks for is ASCII).
 */
export class SheetDataFinder {
  private state = TEXT;
  private bang = '';
  private name = '';
  private quote = 0;
  private previous = 0;
  private endTag = false;
  /** In UNTIL: the characters that must come before `>` (`--`, `?`, `]]`, or none), and those seen last. */
  private before = '';
  private carry = '';
  /** The text of the tag being read, when it is kept (the root's, or a sheetData's), before this chunk. */
  private tag: string | undefined;
  private tagFrom = 0;
  private depth = 0;
  prefix = '';
  empty = false;
  /** The root element's start tag, the sheetData start tag, and how deep sheetData is (1: the root's child). */
  rootTag = '';
  sheetDataTag = '';
  sheetDataDepth = 0;
  /** Whether the head holds a document type declaration. */
  doctype = false;

  /** The offset in `chunk` just after the sheetData start tag, or -1 when it does not end in it. */
  feed(chunk: string): number {
    const n = chunk.length;
    let i = 0;
    let bodyFrom = 0;
    this.tagFrom = 0;
    while (i < n) {
      switch (this.state) {
        case TEXT: {
          const lt = chunk.indexOf('<', i);
          if (lt < 0) return -1;
          this.state = LT;
          this.tagFrom = lt;
          this.tag = '';
          i = lt + 1;
          break;
        }
        case LT: {
          const c = chunk.charCodeAt(i);
          this.endTag = false;
          if (c === 33) {
            this.state = BANG;
            this.bang = '';
            i++;
          } else if (c === 63) {
            this.until('?');
            i++;
            bodyFrom = i;
          } else if (c === 47) {
            this.until('');
            this.endTag = true;
            i++;
            bodyFrom = i;
          } else {
            this.state = NAME;
            this.name = '';
          }
          break;
        }
        case BANG: {
          this.bang += chunk[i++];
          if (this.bang === '--') this.until('--');
          else if (this.bang === '[CDATA[') this.until(']]');
          else if (!'--'.startsWith(this.bang) && !'[CDATA['.startsWith(this.bang)) {
            if (this.bang === 'D') this.doctype = true;
            this.until('');
          }
          bodyFrom = i;
          break;
        }
        case NAME: {
          let j = i;
          for (; j < n; j++) {
            const c = chunk.charCodeAt(j);
            if (c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13) break;
          }
          if (this.name.length < 256) this.name += chunk.slice(i, Math.min(j, i + 256));
          i = j;
          if (j < n) {
            this.state = TAG;
            this.quote = 0;
            this.previous = 0;
            const colon = this.name.indexOf(':');
            // Only the root's tag and a sheetData tag are kept: the others are only counted.
            if (this.depth !== 0 && this.name.slice(colon + 1) !== 'sheetData') this.tag = undefined;
          }
          break;
        }
        case TAG: {
          if (this.quote !== 0) {
            const close = chunk.indexOf(this.quote === 34 ? '"' : "'", i);
            if (close < 0) {
              this.keep(chunk, n);
              return -1;
            }
            this.quote = 0;
            this.previous = 34;
            i = close + 1;
            break;
          }
          const c = chunk.charCodeAt(i++);
          if (c === 34 || c === 39) this.quote = c;
          else if (c === 62) {
            this.state = TEXT;
            const empty = this.previous === 47;
            const text = this.tag === undefined ? undefined : this.tag + chunk.slice(this.tagFrom, i);
            this.tag = undefined;
            if (this.depth === 0 && text !== undefined) this.rootTag = text;
            if (!empty) this.depth++;
            const colon = this.name.indexOf(':');
            if (this.name.slice(colon + 1) === 'sheetData') {
              this.prefix = this.name.slice(0, colon + 1);
              this.empty = empty;
              this.sheetDataTag = text ?? '';
              this.sheetDataDepth = this.depth - (empty ? 0 : 1);
              return i;
            }
          } else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) this.previous = c;
          break;
        }
        default: {
          // Until `>` preceded by `this.before` (the end of a comment, CDATA section, PI or declaration).
          this.tag = undefined;
          const gt = chunk.indexOf('>', i);
          const k = this.before.length;
          if (gt < 0) {
            this.carry = (this.carry + chunk.slice(bodyFrom)).slice(-k);
            return -1;
          }
          const seen =
            k === 0
              ? ''
              : gt - k >= bodyFrom
                ? chunk.slice(gt - k, gt)
                : (this.carry + chunk.slice(bodyFrom, gt)).slice(-k);
          i = gt + 1;
          if (seen === this.before) {
            this.state = TEXT;
            if (this.endTag) this.depth--;
          }
        }
      }
    }
    this.keep(chunk, n);
    return -1;
  }

  /** Keeps the kept tag's text up to the chunk's end (the tag goes on in the next chunk). */
  private keep(chunk: string, n: number): void {
    if (this.tag !== undefined) this.tag += chunk.slice(this.tagFrom, n);
    this.tagFrom = 0;
  }

  private until(before: string): void {
    this.state = UNTIL;
    this.before = before;
    this.carry = '';
  }
}

/** Why a sheet's rows cannot be read as a worksheet's (a typed error's reason, with where). */
function sheetSyntax(reason: string): XmlSyntaxError {
  return new XmlSyntaxError(reason, 0);
}

/**
 * Checks where a finder found `<sheetData>`: the root's child, both in SpreadsheetML's namespace, no
 * DTD before it; gives the prefixes in scope at `<sheetData>` (for reading rows written in another
 * spelling). The rest of the head is not read: it is passed through as it is.
 */
export function checkHead(finder: SheetDataFinder): Map<string, string> {
  if (finder.doctype) throw sheetSyntax('a document type declaration (DTD), which OPC parts may not have');
  if (finder.sheetDataDepth !== 1) throw sheetSyntax('a sheetData element that is not the worksheet’s');
  let last: XmlElement | undefined;
  scanXml(`${finder.rootTag}${finder.sheetDataTag}`, { open: (el) => (last = el) }, { fragment: true });
  if (
    !last ||
    last.local !== 'sheetData' ||
    !isMain(last.ns) ||
    !last.parent ||
    last.parent.local !== 'worksheet' ||
    !isMain(last.parent.ns)
  )
    throw sheetSyntax('a sheetData element that is not the worksheet’s');
  const scope = new Map<string, string>();
  for (let el: XmlElement | undefined = last; el; el = el.parent)
    for (const a of el.attributes) {
      const p = a.name === 'xmlns' ? '' : a.name.startsWith('xmlns:') ? a.name.slice(6) : undefined;
      if (p !== undefined && !scope.has(p)) scope.set(p, a.value);
    }
  return scope;
}

/**
 * Whether `text` has, at `at`, an end tag `</name>` (`close` is `</name`; white space allowed before
 * `>`): where it ends; -1 when it is not one, -2 when the text ends first.
 */
export function endTagAt(text: string, at: number, close: string): number {
  let j = at + close.length;
  let c = text.charCodeAt(j);
  while (c === 32 || c === 9 || c === 10 || c === 13) c = text.charCodeAt(++j);
  return c === 62 ? j + 1 : j >= text.length ? -2 : -1;
}

/** The end of the first `</name>` (any white space before `>`) at or after `from`, or -1. */
export function findEndTag(text: string, close: string, from: number): number {
  for (let at = text.indexOf(close, from); at >= 0; at = text.indexOf(close, at + 1)) {
    const end = endTagAt(text, at, close);
    if (end >= 0) return end;
    if (end === -2) return -1;
  }
  return -1;
}

/**
 * Splits a sheet part's text, pushed in chunks, into head, rows and tail. Linear in the text however
 * it is cut: the head is found by `SheetDataFinder`, and a row (or comment) longer than a chunk is
 * gathered in pieces, each piece searched once for its end.
 */
export class SheetSplitter {
  private buf = '';
  private phase: 'head' | 'rows' | 'tail' = 'head';
  private readonly finder = new SheetDataFinder();
  private headParts: string[] = [];
  private prefix = '';
  private rowOpen = '<row';
  private rowClose = '</row';
  private dataClose = '</sheetData';
  /** A row or comment not yet ended: its pieces, and what ends it. */
  private pending: string[] = [];
  private pendingNeed: 'gt' | 'row' | 'comment' | 'pi' | 'cdata' = 'gt';
  private tailParts: string[] = [];

  /** `keepHead`: whether the sink is given the head's text (else an empty string: a reader needs none). */
  constructor(
    private readonly sink: SheetSink,
    private readonly keepHead = true,
  ) {}

  push(chunk: string): void {
    if (this.phase === 'head') {
      const at = this.finder.feed(chunk);
      if (at < 0) {
        if (this.keepHead) this.headParts.push(chunk);
        return;
      }
      const namespaces = checkHead(this.finder);
      let head = '';
      if (this.keepHead) {
        this.headParts.push(chunk.slice(0, at));
        const all = this.headParts.join('');
        head = all.slice(0, all.length - this.finder.sheetDataTag.length);
      }
      this.headParts = [];
      this.prefix = this.finder.prefix;
      this.rowOpen = `<${this.prefix}row`;
      this.rowClose = `</${this.prefix}row`;
      this.dataClose = `</${this.prefix}sheetData`;
      this.sink.head(head, this.finder.sheetDataTag, this.prefix, namespaces);
      this.phase = this.finder.empty ? 'tail' : 'rows';
      chunk = chunk.slice(at);
    }
    if (this.phase === 'rows') {
      if (this.pending.length > 0) {
        if (!this.pendingEnds(chunk)) {
          this.pending.push(chunk);
          return;
        }
        this.pending.push(chunk);
        chunk = this.pending.join('');
        this.pending = [];
      }
      this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
      this.findRows();
    }
    if (this.phase === 'tail') {
      if (this.buf.length > 0) {
        this.tailParts.push(this.buf);
        this.buf = '';
      } else this.tailParts.push(chunk);
    }
  }

  /** Whether `chunk` holds the end of what is pending (searched in it and the few characters before it). */
  private pendingEnds(chunk: string): boolean {
    const last = this.pending[this.pending.length - 1] as string;
    const overlap = this.pendingNeed === 'gt' ? 1 : this.rowClose.length + 2;
    const text = last.slice(-overlap) + chunk;
    switch (this.pendingNeed) {
      case 'gt':
        return text.indexOf('>', 1) >= 0;
      case 'comment':
        return text.indexOf('-->') >= 0;
      case 'pi':
        return text.indexOf('?>') >= 0;
      case 'cdata':
        return text.indexOf(']]>') >= 0;
      default:
        return text.indexOf(this.rowClose) >= 0;
    }
  }

  /** Ends the text; throws if the part ended inside `<sheetData>` (a truncated or malformed sheet). */
  end(): void {
    if (this.phase === 'head') throw sheetSyntax('a worksheet without sheetData');
    if (this.phase === 'rows') throw sheetSyntax('a worksheet that ends inside sheetData');
    this.sink.tail(this.tailParts.join(''));
    this.tailParts = [];
  }

  private wait(from: number, need: SheetSplitter['pendingNeed']): void {
    this.pending = [this.buf.slice(from)];
    this.pendingNeed = need;
    this.buf = '';
  }

  private findRows(): void {
    const buf = this.buf;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) break;
      if (lt > pos) this.sink.between(buf.slice(pos, lt));
      pos = lt;
      if (buf.startsWith(this.rowOpen, lt)) {
        const after = buf.charCodeAt(lt + this.rowOpen.length);
        if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
          if (Number.isNaN(after)) break; // need more text
          throw sheetSyntax('an element in sheetData that is not a row');
        }
        const gt = buf.indexOf('>', lt);
        if (gt < 0) return this.wait(lt, 'gt');
        let end: number;
        if (buf.charCodeAt(gt - 1) === 47) end = gt + 1;
        else {
          end = findEndTag(buf, this.rowClose, gt);
          if (end < 0) return this.wait(lt, 'row');
        }
        this.sink.row(buf.slice(lt, end));
        pos = end;
      } else if (buf.startsWith(this.dataClose, lt)) {
        const end = endTagAt(buf, lt, this.dataClose);
        if (end === -2) break;
        if (end < 0) throw sheetSyntax('a malformed end of sheetData');
        this.phase = 'tail';
        this.buf = buf.slice(end);
        return;
      } else if (buf.startsWith('<!--', lt)) {
        const close = buf.indexOf('-->', lt);
        if (close < 0) return this.wait(lt, 'comment');
        this.sink.between(buf.slice(lt, close + 3));
        pos = close + 3;
      } else if (buf.startsWith('<?', lt)) {
        const close = buf.indexOf('?>', lt);
        if (close < 0) return this.wait(lt, 'pi');
        this.sink.between(buf.slice(lt, close + 2));
        pos = close + 2;
      } else if (buf.startsWith('<![CDATA[', lt)) {
        // Character data between rows (white space written as a CDATA section) is passed on as it is.
        const close = buf.indexOf(']]>', lt);
        if (close < 0) return this.wait(lt, 'cdata');
        this.sink.between(buf.slice(lt, close + 3));
        pos = close + 3;
      } else if (buf.length - lt < this.dataClose.length + 1) {
        break; // need more text to tell
      } else {
        throw sheetSyntax('an element in sheetData that is not a row');
      }
    }
    this.buf = pos === 0 ? buf : buf.slice(pos);
  }
}

/** The row number of a `<row>` element, or undefined when it has no `r` (the previous row's + 1). */
export function rowNumber(rowText: string): number | undefined {
  const gt = rowText.indexOf('>');
  const at = rowText.indexOf(' r="');
  if (at >= 0 && at < gt && rowText.lastIndexOf("'", gt) < 0) {
    // Digits and the closing quote: anything else (a reference, `r="2&#55;"`) is read by the general path.
    const close = rowText.indexOf('"', at + 4);
    const digits = rowText.slice(at + 4, close);
    if (/^\d+$/.test(digits)) return Number(digits);
  }
  const r = startTagAttribute(rowText.slice(0, gt), 'r');
  if (r === undefined) return undefined;
  const n = Number(r.trim());
  if (!Number.isInteger(n) || n < 1) throw sheetSyntax(`a row numbered “${r}”`);
  return n;
}

/** An unprefixed attribute of a start tag's text (its attributes read in order, so quotes are honoured). */
export function startTagAttribute(tag: string, name: string): string | undefined {
  const re = /([^\s=<>/"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const start = tag.search(/\s/);
  if (start < 0) return undefined;
  re.lastIndex = start;
  for (let m = re.exec(tag); m; m = re.exec(tag)) if (m[1] === name) return unescapeXml(m[2] ?? m[3] ?? '');
  return undefined;
}

/**
 * The column of a cell start tag's `r` attribute (`<c r="B5" …`), or undefined when it has none. The
 * common spelling is found without a pattern; single quotes and spaces around `=` (legal XML, written
 * by some programs) by a pattern.
 */
export function columnOfCellTag(tag: string): number | undefined {
  const r = tag.indexOf(' r="');
  if (r >= 0 && tag.charCodeAt(r + 4) !== 38) {
    const c = columnOfRef(tag.slice(r + 4));
    if (c > 0) return c;
  }
  if (tag.includes('&')) {
    const v = startTagAttribute(tag, 'r');
    const c = v === undefined ? 0 : columnOfRef(v);
    return c > 0 ? c : undefined;
  }
  const m = /\sr\s*=\s*["']([A-Za-z]+)/.exec(tag);
  return m ? columnOfRef(m[1] as string) : undefined;
}

/** One cell of a row: its column and where its text is in the row. */
export interface CellSpan {
  readonly column: number;
  readonly start: number;
  readonly end: number;
}

/**
 * The cells of a row's text in order. A cell without `r` follows the previous one. `<c` is told
 * from `<charset` (inside rich-text run properties) by the character after it. Given the prefixes in
 * scope (`namespaces`), the row is read with the XML scanner instead: for a row not `isPlainRow`.
 */
export function cellSpans(rowText: string, prefix: string, namespaces?: ReadonlyMap<string, string>): CellSpan[] {
  if (namespaces) return scanRow(rowText, namespaces);
  const open = `<${prefix}c`;
  const close = `</${prefix}c>`;
  const out: CellSpan[] = [];
  let column = 0;
  let at = nextCell(rowText, open, rowText.indexOf('>') + 1);
  while (at >= 0) {
    const gt = rowText.indexOf('>', at);
    const tag = rowText.slice(at, gt);
    column = columnOfCellTag(tag) ?? column + 1;
    const closeAt = rowText.charCodeAt(gt - 1) === 47 ? gt : rowText.indexOf(close, gt);
    const end = closeAt === gt ? gt + 1 : closeAt + close.length;
    // The next cell starts after this one ends, or the row is not well-formed (a cell never closed).
    const next = nextCell(rowText, open, gt);
    if (closeAt < 0 || (next >= 0 && next < end)) throw sheetSyntax('a cell that does not end');
    out.push({ column, start: at, end });
    at = next;
  }
  return out;
}

/** Where the next `<c` start tag (not `<charset`) is at or after `from`, or -1. */
function nextCell(rowText: string, open: string, from: number): number {
  let at = rowText.indexOf(open, from);
  while (at >= 0) {
    const ch = rowText.charCodeAt(at + open.length);
    if (ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13) return at;
    at = rowText.indexOf(open, at + 1);
  }
  return -1;
}

/** Characters and pairs that the fast readers of rows do not expect (they are legal XML all the same). */
const NOT_PLAIN = /<[!?]|&#|['\t\n\r]| [>=]|= /;

/**
 * Whether a row is written the way Excel and most programs write rows, which the fast readers here
 * assume: no comments, CDATA or processing instructions, no character references, attributes in
 * double quotes with single spaces, no white space before `>` or around `=`. Any other row (valid
 * XML all the same) is read with the XML scanner: `cellSpans` and `cellValue` given its prefixes.
 */
export function isPlainRow(rowText: string): boolean {
  return !NOT_PLAIN.test(rowText);
}

/** A cell as the scanner reads it. */
interface ScannedCell extends CellSpan {
  readonly type: string | undefined;
  readonly style: string | undefined;
  /** The text of `<v>`, or undefined without one. */
  readonly value: string | undefined;
  /** The text of `<is>` (its runs, phonetic guides left out), or undefined without one. */
  readonly inline: string | undefined;
  readonly formula: boolean;
}

/**
 * The cells of a row (or of one cell's text) read with the XML scanner, the prefixes in scope given.
 * The text must be exactly one element: a row or cell whose end was mistaken (an end tag inside a
 * CDATA section or comment) is refused, never read as other cells.
 */
function scanCells(text: string, namespaces: ReadonlyMap<string, string>, rowLevel: boolean): ScannedCell[] {
  const out: ScannedCell[] = [];
  let root: XmlElement | undefined;
  let rootEnd = -1;
  let cell: { el: XmlElement; value: string[] | undefined; inline: string[] | undefined; formula: boolean } | undefined;
  let inV = false;
  let inT = false;
  let phonetic = 0;
  let column = 0;
  scanXml(
    text,
    {
      open(el) {
        if (!root) {
          root = el;
          if (!isMain(el.ns) || el.local !== (rowLevel ? 'row' : 'c')) throw sheetSyntax('a row that is not one');
        }
        if (!isMain(el.ns)) return;
        if (el.local === 'c' && (rowLevel ? el.parent === root : el === root))
          cell = { el, value: undefined, inline: undefined, formula: false };
        else if (!cell) return;
        else if (el.local === 'v' && el.parent === cell.el) {
          cell.value ??= [];
          inV = true;
        } else if (el.local === 'f' && el.parent === cell.el) cell.formula = true;
        else if (el.local === 'is' && el.parent === cell.el) cell.inline ??= [];
        else if (el.local === 'rPh') phonetic++;
        else if (el.local === 't' && cell.inline && phonetic === 0) inT = true;
      },
      close(el, end) {
        if (el === root) rootEnd = end;
        if (!cell || !isMain(el.ns)) return;
        if (el === cell.el) {
          const r = elementAttr(el, 'r');
          const c = r === undefined ? 0 : columnOfRef(r);
          column = c > 0 ? c : column + 1;
          out.push({
            column,
            start: el.start,
            end,
            type: elementAttr(el, 't'),
            style: elementAttr(el, 's'),
            value: cell.value?.join(''),
            inline: cell.inline?.join(''),
            formula: cell.formula,
          });
          cell = undefined;
        } else if (el.local === 'v') inV = false;
        else if (el.local === 'rPh') phonetic--;
        else if (el.local === 't') inT = false;
      },
      text(t) {
        if (inV) cell?.value?.push(t);
        else if (inT) cell?.inline?.push(t);
      },
    },
    { fragment: true, inScope: namespaces },
  );
  if (rootEnd !== text.length) throw sheetSyntax('a row whose end tag is not where its text ends');
  return out;
}

function scanRow(rowText: string, namespaces: ReadonlyMap<string, string>): CellSpan[] {
  return scanCells(rowText, namespaces, true);
}

/** Whether a cell's text holds data: a value, an inline string or a formula (a styled blank does not). */
export function cellHoldsData(cellText: string, prefix: string, namespaces?: ReadonlyMap<string, string>): boolean {
  if (namespaces) {
    const c = scanCells(cellText, namespaces, false)[0];
    return c !== undefined && (c.formula || c.inline !== undefined || (c.value !== undefined && c.value.length > 0));
  }
  if (cellText.endsWith('/>') && cellText.indexOf('>') === cellText.length - 1) return false;
  const v = cellText.indexOf(`<${prefix}v>`);
  if (v >= 0 && cellText.charCodeAt(v + prefix.length + 3) !== 60) return true;
  // `<f>`/`<f ` exactly: rich-text run properties of an inline string hold `<family>`.
  return cellText.includes(`<${prefix}is`) || cellText.includes(`<${prefix}f>`) || cellText.includes(`<${prefix}f `);
}

/** How the values of cells are read: the shared strings, and which styles are dates. */
export interface CellContext {
  readonly sharedStrings: readonly string[];
  readonly dateStyles: ReadonlySet<number>;
  readonly date1904: boolean;
  readonly prefix: string;
  /** The prefixes in scope at `<sheetData>`; given, cells are read with the XML scanner (rows not `isPlainRow`). */
  readonly namespaces?: ReadonlyMap<string, string>;
}

const patterns = new Map<string, { phonetic: RegExp; run: RegExp }>();

function itemPatterns(prefix: string): { phonetic: RegExp; run: RegExp } {
  let p = patterns.get(prefix);
  if (!p) {
    p = {
      phonetic: new RegExp(`<${prefix}rPh[\\s>][\\s\\S]*?</${prefix}rPh>`, 'g'),
      run: new RegExp(`<${prefix}t(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${prefix}t>)`, 'g'),
    };
    patterns.set(prefix, p);
  }
  return p;
}

/** The text of a string item (`<si>` or `<is>`): its `<t>` runs, without phonetic `<rPh>` guides. */
export function stringItemText(xml: string, prefix: string): string {
  // The usual item is one plain run, `<t>text</t>` (inside `<is>` for an inline string).
  const open = xml.startsWith(`<${prefix}is>`) ? prefix.length + 4 : 0;
  if (xml.startsWith(`<${prefix}t>`, open)) {
    const from = open + prefix.length + 3;
    const close = xml.indexOf('<', from);
    if (
      xml.startsWith(`</${prefix}t>`, close) &&
      xml.indexOf('<', close + prefix.length + 4) === (open > 0 ? close + prefix.length + 4 : -1)
    )
      return unescapeCellText(xml.slice(from, close));
  }
  const { phonetic, run } = itemPatterns(prefix);
  const noPhonetic = xml.includes(`<${prefix}rPh`) ? xml.replace(phonetic, '') : xml;
  const re = run;
  re.lastIndex = 0;
  let out = '';
  for (let m = re.exec(noPhonetic); m; m = re.exec(noPhonetic)) out += m[1] ?? '';
  return unescapeCellText(out);
}

const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** A serial date as a JavaScript Date at its UTC calendar day and time (as ExcelJS hands dates over). */
export function dateOfSerial(serial: number, date1904: boolean): Date {
  return new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + Math.round(serial * 86_400_000));
}

/** The serial number of a Date (its UTC day and time). */
export function serialOfDate(d: Date, date1904: boolean): number {
  return (d.getTime() - (date1904 ? EPOCH_1904 : EPOCH_1900)) / 86_400_000;
}

function attr(tag: string, name: string): string | undefined {
  const at = tag.indexOf(` ${name}="`);
  if (at < 0) return undefined;
  const from = at + name.length + 3;
  return tag.slice(from, tag.indexOf('"', from));
}

/**
 * A cell's value as the workflow reads it: a number, text (shared or inline, rich runs joined,
 * phonetic guides left out), a boolean, a Date (`t="d"`, or a number in a date format), an error as
 * its code (`#N/A`), a formula's cached result; a formula with no cached result, and a blank, are null.
 */
export function cellValue(cellText: string, ctx: CellContext): string | number | boolean | Date | null {
  if (ctx.namespaces) {
    const c = scanCells(cellText, ctx.namespaces, false)[0];
    if (!c) return null;
    if (c.type === 'inlineStr') return c.inline === undefined ? null : unescapeOoxml(c.inline);
    return c.value === undefined ? null : valueOf(c.type, c.style, c.value, true, ctx);
  }
  const gt = cellText.indexOf('>');
  const tag = cellText.slice(0, gt);
  if (cellText.charCodeAt(gt - 1) === 47) return null;
  const p = ctx.prefix;
  const t = attr(tag, 't');
  if (t === 'inlineStr') {
    const is = cellText.indexOf(`<${p}is`);
    return is < 0 ? null : stringItemText(cellText.slice(is), p);
  }
  const vOpen = cellText.indexOf(`<${p}v>`, gt);
  if (vOpen < 0) {
    // `<v xml:space="preserve">`: any other spelling of the value is read with the scanner.
    return cellText.includes(`<${p}v `) ? cellValue(cellText, { ...ctx, namespaces: scopeOf(ctx) }) : null;
  }
  const vClose = cellText.indexOf(`</${p}v>`, vOpen);
  return valueOf(t, attr(tag, 's'), cellText.slice(vOpen + p.length + 3, vClose), false, ctx);
}

/** The prefixes in scope for a context without them: its prefix bound to SpreadsheetML's namespace. */
function scopeOf(ctx: CellContext): ReadonlyMap<string, string> {
  return ctx.namespaces ?? new Map([[ctx.prefix.slice(0, -1), TRANSITIONAL.main]]);
}

/** A cell's value from its type, style and `<v>` text (`decoded`: references already resolved). */
function valueOf(
  t: string | undefined,
  s: string | undefined,
  raw: string,
  decoded: boolean,
  ctx: CellContext,
): string | number | boolean | Date | null {
  switch (t) {
    case 's':
      return ctx.sharedStrings[parseInt(raw, 10)] ?? null;
    case 'str':
      return decoded ? unescapeOoxml(raw) : unescapeCellText(raw);
    case 'b':
      return raw.trim() === '1' || raw.trim() === 'true';
    case 'e':
      return decoded ? raw : unescapeXml(raw);
    case 'd': {
      const iso = raw.trim();
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
      return Number.isNaN(d.getTime()) ? (decoded ? raw : unescapeXml(raw)) : d;
    }
    default: {
      if (raw.length === 0) return null;
      const n = Number(raw);
      if (!Number.isFinite(n)) return decoded ? raw : unescapeXml(raw);
      if (s !== undefined && ctx.dateStyles.has(parseInt(s, 10))) return dateOfSerial(n, ctx.date1904);
      return n;
    }
  }
}
