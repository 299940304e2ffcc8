/**
 * Who wrote a temporary or lock file, and whether that run still exists: the host, the process id,
 * and (on Linux) the process's start time, so a process id reused by a later process is not taken
 * for the run that left the file.
 *
 * @packageDocumentation
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/** This machine's name, as a lock file records it. */
export const HOST = hostname();

/** Six hex digits standing for this machine in temporary file names. */
export const HOST_TAG = createHash('sha256').update(HOST).digest('hex').slice(0, 6);

/**
 * Whether a process with this id runs on this machine. A process of another user counts as running
 * (the system refuses to signal it, but it is there); an id no process has is not running.
 */
export function processIsAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When the process `pid` started, in clock ticks since boot (field 22 of `/proc/PID/stat`), or
 * `undefined` where the system does not say (not Linux, or no such process).
 */
export function processStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19];
  } catch {
    return undefined;
  }
}

/** This process's start, as `processStartTicks` reads it. */
export const OWN_START = processStartTicks(process.pid);

/**
 * Whether the run that recorded `pid` (and, when known, its start `startTicks`) on `host` has
 * ended: `false` for another machine's run, which cannot be checked from here.
 */
export function runHasEnded(host: string, pid: number, startTicks: string | undefined): boolean {
  if (host !== HOST) return false;
  if (!processIsAlive(pid)) return true;
  // The id is in use: by the same run, or by a later process that was given the id again.
  if (startTicks === undefined) return false;
  const now = processStartTicks(pid);
  return now !== undefined && now !== startTicks;
}
