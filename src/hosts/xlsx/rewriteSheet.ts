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
import type { RowWrites, SheetEdits } from './sheetEdits';
import { SheetDataFinder, checkHead, rowNumber } from './sheetXml';
import { columnName } from './xmlText';
import { mergeRow } from './mergeRow';
import {
  CDATA,
  COMMENT,
  PI,
  SPANS,
  bytesAt,
  columnOfTagAt,
  endTagAtBytes,
  endTagIn,
  endsName,
  indexWithin,
  isSpace,
  numberAttr,
  sheetSyntax,
} from './rowBytes';
import { headWithColumns, headWithDimension } from './sheetHead';
import { tailWithBands, tailWithLegacyDrawing, tailWithValidations, type RewriteContext } from './sheetTail';

export { mergeRow } from './mergeRow';
export { OUTPUT_COLUMN_WIDTH, headWithColumns, headWithDimension } from './sheetHead';
export { tailWithBands, tailWithLegacyDrawing, tailWithValidations, type RewriteContext } from './sheetTail';

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
