/*
 * Child processes for the file tests: the command line (or a short script) bundled with esbuild,
 * so each of several processes starts in a fraction of a second, and a process id no process has.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const root = join(__dirname, '..', '..', '..');

/** The repository's packages, for a bundle written outside it (`NODE_PATH`). */
export const NODE_PATH = join(root, 'node_modules');

/** Bundles TypeScript `source` (imports relative to the repository) into `outfile`; returns it. */
export function bundleForChild(outfile: string, source: string): string {
  buildSync({
    stdin: { contents: source, resolveDir: root, loader: 'ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** Bundles the qd-grade command line into `outfile`, as `npm run build:cli` does; returns it. */
export function bundleCli(outfile: string): string {
  buildSync({
    entryPoints: [join(root, 'src', 'cli', 'bin.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** The id of a process that has ended (no process has it now, barring reuse this very moment). */
export function deadPid(): number {
  const child = existsSync('/bin/true') ? spawnSync('/bin/true') : spawnSync(process.execPath, ['-e', '']);
  return child.pid;
}
