// A forward reader of one sheet's rows that tallies the sheet's data extent as it passes them.
import type { SheetExtent } from '../../grading';
import { SheetSplitter, cellHoldsData, cellSpans, columnOfCellTag, isPlainRow, rowNumber } from './sheetXml';

/** The data extent of rows seen so far (cells that hold data; a styled blank does not count). */
export class ExtentTally {
  rowCount = 0;
  columnCount = 0;

  /** Counts row `n` (its text as written; `namespaces`: the prefixes in scope, for a row not plain). */
  note(text: string, n: number, prefix: string, namespaces: ReadonlyMap<string, string>): void {
    const plain = isPlainRow(text);
    // Most rows end with a cell that holds data: then that cell alone decides the row's extent.
    const last = plain ? lastCell(text, prefix) : undefined;
    if (last && cellHoldsData(last.text, prefix)) {
      if (n > this.rowCount) this.rowCount = n;
      if (last.column > this.columnCount) this.columnCount = last.column;
      return;
    }
    const scope = plain ? undefined : namespaces;
    for (const span of cellSpans(text, prefix, scope)) {
      if (span.column <= this.columnCount && n <= this.rowCount) continue;
      if (cellHoldsData(text.slice(span.start, span.end), prefix, scope)) {
        if (n > this.rowCount) this.rowCount = n;
        if (span.column > this.columnCount) this.columnCount = span.column;
      }
    }
  }
}

/**
 * A forward reader of one sheet's rows (the workflow reads in row order; going back restarts it).
 * It tallies the data extent of every row it passes, so a pass that reaches the end knows the sheet's.
 */
export class SheetCursor {
  private iterator: AsyncIterator<string> | undefined;
  private readonly ready: { n: number; text: string }[] = [];
  private splitter: SheetSplitter | undefined;
  private previous = 0;
  private done = false;
  private tally = new ExtentTally();
  prefix = '';
  namespaces: ReadonlyMap<string, string> = new Map();
  position = 0;

  constructor(
    private readonly open: () => Promise<AsyncIterable<string>>,
    /** Told the sheet's extent when a pass from its start reaches its end. */
    private readonly onExtent: (extent: SheetExtent) => void,
  ) {}

  private async restart(): Promise<void> {
    // The abandoned pass's stream is closed, not left paused holding its inflater.
    await this.iterator?.return?.();
    this.iterator = (await this.open())[Symbol.asyncIterator]();
    this.ready.length = 0;
    this.previous = 0;
    this.done = false;
    this.position = 0;
    this.tally = new ExtentTally();
    this.splitter = new SheetSplitter(
      {
        head: (_t, _tag, p, namespaces) => {
          this.prefix = p;
          this.namespaces = namespaces;
        },
        row: (text) => {
          const n = rowNumber(text) ?? this.previous + 1;
          this.previous = n;
          this.tally.note(text, n, this.prefix, this.namespaces);
          this.ready.push({ n, text });
        },
        between: () => undefined,
        tail: () => undefined,
      },
      false,
    );
  }

  /** Row texts from `first` to `last` inclusive, by row number. */
  async rows(first: number, last: number): Promise<Map<number, string>> {
    if (!this.iterator || first <= this.position) await this.restart();
    const out = new Map<number, string>();
    for (;;) {
      while (this.ready.length > 0) {
        const head = this.ready[0] as { n: number; text: string };
        if (head.n > last) {
          this.position = last;
          return out;
        }
        this.ready.shift();
        if (head.n >= first) out.set(head.n, head.text);
      }
      if (this.done) {
        this.position = last;
        return out;
      }
      const next = await (this.iterator as AsyncIterator<string>).next();
      if (next.done) {
        this.splitter?.end();
        this.done = true;
        this.onExtent({ rowCount: this.tally.rowCount, columnCount: this.tally.columnCount });
      } else this.splitter?.push(next.value);
    }
  }

  /** Whether the last `rows` call handed out the sheet's last row (no row follows). */
  get ended(): boolean {
    return this.done && this.ready.length === 0;
  }
}

/** The last cell of a row's text with its column, when it carries its reference (`r`). */
function lastCell(rowText: string, prefix: string): { text: string; column: number } | undefined {
  const close = `</${prefix}c>`;
  const endsWith = rowText.lastIndexOf(close);
  const rowEnd = rowText.length - prefix.length - 6;
  if (endsWith < 0 || endsWith + close.length !== rowEnd) return undefined;
  let at = rowText.lastIndexOf(`<${prefix}c `, endsWith);
  while (at >= 0 && rowText.lastIndexOf(close, endsWith - 1) > at) at = -1;
  if (at < 0) return undefined;
  const column = columnOfCellTag(rowText.slice(at, rowText.indexOf('>', at)));
  if (column === undefined) return undefined;
  return { text: rowText.slice(at, endsWith + close.length), column };
}
