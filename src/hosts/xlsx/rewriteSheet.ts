/**
 * The one streaming pass that applies the add-in's writes to a sheet it does not own. Rows without
 * writes pass through as the same text; in a written row, input cells stay as they are and the
 * add-in's cells are put in column order (on a re-run, its earlier cells are replaced). The head's
 * `<dimension>` grows to cover the new cells; in the tail, the add-in's conditional formats and list
 * validations are put where CT_Worksheet's element order puts them (ECMA-376 Part 1 §18.3.1.99:
 * sheetData, sheetCalcPr, sheetProtection, protectedRanges, scenarios, autoFilter, sortState,
 * dataConsolidate, customSheetViews, mergeCells, phoneticPr, conditionalFormatting*, dataValidations,
 * hyperlinks, printOptions, pageMargins, pageSetup, headerFooter, rowBreaks, colBreaks,
 * customProperties, cellWatches, ignoredErrors, smartTags, drawing, legacyDrawing, legacyDrawingHF,
 * drawingHF, picture, oleObjects, controls, webPublishItems, tableParts, extLst).
 *
 * @packageDocumentation
 */
import { WorkbookIoError, type CellWrite } from '../../grading';
import { cellXml, inlineString, styleAt, type ColumnStyle } from './cellXml';
import type { BandRange, ListValidation, RowWrites, SheetEdits } from './sheetEdits';
import { SheetDataFinder, cellSpans, checkHead, columnOfCellTag, isPlainRow, rowNumber } from './sheetXml';
import { XmlSyntaxError } from './xmlScanner';
import { columnName, columnOfRef, escapeXml } from './xmlText';

/** What a rewrite needs besides the edits: the style of dates, the date system, the dxf of each band fill. */
export interface RewriteContext {
  readonly dateStyle: number;
  readonly date1904: boolean;
  /** The dxf index of a band's fill, by the band's text. */
  readonly dxfOf: (fill: { fill: string; font: string }) => number;
}

/** Elements that come after conditionalFormatting in CT_Worksheet. */
const AFTER_CONDITIONAL = [
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** The offset in the tail before the first top-level element among `names`, or before `</worksheet>`. */
function insertionPoint(tail: string, prefix: string, names: readonly string[]): number {
  let best = tail.search(new RegExp(`</${prefix}worksheet>`));
  for (const n of names) {
    const at = tail.search(new RegExp(`<${prefix}${n}[\\s/>]`));
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best < 0 ? tail.length : best;
}

function singleColumnRange(sqref: string): number | undefined {
  const m = /^\s*([A-Z]+)\d+(?::([A-Z]+)\d+)?\s*$/.exec(sqref);
  if (!m || (m[2] !== undefined && m[2] !== m[1])) return undefined;
  return columnOfRef(m[1] as string);
}

/** The tail with the add-in's conditional formats for its band columns (earlier ones on those columns replaced). */
export function tailWithBands(tail: string, prefix: string, bands: readonly BandRange[], ctx: RewriteContext): string {
  if (bands.length === 0) return tail;
  const columns = new Set(bands.map((b) => b.column));
  const cfRe = new RegExp(
    `<${prefix}conditionalFormatting\\b[^>]*\\bsqref="([^"]*)"[^>]*>[\\s\\S]*?</${prefix}conditionalFormatting>`,
    'g',
  );
  // The add-in owns its output columns, so a format over exactly one of them is its own from an earlier run.
  let out = tail.replace(cfRe, (whole, sqref: string) => {
    const c = singleColumnRange(sqref);
    return c !== undefined && columns.has(c) ? '' : whole;
  });
  let priority = 0;
  for (const m of out.matchAll(/\spriority="(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
  const xml = bands
    .map((b) => {
      const col = columnName(b.column);
      const rules = b.fills
        .map(
          (f) =>
            `<${prefix}cfRule type="cellIs" dxfId="${ctx.dxfOf(f)}" priority="${++priority}" operator="equal"><${prefix}formula>${escapeXml(
              `"${f.text.replace(/"/g, '""')}"`,
            )}</${prefix}formula></${prefix}cfRule>`,
        )
        .join('');
      return `<${prefix}conditionalFormatting sqref="${col}${b.firstRow}:${col}${b.lastRow}">${rules}</${prefix}conditionalFormatting>`;
    })
    .join('');
  const at = insertionPoint(out, prefix, AFTER_CONDITIONAL);
  out = out.slice(0, at) + xml + out.slice(at);
  return out;
}

/**
 * The tail with a `<legacyDrawing r:id>` for the add-in's notes, after `drawing` and before
 * legacyDrawingHF, drawingHF, picture, oleObjects, controls, webPublishItems, tableParts and extLst
 * (CT_Worksheet, ECMA-376 Part 1 §18.3.1.99). The relationships prefix is declared on the element, so
 * it holds whatever the root declares. A tail that already has one is returned as it is.
 */
export function tailWithLegacyDrawing(
  tail: string,
  prefix: string,
  drawing: { readonly id: string; readonly relNamespace: string } | undefined,
): string {
  if (!drawing || new RegExp(`<${prefix}legacyDrawing[\\s/>]`).test(tail)) return tail;
  const at = insertionPoint(tail, prefix, AFTER_CONDITIONAL.slice(AFTER_CONDITIONAL.indexOf('legacyDrawing') + 1));
  const element = `<${prefix}legacyDrawing xmlns:r="${escapeXml(drawing.relNamespace)}" r:id="${escapeXml(drawing.id)}"/>`;
  return tail.slice(0, at) + element + tail.slice(at);
}

/** The tail with the add-in's list validations (an earlier one of the same range replaced). */
export function tailWithValidations(tail: string, prefix: string, validations: readonly ListValidation[]): string {
  if (validations.length === 0) return tail;
  const items = validations.map((v) => {
    const col = columnName(v.column);
    const sqref = `${col}${v.firstRow}:${col}${v.lastRow}`;
    const list = escapeXml(`"${v.values.join(',')}"`);
    return {
      sqref,
      xml: `<${prefix}dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${sqref}"><${prefix}formula1>${list}</${prefix}formula1></${prefix}dataValidation>`,
    };
  });
  // An empty `<dataValidations count="0"/>` is opened up, so the list joins it rather than a second one.
  tail = tail.replace(
    new RegExp(`<${prefix}dataValidations\\b([^>]*?)\\s*/>`),
    `<${prefix}dataValidations$1></${prefix}dataValidations>`,
  );
  const block = new RegExp(`<${prefix}dataValidations\\b[^>]*>([\\s\\S]*?)</${prefix}dataValidations>`).exec(tail);
  if (!block) {
    const at = insertionPoint(tail, prefix, AFTER_CONDITIONAL.slice(1));
    return `${tail.slice(0, at)}<${prefix}dataValidations count="${items.length}">${items.map((i) => i.xml).join('')}</${prefix}dataValidations>${tail.slice(at)}`;
  }
  const ours = new Set(items.map((i) => i.sqref));
  const kept = (block[1] ?? '').replace(
    new RegExp(`<${prefix}dataValidation\\b[^>]*\\bsqref="([^"]*)"[^>]*>[\\s\\S]*?</${prefix}dataValidation>`, 'g'),
    (whole, sqref: string) => (ours.has(sqref) ? '' : whole),
  );
  const count = (kept.match(new RegExp(`<${prefix}dataValidation\\b`, 'g')) ?? []).length + items.length;
  const open = block[0].slice(0, block[0].indexOf('>') + 1).replace(/\scount="\d+"/, '');
  const rebuilt = `${open.slice(0, -1).replace(/\/$/, '')} count="${count}">${kept}${items.map((i) => i.xml).join('')}</${prefix}dataValidations>`;
  return tail.slice(0, block.index) + rebuilt + tail.slice(block.index + block[0].length);
}

/** The head with `<dimension>` grown to cover rows and columns up to the given ones. */
export function headWithDimension(head: string, prefix: string, lastRow: number, lastColumn: number): string {
  if (lastRow === 0) return head;
  return head.replace(
    new RegExp(`(<${prefix}dimension\\b[^>]*\\bref=")([^"]*)(")`),
    (_, a: string, ref: string, b: string) => {
      const [first = 'A1', last = first] = ref.split(':');
      const m = /^([A-Z]+)(\d+)$/.exec(last);
      const oldColumn = m ? columnOfRef(m[1] as string) : 1;
      const oldRow = m ? Number(m[2]) : 1;
      return `${a}${first}:${columnName(Math.max(oldColumn, lastColumn))}${Math.max(oldRow, lastRow)}${b}`;
    },
  );
}

/** Width of the add-in's output columns, in characters (Chinese labels and percentages fit). */
export const OUTPUT_COLUMN_WIDTH = 14;

/**
 * The head with a width for the add-in's columns `first`..`last` that no `<col>` covers yet (the
 * user's column settings stay as they are; on a re-run the add-in's own are already there). A new
 * `<cols>` goes after `<sheetFormatPr>`, before `<sheetData>` (CT_Worksheet order).
 */
export function headWithColumns(head: string, prefix: string, first: number, last: number): string {
  if (!(first <= last)) return head;
  const covered: [number, number][] = [];
  for (const m of head.matchAll(new RegExp(`<${prefix}col\\b[^>]*>`, 'g'))) {
    const min = Number(/\smin="(\d+)"/.exec(m[0])?.[1] ?? '0');
    const max = Number(/\smax="(\d+)"/.exec(m[0])?.[1] ?? '0');
    covered.push([min, max]);
  }
  const ranges: [number, number][] = [];
  for (let c = first; c <= last; c++) {
    if (covered.some(([a, b]) => c >= a && c <= b)) continue;
    const lastRange = ranges[ranges.length - 1];
    if (lastRange && lastRange[1] === c - 1) lastRange[1] = c;
    else ranges.push([c, c]);
  }
  if (ranges.length === 0) return head;
  const col = ([a, b]: [number, number]): string =>
    `<${prefix}col min="${a}" max="${b}" width="${OUTPUT_COLUMN_WIDTH}" customWidth="1"/>`;
  const close = `</${prefix}cols>`;
  const at = head.lastIndexOf(close);
  if (at >= 0) {
    // Each new range goes before the first existing <col> that starts after it, keeping them in order.
    let out = head;
    for (const r of ranges.reverse()) {
      const colsStart = out.search(new RegExp(`<${prefix}cols[\\s>]`));
      let insertAt = out.lastIndexOf(close);
      for (const m of out.slice(colsStart).matchAll(new RegExp(`<${prefix}col\\b[^>]*>`, 'g'))) {
        const min = Number(/\smin="(\d+)"/.exec(m[0])?.[1] ?? '0');
        if (min > r[1]) {
          insertAt = colsStart + (m.index ?? 0);
          break;
        }
      }
      out = out.slice(0, insertAt) + col(r) + out.slice(insertAt);
    }
    return out;
  }
  return `${head}<${prefix}cols>${ranges.map(col).join('')}${close}`;
}

/** A row's text with the changes applied (cells in column order; null removes a cell). */
export function mergeRow(
  rowText: string,
  row: number,
  changes: ReadonlyMap<number, unknown>,
  cellFor: (row: number, column: number) => string,
  prefix: string,
  namespaces?: ReadonlyMap<string, string>,
): string {
  const gt = rowText.indexOf('>');
  const selfClosing = rowText.charCodeAt(gt - 1) === 47;
  const spans = selfClosing ? [] : cellSpans(rowText, prefix, isPlainRow(rowText) ? undefined : namespaces);
  const columns = [...changes.keys()].sort((a, b) => a - b);
  let cells = '';
  let i = 0;
  let min = Infinity;
  let max = 0;
  // The column of the cell written last: a cell without `r` is the one after it.
  let last = 0;
  const note = (c: number): void => {
    min = Math.min(min, c);
    max = Math.max(max, c);
    last = c;
  };
  const open = `<${prefix}c`;
  for (const span of spans) {
    while (i < columns.length && (columns[i] as number) < span.column) {
      const c = columns[i++] as number;
      const x = cellFor(row, c);
      if (x) {
        cells += x;
        note(c);
      }
    }
    if (i < columns.length && columns[i] === span.column) {
      const x = cellFor(row, span.column);
      i++;
      if (x) {
        cells += x;
        note(span.column);
      }
      continue;
    }
    const cell = rowText.slice(span.start, span.end);
    // An input cell without `r` takes its column from the cell before it: when a cell was put in or
    // taken out before it, it gets its reference written, so it stays in its column.
    const tag = cell.slice(0, cell.indexOf('>'));
    if (span.column !== last + 1 && !tag.includes(' r="') && !/\sr\s*=/.test(tag))
      cells += `${open} r="${columnName(span.column)}${row}"${cell.slice(open.length)}`;
    else cells += cell;
    note(span.column);
  }
  while (i < columns.length) {
    const c = columns[i++] as number;
    const x = cellFor(row, c);
    if (x) {
      cells += x;
      note(c);
    }
  }
  let rowOpen = selfClosing ? `${rowText.slice(0, gt - 1).trimEnd()}>` : rowText.slice(0, gt + 1);
  if (rowOpen.includes(' spans="'))
    rowOpen = rowOpen.replace(/\sspans="[^"]*"/, max > 0 ? ` spans="${min}:${max}"` : '');
  const lastEnd = spans.length > 0 ? (spans[spans.length - 1] as { end: number }).end : gt + 1;
  const rest = selfClosing ? '' : rowText.slice(lastEnd, rowText.lastIndexOf(`</${prefix}row`));
  return `${rowOpen}${cells}${rest}</${prefix}row>`;
}

/** Whether `buf` holds the bytes of `what` at `at`. */
function bytesAt(buf: Buffer, what: Buffer, at: number): boolean {
  if (at + what.length > buf.length) return false;
  for (let i = 0; i < what.length; i++) if (buf[at + i] !== what[i]) return false;
  return true;
}

/** Whether a byte may follow an element's name in its start tag (space, `>`, `/`, tab, newline). */
function endsName(b: number | undefined): boolean {
  return b === 32 || b === 62 || b === 47 || b === 9 || b === 10 || b === 13;
}

/** Whether a byte is XML white space. */
function isSpace(b: number | undefined): boolean {
  return b === 32 || b === 9 || b === 10 || b === 13;
}

/** ` spans="`, as bytes. */
const SPANS = Buffer.from(' spans="', 'latin1');
/** ` r="`, as bytes. */
const R_ATTR = Buffer.from(' r="', 'latin1');

/** Where `what` starts in `buf` between `from` and `to` (a start tag: a few dozen bytes), or -1. */
function indexWithin(buf: Buffer, what: Buffer, from: number, to: number): number {
  const first = what[0];
  for (let i = from, last = to - what.length; i <= last; i++) if (buf[i] === first && bytesAt(buf, what, i)) return i;
  return -1;
}

/**
 * The run of bytes from `at` (before `end`) that are digits of `digits` (bytes `lo`..`hi`, each
 * worth byte − `zero` in `base`), read as a number: the value and where the run ends.
 */
function runAt(
  buf: Buffer,
  at: number,
  end: number,
  digits: { lo: number; hi: number; base: number; zero: number },
): [number, number] {
  let n = 0;
  let i = at;
  for (; i < end; i++) {
    const b = buf[i] as number;
    if (b < digits.lo || b > digits.hi) break;
    n = n * digits.base + (b - digits.zero);
  }
  return [n, i];
}

const DECIMAL = { lo: 48, hi: 57, base: 10, zero: 48 };
const LETTERS = { lo: 65, hi: 90, base: 26, zero: 64 };

/**
 * The number of a start tag's ` r="123"` (a row's), read from its bytes between `lt` and `gt`;
 * undefined when the tag has it in another form (the caller then reads its text).
 */
function numberAttr(buf: Buffer, lt: number, gt: number): number | undefined {
  const at = indexWithin(buf, R_ATTR, lt, gt);
  if (at < 0) return undefined;
  const [n, i] = runAt(buf, at + R_ATTR.length, gt, DECIMAL);
  return i > at + R_ATTR.length && buf[i] === 34 ? n : undefined;
}

/** The column of a cell's start tag between `start` and `end` (` r="AB12"`), from its bytes when it has that form. */
function columnOfTagAt(buf: Buffer, start: number, end: number): number | undefined {
  const at = indexWithin(buf, R_ATTR, start, end);
  if (at >= 0) {
    const [c, i] = runAt(buf, at + R_ATTR.length, end, LETTERS);
    const b = buf[i];
    if (c > 0 && b !== undefined && b >= 48 && b <= 57) return c;
  }
  return columnOfCellTag(buf.toString('latin1', start, end));
}

const COMMENT = Buffer.from('<!--', 'latin1');
const PI = Buffer.from('<?', 'latin1');
const CDATA = Buffer.from('<![CDATA[', 'latin1');

function sheetSyntax(reason: string): XmlSyntaxError {
  return new XmlSyntaxError(reason, 0);
}

/** Where the end tag `close` (`</name`, then white space and `>`) at `at` ends; -1 if it is none, -2 if the bytes end first. */
function endTagAtBytes(buf: Buffer, at: number, close: Buffer): number {
  let j = at + close.length;
  while (isSpace(buf[j])) j++;
  return buf[j] === 62 ? j + 1 : j >= buf.length ? -2 : -1;
}

/** The end of the first end tag `close` at or after `from`, or -1. */
function endTagIn(buf: Buffer, close: Buffer, from: number): number {
  for (let at = buf.indexOf(close, from); at >= 0; at = buf.indexOf(close, at + 1)) {
    const end = endTagAtBytes(buf, at, close);
    if (end >= 0 || end === -2) return end === -2 ? -1 : end;
  }
  return -1;
}

/** Bytes of new sheet text per block read (64 KiB of the sheet grows to about 200 KiB with the output block). */
const OUT_BLOCK = 512 << 10;

/**
 * Rewrites a sheet part: `chunks` is its inflated bytes in order; `emit` receives the new bytes in
 * order (awaiting it applies back-pressure). The sheet is scanned as bytes: a row without writes is
 * copied as the very same bytes, and a row whose writes all lie right of its last cell (the output
 * block on a first run) gets them appended without its cells being parsed or decoded. Only a row
 * with writes among its cells (a re-run) is decoded and merged cell by cell (`mergeRow`).
 */
export async function rewriteSheet(
  chunks: AsyncIterable<Buffer> | Iterable<Buffer>,
  edits: SheetEdits,
  ctx: RewriteContext,
  emit: (bytes: Buffer) => Promise<void>,
): Promise<void> {
  edits.startReading();
  let prefix = '';
  let previous = 0;
  let phase: 'head' | 'rows' | 'tail' = 'head';
  let buf: Buffer = Buffer.alloc(0);
  const tail: Buffer[] = [];
  // The new bytes are written into one buffer per block read, not gathered as pieces and joined.
  let out = Buffer.allocUnsafe(OUT_BLOCK);
  let outAt = 0;
  const room = (n: number): void => {
    if (outAt + n <= out.length) return;
    const grown = Buffer.allocUnsafe(Math.max(out.length * 2, outAt + n));
    out.copy(grown, 0, 0, outAt);
    out = grown;
  };
  const pushText = (t: string): void => {
    // A UTF-16 unit takes at most 3 bytes in UTF-8.
    room(t.length * 3);
    outAt += out.write(t, outAt, 'utf8');
  };
  const pushBytes = (b: Buffer): void => {
    room(b.length);
    outAt += b.copy(out, outAt);
  };
  const enc = (t: string): Buffer => Buffer.from(t, 'latin1');
  let rowOpen = enc('<row');
  let rowClose = enc('</row');
  let dataClose = enc('</sheetData');
  let cellOpen = enc('<c');
  let cellClose = enc('</c>');
  let rowCloseText = '</row>';
  // Styles by column, and column letters: looked up for every cell written.
  const stylesByColumn = new Map<number, ColumnStyle[]>();
  for (const st of edits.styles) {
    const list = stylesByColumn.get(st.column) ?? [];
    list.push(st);
    stylesByColumn.set(st.column, list);
  }
  const letters: string[] = [];
  // Per column: the start of its cells up to the row number (`<c r="AB`) and its styles.
  const openings: string[] = [];
  const columnStyles: (ColumnStyle[] | null)[] = [];
  const styleAttrs: string[] = [];
  const cellFor = (row: number, column: number, value: CellWrite): string => {
    if (value === null || value === undefined || value === '') return '';
    let list = columnStyles[column];
    if (list === undefined) list = columnStyles[column] = stylesByColumn.get(column) ?? null;
    const style = list ? styleAt(list, row, column) : undefined;
    // The two kinds the output block is made of, built from parts kept per column; cellXml for the rest.
    if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) {
      const opening = (openings[column] ??= `<${prefix}c r="${(letters[column] ??= columnName(column))}`);
      const s = style === undefined ? '' : (styleAttrs[style] ??= ` s="${style}"`);
      return typeof value === 'string'
        ? `${opening}${row}"${s} ${inlineString(value, prefix)}`
        : `${opening}${row}"${s}><${prefix}v>${String(value)}</${prefix}v></${prefix}c>`;
    }
    return cellXml(
      `${(letters[column] ??= columnName(column))}${row}`,
      value,
      style,
      ctx.dateStyle,
      ctx.date1904,
      prefix,
    );
  };
  /** The cells of a block of values, and the first and last columns written. */
  const blockCells = (row: number, first: number, values: readonly CellWrite[]): [string, number, number] => {
    let cells = '';
    let min = 0;
    let max = 0;
    for (let j = 0; j < values.length; j++) {
      const x = cellFor(row, first + j, values[j] ?? null);
      if (!x) continue;
      cells += x;
      if (min === 0) min = first + j;
      max = first + j;
    }
    return [cells, min, max];
  };
  const mapOf = (w: RowWrites): Map<number, CellWrite> => {
    if (w.others) return w.others;
    const m = new Map<number, CellWrite>();
    w.values.forEach((v, j) => m.set(w.first + j, v));
    return m;
  };
  const newRow = (r: number): void => {
    const w = edits.at(r);
    if (!w) return;
    const cells = w.others
      ? [...w.others.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([c, v]) => cellFor(r, c, v))
          .join('')
      : blockCells(r, w.first, w.values)[0];
    if (cells) pushText(`<${prefix}row r="${r}">${cells}</${prefix}row>`);
  };

  /** One `<row>` from `lt` to `end` (its start tag ends at `gt`). */
  const row = (lt: number, gt: number, end: number): void => {
    const selfClosing = buf[gt - 1] === 47;
    // Read from the bytes where the tag is as Excel writes it; the text only for any other form.
    const r = numberAttr(buf, lt, gt) ?? rowNumber(buf.toString('latin1', lt, gt + 1)) ?? previous + 1;
    // ECMA-376 §18.3.1.73: rows come in ascending order. Out of order, a row's writes would land twice.
    if (r <= previous)
      throw new WorkbookIoError({
        zh: `工作表的行号顺序错乱（第 ${previous} 行之后是第 ${r} 行）：请在 Excel 中打开并另存后再试；未作任何修改`,
        en: `the sheet's rows are out of order (row ${r} after row ${previous}): open it in Excel, save it again and retry; nothing was changed`,
      });
    previous = r;
    for (let w = edits.nextWrittenRow(); w !== undefined && w < r; w = edits.nextWrittenRow()) newRow(w);
    const w = edits.at(r);
    if (!w) {
      pushBytes(buf.subarray(lt, end));
      return;
    }
    if (!w.others) {
      // The row's cells, when each carries its `r`: the first and last column, and where the last ends.
      const closeAt = selfClosing ? gt + 1 : buf.lastIndexOf(rowClose, end);
      let firstColumn = 0;
      let lastColumn = 0;
      let plain = true;
      const spansAt = indexWithin(buf, SPANS, lt, gt);
      if (!selfClosing) {
        let lastAt = buf.lastIndexOf(cellOpen, closeAt);
        while (lastAt > gt && !endsName(buf[lastAt + cellOpen.length])) lastAt = buf.lastIndexOf(cellOpen, lastAt - 1);
        if (lastAt > gt) {
          const tagEnd = buf.indexOf(62, lastAt);
          const cellEnd = buf[tagEnd - 1] === 47 ? tagEnd + 1 : buf.indexOf(cellClose, tagEnd) + cellClose.length;
          lastColumn = columnOfTagAt(buf, lastAt, tagEnd) ?? -1;
          // Only whitespace may follow the last cell: anything else is not a row this path knows.
          for (let i = cellEnd; i < closeAt && plain; i++) if (!isSpace(buf[i])) plain = false;
          if (plain && spansAt >= 0)
            firstColumn = bytesAt(buf, cellOpen, gt + 1)
              ? (columnOfTagAt(buf, gt + 1, buf.indexOf(62, gt + 1)) ?? -1)
              : -1;
        } else for (let i = gt + 1; i < closeAt && plain; i++) if (!isSpace(buf[i])) plain = false;
      }
      if (plain && lastColumn >= 0 && firstColumn >= 0 && lastColumn < w.first) {
        const [cells, min, max] = blockCells(r, w.first, w.values);
        if (!selfClosing && spansAt >= 0) {
          // The start tag as it is, but for the value of its `spans` (read and written as bytes).
          const from = lastColumn > 0 ? firstColumn : min;
          const to = max > 0 ? max : lastColumn;
          const valueEnd = buf.indexOf(34, spansAt + SPANS.length);
          if (to > 0) {
            pushBytes(buf.subarray(lt, spansAt + SPANS.length));
            pushText(`${from}:${to}`);
            pushBytes(buf.subarray(valueEnd, closeAt));
          } else {
            pushBytes(buf.subarray(lt, spansAt));
            pushBytes(buf.subarray(valueEnd + 1, closeAt));
          }
          pushText(cells + rowCloseText);
          return;
        }
        let head = selfClosing ? `${buf.toString('utf8', lt, gt - 1).trimEnd()}>` : undefined;
        if (spansAt >= 0) {
          const from = lastColumn > 0 ? firstColumn : min;
          const to = max > 0 ? max : lastColumn;
          head = (head ?? buf.toString('utf8', lt, gt + 1)).replace(
            /\sspans="[^"]*"/,
            to > 0 ? ` spans="${from}:${to}"` : '',
          );
        }
        if (head === undefined) pushBytes(buf.subarray(lt, closeAt));
        else {
          pushText(head);
          if (!selfClosing) pushBytes(buf.subarray(gt + 1, closeAt));
        }
        pushText(cells + rowCloseText);
        return;
      }
    }
    const changes = mapOf(w);
    pushText(
      mergeRow(
        buf.toString('utf8', lt, end),
        r,
        changes,
        (at, c) => cellFor(at, c, changes.get(c) ?? null),
        prefix,
        namespaces,
      ),
    );
  };

  /** What ends the construct the last `rows` call stopped in (more bytes are gathered until it is seen). */
  let need: 'gt' | 'row' | 'comment' | 'pi' | 'cdata' | 'more' = 'more';

  /** Scans rows from `pos`; returns where the unscanned bytes start. */
  const rows = (pos: number): number => {
    for (;;) {
      const lt = buf.indexOf(60, pos);
      if (lt < 0) {
        if (pos < buf.length) pushBytes(buf.subarray(pos));
        return buf.length;
      }
      if (lt > pos) pushBytes(buf.subarray(pos, lt));
      pos = lt;
      need = 'more';
      if (bytesAt(buf, rowOpen, lt)) {
        const after = buf[lt + rowOpen.length];
        if (after === undefined) return pos; // need more bytes
        if (!endsName(after)) throw sheetSyntax('an element in sheetData that is not a row');
        const gt = buf.indexOf(62, lt);
        if (gt < 0) {
          need = 'gt';
          return pos;
        }
        let end: number;
        if (buf[gt - 1] === 47) end = gt + 1;
        else {
          end = endTagIn(buf, rowClose, gt);
          if (end < 0) {
            need = 'row';
            return pos;
          }
        }
        row(lt, gt, end);
        pos = end;
        continue;
      }
      if (bytesAt(buf, dataClose, lt)) {
        const end = endTagAtBytes(buf, lt, dataClose);
        if (end === -2) return pos;
        if (end < 0) throw sheetSyntax('a malformed end of sheetData');
        phase = 'tail';
        return end;
      }
      const kind = bytesAt(buf, COMMENT, lt)
        ? 'comment'
        : bytesAt(buf, PI, lt)
          ? 'pi'
          : bytesAt(buf, CDATA, lt)
            ? 'cdata'
            : undefined;
      if (kind) {
        // Comments, processing instructions and CDATA (white space written so) between rows pass through.
        const terminator = kind === 'comment' ? '-->' : kind === 'pi' ? '?>' : ']]>';
        const close = buf.indexOf(terminator, lt);
        if (close < 0) {
          need = kind;
          return pos;
        }
        const end = close + terminator.length;
        pushBytes(buf.subarray(lt, end));
        pos = end;
      } else if (buf.length - lt < dataClose.length + 1)
        return pos; // need more bytes to tell
      else throw sheetSyntax('an element in sheetData that is not a row');
    }
  };

  /** Whether `chunk` ends what the gathered bytes wait for (searched with a few bytes before it). */
  const pendingEnds = (last: Buffer, chunk: Buffer): boolean => {
    const overlap = Math.min(last.length, rowClose.length + 2);
    const text = Buffer.concat([last.subarray(last.length - overlap), chunk]);
    switch (need) {
      case 'gt':
        return text.indexOf(62, overlap) >= 0;
      case 'comment':
        return text.indexOf('-->') >= 0;
      case 'pi':
        return text.indexOf('?>') >= 0;
      case 'cdata':
        return text.indexOf(']]>') >= 0;
      case 'row':
        return text.indexOf(rowClose) >= 0;
      default:
        return true;
    }
  };
  let pending: Buffer[] = [];
  const finder = new SheetDataFinder();
  const headParts: Buffer[] = [];
  let namespaces: ReadonlyMap<string, string> = new Map();

  const flush = async (): Promise<void> => {
    if (outAt === 0) return;
    const b = out.subarray(0, outAt);
    // The block handed on is the deflater's now: the next is written into a fresh buffer.
    out = Buffer.allocUnsafe(OUT_BLOCK);
    outAt = 0;
    await emit(b);
  };

  for await (let chunk of chunks) {
    if (pending.length > 0) {
      const waiting = pendingEnds(pending[pending.length - 1] as Buffer, chunk);
      pending.push(chunk);
      if (!waiting) continue;
      chunk = Buffer.concat(pending);
      pending = [];
    }
    let pos = 0;
    if (phase === 'head') {
      // latin1 maps each byte to one character: offsets in the text are offsets in the bytes.
      const at = finder.feed(chunk.toString('latin1'));
      if (at < 0) {
        headParts.push(chunk);
        continue;
      }
      headParts.push(chunk.subarray(0, at));
      const headText = Buffer.concat(headParts).toString('utf8');
      headParts.length = 0;
      namespaces = checkHead(finder);
      prefix = finder.prefix;
      rowOpen = enc(`<${prefix}row`);
      rowClose = enc(`</${prefix}row`);
      rowCloseText = `</${prefix}row>`;
      dataClose = enc(`</${prefix}sheetData`);
      cellOpen = enc(`<${prefix}c`);
      cellClose = enc(`</${prefix}c>`);
      // The sheetData tag ends the text: what comes before it is the head.
      const tagStart = headText.length - finder.sheetDataTag.length;
      pushText(
        headWithColumns(
          headWithDimension(headText.slice(0, tagStart), prefix, edits.maxRow, edits.maxColumn),
          prefix,
          edits.minColumn,
          edits.maxColumn,
        ),
      );
      const tag = headText.slice(tagStart);
      pushText(finder.empty ? `${tag.slice(0, -2).trimEnd()}>` : tag);
      buf = chunk;
      pos = at;
      phase = finder.empty ? 'tail' : 'rows';
    } else buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    if (phase === 'rows') pos = rows(pos);
    if (phase === 'tail') {
      if (pos < buf.length) tail.push(buf.subarray(pos));
      buf = Buffer.alloc(0);
    } else if (need !== 'more' && pos < buf.length) {
      // A row (or comment) longer than what is here: gathered until its end is seen, not re-scanned.
      pending = [buf.subarray(pos)];
      buf = Buffer.alloc(0);
    } else buf = pos >= buf.length ? Buffer.alloc(0) : buf.subarray(pos);
    await flush();
  }
  if (pending.length > 0) throw sheetSyntax('a worksheet that ends inside sheetData');
  if (phase === 'head') throw sheetSyntax('a worksheet without sheetData');
  if (phase === 'rows') throw sheetSyntax('a worksheet that ends inside sheetData');
  for (let w = edits.nextWrittenRow(); w !== undefined; w = edits.nextWrittenRow()) newRow(w);
  pushText(`</${prefix}sheetData>`);
  const bands = tailWithBands(Buffer.concat(tail).toString('utf8'), prefix, edits.bands, ctx);
  pushText(tailWithLegacyDrawing(tailWithValidations(bands, prefix, edits.validations), prefix, edits.legacyDrawing));
  await flush();
}
