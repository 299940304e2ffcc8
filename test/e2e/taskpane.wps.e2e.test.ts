/*
 * The pane built for WPS 表格 (`npm run build:wps`), for real, in headless Chromium (Debian's
 * chromium through playwright-core) at 350 px: served on localhost, with WPS's JSAPI replaced by
 * the fake ET object model (test/e2e/wpsStub.ts), injected before the page's script as WPS does.
 * The analyst maps a column and grades; the bands, summary chart and marks land in the workbook; a
 * manager returns a row with a note; finance saves a rule; the workbook is reopened with what it
 * saved (sheets, names, custom properties) and remembers the mapping and the rules; a protected
 * sheet is named; every tab fits without sideways scrolling. Screenshots go to test-results/.
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import webpack from 'webpack';
import { DEMO_HEADER, demoRows } from '../../examples/makeDemoWorkbook';
import { systemToolAvailable } from '../support/systemTool';
import type { WpsSnapshot } from './wpsStub';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.wps.config.js is CommonJS
const makeConfig = require('../../webpack.wps.config.js') as (
  env: unknown,
  options: { mode: string },
) => webpack.Configuration;

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'test-results');
const available = systemToolAvailable(CHROMIUM, 'chromium', 'the WPS task pane end-to-end test');
const maybe = available ? describe : describe.skip;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.png': 'image/png',
};

/** The demo sheet, with the channel-ID header renamed so the analyst has a column to map. */
const SHEET = [['代码', ...DEMO_HEADER.slice(1)], ...demoRows(300)];
const CLEAN = [[...DEMO_HEADER], ...demoRows(300)];
const VIEWPORT = { width: 350, height: 800 };

interface WpsSeed {
  readonly sheets: Record<string, unknown[][]>;
  readonly protectedSheets?: readonly string[];
  readonly owned?: readonly string[];
  readonly properties?: Readonly<Record<string, string>>;
  readonly names?: Readonly<Record<string, string>>;
}

maybe('the task pane in WPS 表格 (Chromium over a WPS stub)', () => {
  let out = '';
  let server: Server;
  let origin = '';
  let wpsStub = '';
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'qd-wps-e2e-'));
    const config = makeConfig({}, { mode: 'production' });
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack({ ...config, output: { ...config.output, path: out } }, (err, s) =>
        err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
      ),
    );
    expect(stats.hasErrors()).toBe(false);
    const stub = await build({
      entryPoints: [join(__dirname, 'wpsStub.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome100',
    });
    wpsStub = stub.outputFiles[0]?.text ?? '';
    server = createServer((req, res) => {
      const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
        /^(\.\.[/\\])+/,
        '',
      );
      try {
        const body = readFileSync(join(out, path));
        res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    });
    page = await openPane({ sheets: { 渠道清单: SHEET } });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(out, { recursive: true, force: true });
  });

  /** A fresh pane (a workbook opened in WPS) over the seeded workbook. */
  async function openPane(seed: WpsSeed): Promise<Page> {
    const p = await browser.newPage({ viewport: VIEWPORT, locale: 'zh-CN' });
    // Nothing leaves the machine: the pane comes from the local server, WPS is the stub.
    await p.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
    await p.addInitScript((s) => {
      (window as unknown as { __QD_SEED__: unknown }).__QD_SEED__ = s;
    }, seed);
    await p.addInitScript({ content: wpsStub });
    await p.goto(`${origin}/taskpane.html`);
    return p;
  }

  const snapshotOf = (p: Page): Promise<WpsSnapshot> =>
    p.evaluate(() => (window as unknown as { __QD_SNAPSHOT__: () => WpsSnapshot }).__QD_SNAPSHOT__());
  const sheet = (snap: WpsSnapshot, name: string): WpsSnapshot['sheets'][number]['values'] =>
    snap.sheets.find((x) => x.name === name)?.values ?? [];

  /** What scrolls sideways: the document and every section, form and field in view wider than its box. */
  const overflowing = (p: Page): Promise<string[]> =>
    p.evaluate(() => {
      const wide: string[] = [];
      const doc = document.documentElement;
      if (doc.scrollWidth > doc.clientWidth) wide.push(`document ${doc.scrollWidth} > ${doc.clientWidth}`);
      const boxes = document.querySelectorAll<HTMLElement>(
        'main, section, form, [role="group"], [role="tablist"], .fui-Field, .fui-AccordionPanel, .fui-MessageBar',
      );
      for (const el of boxes) {
        if (el.offsetParent === null) continue;
        if (el.scrollWidth > el.clientWidth + 1)
          wide.push(`${el.tagName} ${el.getAttribute('aria-label') ?? ''}: ${el.scrollWidth} > ${el.clientWidth}`);
      }
      return wide;
    });

  it('maps the unrecognised channel-ID column and grades: bands as conditional formats, summary chart, sheets marked', async () => {
    await page.getByText(/表头在第 1 行，数据 [\d,]+ 行/).waitFor({ timeout: 60_000 });
    await page.getByText(/未识别的必需列：渠道代码/).waitFor();
    await page.getByLabel('渠道代码', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: '分级 Grade' }).click();
    await page.getByText(/已分级 [\d,]+ 个渠道/).waitFor({ timeout: 90_000 });
    await page.screenshot({ path: join(SHOTS, 'wps-pane-grade.png'), fullPage: true });
    const snap = await snapshotOf(page);
    expect(snap.bands['渠道清单']).toBe(5);
    expect(snap.charts).toBe(1);
    expect(snap.owned).toEqual(expect.arrayContaining(['分级汇总', '分级规则']));
    expect(sheet(snap, '渠道清单')[0]).toEqual(expect.arrayContaining(['经营成本率', '检视措施']));
    // The remembered mapping is kept in the workbook (custom properties), so it travels with the file.
    expect(Object.keys(snap.properties).some((k) => k.startsWith('QD.'))).toBe(true);
    expect(snap.prompts).toBe(0);
  }, 150_000);

  it('fits every tab in 350 px, with no sideways scrolling', async () => {
    await page.getByRole('button', { name: /列映射 Column mapping/ }).click();
    expect(await overflowing(page)).toEqual([]);
    await page.getByRole('button', { name: /列映射 Column mapping/ }).click();
    for (const tab of ['规则 Rules', '情景 Scenario', '复核 Review', '分级 Grade']) {
      await page.getByRole('tab', { name: tab }).click();
      expect(await overflowing(page)).toEqual([]);
    }
  }, 60_000);

  it('marks a row returned with a note on its cell, and the review column gets its drop-down', async () => {
    await page.getByRole('tab', { name: '复核 Review' }).click();
    await page.getByRole('button', { name: '开始复核 Start review' }).click();
    await page.getByText(/待复核 pending: [\d,]+/).waitFor({ timeout: 60_000 });
    await page.getByRole('spinbutton', { name: /行号/ }).fill('3');
    await page.getByRole('combobox', { name: /复核状态/ }).selectOption('退回');
    await page.getByRole('textbox', { name: /退回意见/ }).fill('费用率与台账不符');
    await page.getByRole('button', { name: '标记 Mark' }).click();
    await page.getByText('退回 returned: 1').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'wps-pane-review.png'), fullPage: true });
    const snap = await snapshotOf(page);
    expect(snap.notes).toEqual([
      expect.objectContaining({ sheet: '渠道清单', text: expect.stringContaining('费用率与台账不符') as unknown }),
    ]);
    expect(snap.validations).toBeGreaterThan(0);
    expect(await overflowing(page)).toEqual([]);
  }, 90_000);

  it('saves an edited rule; reopened, the workbook keeps the rules and the mapping and grades again', async () => {
    await page.getByRole('tab', { name: '规则 Rules' }).click();
    await page.getByLabel('cost.deepBlue.max').fill('88%');
    await page.getByRole('button', { name: '保存到工作簿 Save to workbook' }).click();
    await page.getByText(/已写入“分级规则”工作表/).waitFor({ timeout: 60_000 });
    const snap = await snapshotOf(page);
    const again = await openPane({
      sheets: Object.fromEntries(snap.sheets.map((x) => [x.name, x.values])),
      owned: snap.owned,
      properties: snap.properties,
      names: Object.fromEntries(Object.entries(snap.names).filter(([n]) => !n.includes('!'))),
    });
    try {
      await again.getByText(/按本工作簿保存的规则.*与默认规则不同/).waitFor({ timeout: 60_000 });
      expect(await again.getByText(/未识别的必需列/).count()).toBe(0);
      await again.getByRole('tab', { name: '规则 Rules' }).click();
      expect(await again.getByLabel('cost.deepBlue.max').inputValue()).toBe('88%');
      await again.getByRole('tab', { name: '分级 Grade' }).click();
      await again.getByRole('button', { name: '分级 Grade' }).click();
      await again.getByText(/已分级 [\d,]+ 个渠道/).waitFor({ timeout: 90_000 });
      const rules = sheet(await snapshotOf(again), '分级规则');
      expect(rules.find((r) => r[0] === 'cost.deepBlue.max')?.[1]).toBe(0.88);
    } finally {
      await again.close();
    }
  }, 180_000);

  it('names a protected sheet and the next step, and writes nothing to it', async () => {
    const p = await openPane({ sheets: { 渠道清单: CLEAN }, protectedSheets: ['渠道清单'] });
    try {
      await p.getByText(/已识别 \d+ 列 ✓/).waitFor({ timeout: 60_000 });
      await p.getByRole('button', { name: '分级 Grade' }).click();
      const alert = p.getByRole('alert');
      await alert.waitFor({ timeout: 60_000 });
      const text = (await alert.textContent()) ?? '';
      expect(text).toMatch(/工作表“渠道清单”受保护.*撤销工作表保护/);
      expect(text).not.toMatch(/意外错误/);
      expect(sheet(await snapshotOf(p), '渠道清单')[0]).toEqual(DEMO_HEADER);
    } finally {
      await p.close();
    }
  }, 120_000);
});
