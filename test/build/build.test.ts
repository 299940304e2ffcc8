/*
 * The production build, run for real: the pane, the functions with their metadata in both
 * languages, the help page and the manifest land in the output folder.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpack from 'webpack';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS
const makeConfig = require('../../webpack.config.js') as (
  env: unknown,
  options: { mode: string },
) => Promise<webpack.Configuration>;

const out = mkdtempSync(join(tmpdir(), 'qd-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Metadata {
  functions: { id: string; description: string }[];
}

describe('npm run build', () => {
  let files: string[] = [];

  beforeAll(async () => {
    const config = await makeConfig({}, { mode: 'production' });
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack({ ...config, output: { ...config.output, path: out } }, (err, s) =>
        err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
      ),
    );
    expect(stats.toJson({ errors: true }).errors).toEqual([]);
    files = readdirSync(out);
  }, 120_000);

  it('produces the pane, the functions, the command page, the help page and the manifest', () => {
    for (const f of [
      'taskpane.html',
      'taskpane.js',
      'functions.html',
      'functions.js',
      'functions.json',
      'functions-zh-cn.json',
      'commands.html',
      'help.html',
      'manifest.xml',
    ]) {
      expect(files).toContain(f);
    }
  });

  it('carries the functions with their metadata in English and Chinese', () => {
    const en = JSON.parse(readFileSync(join(out, 'functions.json'), 'utf8')) as Metadata;
    const zh = JSON.parse(readFileSync(join(out, 'functions-zh-cn.json'), 'utf8')) as Metadata;
    expect(en.functions.map((f) => f.id)).toEqual(zh.functions.map((f) => f.id));
    expect(en.functions.find((f) => f.id === 'CHANNELCLASS')?.description).toMatch(/^Channel class/);
    expect(zh.functions.find((f) => f.id === 'CHANNELCLASS')?.description).toMatch(/^由经营成本率/);
    const bundle = readFileSync(join(out, 'functions.js'), 'utf8');
    for (const f of en.functions) expect(bundle).toContain(`CustomFunctions.associate("${f.id}"`);
  });

  it('makes no network call from the functions bundle', () => {
    const bundle = readFileSync(join(out, 'functions.js'), 'utf8');
    expect(bundle).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket/);
  });
});
