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
import { cellXml, styleAt } from './cellXml';
import type { BandRange, ListValidation, SheetEdits } from './sheetEdits';
import { SheetSplitter, cellSpans, rowNumber } from './sheetXml';
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
): string {
  const gt = rowText.indexOf('>');
  const selfClosing = rowText.charCodeAt(gt - 1) === 47;
  const spans = selfClosing ? [] : cellSpans(rowText, prefix);
  const columns = [...changes.keys()].sort((a, b) => a - b);
  let cells = '';
  let i = 0;
  let min = Infinity;
  let max = 0;
  const note = (c: number): void => {
    min = Math.min(min, c);
    max = Math.max(max, c);
  };
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
    cells += rowText.slice(span.start, span.end);
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
  let open = selfClosing ? `${rowText.slice(0, gt - 1).trimEnd()}>` : rowText.slice(0, gt + 1);
  if (/\sspans="/.test(open)) open = open.replace(/\sspans="[^"]*"/, max > 0 ? ` spans="${min}:${max}"` : '');
  const lastEnd = spans.length > 0 ? (spans[spans.length - 1] as { end: number }).end : gt + 1;
  const rest = selfClosing ? '' : rowText.slice(lastEnd, rowText.length - `</${prefix}row>`.length);
  return `${open}${cells}${rest}</${prefix}row>`;
}

/**
 * Rewrites a sheet part: `chunks` is its inflated text in order; `emit` receives the new text in
 * order (awaiting it applies back-pressure).
 */
export async function rewriteSheet(
  chunks: AsyncIterable<string>,
  edits: SheetEdits,
  ctx: RewriteContext,
  emit: (text: string) => Promise<void>,
): Promise<void> {
  edits.startReading();
  let out: string[] = [];
  let prefix = '';
  let previous = 0;
  let tail = '';
  const cellFor = (row: number, column: number, value: unknown): string =>
    cellXml(
      `${columnName(column)}${row}`,
      value as never,
      styleAt(edits.styles, row, column),
      ctx.dateStyle,
      ctx.date1904,
      prefix,
    );
  const newRow = (r: number): void => {
    const changes = edits.changesAt(r);
    if (!changes) return;
    const cells = [...changes.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([c, v]) => cellFor(r, c, v))
      .join('');
    if (cells) out.push(`<${prefix}row r="${r}">${cells}</${prefix}row>`);
  };
  const splitter = new SheetSplitter({
    head(text, tag, p) {
      prefix = p;
      out.push(
        headWithColumns(headWithDimension(text, p, edits.maxRow, edits.maxColumn), p, edits.minColumn, edits.maxColumn),
      );
      out.push(tag.endsWith('/>') ? `${tag.slice(0, -2).trimEnd()}>` : tag);
    },
    row(text) {
      const r = rowNumber(text) ?? previous + 1;
      previous = r;
      for (let w = edits.nextWrittenRow(); w !== undefined && w < r; w = edits.nextWrittenRow()) newRow(w);
      const changes = edits.changesAt(r);
      if (!changes) {
        out.push(text);
        return;
      }
      out.push(mergeRow(text, r, changes, (row, c) => cellFor(row, c, changes.get(c)), prefix));
    },
    between(text) {
      out.push(text);
    },
    tail(text) {
      tail += text;
    },
  });
  for await (const chunk of chunks) {
    splitter.push(chunk);
    if (out.length > 0) {
      const text = out.join('');
      out = [];
      await emit(text);
    }
  }
  splitter.end();
  for (let w = edits.nextWrittenRow(); w !== undefined; w = edits.nextWrittenRow()) newRow(w);
  out.push(`</${prefix}sheetData>`);
  const bands = tailWithBands(tail, prefix, edits.bands, ctx);
  out.push(tailWithValidations(bands, prefix, edits.validations));
  await emit(out.join(''));
}
