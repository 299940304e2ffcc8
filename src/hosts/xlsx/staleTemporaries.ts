/**
 * A run killed outright (SIGKILL, a crash, a power cut) cannot remove its temporary file
 * `.NAME.PID-HOST-RANDOM.tmp` beside the file it was writing. The next write to that target removes
 * each such file whose run has ended — its process is gone from this machine, or the file is older
 * than any run — and reports one it cannot remove. The files are private to their owner (0600)
 * meanwhile, so nothing leaks while they wait.
 *
 * @packageDocumentation
 */
import { readdirSync, lstatSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileNotice } from './fileNotices';
import { HOST_TAG, processIsAlive } from './processIdentity';

/** Older than this, a temporary file is left over whoever wrote it: no write takes a day. */
const OLDER_THAN_ANY_RUN_MS = 24 * 60 * 60 * 1000;

/** Temporary files this process is writing now (their names carry its id, but they are not stale). */
const inFlight = new Set<string>();

/** Marks `path` as being written by this process. */
export function claimTemporary(path: string): void {
  inFlight.add(path);
}

/** `path` is no longer being written by this process. */
export function dropTemporary(path: string): void {
  inFlight.delete(path);
}

const reported = new Set<string>();

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether the run that wrote the temporary file `path` (process `pid`, machine `host`) has ended. */
function isLeftOver(path: string, pid: number, host: string | undefined, ageMs: number): boolean {
  if (ageMs > OLDER_THAN_ANY_RUN_MS) return true;
  // Another machine's run (a shared folder) cannot be checked from here: only its age tells.
  if (host !== undefined && host !== HOST_TAG) return false;
  if (pid === process.pid) return !inFlight.has(path);
  return !processIsAlive(pid);
}

/**
 * Removes the temporary files beside `target` left by runs that have ended; one that cannot be
 * removed is reported (once) through the file notices.
 */
export function removeStaleTemporaries(target: string): void {
  const folder = dirname(target);
  // `.NAME.PID-HOST-RANDOM.tmp`, and the earlier `.NAME.PID-RANDOM.tmp` and `.NAME.PID.RANDOM.tmp`.
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(\\d+)[-.](?:([0-9a-f]{6})-)?[0-9a-z]+\\.tmp$`);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return; // The folder cannot be listed: the write itself will say what is wrong.
  }
  const now = Date.now();
  for (const name of names) {
    const m = pattern.exec(name);
    if (m === null) continue;
    const path = join(folder, name);
    try {
      const s = lstatSync(path);
      if (!isLeftOver(path, Number(m[1]), m[2], now - s.mtimeMs)) continue;
      unlinkSync(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || reported.has(path)) continue; // removed by another run meanwhile
      reported.add(path);
      fileNotice({
        zh: `上次中断的运行留下的临时文件“${path}”无法删除（${code ?? String(e)}）：请手工删除`,
        en: `the temporary file "${path}" left by an interrupted run cannot be removed (${code ?? String(e)}): remove it by hand`,
      });
    }
  }
}
