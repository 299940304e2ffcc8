// Byte-level readers of a sheet's rows: attributes, column references, end tags, comments and CDATA.
import { columnOfCellTag } from './sheetXml';
import { XmlSyntaxError } from './xmlScanner';

/** Whether `buf` holds the bytes of `what` at `at`. */
export function bytesAt(buf: Buffer, what: Buffer, at: number): boolean {
  if (at + what.length > buf.length) return false;
  for (let i = 0; i < what.length; i++) if (buf[at + i] !== what[i]) return false;
  return true;
}

/** Whether a byte may follow an element's name in its start tag (space, `>`, `/`, tab, newline). */
export function endsName(b: number | undefined): boolean {
  return b === 32 || b === 62 || b === 47 || b === 9 || b === 10 || b === 13;
}

/** Whether a byte is XML white space. */
export function isSpace(b: number | undefined): boolean {
  return b === 32 || b === 9 || b === 10 || b === 13;
}

/** ` spans="`, as bytes. */
export const SPANS = Buffer.from(' spans="', 'latin1');
/** ` r="`, as bytes. */
export const R_ATTR = Buffer.from(' r="', 'latin1');

/** Where `what` starts in `buf` between `from` and `to` (a start tag: a few dozen bytes), or -1. */
export function indexWithin(buf: Buffer, what: Buffer, from: number, to: number): number {
  const first = what[0];
  for (let i = from, last = to - what.length; i <= last; i++) if (buf[i] === first && bytesAt(buf, what, i)) return i;
  return -1;
}

/**
 * The run of bytes from `at` (before `end`) that are digits of `digits` (bytes `lo`..`hi`, each
 * worth byte − `zero` in `base`), read as a number: the value and where the run ends.
 */
export function runAt(
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

export const DECIMAL = { lo: 48, hi: 57, base: 10, zero: 48 };
export const LETTERS = { lo: 65, hi: 90, base: 26, zero: 64 };

/**
 * The number of a start tag's ` r="123"` (a row's), read from its bytes between `lt` and `gt`;
 * undefined when the tag has it in another form (the caller then reads its text).
 */
export function numberAttr(buf: Buffer, lt: number, gt: number): number | undefined {
  const at = indexWithin(buf, R_ATTR, lt, gt);
  if (at < 0) return undefined;
  const [n, i] = runAt(buf, at + R_ATTR.length, gt, DECIMAL);
  return i > at + R_ATTR.length && buf[i] === 34 ? n : undefined;
}

/** The column of a cell's start tag between `start` and `end` (` r="AB12"`), from its bytes when it has that form. */
export function columnOfTagAt(buf: Buffer, start: number, end: number): number | undefined {
  const at = indexWithin(buf, R_ATTR, start, end);
  if (at >= 0) {
    const [c, i] = runAt(buf, at + R_ATTR.length, end, LETTERS);
    const b = buf[i];
    if (c > 0 && b !== undefined && b >= 48 && b <= 57) return c;
  }
  return columnOfCellTag(buf.toString('latin1', start, end));
}

export const COMMENT = Buffer.from('<!--', 'latin1');
export const PI = Buffer.from('<?', 'latin1');
export const CDATA = Buffer.from('<![CDATA[', 'latin1');

export function sheetSyntax(reason: string): XmlSyntaxError {
  return new XmlSyntaxError(reason, 0);
}

/** Where the end tag `close` (`</name`, then white space and `>`) at `at` ends; -1 if it is none, -2 if the bytes end first. */
export function endTagAtBytes(buf: Buffer, at: number, close: Buffer): number {
  let j = at + close.length;
  while (isSpace(buf[j])) j++;
  return buf[j] === 62 ? j + 1 : j >= buf.length ? -2 : -1;
}

/** The end of the first end tag `close` at or after `from`, or -1. */
export function endTagIn(buf: Buffer, close: Buffer, from: number): number {
  for (let at = buf.indexOf(close, from); at >= 0; at = buf.indexOf(close, at + 1)) {
    const end = endTagAtBytes(buf, at, close);
    if (end >= 0 || end === -2) return end === -2 ? -1 : end;
  }
  return -1;
}
