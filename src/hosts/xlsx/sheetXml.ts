/**
 * A worksheet part (ECMA-376 §18.3.1.99 CT_Worksheet) as a stream of text: the head before
 * `<sheetData>`, each `<row>` as it is written, and the tail after `</sheetData>`. Rows are found by
 * a hand tokenizer (indexOf over the inflated text), which is several times faster than a general
 * XML parser and lets a row the add-in does not touch pass through as the very same text.
 *
 * @packageDocumentation
 */
import { columnOfRef, unescapeCellText, unescapeXml } from './xmlText';

/** What the splitter hands out, in document order. */
export interface SheetSink {
  /** The text before the `<sheetData>` element, and that element's start tag (or empty tag). */
  head(text: string, sheetDataTag: string, prefix: string): void;
  /** One `<row>` element, as written. */
  row(text: string): void;
  /** Anything between rows that is not a row (comments, whitespace). */
  between(text: string): void;
  /** The text after `</sheetData>` (or after an empty `<sheetData/>`), to the end. */
  tail(text: string): void;
}

/** Splits a sheet part's text, pushed in chunks, into head, rows and tail. */
export class SheetSplitter {
  private buf = '';
  private phase: 'head' | 'rows' | 'tail' = 'head';
  private prefix = '';
  private rowOpen = '<row';
  private rowClose = '</row>';
  private dataClose = '</sheetData>';

  constructor(private readonly sink: SheetSink) {}

  push(chunk: string): void {
    this.buf = this.buf.length === 0 ? chunk : this.buf + chunk;
    if (this.phase === 'head') this.findHead();
    if (this.phase === 'rows') this.findRows();
  }

  /** Ends the text; throws if the part ended inside `<sheetData>` (a truncated or malformed sheet). */
  end(): void {
    if (this.phase === 'head') throw new Error('worksheet without sheetData');
    if (this.phase === 'rows') throw new Error('worksheet ends inside sheetData');
    this.sink.tail(this.buf);
    this.buf = '';
  }

  private findHead(): void {
    const m = /<([A-Za-z_][\w.-]*:)?sheetData(?:\s[^>]*)?\/?>/.exec(this.buf);
    if (!m) return;
    this.prefix = m[1] ?? '';
    this.rowOpen = `<${this.prefix}row`;
    this.rowClose = `</${this.prefix}row>`;
    this.dataClose = `</${this.prefix}sheetData>`;
    this.sink.head(this.buf.slice(0, m.index), m[0], this.prefix);
    this.buf = this.buf.slice(m.index + m[0].length);
    if (m[0].endsWith('/>')) {
      this.phase = 'tail';
      return;
    }
    this.phase = 'rows';
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
          throw new Error('unexpected element in sheetData');
        }
        const gt = buf.indexOf('>', lt);
        if (gt < 0) break;
        let end: number;
        if (buf.charCodeAt(gt - 1) === 47) end = gt + 1;
        else {
          const close = buf.indexOf(this.rowClose, gt);
          if (close < 0) break;
          end = close + this.rowClose.length;
        }
        this.sink.row(buf.slice(lt, end));
        pos = end;
      } else if (buf.startsWith(this.dataClose, lt)) {
        this.phase = 'tail';
        this.buf = buf.slice(lt + this.dataClose.length);
        return;
      } else if (buf.startsWith('<!--', lt)) {
        const close = buf.indexOf('-->', lt);
        if (close < 0) break;
        this.sink.between(buf.slice(lt, close + 3));
        pos = close + 3;
      } else if (buf.length - lt < this.dataClose.length + 1) {
        break; // need more text to tell
      } else {
        throw new Error('unexpected element in sheetData');
      }
    }
    this.buf = pos === 0 ? buf : buf.slice(pos);
  }
}

/** The row number of a `<row>` element, or undefined when it has no `r` (the previous row's + 1). */
export function rowNumber(rowText: string): number | undefined {
  const gt = rowText.indexOf('>');
  const at = rowText.indexOf(' r="');
  if (at < 0 || at > gt) {
    const m = /\sr\s*=\s*["'](\d+)["']/.exec(rowText.slice(0, gt));
    return m ? Number(m[1]) : undefined;
  }
  return parseInt(rowText.slice(at + 4, rowText.indexOf('"', at + 4)), 10);
}

/**
 * The column of a cell start tag's `r` attribute (`<c r="B5" …`), or undefined when it has none. The
 * common spelling is found without a pattern; single quotes and spaces around `=` (legal XML, written
 * by some programs) by a pattern.
 */
export function columnOfCellTag(tag: string): number | undefined {
  const r = tag.indexOf(' r="');
  if (r >= 0) return columnOfRef(tag.slice(r + 4));
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
 * from `<charset` (inside rich-text run properties) by the character after it.
 */
export function cellSpans(rowText: string, prefix: string): CellSpan[] {
  const open = `<${prefix}c`;
  const close = `</${prefix}c>`;
  const out: CellSpan[] = [];
  let pos = rowText.indexOf('>') + 1;
  let column = 0;
  for (;;) {
    let at = rowText.indexOf(open, pos);
    while (at >= 0) {
      const ch = rowText.charCodeAt(at + open.length);
      if (ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13) break;
      at = rowText.indexOf(open, at + 1);
    }
    if (at < 0) return out;
    const gt = rowText.indexOf('>', at);
    const tag = rowText.slice(at, gt);
    column = columnOfCellTag(tag) ?? column + 1;
    const end = rowText.charCodeAt(gt - 1) === 47 ? gt + 1 : rowText.indexOf(close, gt) + close.length;
    out.push({ column, start: at, end });
    pos = end;
  }
}

/** Whether a cell's text holds data: a value, an inline string or a formula (a styled blank does not). */
export function cellHoldsData(cellText: string, prefix: string): boolean {
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
  const gt = cellText.indexOf('>');
  const tag = cellText.slice(0, gt);
  if (cellText.charCodeAt(gt - 1) === 47) return null;
  const p = ctx.prefix;
  // A single-quoted `t` is rare: the pattern runs only for a tag that has a single quote at all.
  const t = attr(tag, 't') ?? (tag.includes("'") ? /\st\s*=\s*'([^']*)'/.exec(tag)?.[1] || undefined : undefined);
  if (t === 'inlineStr') {
    const is = cellText.indexOf(`<${p}is`);
    return is < 0 ? null : stringItemText(cellText.slice(is), p);
  }
  const vOpen = cellText.indexOf(`<${p}v>`, gt);
  if (vOpen < 0) return null;
  const vClose = cellText.indexOf(`</${p}v>`, vOpen);
  const raw = cellText.slice(vOpen + p.length + 3, vClose);
  switch (t) {
    case 's':
      return ctx.sharedStrings[parseInt(raw, 10)] ?? null;
    case 'str':
      return unescapeCellText(raw);
    case 'b':
      return raw.trim() === '1' || raw.trim() === 'true';
    case 'e':
      return unescapeXml(raw);
    case 'd': {
      const iso = raw.trim();
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
      return Number.isNaN(d.getTime()) ? unescapeXml(raw) : d;
    }
    default: {
      if (raw.length === 0) return null;
      const n = Number(raw);
      if (!Number.isFinite(n)) return unescapeXml(raw);
      const s = attr(tag, 's');
      if (s !== undefined && ctx.dateStyles.has(parseInt(s, 10))) return dateOfSerial(n, ctx.date1904);
      return n;
    }
  }
}
