/*
 * An offline structural check of manifest.xml (`npm run validate` needs the network): required
 * elements in schema order, resource ids that resolve and fit 32 characters, one origin, the
 * custom-functions runtime, and the zh-CN overrides.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { systemToolAvailable } from '../support/systemTool';

const xml = readFileSync(join(__dirname, '../../manifest.xml'), 'utf8');
const doc = new DOMParser().parseFromString(xml, 'text/xml');
const root = doc.documentElement as unknown as Element;

function children(e: Element): Element[] {
  return Array.from(e.childNodes as unknown as ArrayLike<Element>).filter((n) => n.nodeType === 1);
}

function all(name: string): Element[] {
  return Array.from(doc.getElementsByTagName(name) as unknown as ArrayLike<Element>);
}

function child(e: Element, name: string): Element | undefined {
  return children(e).find((c) => c.localName === name);
}

const BUILT = new Set([
  'taskpane.html',
  'functions.html',
  'functions.js',
  'functions.json',
  'functions-zh-cn.json',
  'commands.html',
  'help.html',
  'support.html',
]);

describe('manifest.xml (offline structural check)', () => {
  it('is a task-pane add-in for Excel with its top-level elements in schema order', () => {
    expect(root.localName).toBe('OfficeApp');
    expect(root.getAttribute('xsi:type')).toBe('TaskPaneApp');
    expect(children(root).map((c) => c.localName)).toEqual([
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'VersionOverrides',
    ]);
    expect(child(root, 'Id')?.textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(child(root, 'Version')?.textContent).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(all('Host').map((h) => h.getAttribute('Name') || h.getAttribute('xsi:type'))).toEqual([
      'Workbook',
      'Workbook',
    ]);
  });

  it('resolves every resid to a resource of at most 32 characters, and every resource is used', () => {
    const resources = new Map<string, Element>();
    for (const tag of ['bt:Image', 'bt:Url', 'bt:String'])
      for (const e of all(tag)) if (e.getAttribute('id')) resources.set(e.getAttribute('id') ?? '', e);
    const used = new Set<string>();
    for (const e of Array.from(doc.getElementsByTagName('*') as unknown as ArrayLike<Element>)) {
      const id = e.getAttribute('resid');
      if (!id) continue;
      used.add(id);
      expect(`${id}:${resources.has(id)}`).toBe(`${id}:true`);
      expect(id.length).toBeLessThanOrEqual(32);
    }
    for (const id of resources.keys()) {
      expect(id.length).toBeLessThanOrEqual(32);
      expect(`${id} used:${used.has(id)}`).toBe(`${id} used:true`);
    }
  });

  it('points SupportUrl at the help and troubleshooting page the build produces, not at the pane', () => {
    expect(child(root, 'SupportUrl')?.getAttribute('DefaultValue')).toBe('https://localhost:3000/support.html');
  });

  it('serves everything from its own origin, at files the build produces, and lists no AppDomain it does not need', () => {
    const urls = [
      ...all('bt:Url'),
      ...all('bt:Image'),
      ...all('SourceLocation'),
      ...all('IconUrl'),
      ...all('HighResolutionIconUrl'),
      ...all('SupportUrl'),
    ]
      .flatMap((e) => [e.getAttribute('DefaultValue'), ...children(e).map((o) => o.getAttribute('Value'))])
      .filter((u): u is string => Boolean(u));
    const origins = new Set(urls.map((u) => new URL(u).origin));
    expect([...origins]).toEqual(['https://localhost:3000']);
    // The origin of SourceLocation is trusted as it is; an AppDomain is for navigating to another origin.
    expect(all('AppDomains')).toHaveLength(0);
    for (const u of urls) {
      const path = new URL(u).pathname.slice(1);
      if (path.startsWith('assets/')) expect(readFileSync(join(__dirname, '../..', path)).length).toBeGreaterThan(0);
      else expect(`${path}:${BUILT.has(path)}`).toBe(`${path}:true`);
    }
  });

  it('requires CustomFunctionsRuntime 1.2 (CustomFunctions.Error) and ExcelApi 1.7 (getRangeByIndexes), nothing optional', () => {
    const sets: Record<string, string | null> = Object.fromEntries(
      all('Set').map((s) => [s.getAttribute('Name') ?? '', s.getAttribute('MinVersion')]),
    );
    // Threaded comments (1.10), data validation (1.8) and conditional formats (1.6) are optional:
    // the pane checks isSetSupported and says what it could not do; 1.7 and 1.4 are what the grading needs.
    expect(sets).toEqual({ CustomFunctionsRuntime: '1.2', ExcelApi: '1.7' });
  });

  it('declares the custom functions in namespace QD on the JavaScript-only runtime', () => {
    const point = all('ExtensionPoint').find((e) => e.getAttribute('xsi:type') === 'CustomFunctions');
    expect(point).toBeDefined();
    const ns = child(point as Element, 'Namespace')?.getAttribute('resid') ?? '';
    expect(
      all('bt:String')
        .find((s) => s.getAttribute('id') === ns)
        ?.getAttribute('DefaultValue'),
    ).toBe('QD');
    expect(all('Runtimes')).toHaveLength(0);
    expect(
      all('Set')
        .find((s) => s.getAttribute('Name') === 'CustomFunctionsRuntime')
        ?.getAttribute('MinVersion'),
    ).toBe('1.2');
  });

  it('overrides the functions metadata and the visible names for zh-CN', () => {
    const meta = all('bt:Url').find((u) => u.getAttribute('id') === 'Functions.Metadata.Url') as Element;
    const override = child(meta, 'Override');
    expect(override?.getAttribute('Locale')).toBe('zh-cn');
    expect(override?.getAttribute('Value')).toBe('https://localhost:3000/functions-zh-cn.json');
    const display = child(root, 'DisplayName') as Element;
    expect(child(display, 'Override')?.getAttribute('Value')).toBe('渠道分级');
    for (const s of all('bt:String').filter((s) => s.getAttribute('id') !== 'Functions.Namespace')) {
      expect(`${s.getAttribute('id')}:${child(s, 'Override')?.getAttribute('Locale')}`).toBe(
        `${s.getAttribute('id')}:zh-CN`,
      );
    }
  });

  it('validates against Microsoft’s XSD schemas offline (xmllint), as the built one does in test/build', () => {
    if (!systemToolAvailable('/usr/bin/xmllint', 'libxml2-utils', 'the manifest schema check')) return;
    const schema = join(__dirname, '../../../shared/schemas/office-addin-manifest/OfficeAppManifestV1_1.xsd');
    if (!existsSync(schema)) {
      if (process.env.QD_REQUIRE_SYSTEM === '1') throw new Error(`the manifest schema check needs ${schema}`);
      process.stderr.write(`\nnotice: skipping the manifest schema check: ${schema} not found\n`);
      return;
    }
    const verdict = (): string => {
      try {
        execFileSync(
          '/usr/bin/xmllint',
          ['--noout', '--nonet', '--schema', schema, join(__dirname, '../../manifest.xml')],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        return 'valid';
      } catch (e) {
        return String((e as { stderr?: Buffer }).stderr ?? e);
      }
    };
    expect(verdict()).toBe('valid');
  });
});
