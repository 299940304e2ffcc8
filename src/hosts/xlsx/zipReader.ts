// Reads a zip package through yauzl: its entries, each inflated or raw, after checking they are not ambiguous or damaged.
import { close as closeFd, open as openFdCallback, read as readFdCallback } from 'node:fs';
import { promisify } from 'node:util';
import type { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
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

/** Read and inflate/deflate buffer size for large parts: 4× fewer thread-pool round trips than zlib's 16 KiB; larger blocks cost more in garbage collection than they save (measured). */
export const BLOCK = 1 << 16;
