/**
 * The cells written to a .csv host before it commits, kept in a temporary file rather than in
 * memory, so a million graded rows cost the same memory as a hundred. Each write is one segment (a
 * block of rows at a row and column) stored as lines of JSON; the commit walks the rows in order
 * and lays the segments that cover each row over the input, later writes over earlier ones.
 *
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CellValue } from '../../grading';

/** One write: `rowCount` rows from `firstRow`, starting at `firstColumn`, stored at [start, end) of the spool. */
interface Segment {
  readonly firstRow: number;
  readonly firstColumn: number;
  readonly rowCount: number;
  readonly start: number;
  readonly end: number;
  /** Write order: a later segment wins where two overlap. */
  readonly order: number;
}

/** A written block of one row: its values from `firstColumn` on. */
export interface RowOverlay {
  readonly firstColumn: number;
  readonly values: readonly CellValue[];
}

function encodeValue(v: CellValue): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return { d: v.getTime() };
  if (typeof v === 'number' && !Number.isFinite(v)) return { n: String(v) };
  return v;
}

function decodeValue(v: unknown): CellValue {
  if (v !== null && typeof v === 'object') {
    const o = v as { d?: number; n?: string };
    return o.d !== undefined ? new Date(o.d) : Number(o.n);
  }
  return v as CellValue;
}

const READ_CHUNK = 1 << 18;

/** Reads one segment's lines in order. */
class SegmentReader {
  private text = '';
  private at = 0;
  private rest: Buffer = Buffer.alloc(0);
  private position: number;

  constructor(
    private readonly fd: number,
    readonly segment: Segment,
  ) {
    this.position = segment.start;
  }

  /** The next row of the segment. */
  nextRow(): CellValue[] {
    for (;;) {
      const lf = this.text.indexOf('\n', this.at);
      if (lf >= 0) {
        const line = this.text.slice(this.at, lf);
        this.at = lf + 1;
        const values = JSON.parse(line) as unknown[];
        for (let i = 0; i < values.length; i++) {
          const v = values[i];
          if (v !== null && typeof v === 'object') values[i] = decodeValue(v);
        }
        return values as CellValue[];
      }
      const want = Math.min(READ_CHUNK, this.segment.end - this.position);
      // The spool is ours and complete: running out means a bug, not a user's problem.
      if (want <= 0) throw new Error('csv spool: segment ended early');
      const more = Buffer.allocUnsafe(this.rest.length + want);
      this.rest.copy(more, 0);
      const read = readSync(this.fd, more, this.rest.length, want, this.position);
      this.position += read;
      const size = this.rest.length + read;
      // JSON escapes line breaks, so a line is a row, and cutting after the last LF byte never splits a character.
      const cut = more.lastIndexOf(0x0a, size - 1) + 1;
      this.text = this.text.slice(this.at) + more.toString('utf8', 0, cut);
      this.at = 0;
      this.rest = Buffer.from(more.subarray(cut, size));
    }
  }
}

/** Lays the spooled writes over rows taken in increasing order, from a first row on. */
export class SpoolMerger {
  private readonly pending: Segment[];
  private active: SegmentReader[] = [];
  private row: number;

  constructor(
    private readonly fd: number | null,
    segments: readonly Segment[],
    firstRow: number,
  ) {
    this.pending = segments
      .filter((s) => s.firstRow + s.rowCount > firstRow)
      .sort((a, b) => a.firstRow - b.firstRow || a.order - b.order);
    this.row = firstRow;
  }

  /** The writes covering `row` (which must not go back), earliest write first. */
  overlays(row: number): RowOverlay[] {
    if (this.fd === null) return [];
    if (row < this.row) throw new Error('csv spool: rows must be merged in order');
    this.row = row;
    this.active = this.active.filter((r) => r.segment.firstRow + r.segment.rowCount > row);
    while (this.pending.length > 0 && (this.pending[0] as Segment).firstRow <= row) {
      const s = this.pending.shift() as Segment;
      if (s.firstRow + s.rowCount <= row) continue;
      const reader = new SegmentReader(this.fd, s);
      for (let skip = s.firstRow; skip < row; skip++) reader.nextRow();
      this.active.push(reader);
      this.active.sort((a, b) => a.segment.order - b.segment.order);
    }
    return this.active.map((r) => ({ firstColumn: r.segment.firstColumn, values: r.nextRow() }));
  }
}

/** The written cells of one CSV host, in a temporary file that is removed when closed. */
export class CsvWriteSpool {
  private fd: number | null = null;
  private path: string | null = null;
  private readonly segments: Segment[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  private size = 0;
  /** The last row and column any write reached (0 when nothing was written). */
  lastRow = 0;
  lastColumn = 0;

  private open(): number {
    if (this.fd !== null) return this.fd;
    const path = join(tmpdir(), `qd-grade-${process.pid}-${randomBytes(8).toString('hex')}.spool`);
    // Created new (never through a file or link someone put there first), private to the owner.
    this.fd = openSync(path, 'wx+', 0o600);
    try {
      // On POSIX the open file outlives its name, so nothing is left behind however the run ends.
      unlinkSync(path);
    } catch {
      this.path = path; // Windows: removed by close()
    }
    return this.fd;
  }

  /** Records a block of rows written at (`firstRow`, `firstColumn`). */
  append(firstRow: number, firstColumn: number, rows: readonly (readonly CellValue[])[]): void {
    if (rows.length === 0) return;
    this.open();
    this.flush();
    const start = this.size;
    let width = 0;
    for (const row of rows) {
      const line = `${JSON.stringify(row.map(encodeValue))}\n`;
      width = Math.max(width, row.length);
      this.pending.push(line);
      this.pendingLength += line.length;
      if (this.pendingLength > 1 << 16) this.flush();
    }
    this.flush();
    this.segments.push({
      firstRow,
      firstColumn,
      rowCount: rows.length,
      start,
      end: this.size,
      order: this.segments.length,
    });
    this.lastRow = Math.max(this.lastRow, firstRow + rows.length - 1);
    if (width > 0) this.lastColumn = Math.max(this.lastColumn, firstColumn + width - 1);
  }

  /** Writes the pending lines at the end of the spool. */
  private flush(): void {
    if (this.pending.length === 0 || this.fd === null) return;
    const bytes = Buffer.from(this.pending.join(''), 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.size + done);
    this.size += bytes.length;
    this.pending = [];
    this.pendingLength = 0;
  }

  /** Whether any write covers rows [from, to]. */
  covers(from: number, to: number): boolean {
    return this.segments.some((s) => s.firstRow <= to && s.firstRow + s.rowCount > from);
  }

  /** A merger over the writes from `firstRow` on. */
  merger(firstRow: number): SpoolMerger {
    this.flush();
    return new SpoolMerger(this.fd, this.segments, firstRow);
  }

  /** Removes the temporary file. */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.path !== null) unlinkSync(this.path);
    this.fd = null;
    this.path = null;
  }
}
