/**
 * Atomic replacement of a file: the content is written to a temporary file beside the target, synced
 * to disk, and renamed over the target only when complete. An error, SIGINT or SIGTERM while writing
 * removes the temporary file, so the target (which may be the input itself) is either the old file or
 * the complete new one, never a partial one.
 *
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { cleanupOnExit } from './cleanupOnExit';

/** A temporary path beside `target`, hidden, unique to this run. */
export function temporaryBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/**
 * Writes `target` atomically: `write` fills the temporary path it is given; then the file is synced
 * and renamed over `target`. On any failure the temporary file is removed and the error rethrown.
 */
export async function writeAtomically(target: string, write: (temporary: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temporary = temporaryBeside(target);
  const guard = cleanupOnExit(() => {
    try {
      unlinkSync(temporary);
    } catch {
      // Not created yet, or already gone: nothing to remove.
    }
  });
  try {
    await write(temporary);
    const handle = await open(temporary, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
    guard.release();
    await syncFolder(dirname(target));
  } catch (e) {
    guard.release();
    // The write failed: its temporary file goes (if it was ever created); the failure is what is reported.
    await unlink(temporary).catch(() => undefined);
    throw e;
  }
}

async function syncFolder(folder: string): Promise<void> {
  // The rename is durable once the folder's entry is synced; some file systems refuse this, harmlessly.
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported here (e.g. some network or Windows file systems): the rename itself stands.
  }
}
