/** Request sizes: payload-limit errors, blocks of rows waiting to be written and their bytes per cell. */
import type { CellWrite } from '../../grading';
import { officeCode } from './excelErrors';

const PAYLOAD_ERRORS = new Set(['RequestPayloadSizeLimitExceeded', 'ResponsePayloadSizeLimitExceeded']);

export function isPayloadError(e: unknown): boolean {
  return PAYLOAD_ERRORS.has(officeCode(e));
}

/**
 * Whether Excel ran the request before refusing to send its answer: a response over the size limit
 * comes back after the request's writes were applied, so they must not be sent again.
 */
export function requestRan(e: unknown): boolean {
  return officeCode(e) === 'ResponsePayloadSizeLimitExceeded';
}

/** Rows waiting to be written, down the same columns. */
export interface Block {
  readonly sheet: string;
  firstRow: number;
  readonly firstColumn: number;
  readonly width: number;
  readonly rows: (readonly CellWrite[])[];
  bytesPerCell: number;
}

export const MIN_BYTES_PER_CELL = 4;
/** Sheets written whole in fewer bytes than this ride with the next request instead of their own. */
export const SMALL_SHEET_BYTES = 512 * 1024;
/** Writes smaller than this ride with the next request instead of their own. */
export const SMALL_WRITE_BYTES = 64 * 1024;

/** Bytes a row of cells takes in a request: UTF-8 text (CJK is 3 bytes a character) plus JSON punctuation. */
export function jsonBytes(row: readonly unknown[]): number {
  let bytes = 2;
  for (const v of row) {
    if (typeof v === 'string') {
      let b = 3;
      for (let i = 0; i < v.length; i++) b += v.charCodeAt(i) < 0x80 ? 1 : 3;
      bytes += b;
    } else if (typeof v === 'object' && v !== null && 'formula' in v) bytes += 3 * String(v.formula).length + 4;
    else bytes += typeof v === 'number' ? String(v).length + 1 : 6;
  }
  return bytes;
}

/** Bytes per cell of a block, from up to 256 rows spread through it (exact JSON sizes, a small margin). */
export function estimateBytesPerCell(rows: readonly (readonly CellWrite[])[], width: number): number {
  const step = Math.max(1, Math.floor(rows.length / 256));
  let bytes = 0;
  let sampled = 0;
  for (let i = 0; i < rows.length; i += step, sampled++) bytes += jsonBytes(rows[i] ?? []);
  return Math.max(MIN_BYTES_PER_CELL, Math.ceil((1.02 * bytes) / Math.max(1, sampled * width)));
}
