/**
 * An exclusive lock on a file that is read, changed and written back (a grading history, a workbook
 * graded in place with `--record`), so two runs at once cannot both read the old file and the later
 * write lose the earlier run's grading. The lock is a file `.NAME.lock` beside the target, created
 * with `O_EXCL` (the system lets one run create it), holding the holder's process id, machine, the
 * process's start and the time it was taken; the holder touches it every few seconds while it runs.
 *
 * A second run waits, retrying with a growing pause, for at most `QD_LOCK_WAIT` seconds (default
 * 120), then is refused with a `FileLockedError` naming the lock file and its holder. A lock whose
 * holder has ended — its process is gone from this machine, or (another machine's) the lock has not
 * been touched for longer than a live holder leaves it — is taken over. The lock is released when the work ends,
 * however it ends, and on SIGINT, SIGTERM or SIGHUP.
 *
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { QdError } from '../../core';
import { WorkbookIoError } from '../../grading';
import { cleanupOnExit } from './cleanupOnExit';
import { HOST, OWN_START, runHasEnded } from './processIdentity';

/** What a lock file records about its holder. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** The holder process's start (clock ticks since boot), where the system says. */
  readonly processStart?: string | undefined;
  /** When the lock was taken (ISO 8601). */
  readonly since: string;
}

/** How long to wait for a lock, and when an untouched lock counts as left over. */
export interface LockOptions {
  /** Wait at most this long for another run's lock (default `QD_LOCK_WAIT` seconds, else 120 s). */
  readonly waitMs?: number;
  /** Another machine's lock not touched for this long is left over (default 5 minutes). */
  readonly staleMs?: number;
}

/** Another run holds the lock on a file for longer than this run waits: the file was not changed. */
export class FileLockedError extends QdError {
  constructor(
    readonly target: string,
    readonly lockFile: string,
    readonly holder: LockHolder | null,
    readonly waitedMs: number,
  ) {
    const seconds = Math.round(waitedMs / 1000);
    const who = holder
      ? {
          zh: `进程 ${holder.pid}，主机 ${holder.host}，始于 ${holder.since}`,
          en: `process ${holder.pid} on ${holder.host}, since ${holder.since}`,
        }
      : { zh: '持有者未知', en: 'holder unknown' };
    super({
      zh: `“${target}”正被另一次运行写入（锁文件“${lockFile}”：${who.zh}），已等待 ${seconds} 秒，本次未改动该文件。请等那次运行结束后重试（可用环境变量 QD_LOCK_WAIT 设置等待秒数）；若确认它已不在运行，删除该锁文件后重试`,
      en: `"${target}" is being written by another run (lock file "${lockFile}": ${who.en}); waited ${seconds} s and left it unchanged. Try again when that run has ended (QD_LOCK_WAIT sets the wait in seconds); if you are sure it is no longer running, delete the lock file and try again`,
    });
  }
}

/** The lock file of `target`. */
export function lockFileOf(target: string): string {
  return join(dirname(target), `.${basename(target)}.lock`);
}

function defaultWaitMs(): number {
  const text = process.env['QD_LOCK_WAIT']?.trim();
  const seconds = text ? Number(text) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 120_000;
}

/**
 * Locks held by this process, by resolved target. The lock is the process's (as POSIX record locks
 * are): a run that locks a file it already holds — a `--history` that is the `--record` workbook —
 * goes on rather than waiting for itself. Runs at once are processes; one process runs one grading.
 */
const held = new Map<string, { count: number; release: () => void }>();

interface Seen {
  readonly holder: LockHolder | null;
  readonly ino: number;
  readonly mtimeMs: number;
}

function readLock(lockFile: string): Seen | null {
  try {
    const s = statSync(lockFile);
    let holder: LockHolder | null = null;
    try {
      const o = JSON.parse(readFileSync(lockFile, 'utf8')) as Partial<LockHolder>;
      if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.since === 'string')
        holder = {
          pid: o.pid,
          host: o.host,
          since: o.since,
          processStart: typeof o.processStart === 'string' ? o.processStart : undefined,
        };
    } catch {
      // Being written this moment, or damaged: only its age can tell.
    }
    return { holder, ino: s.ino, mtimeMs: s.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/** A lock file is written within microseconds of its creation: one still unreadable after this was left so. */
const UNREADABLE_AFTER_MS = 10_000;

function isLeftOver(seen: Seen, staleMs: number): boolean {
  const age = Date.now() - seen.mtimeMs;
  const h = seen.holder;
  if (h === null) return age > Math.min(staleMs, UNREADABLE_AFTER_MS);
  // On this machine the process tells, however long it has held the lock (a long grading is not left over).
  if (h.host === HOST)
    // This process's id, but not a lock it holds: a run before it that was given the same id.
    return h.pid === process.pid || runHasEnded(h.host, h.pid, h.processStart);
  // Another machine's run cannot be asked: a lock it stopped touching is left over.
  return age > staleMs;
}

/**
 * Moves the left-over lock `seen` out of the way. Two runs may find it left over at once: the
 * rename lets one move it; a run that finds it moved a newer lock instead puts that one back.
 */
function takeOver(lockFile: string, seen: Seen): void {
  const aside = `${lockFile}.${process.pid}-${randomBytes(6).toString('hex')}.stale`;
  try {
    renameSync(lockFile, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  try {
    if (statSync(aside).ino !== seen.ino) linkSync(aside, lockFile);
  } catch {
    // A third run has locked it meanwhile: that lock stands.
  } finally {
    unlinkSync(aside);
  }
}

function tryCreate(lockFile: string): number | null {
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw e;
  }
  try {
    const holder: LockHolder = {
      pid: process.pid,
      host: HOST,
      processStart: OWN_START,
      since: new Date().toISOString(),
    };
    writeSync(fd, `${JSON.stringify(holder)}\n`);
    fsyncSync(fd);
    return fstatSync(fd).ino;
  } finally {
    closeSync(fd);
  }
}

/** `io()`, its failure a `WorkbookIoError` naming the lock file. */
function attemptIo<T>(file: string, io: () => T): T {
  try {
    return io();
  } catch (e) {
    throw WorkbookIoError.writing(file, e);
  }
}

function createLock(file: string): number | null {
  return attemptIo(file, () => {
    mkdirSync(dirname(file), { recursive: true });
    return tryCreate(file);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A held lock; `release` removes it (only if it is still this run's). */
export interface FileLock {
  readonly lockFile: string;
  /** How long this run waited for it, in milliseconds. */
  readonly waitedMs: number;
  release(): void;
}

/**
 * Takes the lock on `target`, waiting (bounded) for another run's; throws `FileLockedError` when
 * the wait is over, or `WorkbookIoError` when the lock file cannot be created at all.
 */
export async function acquireLock(target: string, options: LockOptions = {}): Promise<FileLock> {
  const key = resolve(target);
  const file = lockFileOf(key);
  const own = held.get(key);
  if (own) {
    own.count++;
    return { lockFile: file, waitedMs: 0, release: own.release };
  }
  const waitMs = options.waitMs ?? defaultWaitMs();
  const staleMs = options.staleMs ?? 300_000;
  const started = Date.now();
  let pause = 20;
  let mine = createLock(file);
  while (mine === null) {
    const last = attemptIo(file, () => readLock(file));
    if (last !== null && isLeftOver(last, staleMs)) attemptIo(file, () => takeOver(file, last));
    else if (last !== null) {
      const waited = Date.now() - started;
      if (waited >= waitMs) throw new FileLockedError(target, file, last.holder, waited);
      await sleep(Math.min(pause * (0.5 + Math.random()), waitMs - waited));
      pause = Math.min(pause * 1.5, 200);
    }
    // Released, taken over or waited for: try again.
    mine = createLock(file);
  }
  const waitedMs = Date.now() - started;
  // Touched while held, so a live holder's lock never looks left over to a run on another machine.
  const touch = setInterval(
    () => {
      try {
        const now = new Date();
        utimesSync(file, now, now);
      } catch {
        // Gone (taken over by someone who judged it left over): the work goes on; nothing to touch.
      }
    },
    Math.max(50, Math.min(staleMs / 4, 30_000)),
  );
  touch.unref();
  const remove = (): void => {
    clearInterval(touch);
    try {
      if (statSync(file).ino === mine) unlinkSync(file);
    } catch {
      // Already gone.
    }
  };
  const guard = cleanupOnExit(remove);
  const entry = {
    count: 1,
    release: (): void => {
      if (--entry.count > 0) return;
      held.delete(key);
      guard.release();
      remove();
    },
  };
  held.set(key, entry);
  return { lockFile: file, waitedMs, release: entry.release };
}

/** Runs `work` holding the lock on `target`, released when it ends however it ends. */
export async function withFileLock<T>(target: string, work: () => Promise<T>, options?: LockOptions): Promise<T> {
  const lock = await acquireLock(target, options);
  try {
    return await work();
  } finally {
    lock.release();
  }
}
