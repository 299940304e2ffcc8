// The cells of a row's text: their spans and columns, whether a row is plain and a cell holds data.
import { isMain } from './partReaders';
import { attr as elementAttr, scanXml, type XmlElement } from './xmlScanner';
import { columnOfRef, unescapeXml } from './xmlText';
import { sheetSyntax } from './sheetDataFinder';

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
export function scanCells(text: string, namespaces: ReadonlyMap<string, string>, rowLevel: boolean): ScannedCell[] {
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
