// The value of a cell's text: shared and inline strings, numbers, booleans and dates by their serials.
import { TRANSITIONAL } from './namespaces';
import { unescapeCellText, unescapeOoxml, unescapeXml } from './xmlText';
import { scanCells } from './rowCells';

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
