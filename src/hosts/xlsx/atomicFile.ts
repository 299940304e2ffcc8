/**
 * Every file the command line writes goes through here. The content is written to a temporary file
 * beside the target — created readable by its owner only (0600), under a name nobody can guess —
 * synced to disk, given the target's owner, group and mode, and renamed over the target only when
 * complete. An error, SIGINT, SIGTERM or SIGHUP while writing removes the temporary file, so the
 * target (which may be the input itself) is either the old file or the complete new one, never a
 * partial one, and its permissions are never wider than they were. A temporary file left by a run
 * that was killed outright (SIGKILL, a crash) is removed by the next write to the same target.
 *
 * @packageDocumentation
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync, type Stats } from 'node:fs';
import { mkdir, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Bilingual } from '../../core';
import { cleanupOnExit } from './cleanupOnExit';
import { HOST_TAG } from './processIdentity';
import { claimTemporary, dropTemporary, removeStaleTemporaries } from './staleTemporaries';
import { fileNotice } from './fileNotices';

export { onFileNotice } from './fileNotices';

/** A temporary path beside `target`: hidden, and unique to this run, this machine and this write. */
export function temporaryBeside(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${HOST_TAG}-${randomBytes(8).toString('hex')}.tmp`);
}

let privateDepth = 0;
let savedUmask: number | null = null;

/** The umask new files get outside `withPrivateFiles`. */
function userUmask(): number {
  if (savedUmask !== null) return savedUmask;
  try {
    const mask = process.umask(0o077);
    process.umask(mask);
    return mask;
  } catch {
    return 0o022; // a worker thread cannot read it: the usual default
  }
}

/**
 * Runs `create` with every file it creates readable by its owner only (umask 077): the writers
 * (the zip writer, `writeFile`) create their file by name, and a file created wider and narrowed
 * afterwards could be opened by someone else in between.
 */
export async function withPrivateFiles<T>(create: () => Promise<T>): Promise<T> {
  if (privateDepth++ === 0) {
    try {
      savedUmask = process.umask(0o077);
      process.umask(savedUmask | 0o077);
    } catch {
      // A worker thread cannot set it: files keep the usual mode until `writeAtomically` narrows them.
      savedUmask = null;
    }
  }
  try {
    return await create();
  } finally {
    if (--privateDepth === 0 && savedUmask !== null) {
      process.umask(savedUmask);
      savedUmask = null;
    }
  }
}

/** The mode a new file gets: the usual default, or the owner's only while creating private files. */
function newFileMode(): number {
  return 0o666 & ~(privateDepth > 0 ? userUmask() | 0o077 : userUmask());
}

function ownershipNotKept(target: string, was: Stats, owner: boolean, group: boolean): Bilingual {
  const what = {
    zh: owner ? (group ? '所有者和组' : '所有者') : '组',
    en: owner ? (group ? 'owner and group' : 'owner') : 'group',
  };
  const now = {
    zh: [owner ? '文件现归本次运行的用户所有' : '', group ? '组权限已去掉，以免另一个组获得访问' : '']
      .filter(Boolean)
      .join('，'),
    en: [
      owner ? 'it now belongs to the user of this run' : '',
      group ? 'its group permissions were removed so that no other group gains access' : '',
    ]
      .filter(Boolean)
      .join(', and '),
  };
  return {
    zh: `“${target}”已写入，但无法保留其${what.zh}（原为 ${was.uid}:${was.gid}）：${now.zh}。如需恢复，请由文件所有者或管理员执行 chown ${was.uid}:${was.gid} "${target}"`,
    en: `"${target}" was written but its ${what.en} could not be kept (was ${was.uid}:${was.gid}): ${now.en}. To restore it, its owner or an administrator can run chown ${was.uid}:${was.gid} "${target}"`,
  };
}

/**
 * Gives the temporary file the target's owner, group and mode (or, for a new target, the mode a
 * new file gets). Owner and group are changed only where the system permits; what cannot be kept
 * is said, and a group that cannot be kept loses its permissions rather than handing them to ours.
 */
async function keepAttributes(handle: FileHandle, target: string, was: Stats | null): Promise<void> {
  if (was === null) {
    await handle.chmod(newFileMode());
    return;
  }
  let mode = was.mode & 0o7777;
  const now = await handle.stat();
  let ownerKept = now.uid === was.uid;
  let groupKept = now.gid === was.gid;
  if (!ownerKept || !groupKept) {
    try {
      await handle.chown(was.uid, was.gid);
      ownerKept = groupKept = true;
    } catch {
      // Not permitted (only root gives a file away): keep at least the group, if we are in it.
      if (!groupKept)
        try {
          await handle.chown(-1, was.gid);
          groupKept = true;
        } catch {
          // Not a member of that group either.
        }
    }
  }
  if (!groupKept) mode &= ~0o070;
  // After chown, which clears the set-id bits.
  await handle.chmod(mode);
  if (!ownerKept || !groupKept) fileNotice(ownershipNotKept(target, was, !ownerKept, !groupKept));
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Writes `target` atomically: `write` creates and fills the temporary path it is given (every file
 * it creates is private to the owner meanwhile); then the file gets the target's owner, group and
 * mode, is synced and renamed over `target`. On any failure the temporary file is removed and the
 * error rethrown.
 */
export async function writeAtomically(target: string, write: (temporary: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  removeStaleTemporaries(target);
  const temporary = temporaryBeside(target);
  claimTemporary(temporary);
  const guard = cleanupOnExit(() => {
    try {
      unlinkSync(temporary);
    } catch {
      // Not created yet, or already gone: nothing to remove.
    }
  });
  try {
    await withPrivateFiles(() => write(temporary));
    const handle = await open(temporary, 'r+');
    try {
      // Read just before the rename, so a change made to the target while writing is kept too.
      await keepAttributes(handle, target, await statOrNull(target));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
    guard.release();
    dropTemporary(temporary);
    await syncFolder(dirname(target));
  } catch (e) {
    guard.release();
    // The write failed: its temporary file goes (if it was ever created); the failure is what is reported.
    await unlink(temporary).catch(() => undefined);
    dropTemporary(temporary);
    throw e;
  }
}

/**
 * Creates a temporary file beside `target` with `write`, private to the owner, removed if the
 * process ends before `remove` is called (for an intermediate file a later step reads).
 */
export async function writeTemporaryBeside(
  target: string,
  write: (temporary: string) => Promise<void>,
): Promise<{ readonly path: string; readonly remove: () => Promise<void> }> {
  await mkdir(dirname(target), { recursive: true });
  removeStaleTemporaries(target);
  const path = temporaryBeside(target);
  claimTemporary(path);
  const guard = cleanupOnExit(() => {
    try {
      unlinkSync(path);
    } catch {
      // Not created, or already gone.
    }
  });
  const remove = async (): Promise<void> => {
    await unlink(path).catch(() => undefined);
    guard.release();
    dropTemporary(path);
  };
  try {
    await withPrivateFiles(() => write(path));
  } catch (e) {
    await remove();
    throw e;
  }
  return { path, remove };
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
