// Writes a zip file entry by entry: raw copies, deflated parts and streams, with ZIP64 records where needed.
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Readable, TransformOptions } from 'node:stream';
import { constants as zlibConstants, crc32, createDeflateRaw, deflateRawSync, type ZlibOptions } from 'node:zlib';
import { BLOCK, type ZipEntry } from './zipReader';

const U32 = 0xffffffff;

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
