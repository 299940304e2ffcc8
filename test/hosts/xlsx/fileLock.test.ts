/*
 * Issue 22, "Lost history": the lock a history file (or a workbook graded with --record) is written
 * under. One holder at a time; a second waits and then is refused naming the lock; a lock whose
 * holder has ended is taken over; the lock goes however its holder ends.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QdError } from '../../../src/core';
import { FileLockedError, acquireLock, lockFileOf, withFileLock } from '../../../src/hosts/xlsx/fileLock';
import { HOST, processStartTicks } from '../../../src/hosts/xlsx/processIdentity';
import { NODE_PATH, bundleForChild, deadPid } from './childProcesses';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-lock-');
afterAll(() => tmp.cleanup());

function writeLock(target: string, holder: Record<string, unknown>): string {
  const file = lockFileOf(target);
  writeFileSync(file, JSON.stringify(holder));
  return file;
}

describe('the lock on a file', () => {
  it('is a file beside the target holding the process, machine and start, removed on release', async () => {
    const target = tmp.path('history.json');
    const lock = await acquireLock(target);
    const held = JSON.parse(readFileSync(lock.lockFile, 'utf8')) as Record<string, unknown>;
    expect(lock.lockFile).toBe(join(tmp.path(''), '.history.json.lock'));
    expect(held).toMatchObject({ pid: process.pid, host: HOST });
    expect(Date.parse(String(held['since']))).toBeGreaterThan(Date.now() - 60_000);
    lock.release();
    expect(existsSync(lock.lockFile)).toBe(false);
  });

  it('makes a second writer wait until the first (another process) releases it, then lets it in', async () => {
    const target = tmp.path('wait.json');
    const script = bundleForChild(
      tmp.path('hold-briefly.cjs'),
      `import { withFileLock } from './src/hosts/xlsx/fileLock';
       withFileLock(process.argv[2] ?? '', async () => {
         process.stdout.write('held\\n');
         await new Promise((r) => setTimeout(r, 700));
         process.stdout.write('releasing\\n');
       });`,
    );
    const child = spawn(process.execPath, [script, target], { env: { ...process.env, NODE_PATH } });
    const ended = new Promise((r) => child.on('exit', r));
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        resolve();
      });
      child.on('error', reject);
    });
    const lock = await acquireLock(target);
    // The child said it was releasing before this process got in, and this process waited for it.
    expect(out).toContain('releasing');
    expect(lock.waitedMs).toBeGreaterThan(300);
    lock.release();
    await ended;
  });

  it('refuses a writer that has waited long enough, naming the lock file and its holder', async () => {
    const target = tmp.path('busy.json');
    // Another process of this machine holds it: this process's parent, which runs throughout.
    const file = writeLock(target, { pid: process.ppid, host: HOST, since: '2026-04-09T10:00:00.000Z' });
    const started = Date.now();
    const refusal = await withFileLock(target, () => Promise.resolve(), { waitMs: 400 }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(FileLockedError);
    expect(refusal).toBeInstanceOf(QdError);
    const text = (refusal as FileLockedError).text;
    expect(text.zh).toContain(lockFileOf(target));
    expect(text.en).toContain(lockFileOf(target));
    expect(text.en).toContain(`process ${process.ppid} on ${HOST}`);
    expect(text.zh).toContain('删除该锁文件');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(existsSync(file)).toBe(true);
  });

  it('takes over a lock whose process has ended on this machine', async () => {
    const target = tmp.path('dead.json');
    writeLock(target, { pid: deadPid(), host: HOST, since: new Date().toISOString() });
    const lock = await acquireLock(target, { waitMs: 0 });
    expect(JSON.parse(readFileSync(lock.lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over a lock whose process id now belongs to a later process', async () => {
    const target = tmp.path('reused.json');
    const start = processStartTicks(process.ppid);
    if (start === undefined) {
      process.stderr.write('\nnotice: skipping the reused-id test: no /proc to read a process start from\n');
      return;
    }
    writeLock(target, { pid: process.ppid, host: HOST, processStart: `${start}1`, since: new Date().toISOString() });
    const lock = await acquireLock(target, { waitMs: 0 });
    lock.release();
  });

  it('waits for another machine’s lock while it is touched, and takes it over once it is not', async () => {
    const target = tmp.path('elsewhere.json');
    const file = writeLock(target, { pid: 1, host: 'another-host', since: new Date().toISOString() });
    await expect(acquireLock(target, { waitMs: 100, staleMs: 60_000 })).rejects.toBeInstanceOf(FileLockedError);
    const old = new Date(Date.now() - 120_000);
    utimesSync(file, old, old);
    const lock = await acquireLock(target, { waitMs: 0, staleMs: 60_000 });
    lock.release();
  });

  it('takes over an unreadable lock only once it is too old to be still being written', async () => {
    const target = tmp.path('empty.json');
    const file = lockFileOf(target);
    writeFileSync(file, '');
    await expect(acquireLock(target, { waitMs: 100 })).rejects.toBeInstanceOf(FileLockedError);
    const old = new Date(Date.now() - 20_000);
    utimesSync(file, old, old);
    (await acquireLock(target, { waitMs: 0 })).release();
  });

  it('is taken again by the run that holds it (a history that is also the graded workbook)', async () => {
    const target = tmp.path('same.xlsx');
    const outer = await acquireLock(target, { waitMs: 0 });
    const inner = await acquireLock(target, { waitMs: 0 });
    inner.release();
    expect(existsSync(outer.lockFile)).toBe(true);
    outer.release();
    expect(existsSync(outer.lockFile)).toBe(false);
  });

  it('is released when the work fails', async () => {
    const target = tmp.path('fails.json');
    await expect(withFileLock(target, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(existsSync(lockFileOf(target))).toBe(false);
  });

  it('lets eight processes at once each add 25 to one counter file and loses none of the 200', async () => {
    const target = tmp.path('counter.json');
    writeFileSync(target, '0');
    const script = bundleForChild(
      tmp.path('count.cjs'),
      `import { readFileSync } from 'node:fs';
       import { writeFile } from 'node:fs/promises';
       import { writeAtomically } from './src/hosts/xlsx/atomicFile';
       import { acquireLock } from './src/hosts/xlsx/fileLock';
       (async () => {
         const waits: number[] = [];
         for (let i = 0; i < 25; i++) {
           const lock = await acquireLock(process.argv[2] ?? '');
           waits.push(lock.waitedMs);
           const n = Number(readFileSync(process.argv[2] ?? '', 'utf8'));
           await writeAtomically(process.argv[2] ?? '', (t) => writeFile(t, String(n + 1)));
           lock.release();
         }
         process.stdout.write(JSON.stringify(waits));
       })();`,
    );
    const outs = await Promise.all(
      Array.from(
        { length: 8 },
        () =>
          new Promise<number[]>((resolve, reject) => {
            const child = spawn(process.execPath, [script, target], { env: { ...process.env, NODE_PATH } });
            let out = '';
            child.stdout.on('data', (d: Buffer) => (out += d.toString()));
            child.on('error', reject);
            child.on('close', (status) =>
              status === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`exit ${status}`)),
            );
          }),
      ),
    );
    expect(readFileSync(target, 'utf8')).toBe('200');
    expect(existsSync(lockFileOf(target))).toBe(false);
    const waits = outs.flat().sort((a, b) => a - b);
    const at = (q: number): number => waits[Math.min(waits.length - 1, Math.floor(q * waits.length))] ?? 0;
    process.stderr.write(
      `\nmeasure: lock wait over ${waits.length} locked writes by 8 processes: median ${at(0.5)} ms, 90th ${at(0.9)} ms, max ${at(1)} ms\n`,
    );
  }, 60_000);

  it.each(['SIGINT', 'SIGTERM'] as const)('is released when its holder is stopped with %s', async (signal) => {
    const target = tmp.path(`signal-${signal}.json`);
    const script = bundleForChild(
      tmp.path(`hold-${signal}.cjs`),
      `import { acquireLock } from './src/hosts/xlsx/fileLock';
       acquireLock(process.argv[2] ?? '').then(() => { process.stdout.write('held\\n'); setInterval(() => {}, 1000); });`,
    );
    const child = spawn(process.execPath, [script, target], { env: { ...process.env, NODE_PATH } });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => resolve());
      child.on('error', reject);
    });
    expect(existsSync(lockFileOf(target))).toBe(true);
    const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_, s) => resolve(s)));
    child.kill(signal);
    // It ends as the signal asks, having removed its lock.
    expect(await ended).toBe(signal);
    expect(existsSync(lockFileOf(target))).toBe(false);
  });
});
