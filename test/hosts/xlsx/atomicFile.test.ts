/*
 * Issue 22, "Leaked data": a file rewritten by the add-in keeps its owner, group and mode; the
 * temporary file beside it is private (0600) while it exists; a killed run's leftover is removed by
 * the next write to the same target, or reported when it cannot be.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Bilingual } from '../../../src/core';
import {
  onFileNotice,
  temporaryBeside,
  writeAtomically,
  writeTemporaryBeside,
} from '../../../src/hosts/xlsx/atomicFile';
import { HOST_TAG } from '../../../src/hosts/xlsx/processIdentity';
import { ZipWriter } from '../../../src/hosts/xlsx/zipPackage';
import { NODE_PATH, bundleForChild, deadPid } from './childProcesses';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-atomic-');
afterAll(() => tmp.cleanup());

const isRoot = process.getuid?.() === 0;
/** A group other than the process's own, to see that a file's group is kept (root may use any). */
const otherGroup = isRoot ? 1 : process.getgroups?.().find((g) => g !== process.getgid?.());

function modeOf(path: string): number {
  return statSync(path).mode & 0o7777;
}

function umask(): number {
  const mask = process.umask(0o022);
  process.umask(mask);
  return mask;
}

function leftoversBeside(file: string): string[] {
  const name = basename(file);
  return readdirSync(join(file, '..')).filter((f) => f.startsWith(`.${name}.`) && f.endsWith('.tmp'));
}

describe('a file rewritten atomically', () => {
  it('keeps mode 0600 and its group when it is replaced', async () => {
    const file = tmp.path('private.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    if (otherGroup !== undefined) chownSync(file, statSync(file).uid, otherGroup);
    const before = statSync(file);
    await writeAtomically(file, (t) => writeFile(t, 'new'));
    const after = statSync(file);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(after.mode & 0o7777).toBe(0o600);
    expect([after.uid, after.gid]).toEqual([before.uid, before.gid]);
    expect(after.ino).not.toBe(before.ino);
  });

  it('keeps an unusual mode exactly (0640, 0604, 0660)', async () => {
    for (const mode of [0o640, 0o604, 0o660]) {
      const file = tmp.path(`mode-${mode.toString(8)}.txt`);
      writeFileSync(file, 'old');
      chmodSync(file, mode);
      await writeAtomically(file, (t) => writeFile(t, 'new'));
      expect(modeOf(file)).toBe(mode);
    }
  });

  it('gives a new file the mode the umask gives any new file', async () => {
    const file = tmp.path('new.txt');
    await writeAtomically(file, (t) => writeFile(t, 'new'));
    expect(modeOf(file)).toBe(0o666 & ~umask());
  });

  it('keeps the owner of a file it may give away (root writing another user’s file)', async () => {
    if (!isRoot) {
      process.stderr.write('\nnotice: skipping the owner test: only root can give a file to another user\n');
      return;
    }
    const file = tmp.path('owned-by-nobody.txt');
    writeFileSync(file, 'old');
    chownSync(file, 65534, 65534);
    chmodSync(file, 0o640);
    await writeAtomically(file, (t) => writeFile(t, 'new'));
    const s = statSync(file);
    expect([s.uid, s.gid, s.mode & 0o7777]).toEqual([65534, 65534, 0o640]);
  });

  it('makes the temporary file 0600 while it exists, whoever creates it and with whatever mode', async () => {
    const file = tmp.path('temp-mode.xlsx');
    writeFileSync(file, 'old');
    chmodSync(file, 0o644);
    const seen: number[] = [];
    await writeAtomically(file, async (t) => {
      const zip = new ZipWriter(t); // creates its file by name with the default mode
      await zip.addDeflated('a.txt', 'a');
      await zip.finish();
      seen.push(modeOf(t));
    });
    await writeAtomically(file, async (t) => {
      await writeFile(t, 'x', { mode: 0o666 });
      seen.push(modeOf(t));
    });
    expect(seen).toEqual([0o600, 0o600]);
    // The umask is the user's again afterwards, and the target has its own mode.
    expect(umask()).not.toBe(0o077);
    expect(modeOf(file)).toBe(0o644);
  });

  it('leaves the target as it was and no temporary file when the write fails', async () => {
    const file = tmp.path('fails.txt');
    writeFileSync(file, 'old');
    await expect(
      writeAtomically(file, async (t) => {
        await writeFile(t, 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(leftoversBeside(file)).toEqual([]);
  });

  it('creates an intermediate file private to the owner and removes it when asked', async () => {
    const target = tmp.path('prepared.xlsx');
    const t = await writeTemporaryBeside(target, (p) => writeFile(p, 'rows'));
    expect(modeOf(t.path)).toBe(0o600);
    // A write to the same target meanwhile does not take it for a leftover.
    await writeAtomically(target, (p) => writeFile(p, 'graded'));
    expect(existsSync(t.path)).toBe(true);
    await t.remove();
    expect(existsSync(t.path)).toBe(false);
  });
});

describe('a temporary file left by a killed run', () => {
  it('is removed by the next write to the same target when its process is gone', async () => {
    const file = tmp.path('killed.xlsx');
    writeFileSync(file, 'old');
    const pid = deadPid();
    const leftovers = [
      join(tmp.path(''), `.killed.xlsx.${pid}-${HOST_TAG}-0123456789abcdef.tmp`),
      join(tmp.path(''), `.killed.xlsx.${pid}-01234567.tmp`), // the name the earlier version used
    ];
    for (const l of leftovers) writeFileSync(l, 'the whole workbook', { mode: 0o600 });
    await writeAtomically(file, (t) => writeFile(t, 'new'));
    expect(leftoversBeside(file)).toEqual([]);
  });

  it('is kept while its process runs, or when another machine wrote it recently', async () => {
    const file = tmp.path('alive.xlsx');
    const live = join(tmp.path(''), `.alive.xlsx.${process.ppid}-${HOST_TAG}-0123456789abcdef.tmp`);
    const elsewhere = join(tmp.path(''), `.alive.xlsx.${deadPid()}-ffffff-0123456789abcdef.tmp`);
    for (const l of [live, elsewhere]) writeFileSync(l, 'x', { mode: 0o600 });
    await writeAtomically(file, (t) => writeFile(t, 'new'));
    expect(leftoversBeside(file).sort()).toEqual([basename(live), basename(elsewhere)].sort());
    // A day later no run can still be writing it, on any machine.
    const dayAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
    utimesSync(elsewhere, dayAgo, dayAgo);
    await writeAtomically(file, (t) => writeFile(t, 'newer'));
    expect(leftoversBeside(file)).toEqual([basename(live)]);
  });

  it('is reported, once, when it cannot be removed', async () => {
    const file = tmp.path('stuck.xlsx');
    // A folder under a leftover's name cannot be unlinked.
    const stuck = join(tmp.path(''), `.stuck.xlsx.${deadPid()}-${HOST_TAG}-0123456789abcdef.tmp`);
    mkdirSync(stuck);
    const notices: Bilingual[] = [];
    const stop = onFileNotice((n) => notices.push(n));
    try {
      await writeAtomically(file, (t) => writeFile(t, 'a'));
      await writeAtomically(file, (t) => writeFile(t, 'b'));
    } finally {
      stop();
    }
    expect(readFileSync(file, 'utf8')).toBe('b');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.zh).toContain(stuck);
    expect(notices[0]?.en).toContain('remove it by hand');
  });

  it('has a name no one can guess: the process, the machine and 16 random hex digits', () => {
    const a = temporaryBeside('/x/book.xlsx');
    const b = temporaryBeside('/x/book.xlsx');
    expect(a).not.toBe(b);
    expect(basename(a)).toMatch(new RegExp(`^\\.book\\.xlsx\\.${process.pid}-${HOST_TAG}-[0-9a-f]{16}\\.tmp$`));
  });
});

describe('an owner that cannot be kept', () => {
  it('is said, and the group’s permissions are removed rather than given to another group', () => {
    if (!isRoot || !existsSync('/usr/bin/setpriv')) {
      process.stderr.write('\nnotice: skipping the other-user test: it needs root and setpriv to run as nobody\n');
      return;
    }
    // A folder anyone may write to, and in it root's file: nobody may replace it, not give it back.
    const folder = tmp.path('shared');
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    const file = join(folder, 'root.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o664);
    // And nobody's own file in root's group: the owner is kept, the group cannot be.
    const own = join(folder, 'nobody-in-root-group.json');
    writeFileSync(own, 'old');
    chownSync(own, 65534, 0);
    chmodSync(own, 0o660);
    const script = bundleForChild(
      tmp.path('as-nobody.cjs'),
      `import { writeFile } from 'node:fs/promises';
       import { onFileNotice, writeAtomically } from './src/hosts/xlsx/atomicFile';
       const notices: unknown[] = [];
       onFileNotice((n) => notices.push(n));
       (async () => {
         for (const f of process.argv.slice(2)) await writeAtomically(f, (t) => writeFile(t, 'new'));
       })().then(
         () => process.stdout.write(JSON.stringify(notices)),
         (e: unknown) => { process.stderr.write(String(e)); process.exitCode = 1; },
       );`,
    );
    chmodSync(tmp.path(''), 0o755);
    const run = spawnSync(
      '/usr/bin/setpriv',
      ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, script, file, own],
      { encoding: 'utf8', env: { ...process.env, NODE_PATH } },
    );
    expect(run.stderr).toBe('');
    const notices = JSON.parse(run.stdout) as Bilingual[];
    const s = statSync(file);
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect([s.uid, s.gid, s.mode & 0o7777]).toEqual([65534, 65534, 0o604]);
    const o = statSync(own);
    expect([o.uid, o.gid, o.mode & 0o7777]).toEqual([65534, 65534, 0o600]);
    expect(notices).toHaveLength(2);
    expect(notices[0]?.en).toContain(`chown 0:0 "${file}"`);
    expect(notices[0]?.zh).toContain('无法保留其所有者和组');
    expect(notices[1]?.en).toContain(`its group could not be kept (was 65534:0): its group permissions were removed`);
  });
});
