/**
 * A worksheet part (ECMA-376 §18.3.1.99 CT_Worksheet) as a stream of text: the head before
 * `<sheetData>`, each `<row>` as it is written, and the tail after `</sheetData>`. Rows are found by
 * a hand tokenizer (indexOf over the inflated text), which is several times faster than a general
 * XML parser and lets a row the add-in does not touch pass through as the very same text.
 *
 * @packageDocumentation
 */
import { SheetDataFinder, checkHead, endTagAt, findEndTag, sheetSyntax } from './sheetDataFinder';

export { SheetDataFinder, checkHead, endTagAt, findEndTag } from './sheetDataFinder';
export {
  cellHoldsData,
  cellSpans,
  columnOfCellTag,
  isPlainRow,
  rowNumber,
  startTagAttribute,
  type CellSpan,
} from './rowCells';
export { cellValue, dateOfSerial, serialOfDate, stringItemText, type CellContext } from './cellValue';

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
