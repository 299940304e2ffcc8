/*
 * `npm run build:wps`, run for real into a temporary folder: the WPS add-in folder WPS loads (main
 * page, ribbon.xml, manifest.xml, functions.json, the pane, icons) and the deployment entries. The
 * XML files are parsed, functions.json checked against the form the wpsjs toolkit writes, and the
 * main page's bundle run in a sandbox with a stand-in for WPS, as WPS would run it.
 */
import { DOMParser } from '@xmldom/xmldom';
import { parse } from 'acorn';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import webpack from 'webpack';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.wps.config.js is CommonJS
const config = require('../../../webpack.wps.config.js') as ((
  env: unknown,
  options: { mode: string },
) => webpack.Configuration) & { wpsBaseUrl: (env: unknown) => string };

const BASE = 'http://addins.corp.example/qd-wps/';
const out = mkdtempSync(join(tmpdir(), 'qd-wps-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface WpsFunctions {
  functions: {
    name: string;
    description: string;
    parameters: { name: string; description: string; type: string }[];
    result: { type: string };
  }[];
}

const read = (name: string): string => readFileSync(join(out, name), 'utf8');

/** An XML file parsed; a parse error fails the test with its message. */
function xml(name: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(read(name), 'text/xml') as unknown as Document;
  expect({ name, errors }).toEqual({ name, errors: [] });
  return doc;
}

describe('npm run build:wps', () => {
  beforeAll(async () => {
    const c = config({ WPS_BASE_URL: BASE }, { mode: 'production' });
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack({ ...c, output: { ...c.output, path: out } }, (err, s) =>
        err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
      ),
    );
    expect(stats.toJson({ errors: true }).errors).toEqual([]);
  }, 300_000);

  it('writes the add-in folder: main page, ribbon, manifest, functions, pane, help page, icons and deployment entries', () => {
    for (const f of [
      'index.html',
      'main.js',
      'ribbon.xml',
      'manifest.xml',
      'functions.json',
      'taskpane.html',
      'taskpane.js',
      'help.html',
      'assets/icon-32.png',
      'jsplugins.xml',
      'publish.xml',
      'offline/publish.xml',
    ])
      expect(`${f}: ${existsSync(join(out, f))}`).toBe(`${f}: true`);
    expect(existsSync(join(out, 'functions.excel.json'))).toBe(false);
  });

  it('has a manifest that names functions.json in namespace QD, and the file is there', () => {
    const doc = xml('manifest.xml');
    expect(doc.documentElement.tagName).toBe('JsPlugin');
    const text = (tag: string): string | null | undefined => doc.getElementsByTagName(tag)[0]?.textContent;
    expect(text('Name')).toBe('QDChannelGrader');
    expect(text('Namespace')).toBe('QD');
    expect(text('Uri')).toBe('/functions.json');
    expect(existsSync(join(out, String(text('Uri'))))).toBe(true);
  });

  it('has a ribbon (Office CustomUI) with a 渠道分级 tab whose button opens the pane', () => {
    const doc = xml('ribbon.xml');
    expect(doc.documentElement.tagName).toBe('customUI');
    expect(doc.documentElement.namespaceURI).toBe('http://schemas.microsoft.com/office/2006/01/customui');
    const tab = doc.getElementsByTagName('tab')[0];
    expect(tab?.getAttribute('label')).toBe('渠道分级');
    const button = tab?.getElementsByTagName('button')[0];
    expect(button?.getAttribute('id')).toBe('qdOpenPane');
    expect(button?.getAttribute('onAction')).toBe('OnAction');
  });

  it("writes functions.json in WPS's form: every function with a Chinese description and typed parameters", () => {
    const m = JSON.parse(read('functions.json')) as WpsFunctions;
    expect(m.functions).toHaveLength(35);
    for (const f of m.functions) {
      expect(f.name).toMatch(/^[a-zA-Z_][a-zA-Z0-9_]*$/);
      expect(`${f.name}: ${f.description}`).toMatch(/[\u4e00-\u9fff]/);
      expect(f.result.type).toMatch(/^(any|string|number|bool)(\[\]\[\])?$/);
      for (const p of f.parameters) {
        expect(p.type).toMatch(/^(any|string|number|bool)(\[\]\[\])?\??$/);
        expect(`${f.name}.${p.name}: ${p.description}`).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    const channelClass = m.functions.find((f) => f.name === 'CHANNELCLASS');
    expect(channelClass?.parameters.map((p) => p.type)).toEqual([
      'any[][]',
      'any[][]',
      'any[][]',
      'any[][]?',
      'string?',
    ]);
  });

  it('registers, when WPS loads the main page, every function of functions.json in QD, and wires the ribbon', () => {
    const registered: string[] = [];
    const panes: string[] = [];
    const storage = new Map<string, unknown>();
    const app = {
      AddCustomFunction: (ns: string, name: string, cb: unknown) => {
        if (typeof cb === 'function') registered.push(`${ns}.${name}`);
      },
      PluginStorage: { getItem: (k: string) => storage.get(k), setItem: (k: string, v: unknown) => storage.set(k, v) },
      CreateTaskPane: (url: string) => {
        panes.push(url);
        return { ID: 7, Visible: false, DockPosition: 0 };
      },
    };
    const sandbox: Record<string, unknown> = {
      wps: app,
      Application: app,
      document: { location: { href: `${BASE}index.html` } },
      setTimeout,
      clearTimeout,
      TextEncoder,
      console,
    };
    sandbox.window = sandbox;
    sandbox.self = sandbox;
    runInNewContext(read('main.js'), sandbox);
    const names = (JSON.parse(read('functions.json')) as WpsFunctions).functions.map((f) => `QD.${f.name}`);
    expect(registered).toEqual(names);
    expect(typeof sandbox.OnAddinLoad).toBe('function');
    (sandbox.OnAction as (c: { Id: string }) => void)({ Id: 'qdOpenPane' });
    expect(panes).toEqual([`${BASE}taskpane.html`]);
  });

  it('points the central and online entries at WPS_BASE_URL, and the offline one at the versioned folder', () => {
    const online = xml('jsplugins.xml').getElementsByTagName('jspluginonline')[0];
    expect(online?.getAttribute('url')).toBe(BASE);
    expect(online?.getAttribute('type')).toBe('et');
    expect(xml('publish.xml').getElementsByTagName('jspluginonline')[0]?.getAttribute('url')).toBe(BASE);
    const offline = xml('offline/publish.xml').getElementsByTagName('jsplugin')[0];
    expect(offline?.getAttribute('url')).toMatch(/^QDChannelGrader_\d+\.\d+\.\d+$/);
  });

  it("loads no Office.js and parses as ES2020 (WPS's embedded Chromium)", () => {
    expect(read('taskpane.html')).not.toContain('office.js');
    for (const f of ['main.js', 'taskpane.js']) expect(() => parse(read(f), { ecmaVersion: 2020 })).not.toThrow();
  });
});

describe('WPS_BASE_URL', () => {
  it('defaults to a local address for a trial and refuses what is not an http(s) address', () => {
    expect(config.wpsBaseUrl({ WPS_BASE_URL: 'http://a.example/x' })).toBe('http://a.example/x/');
    expect(() => config.wpsBaseUrl({ WPS_BASE_URL: 'ftp://a.example/' })).toThrow(/http/);
  });
});
