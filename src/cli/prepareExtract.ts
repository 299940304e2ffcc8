/**
 * Streaming the policy extract into a preparation with flat memory (RULES.md §5.2, CONTRACT.md §6):
 * a CSV file of tens of millions of rows is read in 1 MiB chunks, each line's fields found by index
 * and the numbers parsed straight from the text into exact scaled integers, so no row is kept and
 * few strings are made; an .xlsx extract is read through the .xlsx host in sequential chunks.
 *
 * @packageDocumentation
 */
import { createReadStream } from 'node:fs';
import { basename, extname } from 'node:path';
import { isValidCivil, readDate, readNumber, type CellInput } from '../core';
import type { ChannelPreparation } from '../core/prepareChannels';
import { type ChannelSums } from '../core/prepareChannels';
import { parseScaledNumeral, signedScaledOf, type SignedScaled } from '../core/prepareExactSum';
import { MissingColumnError, WorkbookIoError, type WorkbookPort } from '../grading';
import { EXTRACT_COLUMNS, detectTable, type ExtractKey, type PrepareMapping } from '../grading/prepareColumns';
import { detectSheetTable } from '../grading/prepareSheet';
import { HEADER_SEARCH_ROWS } from '../grading/sheetLayout';

/** Progress of reading: bytes (CSV) or rows (xlsx) done of the total. */
export type ExtractProgress = (done: number, total: number) => void;

/** The CSV's bytes are not UTF-8: the caller reads it again as GB18030 (what Chinese Excel saves). */
class NotUtf8 extends Error {}

const CHUNK_BYTES = 1 << 20;
/** Days since 1970-01-01 by (year − 1900, month, day), filled as dates are met; 0 is "not yet". */
const EPOCH_DAYS = new Float64Array(200 * 12 * 31);

/** Days since 1970-01-01 of a date like `2026-03-05`, `2026/3/5` or `2026-03-05 00:00:00`; NaN otherwise. */
function dayOf(text: string, start: number, end: number): number {
  let i = start;
  let y = 0;
  for (let k = 0; k < 4; k++, i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9 || i >= end) return NaN;
    y = y * 10 + c;
  }
  const sep = text.charCodeAt(i);
  if (sep !== 45 && sep !== 47 && sep !== 46) return NaN;
  i++;
  let m = 0;
  let n = 0;
  for (; i < end; i++, n++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    m = m * 10 + c;
  }
  if (n === 0 || n > 2 || text.charCodeAt(i) !== sep) return NaN;
  i++;
  let d = 0;
  n = 0;
  for (; i < end; i++, n++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    d = d * 10 + c;
  }
  if (n === 0 || n > 2) return NaN;
  // A time of day after the date (system extracts print `2026-03-05 00:00:00`) does not change the day.
  if (i < end && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 84 /* T */) return NaN;
  if (y < 1900 || y >= 2100 || m < 1 || m > 12 || d < 1 || d > 31) return NaN;
  const key = ((y - 1900) * 12 + m - 1) * 31 + d - 1;
  let day = EPOCH_DAYS[key] as number;
  if (day === 0) {
    if (!isValidCivil(y, m, d)) return NaN;
    // The cache holds day + 1, so 0 means "not yet" (1969-12-31, day −1, is merely never cached).
    day = Math.round(Date.UTC(y, m - 1, d) / 86_400_000) + 1;
    EPOCH_DAYS[key] = day;
  }
  return day - 1;
}

/** A date cell from anything else (an Excel serial, `2026年3月5日`): days since 1970-01-01, or NaN. */
function dayOfCell(v: CellInput): number {
  const asNumber = typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
  const d = readDate(asNumber, 'startDate');
  return 'code' in d ? NaN : Math.round(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000);
}

function scaledOfText(text: string, s: number, e: number, out: SignedScaled): boolean {
  if (parseScaledNumeral(text, s, e, out)) return true;
  const x = readNumber(text.slice(s, e), 'value');
  return typeof x === 'number' && signedScaledOf(x, out);
}

/** Splits one CSV record with quotes (RFC 4180) into fields. */
function splitQuoted(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

function quoteCount(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = text.indexOf('"', start); i >= 0 && i < end; i = text.indexOf('"', i + 1)) n++;
  return n;
}

const premiumS: SignedScaled = { mantissa: 0, scale: 0 };
const lossS: SignedScaled = { mantissa: 0, scale: 0 };
const marketS: SignedScaled = { mantissa: 0, scale: 0 };

/** The six extract columns (0-based) in CONTRACT.md §6 order. */
interface ExtractIndexes {
  readonly channelId: number;
  readonly regionCode: number;
  readonly date: number;
  readonly premium: number;
  readonly lossRatio: number;
  readonly marketExpenseRatio: number;
}

/** Reads one CSV extract into a preparation; the hot loop of `qd-grade prepare`. */
class CsvExtractPass {
  private readonly starts = new Int32Array(64);
  private readonly ends = new Int32Array(64);
  private readonly maxColumn: number;
  private readonly byHash = new Map<number, { readonly raw: string; readonly sums: ChannelSums }>();

  constructor(
    private readonly prep: ChannelPreparation,
    private readonly at: ExtractIndexes,
    private readonly delimiter: string,
  ) {
    this.maxColumn = Math.max(...Object.values<number>(at as unknown as Record<string, number>));
    if (this.maxColumn >= 64) {
      this.starts = new Int32Array(this.maxColumn + 1);
      this.ends = new Int32Array(this.maxColumn + 1);
    }
  }

  /**
   * The sums of the channel named by text[s, e). Channels are found by a hash of the raw field and
   * checked against its text, so the hot path makes no string; a new or trimmed name takes the slow path.
   */
  private sumsOf(text: string, s: number, e: number): ChannelSums | null {
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const hit = this.byHash.get(h);
    if (hit && e - s === hit.raw.length && text.startsWith(hit.raw, s)) return hit.sums;
    const raw = text.slice(s, e);
    const id = raw.trim();
    if (id === '') return null;
    const sums = this.prep.sums(id);
    if (!hit) this.byHash.set(h, { raw, sums });
    return sums;
  }

  /** Notes a row's service-area code on its channel without making a string once five are known. */
  private noteRegion(sums: ChannelSums, text: string, s: number, e: number, code: string | null): void {
    if (sums.regionsMore) return;
    const regions = sums.regions;
    for (let i = 0; i < regions.length; i++) {
      const r = regions[i] as string;
      if (r.length === e - s && text.startsWith(r, s)) return;
    }
    sums.noteRegion(code ?? text.slice(s, e).trim());
  }

  /** One record of plain fields (no quotes) in text[start, end). */
  plain(text: string, start: number, end: number, row: number): void {
    const { starts, ends, maxColumn, delimiter } = this;
    let pos = start;
    for (let c = 0; c <= maxColumn; c++) {
      let stop = pos <= end ? text.indexOf(delimiter, pos) : -1;
      if (stop < 0 || stop > end) stop = end;
      starts[c] = Math.min(pos, end);
      ends[c] = stop;
      pos = stop + 1;
    }
    this.record(text, row);
  }

  /** One record given as fields (the quoted path). */
  fields(fields: readonly string[], row: number): void {
    const joined = fields.join('\u0000');
    let pos = 0;
    for (let c = 0; c <= this.maxColumn; c++) {
      const f = fields[c] ?? '';
      this.starts[c] = Math.min(pos, joined.length);
      this.ends[c] = Math.min(pos + f.length, joined.length);
      pos += f.length + 1;
    }
    this.record(joined, row);
  }

  private record(text: string, row: number): void {
    const { starts, ends, at, prep } = this;
    const counts = prep.counts;
    const cs = starts[at.channelId] as number;
    const ce = ends[at.channelId] as number;
    const ds = starts[at.date] as number;
    const de = ends[at.date] as number;
    const rs = starts[at.regionCode] as number;
    const re = ends[at.regionCode] as number;
    counts.read++;
    if (ce === cs) {
      if (de === ds && re === rs && ends[at.premium] === starts[at.premium]) {
        counts.read--; // a blank line
        return;
      }
      prep.reject(row, '', 'noChannel', '', null);
      return;
    }
    let day = dayOf(text, ds, de);
    if (day !== day) day = dayOfCell(text.slice(ds, de));
    if (day !== day) {
      const bad = this.sumsOf(text, cs, ce);
      prep.reject(row, bad?.channelId ?? '', bad ? 'unreadable' : 'noChannel', text.slice(ds, de), bad);
      return;
    }
    // Rows outside the window are only counted: no channel is looked up for them.
    if (day < prep.windowFirstDay || day > prep.windowLastDay) {
      counts.outsideWindow++;
      return;
    }
    const sums = this.sumsOf(text, cs, ce);
    if (!sums) {
      prep.reject(row, '', 'noChannel', '', null);
      return;
    }
    // Before the channel's cooperation start or after its end: counted on the channel, left out.
    if (sums.outsideCooperation(day)) return;
    // A code with spaces around it, or a list of valid codes, needs the code as a string.
    const spaced = re > rs && (text.charCodeAt(rs) === 32 || text.charCodeAt(re - 1) === 32);
    const code = spaced || prep.checksRegionList || re === rs ? text.slice(rs, re).trim() : null;
    if (code !== null) {
      const why = prep.regionRejection(code);
      if (why) {
        prep.reject(row, sums.channelId, why, code, sums);
        return;
      }
    }
    const ps = starts[at.premium] as number;
    const pe = ends[at.premium] as number;
    const ls = starts[at.lossRatio] as number;
    const le = ends[at.lossRatio] as number;
    const ms = starts[at.marketExpenseRatio] as number;
    const me = ends[at.marketExpenseRatio] as number;
    if (
      !scaledOfText(text, ps, pe, premiumS) ||
      !scaledOfText(text, ls, le, lossS) ||
      !scaledOfText(text, ms, me, marketS) ||
      lossS.mantissa < 0 ||
      marketS.mantissa < 0
    ) {
      const detail = `${text.slice(ps, pe)} / ${text.slice(ls, le)} / ${text.slice(ms, me)}`;
      prep.reject(row, sums.channelId, 'unreadable', detail, sums);
      return;
    }
    sums.addFigures(premiumS.mantissa, premiumS.scale, lossS.mantissa, lossS.scale, marketS.mantissa, marketS.scale);
    this.noteRegion(sums, text, rs, re, code);
    counts.used++;
  }
}

function detectDelimiter(line: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/**
 * Streams a CSV extract into `prep` (made by `makePrep`, called again when the file turns out to be
 * GB18030 rather than UTF-8). Throws `MissingColumnError` naming the missing columns and
 * `WorkbookIoError` naming the file. Returns the preparation the rows went into.
 */
export async function readCsvExtract(
  file: string,
  makePrep: () => ChannelPreparation,
  options: { readonly mapping?: PrepareMapping<ExtractKey> | undefined; readonly onProgress?: ExtractProgress } = {},
): Promise<ChannelPreparation> {
  try {
    return await readCsvExtractAs(file, makePrep(), 'utf-8', options);
  } catch (e) {
    if (!(e instanceof NotUtf8)) throw e;
    return readCsvExtractAs(file, makePrep(), 'gb18030', options);
  }
}

async function readCsvExtractAs(
  file: string,
  prep: ChannelPreparation,
  encoding: 'utf-8' | 'gb18030',
  options: { readonly mapping?: PrepareMapping<ExtractKey> | undefined; readonly onProgress?: ExtractProgress },
): Promise<ChannelPreparation> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  let total = 0;
  let done = 0;
  stream.once('open', () => {
    void import('node:fs/promises').then(async (fs) => {
      total = (await fs.stat(file)).size;
    });
  });
  let carry = '';
  let row = 0;
  let pass: CsvExtractPass | null = null;
  const head: string[] = [];
  let delimiter = ',';
  let headerLine = -1;

  const startPass = (): void => {
    delimiter = detectDelimiter(head.find((l) => l.trim() !== '') ?? '');
    const rows = head.map((l) => splitQuoted(l, delimiter));
    const found = detectTable(EXTRACT_COLUMNS, rows, options.mapping);
    if (found.headerRow === 0 || found.missing.length > 0)
      throw new MissingColumnError(
        basename(file, extname(file)),
        found.headerRow === 0 ? EXTRACT_COLUMNS.filter((c) => c.required).map((c) => c.header) : found.missing,
      );
    const m = found.mapping as Required<PrepareMapping<ExtractKey>>;
    pass = new CsvExtractPass(
      prep,
      {
        channelId: m.channelId - 1,
        regionCode: m.regionCode - 1,
        date: m.date - 1,
        premium: m.premium - 1,
        lossRatio: m.lossRatio - 1,
        marketExpenseRatio: m.marketExpenseRatio - 1,
      },
      delimiter,
    );
    headerLine = found.headerRow;
    // The head's own data rows (after the header) go through the pass as every other row does.
    for (let i = headerLine; i < head.length; i++) {
      const line = head[i] as string;
      if (line.includes('"')) pass.fields(splitQuoted(line, delimiter), i + 1);
      else pass.plain(line, 0, line.length, i + 1);
    }
  };

  const consume = (text: string, final: boolean): void => {
    let pos = 0;
    const n = text.length;
    // The next quote at or after pos: found once and moved past, so a file without quotes is scanned once.
    let nextQuote = -1;
    while (pos < n) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) {
        if (!final) break;
        nl = n;
      }
      if (nextQuote < pos && nextQuote !== Infinity) {
        nextQuote = text.indexOf('"', pos);
        if (nextQuote < 0) nextQuote = Infinity;
      }
      const quoted = nextQuote < nl;
      // A quoted field may hold a line break: extend the record until its quotes balance.
      if (quoted) {
        let q = quoteCount(text, pos, nl);
        while (q % 2 === 1 && nl < n) {
          const next = text.indexOf('\n', nl + 1);
          const stop = next < 0 ? n : next;
          q += quoteCount(text, nl + 1, stop);
          if (next < 0 && !final) {
            nl = -1;
            break;
          }
          nl = stop;
        }
        if (nl < 0) break;
      }
      let end = nl;
      if (end > pos && text.charCodeAt(end - 1) === 13) end--;
      row++;
      if (pass) {
        if (quoted) pass.fields(splitQuoted(text.slice(pos, end), delimiter), row);
        else pass.plain(text, pos, end, row);
      } else {
        head.push(text.slice(pos, end));
        if (head.length === HEADER_SEARCH_ROWS) startPass();
      }
      pos = nl + 1;
    }
    carry = pos < n ? text.slice(pos) : '';
  };

  try {
    let first = true;
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      let text: string;
      try {
        text = decoder.decode(bytes, { stream: true });
      } catch {
        stream.destroy();
        throw new NotUtf8();
      }
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      consume(carry + text, false);
      done += bytes.length;
      options.onProgress?.(done, Math.max(total, done));
    }
    let rest: string;
    try {
      rest = decoder.decode();
    } catch {
      throw new NotUtf8();
    }
    consume(carry + rest, true);
    if (!pass) startPass();
  } catch (e) {
    if (e instanceof NotUtf8 || e instanceof MissingColumnError) throw e;
    throw WorkbookIoError.reading(file, e);
  }
  return prep;
}

/** Reads an extract sheet of a workbook (an .xlsx file through its host) into `prep`, chunk by chunk. */
export async function readSheetExtract(
  port: WorkbookPort,
  sheet: string,
  prep: ChannelPreparation,
  options: {
    readonly mapping?: PrepareMapping<ExtractKey> | undefined;
    readonly onProgress?: ExtractProgress;
    readonly chunkRows?: number;
  } = {},
): Promise<ChannelPreparation> {
  const table = await detectSheetTable(port, sheet, EXTRACT_COLUMNS, options.mapping);
  const m = table.mapping as Required<PrepareMapping<ExtractKey>>;
  const cols = Object.values<number>(m);
  const first = Math.min(...cols);
  const width = Math.max(...cols) - first + 1;
  const chunk = options.chunkRows ?? 20_000;
  for (let r = table.headerRow + 1; r <= table.lastRow; r += chunk) {
    const n = Math.min(chunk, table.lastRow - r + 1);
    const block = await port.readBlock(sheet, r, first, n, width);
    block.forEach((cells, i) => {
      const at = (k: ExtractKey): CellInput => cells[m[k] - first] ?? null;
      if ([at('channelId'), at('regionCode'), at('date'), at('premium')].every((v) => v === null || v === '')) return;
      prep.addRow(
        r + i,
        at('channelId'),
        at('regionCode'),
        at('date'),
        at('premium'),
        at('lossRatio'),
        at('marketExpenseRatio'),
      );
    });
    options.onProgress?.(Math.min(r + n - 1, table.lastRow) - table.headerRow, table.lastRow - table.headerRow);
  }
  return prep;
}
