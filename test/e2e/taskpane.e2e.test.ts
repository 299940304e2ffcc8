/*
 * The built task pane, for real, in headless Chromium (Debian's chromium through playwright-core):
 * served on localhost, with Office.js replaced by an in-memory workbook that keeps Excel's limits.
 * The analyst maps a column and grades; the bands are coloured and the summary is written; finance
 * edits a rule and runs a scenario; a manager returns a row. Screenshots go to test-results/.
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
import type { Snapshot } from './officeStub';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- webpack.config.js is CommonJS
const makeConfig = require('../../webpack.config.js') as (
  env: unknown,
  options: { mode: string },
) => Promise<webpack.Configuration>;

const CHROMIUM = '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const SHOTS = join(__dirname, '..', '..', 'test-results');
const available = systemToolAvailable(CHROMIUM, 'chromium', 'the task pane end-to-end test');
const maybe = available ? describe : describe.skip;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.css': 'text/css',
};

/** The demo sheet, with the channel-ID header renamed so the analyst has a column to map. */
const SHEET = [['代码', ...DEMO_HEADER.slice(1)], ...demoRows(300)];

maybe('the task pane in Chromium', () => {
  let out = '';
  let server: Server;
  let origin = '';
  let officeStub = '';
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'qd-e2e-'));
    const config = await makeConfig({}, { mode: 'production' });
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack({ ...config, output: { ...config.output, path: out } }, (err, s) =>
        err || !s ? reject(err ?? new Error('no stats')) : resolve(s),
      ),
    );
    expect(stats.hasErrors()).toBe(false);
    const stub = await build({
      entryPoints: [join(__dirname, 'officeStub.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
    });
    officeStub = stub.outputFiles[0]?.text ?? '';

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
    page = await browser.newPage({ viewport: { width: 420, height: 900 }, locale: 'zh-CN' });
    // Nothing leaves the machine: Office.js is the stub, the pane comes from the local server.
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ contentType: 'text/javascript', body: officeStub });
      if (url.startsWith(origin)) return route.continue();
      return route.abort();
    });
    await page.addInitScript((sheet) => {
      (window as unknown as { __QD_SEED__: unknown }).__QD_SEED__ = {
        sheets: { 渠道清单: sheet },
        displayLanguage: 'zh-CN',
      };
    }, SHEET);
    await page.goto(`${origin}/taskpane.html`);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(out, { recursive: true, force: true });
  });

  const snapshot = (): Promise<Snapshot> =>
    page.evaluate(() => (window as unknown as { __QD_SNAPSHOT__: () => Snapshot }).__QD_SNAPSHOT__());
  const sheet = (snap: Snapshot, name: string): Snapshot['sheets'][number]['values'] =>
    snap.sheets.find((x) => x.name === name)?.values ?? [];

  it('maps the unrecognised channel-ID column and grades: bands coloured, summary and chart written', async () => {
    await page.getByText(/表头在第 1 行，数据 \d+ 行/).waitFor();
    await page.getByText(/未识别的必需列：渠道代码/).waitFor();
    await page.getByLabel('渠道代码', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: '分级 Grade' }).click();
    await page.getByText(/已分级 \d+ 个渠道/).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'pane-grade.png'), fullPage: true });
    const snap = await snapshot();
    expect(snap.bands).toBe(5);
    expect(snap.charts).toBe(1);
    expect(snap.sheets.map((x) => x.name)).toEqual(expect.arrayContaining(['渠道清单', '分级汇总', '分级规则']));
    expect(sheet(snap, '渠道清单')[0]).toContain('经营成本率');
    expect(await page.getByRole('figure', { name: /各色带渠道数/ }).isVisible()).toBe(true);
  }, 120_000);

  it('edits a rule and saves it to the 分级规则 sheet', async () => {
    await page.getByRole('tab', { name: '规则 Rules' }).click();
    await page.getByLabel('cost.deepBlue.max').fill('88%');
    const fingerprint = (await page.getByTestId('fingerprint').textContent()) ?? '';
    await page.getByRole('button', { name: '保存到工作簿 Save to workbook' }).click();
    await page.getByText(`已写入“分级规则”工作表，指纹 ${fingerprint}`).waitFor();
    await page.screenshot({ path: join(SHOTS, 'pane-rules.png'), fullPage: true });
    expect(sheet(await snapshot(), '分级规则').map((r) => r[1])).toContain(fingerprint);
  }, 60_000);

  it('runs a scenario onto its own sheet, data untouched', async () => {
    const inputs = async (): Promise<string> =>
      JSON.stringify(sheet(await snapshot(), '渠道清单').map((r) => r.slice(0, 14)));
    const before = await inputs();
    await page.getByRole('tab', { name: '情景 Scenario' }).click();
    await page.getByRole('checkbox', { name: '深蓝' }).check();
    await page.getByRole('button', { name: '测算 Run scenario' }).click();
    await page.getByText(/佣金成本变化合计/).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'pane-scenario.png'), fullPage: true });
    expect((await snapshot()).sheets.some((x) => x.name === '情景测算')).toBe(true);
    expect(await inputs()).toBe(before);
  }, 60_000);

  it('writes a general agency plan with a chart of its cumulative result', async () => {
    await page.getByRole('button', { name: /内部区域总代理测算/ }).click();
    const write = page.getByRole('button', { name: '写入总代理测算表 Write the plan' });
    await write.waitFor({ timeout: 60_000 });
    await write.click();
    // On a failure, the pane's text says what it showed (a message bar, or nothing yet).
    await page
      .getByText(/已写入“总代理测算”工作表/)
      .waitFor({ timeout: 60_000 })
      .catch(async (e: unknown) => {
        process.stderr.write(await page.locator('body').innerText());
        throw e;
      });
    await page.screenshot({ path: join(SHOTS, 'pane-agency-plan.png'), fullPage: true });
    const snap = await snapshot();
    expect(sheet(snap, '总代理测算').length).toBeGreaterThan(24);
    expect(snap.charts).toBe(2);
  }, 150_000);

  it('marks a row returned, with a comment, in the review', async () => {
    await page.getByRole('tab', { name: '复核 Review' }).click();
    await page.getByRole('button', { name: '开始复核 Start review' }).click();
    await page.getByText(/待复核 pending: \d+/).waitFor({ timeout: 60_000 });
    await page.getByRole('spinbutton', { name: /行号/ }).fill('3');
    await page.getByRole('textbox', { name: /退回意见/ }).fill('费用率与台账不符');
    await page.getByRole('button', { name: '标记 Mark' }).click();
    await page.getByText('退回 returned: 1').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'pane-review.png'), fullPage: true });
    const snap = await snapshot();
    expect(snap.comments).toEqual([expect.objectContaining({ text: '费用率与台账不符' })]);
    expect(snap.validations).toBeGreaterThan(0);
  }, 60_000);
});
