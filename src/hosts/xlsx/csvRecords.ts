/**
 * Streaming CSV records (RFC 4180: quoted fields, doubled quotes, CRLF, LF or CR) from a file, one
 * record at a time, with the byte offset and line each starts on — so a reader can stop, note where
 * it is, and resume there later, and memory does not grow with the file. Records are split on the
 * raw code units (bytes for UTF-8 and GB18030, whose multi-byte characters never contain a quote,
 * delimiter or line break; 16-bit units for UTF-16) and only then decoded, one record at a time.
 *
 * @packageDocumentation
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { WorkbookIoError } from '../../grading';
import type { CsvEncoding } from './csvEncoding';

/** Where a record starts: its 1-based record number, byte offset and 1-based line. */
export interface CsvPosition {
  readonly row: number;
  readonly offset: number;
  readonly line: number;
}

/** One record and where it started. */
export interface CsvRecord extends CsvPosition {
  readonly fields: string[];
}

/** A record that is not text in the file's encoding. */
export class CsvDecodeFailure extends Error {
  constructor(readonly at: CsvPosition) {
    super(`record ${at.row} (line ${at.line}) does not decode`);
  }
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const CHUNK = 1 << 20;
/** Far beyond any real record (Excel holds 32,767 characters a cell): a quote left open swallows the file. */
const MAX_RECORD_BYTES = 64 << 20;

/** A record longer than any real one: almost always a quote that is never closed. */
export class CsvRecordTooLongError extends WorkbookIoError {
  constructor(
    readonly file: string,
    readonly line: number,
  ) {
    super({
      zh: `文件“${file}”从第 ${line} 行起的一条记录超过 64 MB，多半是引号未闭合；请检查该行的引号`,
      en: `"${file}": the record from line ${line} on is over 64 MB, most likely a quote that is never closed; check the quotes on that line`,
    });
  }
}

/**
 * Splits one record's text into fields. The rules are those of the record splitter: a quote opens a
 * quoted part only at the start of a field; inside it `""` is a quote; after it closes, the rest of
 * the field up to the delimiter is taken as it is.
 */
export function splitFields(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    let field = '';
    if (text.charCodeAt(i) === QUOTE) {
      i++;
      for (;;) {
        const j = text.indexOf('"', i);
        if (j < 0) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, j);
        if (text.charCodeAt(j + 1) === QUOTE) {
          field += '"';
          i = j + 2;
        } else {
          i = j + 1;
          break;
        }
      }
    }
    let k = i >= n ? -1 : text.indexOf(delimiter, i);
    if (k < 0) k = n;
    field += text.slice(i, k);
    fields.push(field);
    if (k >= n) return fields;
    i = k + 1;
  }
}

/** Reads records from a position of a CSV file. Call `close` when done. */
export class CsvRecordReader {
  private readonly fd: number;
  private readonly unit: 1 | 2;
  private readonly bigEndian: boolean;
  private readonly decoder: TextDecoder;
  private readonly delimiterCode: number;
  private readonly fastEncoding: 'utf8' | 'utf16le' | null;
  private buffer: Buffer;
  /** Bytes of `buffer` in use, the next byte to look at, and the file offset of buffer[0]. */
  private size = 0;
  private at = 0;
  private base: number;
  private eof = false;
  private next: CsvPosition;

  constructor(
    private readonly path: string,
    encoding: CsvEncoding,
    private readonly delimiter: string,
    from: CsvPosition,
    /**
     * Whether to check every record decodes (the opening scan does; later reads of a file that was
     * checked and has not changed since decode faster without).
     */
    private readonly validate = true,
    /** Bytes read at a time (tests make it small to cross chunk boundaries). */
    private readonly chunk = CHUNK,
    /** The longest record accepted (tests make it small). */
    private readonly maxRecordBytes = MAX_RECORD_BYTES,
  ) {
    this.fastEncoding = encoding.name === 'utf-8' ? 'utf8' : encoding.name === 'utf-16le' ? 'utf16le' : null;
    this.buffer = Buffer.alloc(chunk);
    this.fd = openSync(path, 'r');
    this.unit = encoding.name === 'utf-16le' || encoding.name === 'utf-16be' ? 2 : 1;
    this.bigEndian = encoding.name === 'utf-16be';
    this.decoder = new TextDecoder(encoding.name, { fatal: validate, ignoreBOM: true });
    this.delimiterCode = delimiter.charCodeAt(0);
    this.base = from.offset;
    this.next = from;
  }

  /** Where the next record starts. */
  get position(): CsvPosition {
    return this.next;
  }

  close(): void {
    closeSync(this.fd);
  }

  /**
   * Moves the bytes from `keepFrom` on to the start of the buffer (so a caller's index `keepFrom`
   * becomes 0) and loads more of the file after them; false at the end of the file.
   */
  private fill(keepFrom: number): boolean {
    const kept = this.size - keepFrom;
    if (kept + this.chunk > this.buffer.length) {
      const bigger = Buffer.alloc(kept + this.chunk);
      this.buffer.copy(bigger, 0, keepFrom, this.size);
      this.buffer = bigger;
    } else this.buffer.copy(this.buffer, 0, keepFrom, this.size);
    this.base += keepFrom;
    this.at -= keepFrom;
    this.size = kept;
    if (this.eof) return false;
    const read = readSync(this.fd, this.buffer, kept, this.buffer.length - kept, this.base + kept);
    this.size += read;
    if (read === 0) this.eof = true;
    return read > 0;
  }

  /** The next record, or null at the end of the file. Throws `CsvDecodeFailure` for bytes that do not decode. */
  read(): CsvRecord | null {
    const start = this.next;
    let recordStart = this.at;
    let quoted = false;
    let pendingQuote = false;
    let fieldEmpty = true;
    let lines = 0;
    let previousCr = false;
    const u = this.unit;
    for (;;) {
      if (this.at + u > this.size) {
        if (this.size - recordStart > this.maxRecordBytes) throw new CsvRecordTooLongError(this.path, start.line);
        const more = this.fill(recordStart);
        recordStart = 0;
        if (!more) break;
        continue;
      }
      const ch = u === 1 ? (this.buffer[this.at] as number) : this.unitAt(this.at);
      this.at += u;
      if (ch === LF) {
        if (!previousCr) lines++;
      } else if (ch === CR) lines++;
      previousCr = ch === CR;
      if (quoted) {
        if (pendingQuote) {
          pendingQuote = false;
          if (ch === QUOTE) {
            fieldEmpty = false;
            continue;
          }
          quoted = false;
        } else {
          if (ch === QUOTE) pendingQuote = true;
          else fieldEmpty = false;
          continue;
        }
      }
      if (ch === QUOTE && fieldEmpty) quoted = true;
      else if (ch === this.delimiterCode) fieldEmpty = true;
      else if (ch === CR || ch === LF) {
        const length = this.at - u - recordStart;
        // CRLF is one break: take the LF with the CR (it may be in the next chunk).
        if (ch === CR) {
          if (this.at + u > this.size) {
            this.fill(recordStart);
            recordStart = 0;
          }
          if (this.at + u <= this.size && this.unitAt(this.at) === LF) this.at += u;
        }
        return this.emit(start, recordStart, recordStart + length, lines);
      } else fieldEmpty = false;
    }
    if (this.at <= recordStart) return null;
    const last = this.emit(start, recordStart, this.at, lines);
    // An unterminated last line that holds one empty field (`""`) is no record, as it never was.
    return last.fields.length === 1 && last.fields[0] === '' ? null : last;
  }

  /** The 16-bit code unit at `i` (or the byte, for 8-bit encodings). */
  private unitAt(i: number): number {
    const b = this.buffer;
    if (this.unit === 1) return b[i] as number;
    return this.bigEndian
      ? ((b[i] as number) << 8) | (b[i + 1] as number)
      : (b[i] as number) | ((b[i + 1] as number) << 8);
  }

  private emit(start: CsvPosition, from: number, to: number, lines: number): CsvRecord {
    let text: string;
    if (this.validate) {
      try {
        text = this.decoder.decode(this.buffer.subarray(from, to));
      } catch {
        throw new CsvDecodeFailure(start);
      }
    } else if (this.fastEncoding !== null) text = this.buffer.toString(this.fastEncoding, from, to);
    else text = this.decoder.decode(this.buffer.subarray(from, to));
    this.next = { row: start.row + 1, offset: this.base + this.at, line: start.line + lines };
    return { row: start.row, offset: start.offset, line: start.line, fields: splitFields(text, this.delimiter) };
  }
}

/** The delimiter of a CSV file: whichever of `,` `;` and tab is most frequent on its first line (`,` on a tie). */
export function detectDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = firstLine.split(',').length;
  for (const d of [';', '\t']) {
    const count = firstLine.split(d).length;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}
