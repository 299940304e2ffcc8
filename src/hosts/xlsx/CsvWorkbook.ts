/**
 * The WorkbookPort over a .csv file: one sheet, streamed, so memory stays flat whatever the number
 * of rows. Opening scans the file once (its encoding, delimiter and extent, with a resume point
 * every 1,024 records); reads stream from the nearest resume point; writes go to a temporary spool
 * (see `csvWriteSpool.ts`); the commit streams the input once more, lays the writes over it and
 * writes UTF-8 with a BOM (so Excel opens Chinese text correctly) to a temporary file beside the
 * target, renamed over it only when complete.
 *
 * Reading accepts UTF-8 (with or without a BOM), UTF-16 LE/BE with a BOM, and GB18030 for files saved
 * by Chinese Excel as plain "CSV" (see `csvEncoding.ts` for how it is told from damaged UTF-8, which
 * is refused naming the line). Cells are kept as text, so numbers are parsed exactly by the core. A
 * CSV holds no formats, colours, other sheets or names: those writes are no-ops. Text that starts
 * with `=`, `+`, `-` or `@` (also after a tab, carriage return or space) or with a tab or carriage
 * return, and is not a number, is written with a leading apostrophe (`inertCsvText`), so no
 * spreadsheet reads it as a formula.
 *
 * @packageDocumentation
 */
import { closeSync, openSync, readSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { parseNumberText } from '../../core';
import { attempt } from '../../grading/attempt';
import { writeAtomically } from './atomicFile';
import {
  SheetNotFoundError,
  WorkbookIoError,
  type CellValue,
  type CellWrite,
  type SheetExtent,
  type WorkbookPort,
} from '../../grading';
import {
  CsvEncodingError,
  encodingFromBom,
  encodingOfInvalidUtf8,
  inertCsvText,
  utf8Census,
  type CsvEncoding,
} from './csvEncoding';
import { CsvDecodeFailure, CsvRecordReader, detectDelimiter, splitFields, type CsvPosition } from './csvRecords';
import { CsvWriteSpool } from './csvWriteSpool';

export { CsvEncodingError } from './csvEncoding';

/** Records between resume points. */
const CHECKPOINT_EVERY = 1024;

/** Rows written between turns of the event loop during a commit (where a Ctrl-C is heard). */
const YIELD_ROWS = 4096;

/** The signals that end a command-line run; a commit cleans up before it ends. */
const INTERRUPTS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Parses CSV text held in memory (small texts: tests and references); the host itself streams. */
export function parseCsv(text: string): string[][] {
  const firstBreak = text.search(/[\r\n]/);
  const delimiter = detectDelimiter(firstBreak < 0 ? text : text.slice(0, text.indexOf('\n') >>> 0));
  const rows: string[][] = [];
  let start = 0;
  let quoted = false;
  let fieldEmpty = true;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    i++;
    if (quoted) {
      if (ch === '"') {
        if (text[i] === '"') i++;
        else quoted = false;
      }
      fieldEmpty = false;
      continue;
    }
    if (ch === '"' && fieldEmpty) {
      quoted = true;
      continue;
    }
    if (ch === delimiter) fieldEmpty = true;
    else if (ch === '\r' || ch === '\n') {
      rows.push(splitFields(text.slice(start, i - 1), delimiter));
      if (ch === '\r' && text[i] === '\n') i++;
      start = i;
      fieldEmpty = true;
    } else fieldEmpty = false;
  }
  if (start < text.length) rows.push(splitFields(text.slice(start), delimiter));
  return rows;
}

/** One CSV field: quoted when needed; formula-like text made inert with a leading apostrophe. */
export function csvField(v: CellWrite): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'object' && !(v instanceof Date)) s = String(v.result);
  else if (v instanceof Date) s = v.toISOString().slice(0, 10);
  else s = String(v);
  // Text (a value, or a formula's text result) made inert; numbers, negative ones too, stay numbers.
  if (
    typeof v === 'string' ||
    (typeof v === 'object' && v !== null && !(v instanceof Date) && typeof v.result === 'string')
  )
    s = inertCsvText(s, (t) => parseNumberText(t) !== null);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** What the opening scan learnt about a file. */
interface CsvScan {
  readonly encoding: CsvEncoding;
  readonly delimiter: string;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly checkpoints: readonly CsvPosition[];
}

function firstLine(path: string, encoding: CsvEncoding): string {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(1 << 16);
    const read = readSync(fd, head, 0, head.length, encoding.bomLength);
    const text = new TextDecoder(encoding.name).decode(head.subarray(0, read));
    const lf = text.indexOf('\n');
    return lf < 0 ? text : text.slice(0, lf);
  } finally {
    closeSync(fd);
  }
}

function scanWith(path: string, encoding: CsvEncoding): CsvScan {
  const delimiter = detectDelimiter(firstLine(path, encoding));
  const reader = new CsvRecordReader(path, encoding, delimiter, { row: 1, offset: encoding.bomLength, line: 1 });
  const checkpoints: CsvPosition[] = [];
  let rowCount = 0;
  let columnCount = 0;
  try {
    for (;;) {
      if (rowCount % CHECKPOINT_EVERY === 0) checkpoints.push(reader.position);
      const record = reader.read();
      if (record === null) break;
      rowCount++;
      if (record.fields.length > columnCount) columnCount = record.fields.length;
    }
  } finally {
    reader.close();
  }
  return { encoding, delimiter, rowCount, columnCount, checkpoints };
}

/** Scans a file, deciding its encoding (csvEncoding.ts); throws `CsvEncodingError` naming the line of a bad byte. */
function scan(path: string, displayName: string): CsvScan {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  const bom = encodingFromBom(head);
  const encoding = bom ?? { name: 'utf-8', bomLength: 0 };
  try {
    return scanWith(path, encoding);
  } catch (e) {
    if (!(e instanceof CsvDecodeFailure)) throw e;
    if (bom === null) return scanWith(path, encodingOfInvalidUtf8(path, displayName));
    if (encoding.name === 'utf-8') {
      const first = utf8Census(path, encoding.bomLength).first;
      throw new CsvEncodingError(displayName, 'utf-8', first?.line ?? e.at.line, first?.offset ?? e.at.offset);
    }
    throw new CsvEncodingError(displayName, encoding.name, e.at.line, e.at.offset);
  }
}

const temporaryInputs = new Set<string>();
process.once('exit', () => {
  for (const file of temporaryInputs) {
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  }
});

/** A CSV file as a one-sheet workbook. */
export class CsvWorkbook implements WorkbookPort {
  private readonly spool = new CsvWriteSpool();
  /** Where the last read stopped, to go on from there. */
  private resume: CsvPosition;

  private constructor(
    private readonly name: string,
    private readonly inputPath: string,
    private readonly outputPath: string,
    private readonly scanned: CsvScan,
    private readonly inputStamp: { readonly size: number; readonly mtimeMs: number },
  ) {
    this.resume = scanned.checkpoints[0] ?? { row: 1, offset: scanned.encoding.bomLength, line: 1 };
  }

  /** Opens a CSV file; `commit` writes `outputPath`. The sheet is named after the file. */
  static open(inputPath: string, outputPath: string): Promise<CsvWorkbook> {
    return attempt(() => CsvWorkbook.openSync(inputPath, outputPath, basename(inputPath, extname(inputPath))));
  }

  private static openSync(inputPath: string, outputPath: string, name: string): CsvWorkbook {
    let stamp: { size: number; mtimeMs: number };
    try {
      const s = statSync(inputPath);
      stamp = { size: s.size, mtimeMs: s.mtimeMs };
    } catch (e) {
      throw WorkbookIoError.reading(inputPath, e);
    }
    let scanned: CsvScan;
    try {
      scanned = scan(inputPath, inputPath);
    } catch (e) {
      if (e instanceof WorkbookIoError) throw e;
      throw WorkbookIoError.reading(inputPath, e);
    }
    return new CsvWorkbook(name, inputPath, outputPath, scanned, stamp);
  }

  /** A CSV workbook over text (tests): the text is put in a temporary UTF-8 file. */
  static fromText(text: string, name: string, outputPath: string): CsvWorkbook {
    const file = join(tmpdir(), `qd-csv-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(file, text, { encoding: 'utf8', flag: 'wx', mode: 0o600 });
    temporaryInputs.add(file);
    return CsvWorkbook.openSync(file, outputPath, name);
  }

  private check(sheet: string): void {
    if (sheet !== this.name) throw new SheetNotFoundError(sheet);
  }

  sheetNames(): Promise<readonly string[]> {
    return attempt(() => [this.name]);
  }

  extent(sheet: string): Promise<SheetExtent> {
    return attempt(() => {
      this.check(sheet);
      return {
        rowCount: Math.max(this.scanned.rowCount, this.spool.lastRow),
        columnCount: Math.max(this.scanned.columnCount, this.spool.lastColumn),
      };
    });
  }

  /** A reader positioned at or before `row`: where the last read stopped, or the nearest resume point. */
  private readerFor(row: number): CsvRecordReader {
    const point = this.scanned.checkpoints[Math.floor((row - 1) / CHECKPOINT_EVERY)];
    const from = this.resume.row <= row && (point === undefined || this.resume.row >= point.row) ? this.resume : point;
    return new CsvRecordReader(
      this.inputPath,
      this.scanned.encoding,
      this.scanned.delimiter,
      from ?? { row: 1, offset: this.scanned.encoding.bomLength, line: 1 },
      false,
    );
  }

  /** The output could not be written: the system's code, and what the user can do (not the raw message, which names our temporary file). */
  private cannotWrite(cause: unknown): WorkbookIoError {
    const code = (cause as { code?: unknown } | null)?.code;
    const reason = typeof code === 'string' ? `（${code}）` : '';
    const reasonEn = typeof code === 'string' ? ` (${code})` : '';
    return new WorkbookIoError(
      {
        zh: `无法写入文件“${this.outputPath}”${reason}：请确认该路径不是文件夹、所在文件夹可写、磁盘有空间且文件未被其他程序打开，然后重试`,
        en: `cannot write "${this.outputPath}"${reasonEn}: check the path is not a folder, its folder is writable, the disk has room and no other program has the file open, then retry`,
      },
      { cause },
    );
  }

  /** A record that decoded when the file was opened does not now: the file changed since. */
  private rethrow(e: unknown): never {
    if (e instanceof CsvDecodeFailure) throw this.changed();
    throw e;
  }

  private changed(): WorkbookIoError {
    return new WorkbookIoError({
      zh: `文件“${this.inputPath}”在分级过程中被修改；请关闭其他程序后重新运行`,
      en: `"${this.inputPath}" changed while it was being graded; close other programs and run again`,
    });
  }

  readBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rowCount: number,
    columnCount: number,
  ): Promise<CellValue[][]> {
    return attempt(() => {
      this.check(sheet);
      const out: CellValue[][] = [];
      const lastRow = firstRow + rowCount - 1;
      const inputRows = Math.min(lastRow, this.scanned.rowCount);
      if (firstRow <= inputRows) {
        const reader = this.readerFor(firstRow);
        try {
          for (let r = reader.position.row; r <= inputRows; r++) {
            const record = reader.read();
            if (record === null) break;
            if (r < firstRow) continue;
            const row: CellValue[] = new Array<CellValue>(columnCount);
            for (let j = 0; j < columnCount; j++) {
              const f = record.fields[firstColumn - 1 + j];
              row[j] = f === undefined || f === '' ? null : f;
            }
            out.push(row);
          }
          this.resume = reader.position;
        } catch (e) {
          if (e instanceof CsvDecodeFailure) throw this.changed();
          throw WorkbookIoError.reading(this.inputPath, e);
        } finally {
          reader.close();
        }
      }
      while (out.length < rowCount) out.push(Array.from({ length: columnCount }, (): CellValue => null));
      if (this.spool.covers(firstRow, lastRow)) {
        const merger = this.spool.merger(firstRow);
        out.forEach((row, i) => {
          for (const o of merger.overlays(firstRow + i))
            o.values.forEach((v, j) => {
              const c = o.firstColumn + j - firstColumn;
              if (c >= 0 && c < columnCount) row[c] = v === undefined || v === '' ? null : v;
            });
        });
      }
      return out;
    });
  }

  writeBlock(
    sheet: string,
    firstRow: number,
    firstColumn: number,
    rows: readonly (readonly CellWrite[])[],
  ): Promise<void> {
    return attempt(() => {
      this.check(sheet);
      this.spool.append(
        firstRow,
        firstColumn,
        rows.map((values) =>
          values.map((v): CellValue => (v !== null && typeof v === 'object' && !(v instanceof Date) ? v.result : v)),
        ),
      );
    });
  }

  formatColumn(): Promise<void> {
    return attempt(() => {});
  }

  colourBands(): Promise<void> {
    return attempt(() => {});
  }

  /** A CSV holds one sheet, the user's: the add-in's own sheets have nowhere to go, and that one is never replaced. */
  replaceSheet(): Promise<void> {
    return attempt(() => {});
  }

  defineName(): Promise<void> {
    return attempt(() => {});
  }

  /** A CSV file holds no validations. */
  listValidation(): Promise<boolean> {
    return Promise.resolve(false);
  }

  /** A CSV file does not print: it has no page setup. */
  setPrintLayout(): Promise<boolean> {
    return Promise.resolve(false);
  }

  /** A CSV file holds no comments. */
  addComment(): Promise<boolean> {
    return Promise.resolve(false);
  }

  /** A CSV file holds no charts. */
  addChart(): Promise<boolean> {
    return Promise.resolve(false);
  }

  /**
   * Streams the input with the writes laid over it into a temporary file beside the output, then
   * renames it over the output: an interrupted run leaves no partial file and, when the output is
   * the input, the input intact. Ctrl-C (SIGINT), SIGTERM or SIGHUP while it writes removes the
   * temporary file, then ends the process as the signal would have.
   */
  async commit(): Promise<void> {
    let now: { size: number; mtimeMs: number };
    try {
      now = statSync(this.inputPath);
    } catch (e) {
      throw WorkbookIoError.reading(this.inputPath, e);
    }
    if (now.size !== this.inputStamp.size || now.mtimeMs !== this.inputStamp.mtimeMs) throw this.changed();
    let interrupted: NodeJS.Signals | null = null;
    const onSignal = (signal: NodeJS.Signals): void => {
      interrupted = signal;
    };
    for (const signal of INTERRUPTS) process.on(signal, onSignal);
    try {
      // Through the one atomic writer: a private temporary file, the output's owner and mode kept.
      await writeAtomically(this.outputPath, async (temporary) => {
        const fd = openSync(temporary, 'wx', 0o600);
        try {
          await this.writeMerged(fd, () => interrupted !== null);
        } finally {
          closeSync(fd);
        }
        if (interrupted !== null) throw new Error('interrupted');
      });
    } catch (e) {
      if (interrupted === null) {
        if (e instanceof WorkbookIoError) throw e;
        throw this.cannotWrite(e);
      }
    } finally {
      for (const signal of INTERRUPTS) process.off(signal, onSignal);
    }
    if (interrupted !== null) {
      // Nothing was written under the output name: now end as the signal would have.
      process.kill(process.pid, interrupted);
      throw new WorkbookIoError({
        zh: `已中断，未写入“${this.outputPath}”`,
        en: `interrupted; "${this.outputPath}" was not written`,
      });
    }
  }

  private async writeMerged(fd: number, stop: () => boolean): Promise<void> {
    const rowCount = Math.max(this.scanned.rowCount, this.spool.lastRow);
    const width = Math.max(this.scanned.columnCount, this.spool.lastColumn);
    const reader = new CsvRecordReader(
      this.inputPath,
      this.scanned.encoding,
      this.scanned.delimiter,
      { row: 1, offset: this.scanned.encoding.bomLength, line: 1 },
      false,
    );
    const merger = this.spool.merger(1);
    let pending: string[] = ['\uFEFF'];
    let pendingLength = 1;
    const flush = (): void => {
      const bytes = Buffer.from(pending.join(''), 'utf8');
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done);
      pending = [];
      pendingLength = 0;
    };
    try {
      for (let r = 1; r <= rowCount; r++) {
        const record = r <= this.scanned.rowCount ? reader.read() : null;
        const cells: CellValue[] = new Array<CellValue>(width).fill(null);
        if (record !== null) record.fields.forEach((f, j) => (cells[j] = f === '' ? null : f));
        for (const o of merger.overlays(r)) o.values.forEach((v, j) => (cells[o.firstColumn - 1 + j] = v));
        let line = '';
        for (let j = 0; j < width; j++) line += j === 0 ? csvField(cells[j] ?? null) : `,${csvField(cells[j] ?? null)}`;
        line += '\r\n';
        pending.push(line);
        pendingLength += line.length;
        if (pendingLength > 1 << 16) flush();
        if (r % YIELD_ROWS === 0) {
          // Let a signal handler run; stop at once when one did.
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (stop()) return;
        }
      }
      flush();
    } catch (e) {
      this.rethrow(e);
    } finally {
      reader.close();
    }
  }
}
