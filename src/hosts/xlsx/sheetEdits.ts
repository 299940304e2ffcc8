/**
 * The add-in's writes to a sheet it does not own (the graded sheet), kept until the commit applies
 * them in one streaming pass. Rows written in ascending order — the whole output block, chunk by
 * chunk — go to a spool file, so memory stays flat whatever the row count; a column cleared to
 * blanks is kept as a range; any other write is kept in memory (a few cells).
 *
 * @packageDocumentation
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BandFill, CellWrite } from '../../grading';
import type { ColumnStyle } from './cellXml';
import { cleanupOnExit } from './cleanupOnExit';

/** A band colouring of a column (conditional formats, one rule per band). */
export interface BandRange {
  readonly column: number;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly fills: readonly BandFill[];
}

/** A list validation of a column. */
export interface ListValidation {
  readonly column: number;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly values: readonly string[];
}

type Spooled = [row: number, firstColumn: number, ...values: unknown[]];

/** A block whose values are asked for at the commit (WritesRowsLater). */
interface LaterBlock {
  readonly firstRow: number;
  readonly firstColumn: number;
  readonly rowCount: number;
  readonly rowAt: (i: number) => readonly CellWrite[];
}

/**
 * The writes to one row at the commit: usually one block of values from column `first` (the
 * output block) and nothing else; `others` holds every write by column when there is more.
 */
export type RowWrites =
  | { readonly first: number; readonly values: readonly CellWrite[]; readonly others: undefined }
  | { readonly first: 0; readonly values: readonly []; readonly others: Map<number, CellWrite> };

function encode(v: CellWrite): unknown {
  return v instanceof Date ? { d: v.getTime() } : (v ?? null);
}

function decode(v: unknown): CellWrite {
  if (v !== null && typeof v === 'object' && 'd' in v) return new Date((v as { d: number }).d);
  return v as CellWrite;
}

/** Every write to one input sheet. */
export class SheetEdits {
  private dir: string | undefined;
  private guard: { release: () => void } | undefined;
  private fd: number | undefined;
  private pending = '';
  private lastSpooled = 0;
  /** Rows of the spool, read back at the commit in order. */
  private reader: SpoolReader | undefined;
  readonly overlay = new Map<number, Map<number, CellWrite>>();
  readonly clears: { column: number; firstRow: number; lastRow: number }[] = [];
  readonly styles: ColumnStyle[] = [];
  readonly bands: BandRange[] = [];
  readonly validations: ListValidation[] = [];
  /** The relationship of the add-in's notes drawing, when the sheet gains a `<legacyDrawing>` at the commit. */
  legacyDrawing: { readonly id: string; readonly relNamespace: string } | undefined;
  maxRow = 0;
  maxColumn = 0;
  /** The first column written (the add-in's output columns start there). */
  minColumn = Infinity;
  /** Whether any write is a Date (the commit then needs a date format). */
  hasDates = false;

  private readonly later: LaterBlock[] = [];
  private laterIndex = 0;

  /**
   * Records a block whose row `firstRow + i` is `rowAt(i)`, asked for at the commit. Writes recorded
   * before it that it overlaps are kept under it; ones after it win (as with `write`).
   */
  writeLater(
    firstRow: number,
    firstColumn: number,
    rowCount: number,
    width: number,
    rowAt: (i: number) => readonly CellWrite[],
  ): void {
    if (rowCount <= 0 || width <= 0) return;
    const lastRow = firstRow + rowCount - 1;
    if (this.later.some((b) => firstRow <= b.firstRow + b.rowCount - 1 && lastRow >= b.firstRow))
      throw new Error('overlapping deferred row blocks');
    // Earlier writes of its rows would have to stay under it: take its rows now instead (not the workflow's case).
    const earlier =
      this.lastSpooled >= firstRow ||
      this.clears.some((c) => c.lastRow >= firstRow && c.firstRow <= lastRow) ||
      [...this.overlay.keys()].some((r) => r >= firstRow && r <= lastRow);
    if (earlier) {
      for (let i = 0; i < rowCount; i += 5000)
        this.write(
          firstRow + i,
          firstColumn,
          Array.from({ length: Math.min(5000, rowCount - i) }, (_, k) => rowAt(i + k)),
        );
      return;
    }
    this.later.push({ firstRow, firstColumn, rowCount, rowAt });
    this.later.sort((a, b) => a.firstRow - b.firstRow);
    this.maxRow = Math.max(this.maxRow, lastRow);
    this.maxColumn = Math.max(this.maxColumn, firstColumn + width - 1);
    this.minColumn = Math.min(this.minColumn, firstColumn);
  }

  /** Records a block write. */
  write(firstRow: number, firstColumn: number, rows: readonly (readonly CellWrite[])[]): void {
    if (rows.length === 0) return;
    // A loop, not Math.max(...rows): a block may have a million rows (a stale column cleared).
    let width = 0;
    for (const r of rows) if (r.length > width) width = r.length;
    if (width === 0) return;
    if (width === 1 && rows.every((r) => r[0] === null || r[0] === undefined)) {
      this.clears.push({ column: firstColumn, firstRow, lastRow: firstRow + rows.length - 1 });
      return;
    }
    if (!this.hasDates) this.hasDates = rows.some((r) => r.some((v) => v instanceof Date));
    this.maxRow = Math.max(this.maxRow, firstRow + rows.length - 1);
    this.maxColumn = Math.max(this.maxColumn, firstColumn + width - 1);
    this.minColumn = Math.min(this.minColumn, firstColumn);
    if (firstRow > this.lastSpooled) {
      const lines: string[] = [];
      rows.forEach((values, i) => {
        const line: Spooled = [firstRow + i, firstColumn, ...values.map(encode)];
        lines.push(JSON.stringify(line));
      });
      this.pending += `${lines.join('\n')}\n`;
      this.lastSpooled = firstRow + rows.length - 1;
      if (this.pending.length > 1 << 20) this.flush();
      return;
    }
    rows.forEach((values, i) => {
      const r = firstRow + i;
      const m = this.overlay.get(r) ?? new Map<number, CellWrite>();
      this.overlay.set(r, m);
      values.forEach((v, j) => m.set(firstColumn + j, v));
    });
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    if (this.fd === undefined) {
      this.dir = mkdtempSync(join(tmpdir(), 'qd-spool-'));
      this.fd = openSync(join(this.dir, 'rows.jsonl'), 'w+');
      this.guard = cleanupOnExit(() => this.dispose());
    }
    writeSync(this.fd, this.pending);
    this.pending = '';
  }

  /** Starts reading the spooled rows from the beginning (at the commit). */
  startReading(): void {
    this.flush();
    this.reader = this.fd === undefined ? undefined : new SpoolReader(this.fd);
    this.readPosition = 0;
    this.laterIndex = 0;
    this.overlayRows = [...this.overlay.keys()].sort((a, b) => a - b);
  }

  /** The deferred block holding `row`, if any (rows asked for in ascending order). */
  private laterAt(row: number): LaterBlock | undefined {
    while (this.laterIndex < this.later.length) {
      const b = this.later[this.laterIndex] as LaterBlock;
      if (row < b.firstRow) return undefined;
      if (row < b.firstRow + b.rowCount) return b;
      this.laterIndex++;
    }
    return undefined;
  }

  /**
   * The writes to a row, or undefined when the row is not written. Rows must be asked for in
   * ascending order. Layers, later over earlier: rows written in order, deferred blocks, cleared
   * columns, other writes.
   */
  at(row: number): RowWrites | undefined {
    this.readPosition = row;
    const block = this.laterAt(row);
    const spooled = this.reader?.take(row);
    const cleared = this.clears.length > 0 && this.clears.some((c) => row >= c.firstRow && row <= c.lastRow);
    const o = this.overlay.get(row);
    if (block && !spooled && !cleared && !o)
      return { first: block.firstColumn, values: block.rowAt(row - block.firstRow), others: undefined };
    if (!block && !spooled && !cleared && !o) return undefined;
    const out = new Map<number, CellWrite>();
    if (spooled) {
      const [, first, ...values] = spooled;
      values.forEach((v, j) => out.set(first + j, decode(v)));
    }
    if (block) block.rowAt(row - block.firstRow).forEach((v, j) => out.set(block.firstColumn + j, v));
    for (const c of this.clears) if (row >= c.firstRow && row <= c.lastRow) out.set(c.column, null);
    if (o) for (const [c, v] of o) out.set(c, v);
    return { first: 0, values: [], others: out };
  }

  /** The next row with writes after the last one `changesAt` handed out, if any. */
  nextWrittenRow(): number | undefined {
    let next = this.reader?.peekRow();
    if (next !== undefined && next <= this.readPosition) next = undefined;
    while (this.overlayRows.length > 0 && (this.overlayRows[0] as number) <= this.readPosition)
      this.overlayRows.shift();
    const o = this.overlayRows[0];
    if (o !== undefined && (next === undefined || o < next)) next = o;
    for (let i = this.laterIndex; i < this.later.length; i++) {
      const b = this.later[i] as LaterBlock;
      if (this.readPosition >= b.firstRow + b.rowCount - 1) continue;
      const l = Math.max(b.firstRow, this.readPosition + 1);
      if (next === undefined || l < next) next = l;
      break;
    }
    return next;
  }

  private readPosition = 0;
  private overlayRows: number[] = [];

  /** Removes the spool file. */
  dispose(): void {
    this.guard?.release();
    this.guard = undefined;
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
    if (this.dir) {
      rmSync(this.dir, { recursive: true, force: true });
      this.dir = undefined;
    }
  }
}

/** Reads the spool's lines in order with a fixed buffer. */
class SpoolReader {
  private readonly buffer = Buffer.alloc(4 << 20);
  private position = 0;
  private text = '';
  private at = 0;
  private done = false;
  private head: Spooled | undefined;

  constructor(private readonly fd: number) {
    this.advance();
  }

  private advance(): void {
    for (;;) {
      const nl = this.text.indexOf('\n', this.at);
      if (nl >= 0) {
        this.head = JSON.parse(this.text.slice(this.at, nl)) as Spooled;
        this.at = nl + 1;
        return;
      }
      if (this.done) {
        this.head = undefined;
        return;
      }
      const n = readSync(this.fd, this.buffer, 0, this.buffer.length, this.position);
      this.position += n;
      if (n === 0) this.done = true;
      // A line never splits a UTF-8 character across reads: cut the text at the last newline.
      const chunk = this.buffer.subarray(0, n);
      const lastNl = chunk.lastIndexOf(10);
      const usable = this.done ? chunk : chunk.subarray(0, lastNl + 1);
      if (!this.done && lastNl < 0) throw new Error('spool line longer than the read buffer');
      this.position -= chunk.length - usable.length;
      this.text = this.text.slice(this.at) + usable.toString('utf8');
      this.at = 0;
    }
  }

  peekRow(): number | undefined {
    return this.head?.[0];
  }

  /** The spooled row `row` if it is next (rows before it are skipped: the sheet has no such rows). */
  take(row: number): Spooled | undefined {
    while (this.head && this.head[0] < row) this.advance();
    if (!this.head || this.head[0] !== row) return undefined;
    const h = this.head;
    this.advance();
    return h;
  }
}
