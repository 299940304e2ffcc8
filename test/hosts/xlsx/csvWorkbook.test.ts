/*
 * The .csv host as a user meets it (issue 12, last paragraph; CONTRACT.md §5): large files, the
 * encodings Excel and Notepad save, damaged files refused naming the line, formula-like text kept as
 * text, and a write that never leaves a partial file.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import fc from 'fast-check';
import { main, type CliIo } from '../../../src/cli/qdGrade';
import { WorkbookIoError } from '../../../src/grading';
import { CsvEncodingError, CsvWorkbook } from '../../../src/hosts/xlsx/CsvWorkbook';
import { CsvRecordReader, CsvRecordTooLongError } from '../../../src/hosts/xlsx/csvRecords';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-csv-');
afterAll(() => tmp.cleanup());

const HEADER = '渠道代码,渠道名称,服务区域代码,终极赔付率,市场费用率,非市场费用率,合作保费,合作天数,渠道自有保费';
const ROW = (i: number): string => `C${i},渠道${i},3301,55%,10%,25%,"2,000,000",73,50000000`;

async function run(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTerminal: false };
  return { status: await main(argv, io), out, err };
}

let n = 0;
function file(bytes: Buffer | string, ext = 'csv'): string {
  const path = tmp.path(`f${++n}/in.${ext}`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return path;
}

function utf16(text: string, bigEndian: boolean): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  if (!bigEndian) return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1] as number;
    be[i + 1] = le[i] as number;
  }
  return be;
}

/** The CSV reading rules as the host had them before streaming (the reference the streamed reader must match). */
function referenceParse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  const delimiter = counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readAll(path: string, encoding: 'utf-8' | 'utf-16le', delimiter: string, chunk: number): string[][] {
  const reader = new CsvRecordReader(
    path,
    { name: encoding, bomLength: encoding === 'utf-8' ? 0 : 2 },
    delimiter,
    { row: 1, offset: encoding === 'utf-8' ? 0 : 2, line: 1 },
    true,
    chunk,
  );
  const rows: string[][] = [];
  try {
    for (let r = reader.read(); r !== null; r = reader.read()) rows.push(r.fields);
  } finally {
    reader.close();
  }
  return rows;
}

describe('the .csv host reads what spreadsheet programs and editors save', () => {
  it('splits records exactly as before, quotes, doubled quotes, CR, LF and CRLF included, across any read boundary', () => {
    const piece = fc.constantFrom('a', '渠道', ',', ';', '"', '""', '\r', '\n', '\r\n', ' ', '=SUM(A1)', '𠀀');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), (pieces, chunk) => {
        const text = pieces.join('');
        if (text.charCodeAt(0) === 0xfeff) return;
        const delimiter = detect(text);
        const path = file(text);
        expect(readAll(path, 'utf-8', delimiter, chunk)).toEqual(referenceParse(text));
        const path16 = file(utf16(text, false));
        expect(readAll(path16, 'utf-16le', delimiter, chunk * 2)).toEqual(referenceParse(text));
      }),
      { numRuns: 300 },
    );
  });

  it('opens, writes and saves a CSV of 130,000 rows (it failed above about 125,000 with "Maximum call stack size exceeded")', async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 130_000; i++) lines.push(ROW(i));
    const input = file(lines.join('\r\n'));
    const output = tmp.path('big-out.csv');
    const port = await CsvWorkbook.open(input, output);
    expect(await port.extent('in')).toEqual({ rowCount: 130_001, columnCount: 9 });
    expect(await port.readBlock('in', 130_001, 1, 2, 2)).toEqual([
      ['C130000', '渠道130000'],
      [null, null],
    ]);
    // As gradeSheet writes: the header, then chunks of 5,000 rows beside the input.
    await port.writeBlock('in', 1, 10, [['渠道分类', '校验结果']]);
    for (let r = 2; r <= 130_001; r += 5000)
      await port.writeBlock(
        'in',
        r,
        10,
        Array.from({ length: Math.min(5000, 130_002 - r) }, (_, i) => ['深蓝-A-Ⅱ', `=row ${r + i}`]),
      );
    await port.commit();
    const out = readFileSync(output, 'utf8').split('\r\n');
    expect(out).toHaveLength(130_002);
    expect(out[0]).toBe(`\uFEFF${HEADER},渠道分类,校验结果`);
    expect(out[130_000]).toBe(`${ROW(130_000)},深蓝-A-Ⅱ,'=row 130001`);
  }, 60_000);

  it('reads a UTF-8 file with or without a byte-order mark', async () => {
    for (const bytes of [`\uFEFF${HEADER}\n${ROW(1)}\n`, `${HEADER}\n${ROW(1)}\n`]) {
      const port = await CsvWorkbook.open(file(bytes), tmp.path('o.csv'));
      expect(await port.readBlock('in', 1, 1, 2, 2)).toEqual([
        ['渠道代码', '渠道名称'],
        ['C1', '渠道1'],
      ]);
    }
  });

  it('reads a file Excel or Notepad saved as "Unicode" (UTF-16 LE with a BOM) and as UTF-16 BE', async () => {
    for (const bigEndian of [false, true]) {
      const input = file(utf16('渠道代码\t渠道名称\t服务区域代码\r\nC1\t渠道1\t3301\r\n', bigEndian));
      const port = await CsvWorkbook.open(input, tmp.path('o.csv'));
      expect(await port.readBlock('in', 1, 1, 2, 3)).toEqual([
        ['渠道代码', '渠道名称', '服务区域代码'],
        ['C1', '渠道1', '3301'],
      ]);
    }
  });

  it('reads a file Chinese Excel saved as plain "CSV" (GB18030, no BOM)', async () => {
    const gb = (s: string): Buffer => Buffer.from(new Uint8Array([...encodeGb18030(s)]));
    const input = file(Buffer.concat([gb(`${HEADER}\r\n`), gb(`${ROW(1)}\r\n`), gb(`${ROW(2)}\r\n`)]));
    const port = await CsvWorkbook.open(input, tmp.path('gb-out.csv'));
    expect(await port.readBlock('in', 1, 1, 3, 2)).toEqual([
      ['渠道代码', '渠道名称'],
      ['C1', '渠道1'],
      ['C2', '渠道2'],
    ]);
    expect((await run([input, '--quiet'])).status).toBe(0);
    expect(readFileSync(input.replace(/\.csv$/, '.graded.csv'), 'utf8')).toMatch(/^\uFEFF渠道代码,渠道名称/);
  });

  it('refuses a UTF-8 file with one damaged byte, naming its line, instead of garbling every Chinese string', async () => {
    const good = Buffer.from(`${HEADER}\n${ROW(1)}\n${ROW(2)}\n`, 'utf8');
    const damaged = Buffer.concat([good, Buffer.from('C3,渠'), Buffer.from([0xe9]), Buffer.from(',3301\n'), good]);
    const input = file(damaged);
    await expect(CsvWorkbook.open(input, tmp.path('o.csv'))).rejects.toMatchObject({
      constructor: CsvEncodingError,
      line: 4,
    });
    const r = await run([input]);
    expect(r.status).toBe(3);
    expect(r.err).toContain('第 4 行');
    expect(r.err).toContain('line 4');
    expect(r.err).toContain(input);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(input.replace(/\.csv$/, '.graded.csv'))).toBe(false);
  });

  it('names the right line of a bad byte deep in a large UTF-8 file (past the first megabytes read)', async () => {
    const lines = [HEADER];
    for (let i = 1; i < 40_000; i++) lines.push(ROW(i));
    const head = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    const input = file(
      Buffer.concat([head, Buffer.from('C40000,渠'), Buffer.from([0x80]), Buffer.from(`\n${ROW(1)}\n`)]),
    );
    expect(head.length).toBeGreaterThan(2 << 20);
    await expect(CsvWorkbook.open(input, tmp.path('o.csv'))).rejects.toMatchObject({ line: 40_001 });
  });

  it('refuses a UTF-8 file with a BOM and a bad byte, naming the line', async () => {
    const input = file(Buffer.concat([Buffer.from(`\uFEFF${HEADER}\n${ROW(1)}\n`), Buffer.from([0xff, 0x0a])]));
    await expect(CsvWorkbook.open(input, tmp.path('o.csv'))).rejects.toMatchObject({ line: 3 });
  });

  it('refuses a Latin-1 file (neither UTF-8 nor GB18030) naming the line of the first bad byte', async () => {
    const input = file(Buffer.concat([Buffer.from('name,city\nx,Caf'), Buffer.from([0xe9]), Buffer.from(',\n')]));
    const error = await CsvWorkbook.open(input, tmp.path('o.csv')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CsvEncodingError);
    expect((error as CsvEncodingError).line).toBe(2);
  });

  it('refuses a record longer than any real one (a quote never closed) naming its first line, without holding the file', () => {
    const input = file(`${HEADER}\n${ROW(1)}\n"C2,${'渠道'.repeat(20_000)}\n${ROW(3)}\n`);
    const reader = new CsvRecordReader(
      input,
      { name: 'utf-8', bomLength: 0 },
      ',',
      { row: 1, offset: 0, line: 1 },
      true,
      4096,
      64 << 10,
    );
    try {
      expect(reader.read()?.fields[0]).toBe('渠道代码');
      expect(reader.read()?.fields[0]).toBe('C1');
      let error: unknown;
      try {
        reader.read();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CsvRecordTooLongError);
      expect((error as CsvRecordTooLongError).line).toBe(3);
      expect((error as CsvRecordTooLongError).message).toContain('line 3');
    } finally {
      reader.close();
    }
  });

  it('reads a quote that never closes as one last field, as before (beyond 64 MB it is refused naming the line)', () => {
    const input = file(`${HEADER}\n"C1,渠道1\n`);
    return expect(CsvWorkbook.open(input, tmp.path('o.csv')).then((p) => p.extent('in'))).resolves.toEqual({
      rowCount: 2,
      columnCount: 9,
    });
  });
});

describe('the .csv host writes safely', () => {
  it('refuses -o with another extension than the input (an .xlsx under a .csv name) with exit 2', async () => {
    const input = file(`${HEADER}\r\n${ROW(1)}\r\n`);
    const r = await run([input, '-o', tmp.path('wrong.xlsx')]);
    expect(r.status).toBe(2);
    expect(existsSync(tmp.path('wrong.xlsx'))).toBe(false);
  });

  it('writes UTF-8 with a BOM, keeps formula-like text as text and every input field as it was', async () => {
    const input = file(
      `${HEADER}\r\nC1,=SUM(A1),3301,55%,10%,25%,"2,000,000",73,50000000\r\nC2,"多行\n名称",3301,55%,10%,25%,1,365,1\r\n`,
    );
    expect((await run([input, '--quiet'])).status).toBe(0);
    const out = readFileSync(input.replace(/\.csv$/, '.graded.csv'));
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const again = await CsvWorkbook.open(input.replace(/\.csv$/, '.graded.csv'), tmp.path('x.csv'));
    const rows = await again.readBlock('in.graded', 1, 1, 3, 9);
    expect(rows[1]?.[1]).toBe("'=SUM(A1)");
    expect(rows[2]?.[1]).toBe('多行\n名称');
    expect(rows[1]?.[6]).toBe('2,000,000');
  });

  it("grades a CSV named 分级汇总.csv or 分级规则.csv as the user's data, never replacing it with the add-in's sheet", async () => {
    for (const name of ['分级汇总', '分级规则']) {
      const input = tmp.path(`f${++n}/${name}.csv`);
      mkdirSync(dirname(input), { recursive: true });
      writeFileSync(input, `${HEADER}\r\n${ROW(1)}\r\n`);
      expect((await run([input, '--quiet'])).status).toBe(0);
      const out = readFileSync(input.replace(/\.csv$/, '.graded.csv'), 'utf8').split('\r\n');
      expect(out[0]).toMatch(new RegExp(`^\uFEFF${HEADER},经营成本率,`));
      expect(out[1]).toMatch(new RegExp(`^${ROW(1).replace(/[()]/g, '\\$&')},0\\.9,`));
    }
  });

  it('grades in place with -o equal to the input, and grading the output again gives the same file', async () => {
    const input = file(`${HEADER}\r\n${ROW(1)}\r\n${ROW(2)}\r\n`);
    expect((await run([input, '-o', input, '--quiet'])).status).toBe(0);
    const first = readFileSync(input);
    expect((await run([input, '-o', input, '--quiet'])).status).toBe(0);
    expect(readFileSync(input).equals(first)).toBe(true);
    expect(readdirSync(dirname(input))).toEqual(['in.csv']);
  });

  it('leaves no partial file and the input intact when the output cannot be written', async () => {
    const input = file(`${HEADER}\r\n${ROW(1)}\r\n`);
    const before = readFileSync(input);
    // A folder under the output's name: the final rename fails, for root too.
    const blocked = `${dirname(input)}/out.csv`;
    mkdirSync(blocked);
    const r = await run([input, '-o', blocked]);
    expect(r.status).toBe(3);
    expect(r.err).toContain('out.csv');
    expect(r.err).toContain('EISDIR');
    expect(r.err).not.toContain('.tmp');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(readdirSync(dirname(input)).sort()).toEqual(['in.csv', 'out.csv']);
    expect(readdirSync(blocked)).toEqual([]);
    expect(readFileSync(input).equals(before)).toBe(true);
  });

  it('stops at Ctrl-C while saving: no partial file, no temporary file, the input intact, then ends as Ctrl-C does', async () => {
    const lines = [HEADER];
    for (let i = 1; i <= 20_000; i++) lines.push(ROW(i));
    const input = file(lines.join('\r\n'));
    const before = readFileSync(input);
    const output = `${dirname(input)}/out.csv`;
    const port = await CsvWorkbook.open(input, output);
    await port.writeBlock('in', 1, 10, [['渠道分类']]);
    const listeners = process.listenerCount('SIGINT');
    const kill = jest.spyOn(process, 'kill').mockImplementation(() => true);
    try {
      const saving = port.commit();
      // The commit writes its first rows, then gives the event loop a turn: the signal arrives there.
      process.emit('SIGINT', 'SIGINT');
      await expect(saving).rejects.toBeInstanceOf(WorkbookIoError);
      expect(kill).toHaveBeenCalledWith(process.pid, 'SIGINT');
    } finally {
      kill.mockRestore();
    }
    expect(readdirSync(dirname(input))).toEqual(['in.csv']);
    expect(readFileSync(input).equals(before)).toBe(true);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('refuses to write when the input changed while it was being graded', async () => {
    const input = file(`${HEADER}\r\n${ROW(1)}\r\n`);
    const port = await CsvWorkbook.open(input, tmp.path('changed-out.csv'));
    await port.writeBlock('in', 1, 10, [['经营成本率']]);
    writeFileSync(input, `${HEADER}\r\n${ROW(1)}\r\n${ROW(2)}\r\n`);
    utimesSync(input, new Date(), new Date(Date.now() + 5000));
    await expect(port.commit()).rejects.toBeInstanceOf(WorkbookIoError);
    expect(existsSync(tmp.path('changed-out.csv'))).toBe(false);
  });

  it('reads back what was written before the commit, later writes over earlier ones', async () => {
    const port = await CsvWorkbook.open(file(`${HEADER}\r\n${ROW(1)}\r\n${ROW(2)}\r\n`), tmp.path('o.csv'));
    await port.writeBlock('in', 2, 10, [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    await port.writeBlock('in', 3, 11, [['e']]);
    expect(await port.readBlock('in', 2, 9, 3, 3)).toEqual([
      ['50000000', 'a', 'b'],
      ['50000000', 'c', 'e'],
      [null, null, null],
    ]);
    expect(await port.extent('in')).toEqual({ rowCount: 3, columnCount: 11 });
  });
});

function detect(text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/** GB18030 bytes of text (Node has a GB18030 decoder but no encoder): found by decoding every two-byte code. */
function encodeGb18030(text: string): number[] {
  const table = gbTable();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const pair = table.get(ch);
      if (pair === undefined) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...pair);
    }
  }
  return out;
}

let gb: Map<string, [number, number]> | undefined;
function gbTable(): Map<string, [number, number]> {
  if (gb) return gb;
  gb = new Map();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && !gb.has(ch)) gb.set(ch, [lead, trail]);
    }
  return gb;
}
