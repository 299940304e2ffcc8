/**
 * The add-in built once for every browser suite of a test run: a production webpack build of the
 * pane, the functions and the help page, kept in the system's temporary folder under a hash of what
 * goes into it (src/, docs/, assets/, scripts/, the webpack config and the lockfile). Suites running
 * at once in other Jest workers wait for one build instead of each making their own; each suite gets
 * its own copy to serve and write beside.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import webpack from 'webpack';

const ROOT = resolve(__dirname, '../..');
const INPUTS = ['src', 'docs', 'assets', 'scripts', 'webpack.config.js', 'package-lock.json'];
/** A lock older than this was left by a killed run: a build takes a few minutes at most. */
const STALE_LOCK_MS = 15 * 60_000;

// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS
const makeConfig = require('../../webpack.config.js') as (
  env: unknown,
  options: { mode: string },
) => Promise<webpack.Configuration>;

function filesOf(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesOf(join(path, name)));
}

function inputsHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((p) => filesOf(join(ROOT, p)))) {
    hash.update(file.slice(ROOT.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

async function buildInto(dir: string): Promise<void> {
  const config = await makeConfig({}, { mode: 'production' });
  const stats = await new Promise<webpack.Stats>((done, fail) =>
    webpack({ ...config, output: { ...config.output, path: dir } }, (err, s) =>
      err || !s ? fail(err ?? new Error('webpack gave no stats')) : done(s),
    ),
  );
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

/** The built add-in for this tree's sources, built by this call or by a suite before it. */
async function cachedBuild(): Promise<string> {
  const dir = join(tmpdir(), `qd-built-pane-${inputsHash()}`);
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(join(dir, '.complete'))) return dir;
    try {
      mkdirSync(lock);
    } catch {
      const age = Date.now() - (existsSync(lock) ? statSync(lock).mtimeMs : Date.now());
      if (age > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      const building = mkdtempSync(`${dir}.building-`);
      await buildInto(building);
      writeFileSync(join(building, '.complete'), '');
      rmSync(dir, { recursive: true, force: true });
      renameSync(building, dir);
      return dir;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** A fresh folder holding the production build of the add-in, the suite's own to serve and write in. */
export async function builtPane(prefix: string): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), prefix));
  cpSync(await cachedBuild(), out, { recursive: true });
  return out;
}
