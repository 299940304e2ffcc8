/**
 * The zip layer of the package host. Reading goes through yauzl (central directory, ZIP64, and each
 * entry either inflated or as its raw compressed bytes, so parts the add-in does not change are
 * copied through without inflating them). Writing is done here (APPNOTE 6.3.x §4.3): entries copied
 * raw with their CRC and sizes, small parts deflated in memory, and one part deflated as a stream
 * with a data descriptor; ZIP64 records where sizes, offsets or the entry count need them.
 *
 * @packageDocumentation
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { close as closeFd, open as openFdCallback, read as readFdCallback } from 'node:fs';
import { promisify } from 'node:util';
import type { Readable, TransformOptions } from 'node:stream';
import {
  constants as zlibConstants,
  crc32,
  createDeflateRaw,
  createInflateRaw,
  deflateRawSync,
  type ZlibOptions,
} from 'node:zlib';
import yauzl from 'yauzl';

/** An entry of the input package, as its central directory describes it. */
export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly crc32: number;
  readonly compressionMethod: number;
  readonly lastModFileTime: number;
  readonly lastModFileDate: number;
  readonly raw: yauzl.Entry;
}

/** An open zip file: its entries by name (and by lower-cased name: OPC part names ignore case). */
export class ZipReader {
  private readonly byLowerName = new Map<string, ZipEntry>();
  private fd: Promise<number> | undefined;

  private constructor(
    private readonly zip: yauzl.ZipFile,
    readonly entries: readonly ZipEntry[],
    private readonly path: string,
  ) {
    for (const e of entries) this.byLowerName.set(e.name.toLowerCase(), e);
  }

  /** Opens a zip file and reads its central directory; rejects with yauzl's error if it is not one. */
  static async open(path: string): Promise<ZipReader> {
    return ZipReader.load(path);
  }

  private static async load(path: string): Promise<ZipReader> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(
        path,
        { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false },
        (err, z) => (err ? reject(err) : resolve(z)),
      ),
    );
    // yauzl keeps where the central directory starts only as its reading cursor, before the first entry.
    const cdStart = (zip as unknown as { readEntryCursor: number }).readEntryCursor;
    const entries: ZipEntry[] = [];
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (e: yauzl.Entry) => {
        entries.push({
          name: e.fileName,
          compressedSize: e.compressedSize,
          uncompressedSize: e.uncompressedSize,
          crc32: e.crc32,
          compressionMethod: e.compressionMethod,
          lastModFileTime: e.lastModFileTime,
          lastModFileDate: e.lastModFileDate,
          raw: e,
        });
        zip.readEntry();
      });
      zip.once('end', () => resolve());
      zip.once('error', reject);
      zip.readEntry();
    });
    try {
      await checkIntegrity(zip, entries, cdStart);
    } catch (e) {
      zip.close();
      throw e;
    }
    return new ZipReader(zip, entries, path);
  }

  /**
   * The entry's bytes inflated, in large chunks, for a large part read in one pass (the graded
   * sheet). Reads the compressed bytes itself in 64 KiB blocks and inflates them with 64 KiB output
   * buffers: yauzl's 16 KiB pipeline costs a thread-pool round trip per 16 KiB, most of the time of
   * a 50 MB sheet. Like `stream`, it fails unless the bytes are exactly the declared size (a bomb
   * cannot lie), and a damaged deflate stream fails with zlib's error.
   */
  async *inflated(entry: ZipEntry, block = BLOCK): AsyncGenerator<Buffer, void, undefined> {
    const { fileDataStart } = await this.zip.readLocalFileHeaderPromise(entry.raw, { minimal: true });
    // One descriptor per package, shared by its reads and closed with it: a pass left unfinished holds none.
    this.fd ??= openFd(this.path, 'r');
    const fd = await this.fd;
    const end = fileDataStart + entry.compressedSize;
    const name = entry.name;
    async function* blocks(): AsyncGenerator<Buffer, void, undefined> {
      for (let at = fileDataStart; at < end;) {
        const n = Math.min(block, end - at);
        const buffer = Buffer.allocUnsafe(n);
        const bytesRead = await readFd(fd, buffer, n, at);
        if (bytesRead === 0) throw new Error(`zip entry ${name} is truncated`);
        at += bytesRead;
        yield buffer.subarray(0, bytesRead);
      }
    }
    let produced = 0;
    let crc = 0;
    const count = (b: Buffer): Buffer => {
      produced += b.length;
      crc = crc32(b, crc);
      if (produced > entry.uncompressedSize)
        throw new Error(`zip entry ${name}: more than its declared ${entry.uncompressedSize} bytes`);
      return b;
    };
    if (entry.compressionMethod === 0) for await (const b of blocks()) yield count(b);
    else {
      if (entry.compressionMethod !== 8)
        throw new Error(`zip entry ${name}: unsupported compression method ${entry.compressionMethod}`);
      const inflate = createInflateRaw({ chunkSize: block });
      const untilDrained = (): Promise<void> =>
        new Promise((resolve) => {
          const done = (): void => {
            inflate.off('drain', done);
            inflate.off('close', done);
            resolve();
          };
          inflate.on('drain', done);
          inflate.on('close', done);
        });
      const feed = (async () => {
        for await (const b of blocks()) {
          if (inflate.destroyed) return; // the reader stopped early
          if (!inflate.write(b)) await untilDrained();
        }
        if (!inflate.destroyed) inflate.end();
      })();
      let feedError: Error | undefined;
      feed.catch((e: unknown) => {
        feedError = e instanceof Error ? e : new Error(`zip entry ${name}: read failed`);
        inflate.destroy(feedError);
      });
      try {
        for await (const b of inflate) yield count(b as Buffer);
      } finally {
        inflate.destroy();
        await feed.catch(() => undefined);
      }
      if (feedError) throw feedError;
    }
    if (produced !== entry.uncompressedSize)
      throw new Error(`zip entry ${name}: ${produced} of its declared ${entry.uncompressedSize} bytes`);
    if (crc !== entry.crc32) throw new ZipIntegrityError(name, '的 CRC 校验值不符', 'fails its CRC check');
  }

  /** The entry of a part name (no leading slash), case-insensitively. */
  entry(name: string): ZipEntry | undefined {
    return this.byLowerName.get(name.replace(/^\//, '').toLowerCase());
  }

  /** The entry's bytes inflated (yauzl checks they are exactly the declared size, so a bomb cannot lie). */
  stream(entry: ZipEntry): Promise<Readable> {
    return new Promise((resolve, reject) =>
      this.zip.openReadStream(entry.raw, (err, s) => (err ? reject(err) : resolve(s))),
    );
  }

  /** The entry's compressed bytes as stored. */
  rawStream(entry: ZipEntry): Promise<Readable> {
    // A stored entry's bytes are its raw bytes already (yauzl refuses `decompress` for it).
    const options = entry.compressionMethod === 0 ? {} : { decompress: false };
    return new Promise((resolve, reject) =>
      this.zip.openReadStream(entry.raw, options, (err, s) => (err ? reject(err) : resolve(s))),
    );
  }

  /** The whole entry as UTF-8 text. */
  async text(entry: ZipEntry): Promise<string> {
    const chunks: Buffer[] = [];
    let crc = 0;
    for await (const c of await this.stream(entry)) {
      chunks.push(c as Buffer);
      crc = crc32(c as Buffer, crc);
    }
    if (crc !== entry.crc32) throw new ZipIntegrityError(entry.name, '的 CRC 校验值不符', 'fails its CRC check');
    return Buffer.concat(chunks).toString('utf8');
  }

  close(): void {
    this.zip.close();
    const fd = this.fd;
    this.fd = undefined;
    void fd?.then((n) => closeFd(n, () => undefined)).catch(() => undefined);
  }
}

/** A zip entry that is damaged or ambiguous: its name, and what is wrong, in both languages. */
export class ZipIntegrityError extends Error {
  constructor(
    readonly entry: string,
    readonly zh: string,
    readonly en: string,
  ) {
    super(`zip entry ${entry} ${en}`);
    this.name = 'ZipIntegrityError';
  }
}

/** The fixed part of a data descriptor without its optional signature (CRC, two 4-byte sizes). */
const DESCRIPTOR = 12;

/**
 * Refuses a package whose entries are ambiguous or damaged (APPNOTE 6.3.x §4.3): two entries of one
 * part name (OPC names compare case-insensitively), a local header that disagrees with the central
 * directory (name, compression method, and CRC and sizes where the header carries them), an entry
 * whose data runs past the central directory or the file, and entries whose bytes overlap.
 */
async function checkIntegrity(zip: yauzl.ZipFile, entries: readonly ZipEntry[], cdStart: number): Promise<void> {
  const names = new Map<string, string>();
  for (const e of entries) {
    const key = e.name.replace(/^\/+/, '').toLowerCase();
    const other = names.get(key);
    if (other !== undefined)
      throw new ZipIntegrityError(
        e.name,
        `与条目 ${other} 同名（重复的条目）`,
        `has the same name as entry ${other} (a duplicate)`,
      );
    names.set(key, e.name);
  }
  const spans: { start: number; end: number; name: string }[] = [];
  const BATCH = 64;
  for (let i = 0; i < entries.length; i += BATCH) {
    const batch = entries.slice(i, i + BATCH);
    const headers = await Promise.all(
      batch.map((e) =>
        zip.readLocalFileHeaderPromise(e.raw).catch(() => {
          throw new ZipIntegrityError(e.name, '的本地文件头缺失或已截断', 'has a missing or truncated local header');
        }),
      ),
    );
    batch.forEach((e, j) => {
      const h = headers[j] as yauzl.LocalFileHeader;
      const raw = e.raw as yauzl.Entry & { fileNameRaw?: Buffer };
      if (raw.fileNameRaw && !h.fileName.equals(raw.fileNameRaw))
        throw new ZipIntegrityError(
          e.name,
          `的本地文件头写的是另一个名称“${h.fileName.toString('utf8')}”`,
          `has a local header naming another entry, "${h.fileName.toString('utf8')}"`,
        );
      if (h.compressionMethod !== e.compressionMethod)
        throw new ZipIntegrityError(
          e.name,
          '的本地文件头与中央目录的压缩方式不符',
          "has a local header whose compression method is not the central directory's",
        );
      if ((h.generalPurposeBitFlag & 8) === 0) {
        const sizesDiffer =
          (h.compressedSize !== 0xffffffff && h.compressedSize !== e.compressedSize) ||
          (h.uncompressedSize !== 0xffffffff && h.uncompressedSize !== e.uncompressedSize);
        if (h.crc32 !== e.crc32 || sizesDiffer)
          throw new ZipIntegrityError(
            e.name,
            '的本地文件头与中央目录的 CRC 或大小不符',
            "has a local header whose CRC or sizes are not the central directory's",
          );
      }
      const end = h.fileDataStart + e.compressedSize + ((h.generalPurposeBitFlag & 8) !== 0 ? DESCRIPTOR : 0);
      if (end > cdStart)
        throw new ZipIntegrityError(
          e.name,
          '的数据越过了中央目录（条目已截断或重叠）',
          'runs into the central directory (truncated or overlapping)',
        );
      spans.push({ start: e.raw.relativeOffsetOfLocalHeader, end, name: e.name });
    });
  }
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    const a = spans[i - 1] as (typeof spans)[number];
    const b = spans[i] as (typeof spans)[number];
    if (b.start < a.end)
      throw new ZipIntegrityError(b.name, `与条目 ${a.name} 的数据重叠`, `overlaps the bytes of entry ${a.name}`);
  }
}

const openFd = promisify(openFdCallback);
const readFd = (fd: number, buffer: Buffer, length: number, position: number): Promise<number> =>
  new Promise((resolve, reject) =>
    readFdCallback(fd, buffer, 0, length, position, (err, bytesRead) => (err ? reject(err) : resolve(bytesRead))),
  );

const U32 = 0xffffffff;
/** Read and inflate/deflate buffer size for large parts: 4× fewer thread-pool round trips than zlib's 16 KiB; larger blocks cost more in garbage collection than they save (measured). */
const BLOCK = 1 << 16;

interface Written {
  readonly name: Buffer;
  readonly flags: number;
  readonly method: number;
  readonly time: number;
  readonly date: number;
  readonly crc: number;
  readonly compressed: number;
  readonly uncompressed: number;
  readonly offset: number;
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** Writes a zip file entry by entry to a path; `finish` writes the central directory and closes it. */
export class ZipWriter {
  private readonly out: WriteStream;
  private offset = 0;
  private readonly written: Written[] = [];
  private readonly now = dosTime(new Date());
  private failure: Error | undefined;

  private check(): void {
    const f = this.failure;
    if (f) throw f;
  }

  constructor(path: string) {
    this.out = createWriteStream(path, { flags: 'wx', highWaterMark: 1 << 20 });
    this.out.on('error', (e) => (this.failure = e));
  }

  private async write(b: Buffer): Promise<void> {
    this.check();
    this.offset += b.length;
    if (!this.out.write(b))
      await new Promise<void>((resolve, reject) => {
        const done = (): void => {
          this.out.off('error', fail);
          resolve();
        };
        const fail = (e: Error): void => {
          this.out.off('drain', done);
          reject(e);
        };
        this.out.once('drain', done);
        this.out.once('error', fail);
      });
    this.check();
  }

  private localHeader(w: Omit<Written, 'offset'>, zip64: boolean): Buffer {
    const extra = zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(w.uncompressed), 4);
      extra.writeBigUInt64LE(BigInt(w.compressed), 12);
    }
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(zip64 ? 45 : 20, 4);
    h.writeUInt16LE(w.flags, 6);
    h.writeUInt16LE(w.method, 8);
    h.writeUInt16LE(w.time, 10);
    h.writeUInt16LE(w.date, 12);
    h.writeUInt32LE(w.flags & 8 ? 0 : w.crc, 14);
    h.writeUInt32LE(w.flags & 8 ? 0 : zip64 ? U32 : w.compressed, 18);
    h.writeUInt32LE(w.flags & 8 ? 0 : zip64 ? U32 : w.uncompressed, 22);
    h.writeUInt16LE(w.name.length, 26);
    h.writeUInt16LE(extra.length, 28);
    return Buffer.concat([h, w.name, extra]);
  }

  /** Copies an entry of another zip as its compressed bytes, with its CRC, sizes and time. */
  async copyRaw(entry: ZipEntry, raw: Readable): Promise<void> {
    const w: Omit<Written, 'offset'> = {
      name: Buffer.from(entry.name, 'utf8'),
      flags: 0x0800,
      method: entry.compressionMethod,
      time: entry.lastModFileTime,
      date: entry.lastModFileDate,
      crc: entry.crc32,
      compressed: entry.compressedSize,
      uncompressed: entry.uncompressedSize,
    };
    const offset = this.offset;
    await this.write(this.localHeader(w, w.compressed >= U32 || w.uncompressed >= U32));
    let n = 0;
    for await (const c of raw) {
      n += (c as Buffer).length;
      await this.write(c as Buffer);
    }
    if (n !== entry.compressedSize) throw new Error(`zip entry ${entry.name}: ${n} of ${entry.compressedSize} bytes`);
    this.written.push({ ...w, offset });
  }

  /** Adds a part deflated in memory (small parts: workbook.xml, rels, the add-in's sheets). */
  async addDeflated(name: string, content: string | Buffer): Promise<void> {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const compressed = deflateRawSync(data, { level: 6 });
    const w: Omit<Written, 'offset'> = {
      name: Buffer.from(name, 'utf8'),
      flags: 0x0800,
      method: 8,
      ...this.now,
      crc: crc32(data),
      compressed: compressed.length,
      uncompressed: data.length,
    };
    const offset = this.offset;
    await this.write(this.localHeader(w, w.compressed >= U32 || w.uncompressed >= U32));
    await this.write(compressed);
    this.written.push({ ...w, offset });
  }

  /**
   * Adds a part deflated as it is produced: `produce` calls `emit` with text in order (awaiting it
   * gives back-pressure), as text or UTF-8 bytes. Sizes and CRC follow in a data descriptor; a part of 4 GiB or more is refused.
   */
  async addStream(
    name: string,
    produce: (emit: (content: string | Buffer) => Promise<void>) => Promise<void>,
  ): Promise<void> {
    const head: Omit<Written, 'offset' | 'crc' | 'compressed' | 'uncompressed'> = {
      name: Buffer.from(name, 'utf8'),
      flags: 0x0808,
      method: 8,
      ...this.now,
    };
    const offset = this.offset;
    await this.write(this.localHeader({ ...head, crc: 0, compressed: 0, uncompressed: 0 }, false));
    // Level 1: the graded sheet is most of the work, and its XML deflates well at any level.
    // A write buffer of 1 MiB: the producer builds the next rows while zlib's thread deflates these.
    // With the default 16 KiB every emit waited for its deflate, and the two never overlapped
    // (measured on 100,000 rows: 0.2–0.3 s of the commit). Deeper buffers measured no better.
    const options: ZlibOptions & TransformOptions = {
      level: 1,
      memLevel: 9,
      strategy: zlibConstants.Z_DEFAULT_STRATEGY,
      chunkSize: BLOCK,
      writableHighWaterMark: 1 << 20,
    };
    const deflate = createDeflateRaw(options);
    let crc = 0;
    let uncompressed = 0;
    let compressed = 0;
    const pump = (async () => {
      for await (const c of deflate) {
        compressed += (c as Buffer).length;
        await this.write(c as Buffer);
      }
    })();
    let pumpError: Error | undefined;
    pump.catch((e: unknown) => (pumpError = e instanceof Error ? e : new Error(String(e))));
    const emit = async (text: string | Buffer): Promise<void> => {
      if (pumpError) throw pumpError;
      const b = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
      crc = crc32(b, crc);
      uncompressed += b.length;
      if (!deflate.write(b)) await once(deflate, 'drain');
    };
    try {
      await produce(emit);
    } finally {
      deflate.end();
      await pump;
    }
    if (uncompressed >= U32 || compressed >= U32) throw new Error(`zip entry ${name} reached 4 GiB`);
    const d = Buffer.alloc(16);
    d.writeUInt32LE(0x08074b50, 0);
    d.writeUInt32LE(crc, 4);
    d.writeUInt32LE(compressed, 8);
    d.writeUInt32LE(uncompressed, 12);
    await this.write(d);
    this.written.push({ ...head, crc, compressed, uncompressed, offset });
  }

  /** Writes the central directory (ZIP64 where needed), flushes, fsyncs and closes the file. */
  async finish(): Promise<void> {
    const cdStart = this.offset;
    for (const w of this.written) {
      const big = [w.uncompressed >= U32, w.compressed >= U32, w.offset >= U32];
      const fields = [w.uncompressed, w.compressed, w.offset].filter((_, i) => big[i]);
      const extra = Buffer.alloc(fields.length > 0 ? 4 + 8 * fields.length : 0);
      if (fields.length > 0) {
        extra.writeUInt16LE(0x0001, 0);
        extra.writeUInt16LE(8 * fields.length, 2);
        fields.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
      }
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(45, 4);
      h.writeUInt16LE(fields.length > 0 ? 45 : 20, 6);
      h.writeUInt16LE(w.flags, 8);
      h.writeUInt16LE(w.method, 10);
      h.writeUInt16LE(w.time, 12);
      h.writeUInt16LE(w.date, 14);
      h.writeUInt32LE(w.crc, 16);
      h.writeUInt32LE(big[1] ? U32 : w.compressed, 20);
      h.writeUInt32LE(big[0] ? U32 : w.uncompressed, 24);
      h.writeUInt16LE(w.name.length, 28);
      h.writeUInt16LE(extra.length, 30);
      h.writeUInt32LE(big[2] ? U32 : w.offset, 42);
      await this.write(Buffer.concat([h, w.name, extra]));
    }
    const cdSize = this.offset - cdStart;
    const count = this.written.length;
    if (count >= 0xffff || cdStart >= U32 || cdSize >= U32) {
      const z = Buffer.alloc(56);
      const at = this.offset;
      z.writeUInt32LE(0x06064b50, 0);
      z.writeBigUInt64LE(44n, 4);
      z.writeUInt16LE(45, 12);
      z.writeUInt16LE(45, 14);
      z.writeBigUInt64LE(BigInt(count), 24);
      z.writeBigUInt64LE(BigInt(count), 32);
      z.writeBigUInt64LE(BigInt(cdSize), 40);
      z.writeBigUInt64LE(BigInt(cdStart), 48);
      const loc = Buffer.alloc(20);
      loc.writeUInt32LE(0x07064b50, 0);
      loc.writeBigUInt64LE(BigInt(at), 8);
      loc.writeUInt32LE(1, 16);
      await this.write(Buffer.concat([z, loc]));
    }
    const e = Buffer.alloc(22);
    e.writeUInt32LE(0x06054b50, 0);
    e.writeUInt16LE(Math.min(count, 0xffff), 8);
    e.writeUInt16LE(Math.min(count, 0xffff), 10);
    e.writeUInt32LE(Math.min(cdSize, U32), 12);
    e.writeUInt32LE(Math.min(cdStart, U32), 16);
    await this.write(e);
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    this.check();
  }

  /** Closes the file without finishing it (the caller removes it). */
  abort(): void {
    this.out.destroy();
  }
}
