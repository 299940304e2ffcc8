/**
 * Which text encoding a .csv file is in, decided the way a user would expect of Excel's own files:
 * a byte-order mark decides (UTF-8, UTF-16 LE, UTF-16 BE); without one, the file is UTF-8 when it is
 * valid UTF-8 as a whole, GB18030 (what Chinese Excel writes as plain "CSV") when it does not look
 * like UTF-8 at all and is valid GB18030, and otherwise it is refused naming the line of the first
 * bad byte — a UTF-8 file with one damaged byte is never read as GB18030 and garbled.
 *
 * @packageDocumentation
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { WorkbookIoError } from '../../grading';

/** A CSV file's encoding and the length of its byte-order mark. */
export interface CsvEncoding {
  readonly name: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
  readonly bomLength: number;
}

/** A .csv file whose bytes are not text in the encoding it is read in; names the line and byte. */
export class CsvEncodingError extends WorkbookIoError {
  constructor(
    readonly file: string,
    readonly encoding: string,
    readonly line: number,
    readonly byteOffset: number,
  ) {
    const label = encoding.toUpperCase();
    super({
      zh: `文件“${file}”第 ${line} 行（第 ${byteOffset + 1} 字节）不是有效的 ${label} 文本；请用记事本或 Excel 将其另存为“CSV UTF-8”后重试`,
      en: `"${file}" line ${line} (byte ${byteOffset + 1}) is not valid ${label} text; save it again as "CSV UTF-8" (Notepad or Excel) and retry`,
    });
  }
}

/** The encoding a byte-order mark announces, or null when the file starts without one. */
export function encodingFromBom(head: Uint8Array): CsvEncoding | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { name: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { name: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { name: 'utf-16be', bomLength: 2 };
  return null;
}

/** What a whole-file UTF-8 check found. */
export interface Utf8Census {
  /** Well-formed sequences of two to four bytes (non-ASCII characters). */
  readonly multibyte: number;
  /** Ill-formed sequences (each counted once, from its first bad byte). */
  readonly invalid: number;
  /** The first ill-formed byte, and its 1-based line, or null when the file is valid UTF-8. */
  readonly first: { readonly offset: number; readonly line: number } | null;
}

/** Length of the well-formed UTF-8 sequence at `i` (Unicode 15 table 3-7), 0 if ill-formed, -1 if cut by the end of `b`. */
function sequenceLength(b: Uint8Array, i: number, end: number): number {
  const lead = b[i] as number;
  let length: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) length = 2;
  else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead === 0xe0) lo = 0xa0;
    if (lead === 0xed) hi = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead === 0xf0) lo = 0x90;
    if (lead === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    if (i + k >= end) return -1;
    const c = b[i + k] as number;
    if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return 0;
  }
  return length;
}

const CHUNK = 1 << 20;

/**
 * Reads a file from `start` in chunks of 1 MiB, handing each to `visit` with how many bytes of the
 * previous chunk it carries over at its start.
 */
function eachChunk(path: string, start: number, visit: (bytes: Uint8Array, last: boolean) => number): void {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK + 8);
    let carry = 0;
    let position = start;
    for (;;) {
      const read = readSync(fd, buffer, carry, CHUNK, position);
      position += read;
      const size = carry + read;
      const last = read === 0;
      const consumed = visit(buffer.subarray(0, size), last);
      if (last) return;
      carry = size - consumed;
      buffer.copy(buffer, 0, consumed, size);
    }
  } finally {
    closeSync(fd);
  }
}

/** Checks a whole file as UTF-8 from `start`, streaming, counting good and bad sequences and lines. */
export function utf8Census(path: string, start = 0): Utf8Census {
  let multibyte = 0;
  let invalid = 0;
  let first: { offset: number; line: number } | null = null;
  let line = 1;
  let base = start;
  eachChunk(path, start, (b, last) => {
    const end = b.length;
    let i = 0;
    while (i < end) {
      const c = b[i] as number;
      if (c < 0x80) {
        if (c === 0x0a) line++;
        i++;
        continue;
      }
      const n = sequenceLength(b, i, end);
      if (n === -1 && !last) break; // finish this sequence with the next chunk
      if (n > 0) {
        multibyte++;
        i += n;
      } else {
        invalid++;
        first ??= { offset: base + i, line };
        i++;
      }
    }
    base += i;
    return i;
  });
  return { multibyte, invalid, first };
}

/** Whether the file from `start` is valid in a multi-byte encoding TextDecoder knows. */
function decodesCleanly(path: string, start: number, encoding: string): boolean {
  const decoder = new TextDecoder(encoding, { fatal: true });
  try {
    eachChunk(path, start, (b, last) => {
      decoder.decode(b, { stream: !last });
      return b.length;
    });
    return true;
  } catch {
    return false;
  }
}

/**
 * The encoding of a file that has no byte-order mark and is not valid UTF-8 as a whole. GB18030 is
 * chosen only when the file does not look like UTF-8 — fewer well-formed non-ASCII UTF-8 sequences
 * than ill-formed ones (GB18030 Chinese text is almost all ill-formed as UTF-8; a damaged UTF-8
 * file has far more good sequences than bad) — and decodes as GB18030 without error. Otherwise a
 * `CsvEncodingError` names the line of the first bad UTF-8 byte.
 */
export function encodingOfInvalidUtf8(path: string, displayName: string): CsvEncoding {
  const census = utf8Census(path);
  if (census.first === null) return { name: 'utf-8', bomLength: 0 };
  if (census.multibyte < census.invalid && decodesCleanly(path, 0, 'gb18030')) return { name: 'gb18030', bomLength: 0 };
  throw new CsvEncodingError(displayName, 'utf-8', census.first.line, census.first.offset);
}

// A spreadsheet opening a CSV may take a field for a formula when it starts with = + - @ (DDE and
// formula injection), also after a tab, a carriage return or other leading white space and control
// characters, which some readers strip before looking (OWASP "CSV injection").
const FORMULA_LEAD = /^[\s\p{Cc}]*[=+\-@]/u;

/**
 * Text as a CSV field may hold it so no spreadsheet reads it as a formula: text that starts with
 * `=`, `+`, `-` or `@` — also after leading tabs, carriage returns, spaces or other control
 * characters — or with a tab or carriage return at all, gets a leading apostrophe. Text that is a
 * plain number (`-5`, `+1.5%`) is kept, as a reader takes it for that number, not a formula.
 */
export function inertCsvText(text: string, isNumber: (text: string) => boolean): string {
  if (/^[\t\r]/.test(text)) return `'${text}`;
  if (!FORMULA_LEAD.test(text)) return text;
  return isNumber(text) ? text : `'${text}`;
}
