/*
 * Content-Security-Policy on every page the add-in ships or writes (issue 22 point 7), in headless
 * Chromium (Debian's, through playwright-core): the task pane over the Office stub, the commands page,
 * the function help page and the manager's HTML report written by qd-grade --report. Each page still
 * works under its own policy with no violation of it, and an injected inline script, event handler
 * or <script> element does not run. The pane's policy needs style-src 'unsafe-inline': Fluent UI v9
 * (Griffel) inserts <style> elements, refused without it (shown below).
 */
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { main } from '../../src/cli/qdGrade';
import { DEMO_HEADER, demoRows } from '../../examples/makeDemoWorkbook';
import { HEADER, quarterRows } from '../cli/twoQuarters';
import { writeXlsx } from '../hosts/xlsx/tempFiles';
import { builtPane } from '../support/builtPane';
import { systemToolAvailable } from '../support/systemTool';

const CHROMIUM = '/usr/bin/chromium';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const available = systemToolAvailable(CHROMIUM, 'chromium', 'the Content-Security-Policy browser test');
const maybe = available ? describe : describe.skip;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** A channel name an attacker put in the sheet: markup that would run script if it were ever parsed. */
const HOSTILE_NAME = '<script>window.__pwned="name"</script><img src=x onerror="window.__pwned=\'img\'">';

interface Violation {
  readonly directive: string;
  readonly blocked: string;
  readonly sample: string;
}

maybe('Content-Security-Policy on the pages', () => {
  let out = '';
  let server: Server;
  let origin = '';
  let officeStub = '';
  let browser: Browser;
  let reportFile = '';

  beforeAll(async () => {
    out = await builtPane('qd-csp-');
    const stub = await build({
      entryPoints: [join(__dirname, 'officeStub.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
    });
    officeStub = stub.outputFiles[0]?.text ?? '';
    // Static files with no policy header: the pages' own <meta> is the only policy.
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

    // The manager's report of two quarters, a channel named with markup.
    const book = async (name: string, quarter: 1 | 2): Promise<string> => {
      const rows = quarterRows(quarter);
      if (rows[1]) rows[1][1] = HOSTILE_NAME;
      const file = join(out, name);
      await writeXlsx(file, { 渠道: [HEADER, ...rows] as never });
      return file;
    };
    const io = { stdout: () => undefined, stderr: () => undefined, isTerminal: false };
    const history = join(out, 'history.json');
    reportFile = join(out, 'report.html');
    expect(await main([await book('q1.xlsx', 1), '--history', history, '--date', '2026-04-08', '--quiet'], io)).toBe(0);
    expect(
      await main(
        [await book('q2.xlsx', 2), '--history', history, '--date', '2026-07-08', '--report', reportFile, '--quiet'],
        io,
      ),
    ).toBe(0);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
    });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(out, { recursive: true, force: true });
  });

  /** A page that records every policy violation and console error, Office.js served by the stub, nothing else fetched. */
  async function open(
    url: string,
    seed?: unknown,
    rewrite?: (html: string) => string,
  ): Promise<{ page: Page; violations: () => Promise<Violation[]>; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width: 350, height: 800 }, locale: 'zh-CN' });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/*', async (route) => {
      const u = route.request().url();
      if (u === OFFICE_JS) return route.fulfill({ contentType: 'text/javascript', body: officeStub });
      if (rewrite && u === url) {
        const response = await route.fetch();
        return route.fulfill({ response, body: rewrite(await response.text()) });
      }
      if (u.startsWith(origin) || u.startsWith('file:')) return route.continue();
      return route.abort();
    });
    await page.addInitScript((s) => {
      const w = window as unknown as { __QD_SEED__: unknown; __CSP__: Violation[] };
      if (s !== undefined) w.__QD_SEED__ = s;
      w.__CSP__ = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        w.__CSP__.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }),
      );
    }, seed);
    await page.goto(url);
    return {
      page,
      errors,
      violations: () => page.evaluate(() => (window as unknown as { __CSP__: Violation[] }).__CSP__),
    };
  }

  /** Tries three ways an attacker's markup would run script; says what ran. */
  async function inject(page: Page): Promise<unknown> {
    await page.evaluate(() => {
      document.body.insertAdjacentHTML(
        'beforeend',
        '<img id="qd-x" src="data:," onerror="window.__pwned=\'onerror\'">',
      );
      const s = document.createElement('script');
      s.textContent = 'window.__pwned = "script element"';
      document.head.append(s);
      document.body.insertAdjacentHTML('beforeend', '<a id="qd-js" href="javascript:window.__pwned=\'href\'">x</a>');
      (document.getElementById('qd-js') as HTMLAnchorElement).click();
    });
    await page.waitForTimeout(300);
    return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);
  }

  const policyOf = (page: Page): Promise<string | null> =>
    page.evaluate(
      () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null,
    );

  it('renders the task pane over the Office stub and grades under its policy, with no violation', async () => {
    const { page, violations, errors } = await open(`${origin}/taskpane.html`, {
      sheets: {
        渠道清单: [[...DEMO_HEADER], ...demoRows(30)].map((r, i) =>
          i === 1 ? [r[0], HOSTILE_NAME, ...r.slice(2)] : r,
        ),
      },
      displayLanguage: 'zh-CN',
    });
    expect(await policyOf(page)).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    for (const name of ['分级 Grade', '情景 Scenario', '复核 Review'])
      await page.getByRole('tab', { name }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: '分级 Grade' }).click();
    await page.getByText(/已分级 [\d,]+ 个渠道/).waitFor({ timeout: 60_000 });
    expect(await page.getByRole('figure', { name: /各色带渠道数/ }).isVisible()).toBe(true);
    // Griffel's styles apply: the tab list is laid out by its class, not as a plain block.
    expect(await page.getByRole('tablist').evaluate((el) => getComputedStyle(el).display)).not.toBe('block');
    // Every tab opens under the policy.
    for (const name of ['情景 Scenario', '复核 Review', /^历史 History/, '规则 Rules', /^分级 Grade/]) {
      await page.getByRole('tab', { name }).click();
      await page.waitForTimeout(300);
    }
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    expect(await inject(page)).toBeNull();
    expect((await violations()).map((v) => v.directive).sort()).toEqual([
      'script-src-attr',
      'script-src-elem',
      'script-src-elem',
    ]);
    await page.close();
  }, 180_000);

  it("needs style-src 'unsafe-inline' for Fluent UI: without it the pane's style elements are refused", async () => {
    const { page, violations } = await open(
      `${origin}/taskpane.html`,
      { sheets: { 渠道清单: [[...DEMO_HEADER]] }, displayLanguage: 'zh-CN' },
      (html) => html.replace("style-src 'self' 'unsafe-inline'", "style-src 'self'"),
    );
    await page.getByRole('tab', { name: '分级 Grade' }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(500);
    expect((await violations()).some((v) => v.directive.startsWith('style-src'))).toBe(true);
    await page.close();
  }, 120_000);

  it('loads the commands page under its policy, with no violation', async () => {
    const { page, violations, errors } = await open(`${origin}/commands.html`, {
      sheets: {},
      displayLanguage: 'zh-CN',
    });
    await page.waitForLoadState('load');
    expect(await policyOf(page)).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    expect(await inject(page)).toBeNull();
    await page.close();
  }, 60_000);

  it('shows the function help page under a policy that runs no script at all', async () => {
    const { page, violations, errors } = await open(`${origin}/help.html`);
    expect(await policyOf(page)).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('QD Channel Grader');
    expect(await page.locator('section').count()).toBeGreaterThan(10);
    // The page's own inline style applies.
    expect(await page.evaluate(() => getComputedStyle(document.body).maxWidth)).not.toBe('none');
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    expect(await inject(page)).toBeNull();
    expect((await violations()).length).toBe(3);
    await page.close();
  }, 60_000);

  it('renders the HTML report and its SVG chart under its policy; a channel named with markup stays text', async () => {
    expect(readFileSync(reportFile, 'utf8')).not.toContain('<script');
    const { page, violations, errors } = await open(pathToFileURL(reportFile).href);
    expect(await policyOf(page)).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'",
    );
    const svg = page.locator('svg').first();
    const box = await svg.boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(await page.locator('svg rect').count()).toBeGreaterThan(0);
    expect(await page.getByText(HOSTILE_NAME).first().isVisible()).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('th') as Element).backgroundColor)).toBe(
      'rgb(238, 238, 238)',
    );
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    expect(await inject(page)).toBeNull();
    await page.close();
  }, 60_000);
});
