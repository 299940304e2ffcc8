// Finds a worksheet's <sheetData> in a stream of its text, and the end tags and syntax errors of its rows.
import { isMain } from './partReaders';
import { XmlSyntaxError, scanXml, type XmlElement } from './xmlScanner';

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
export function sheetSyntax(reason: string): XmlSyntaxError {
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
