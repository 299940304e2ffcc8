/*
 * The production build, run for real: the pane, the functions with their metadata in both
 * languages, the help page and the manifest land in the output folder — here published at an
 * address other than localhost (ADDIN_BASE_URL), and the built manifest checked offline against
 * Microsoft's XSD schemas with xmllint (`npm run validate` needs the network).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpack from 'webpack';
import { systemToolAvailable } from '../support/systemTool';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS
const config = require('../../webpack.config.js') as ((
  env: unknown,
  options: { mode: string },
) => Promise<webpack.Configuration>) & { baseUrl: (env: unknown) => string };

const PUBLISHED = 'https://addins.example.com/qd';
const SCHEMAS = join(__dirname, '../../../shared/schemas/office-addin-manifest');
const out = mkdtempSync(join(tmpdir(), 'qd-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Metadata {
  allowErrorForDataTypeAny?: boolean;
  functions: { id: string; description: string; helpUrl?: string }[];
}

/** Whether xmllint and the schemas are there; a notice when not, a failure under QD_REQUIRE_SYSTEM=1. */
function schemaCheckAvailable(): boolean {
  if (!systemToolAvailable('/usr/bin/xmllint', 'libxml2-utils', 'the manifest schema check')) return false;
  if (existsSync(join(SCHEMAS, 'OfficeAppManifestV1_1.xsd'))) return true;
  const why = `the manifest schema check needs Microsoft's XSD schemas in ${SCHEMAS}`;
  if (process.env.QD_REQUIRE_SYSTEM === '1') throw new Error(`${why}, and QD_REQUIRE_SYSTEM=1 forbids skipping`);
  process.stderr.write(`\nnotice: skipping ${why}\n`);
  return false;
}

/** xmllint's verdict on a manifest against OfficeAppManifestV1_1.xsd (which imports the others). */
function validate(path: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync(
      '/usr/bin/xmllint',
      ['--noout', '--nonet', '--schema', join(SCHEMAS, 'OfficeAppManifestV1_1.xsd'), path],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return { ok: true, output };
  } catch (e) {
    const err = e as { stderr?: string };
    return { ok: false, output: String(err.stderr ?? e) };
  }
}

describe('npm run build', () => {
  let files: string[] = [];

  beforeAll(async () => {
    const c = await config({ ADDIN_BASE_URL: `${PUBLISHED}/` }, { mode: 'production' });
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack({ ...c, output: { ...c.output, path: out } }, (err, s) =>
        err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
      ),
    );
    expect(stats.toJson({ errors: true }).errors).toEqual([]);
    files = readdirSync(out);
  }, 300_000); // a production build of the pane and the functions; minutes on a busy machine

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
      'support.html',
      'manifest.xml',
    ]) {
      expect(files).toContain(f);
    }
  });

  it('carries the functions with their metadata in English and Chinese, from every family file', () => {
    const en = JSON.parse(readFileSync(join(out, 'functions.json'), 'utf8')) as Metadata;
    const zh = JSON.parse(readFileSync(join(out, 'functions-zh-cn.json'), 'utf8')) as Metadata;
    expect(en.functions.map((f) => f.id)).toEqual(zh.functions.map((f) => f.id));
    expect(en.functions.find((f) => f.id === 'CHANNELCLASS')?.description).toMatch(/^Channel class/);
    expect(zh.functions.find((f) => f.id === 'CHANNELCLASS')?.description).toMatch(/^由经营成本率/);
    const bundle = readFileSync(join(out, 'functions.js'), 'utf8');
    for (const f of en.functions) expect(bundle).toContain(`CustomFunctions.associate("${f.id}"`);
  });

  it('lets error values into the functions in both languages (one #N/A must not lose a whole column)', () => {
    for (const name of ['functions.json', 'functions-zh-cn.json']) {
      const m = JSON.parse(readFileSync(join(out, name), 'utf8')) as Metadata;
      expect(`${name}:${m.allowErrorForDataTypeAny}`).toBe(`${name}:true`);
    }
  });

  it('points every manifest URL and every help URL at ADDIN_BASE_URL, none at localhost', () => {
    const manifest = readFileSync(join(out, 'manifest.xml'), 'utf8');
    expect(manifest).not.toContain('localhost');
    expect(manifest).toContain(`<SourceLocation DefaultValue="${PUBLISHED}/taskpane.html"/>`);
    expect(manifest).toContain(`<SupportUrl DefaultValue="${PUBLISHED}/support.html"/>`);
    expect(manifest).not.toContain('<AppDomain>');
    for (const name of ['functions.json', 'functions-zh-cn.json']) {
      const m = JSON.parse(readFileSync(join(out, name), 'utf8')) as Metadata;
      for (const f of m.functions) expect(f.helpUrl).toBe(`${PUBLISHED}/help.html#${f.id}`);
    }
  });

  it('validates the built manifest against Microsoft’s XSD schemas, offline', () => {
    if (!schemaCheckAvailable()) return;
    const result = validate(join(out, 'manifest.xml'));
    expect(result.ok ? 'valid' : result.output).toBe('valid');
  });

  it('has xmllint reject a manifest the schema forbids (the check is real)', () => {
    if (!schemaCheckAvailable()) return;
    const broken = join(out, 'broken-manifest.xml');
    writeFileSync(
      broken,
      readFileSync(join(out, 'manifest.xml'), 'utf8').replace(/<Id>[^<]*<\/Id>/, '<Id>not-a-guid</Id>'),
    );
    expect(validate(broken).ok).toBe(false);
  });

  it('makes no network call from the functions bundle', () => {
    const bundle = readFileSync(join(out, 'functions.js'), 'utf8');
    expect(bundle).not.toMatch(/\bfetch\(|XMLHttpRequest|WebSocket/);
  });
});

describe('ADDIN_BASE_URL', () => {
  it('defaults to https://localhost:3000 for development', () => {
    const saved = process.env.ADDIN_BASE_URL;
    delete process.env.ADDIN_BASE_URL;
    try {
      expect(config.baseUrl({})).toBe('https://localhost:3000');
    } finally {
      if (saved !== undefined) process.env.ADDIN_BASE_URL = saved;
    }
  });

  it('refuses an address Office cannot load an add-in from, saying why', () => {
    expect(() => config.baseUrl({ ADDIN_BASE_URL: 'http://addins.example.com' })).toThrow(/https/);
    expect(() => config.baseUrl({ ADDIN_BASE_URL: 'addins' })).toThrow(/not a URL/);
  });
});
