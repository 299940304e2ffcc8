/*
 * The built task pane, for real, in headless Chromium (Debian's chromium through playwright-core) at
 * 350 px, the width Excel gives a task pane: served on localhost, with Office.js replaced by an
 * in-memory workbook that keeps Excel's limits. The analyst maps a column and grades (annual, recorded
 * in the history); finance runs a scenario; a manager returns a row and signs off; the analyst grades
 * again; 个人客户运营部 approves on the History tab; rows change and the next quarter is graded, and the
 * History tab shows the movement and both approvals; finance edits a rule; the workbook is reopened and
 * keeps its rules; a protected sheet is named; every tab fits without sideways scrolling, in Chinese
 * and in English. Screenshots go to test-results/.
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { DEMO_HEADER, demoRows } from '../../examples/makeDemoWorkbook';
import { builtPane } from '../support/builtPane';
import { systemToolAvailable } from '../support/systemTool';
import type { Snapshot } from './officeStub';

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
/** The demo sheet as it comes, every column recognised. */
const CLEAN = [[...DEMO_HEADER], ...demoRows(300)];

/** The pane's width in Excel (320–350 px), and a laptop's task-pane height. */
const VIEWPORT = { width: 350, height: 800 };

interface Seed {
  readonly sheets: Record<string, unknown[][]>;
  readonly displayLanguage: string;
  readonly protectedSheets?: readonly string[];
  readonly owned?: readonly string[];
  readonly settings?: Readonly<Record<string, unknown>>;
}

maybe('the task pane in Chromium', () => {
  let out = '';
  let server: Server;
  let origin = '';
  let officeStub = '';
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    out = await builtPane('qd-e2e-');
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
    page = await openPane({ sheets: { 渠道清单: SHEET }, displayLanguage: 'zh-CN' });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(out, { recursive: true, force: true });
  });

  /** A fresh pane (a workbook opened in Excel) over the seeded sheets. */
  async function openPane(seed: Seed): Promise<Page> {
    const p = await browser.newPage({ viewport: VIEWPORT, locale: seed.displayLanguage });
    // Nothing leaves the machine: Office.js is the stub, the pane comes from the local server.
    await p.route('**/*', (route) => {
      const url = route.request().url();
      if (url === OFFICE_JS) return route.fulfill({ contentType: 'text/javascript', body: officeStub });
      if (url.startsWith(origin)) return route.continue();
      return route.abort();
    });
    await p.addInitScript((s) => {
      (window as unknown as { __QD_SEED__: unknown }).__QD_SEED__ = s;
    }, seed);
    await p.goto(`${origin}/taskpane.html`);
    return p;
  }

  const snapshotOf = (p: Page): Promise<Snapshot> =>
    p.evaluate(() => (window as unknown as { __QD_SNAPSHOT__: () => Snapshot }).__QD_SNAPSHOT__());
  const snapshot = (): Promise<Snapshot> => snapshotOf(page);
  const sheet = (snap: Snapshot, name: string): Snapshot['sheets'][number]['values'] =>
    snap.sheets.find((x) => x.name === name)?.values ?? [];

  /**
   * What scrolls sideways: the document, the pane, and every section, form, table wrapper and field
   * in view whose content is wider than its box (scrollWidth > clientWidth), by its label.
   */
  const overflowing = (p: Page): Promise<string[]> =>
    p.evaluate(() => {
      const wide: string[] = [];
      const doc = document.documentElement;
      if (doc.scrollWidth > doc.clientWidth) wide.push(`document ${doc.scrollWidth} > ${doc.clientWidth}`);
      const boxes = document.querySelectorAll<HTMLElement>(
        'main, section, form, [role="group"], [role="tablist"], .fui-Field, .fui-AccordionPanel, .fui-MessageBar',
      );
      for (const el of boxes) {
        if (el.offsetParent === null) continue; // hidden
        if (el.scrollWidth > el.clientWidth + 1)
          wide.push(
            `${el.tagName} ${el.getAttribute('aria-label') ?? el.className.slice(0, 40)}: ${el.scrollWidth} > ${el.clientWidth}`,
          );
        const r = el.getBoundingClientRect();
        if (r.right > doc.clientWidth + 1)
          wide.push(`${el.tagName} ${el.getAttribute('aria-label') ?? ''} ends at ${r.right}`);
      }
      return wide;
    });

  /** Whether an element is inside the viewport, as the user sees it without scrolling. */
  const inView = (selector: Locator): Promise<boolean> =>
    selector.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
    });

  /**
   * Tab labels cut off by their tab: the visible label (not Fluent's hidden copy that reserves the bold
   * width) wider than the tab, or running past its edges.
   */
  const clippedTabs = (p: Page): Promise<string[]> =>
    p.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[role="tab"]')].flatMap((tab) => {
        const label = tab.querySelector<HTMLElement>('.fui-Tab__content:not(.fui-Tab__content--reserved-space)');
        if (!label) return [];
        const t = tab.getBoundingClientRect();
        const l = label.getBoundingClientRect();
        const wide = label.scrollWidth > label.clientWidth + 1 || l.left < t.left - 1 || l.right > t.right + 1;
        return wide ? [`${label.textContent ?? ''}: ${label.scrollWidth} in ${Math.round(t.width)}`] : [];
      }),
    );

  it('maps the unrecognised channel-ID column and grades: bands coloured, summary and chart written', async () => {
    await page.getByText(/表头在第 1 行，数据 [\d,]+ 行/).waitFor();
    await page.getByText(/未识别的必需列：渠道代码/).waitFor();
    await page.getByLabel('渠道代码', { exact: true }).selectOption('1');
    await page.getByRole('button', { name: '分级 Grade' }).click();
    await page.getByText(/已分级 [\d,]+ 个渠道/).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'pane-grade.png'), fullPage: true });
    const snap = await snapshot();
    expect(snap.bandSheets.filter((x) => x === '渠道清单')).toHaveLength(5);
    expect(snap.charts).toBe(1);
    expect(snap.sheets.map((x) => x.name)).toEqual(expect.arrayContaining(['渠道清单', '分级汇总', '分级规则']));
    expect(sheet(snap, '渠道清单')[0]).toContain('经营成本率');
    expect(sheet(snap, '渠道清单')[0]).toContain('检视措施');
    expect(snap.owned).toEqual(expect.arrayContaining(['分级汇总', '分级规则']));
    expect(await page.getByRole('figure', { name: /各色带渠道数/ }).isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  }, 120_000);

  it('fits the grade tab, its result and its open mapping in 350 px, with no sideways scrolling', async () => {
    await page.getByRole('button', { name: /列映射 Column mapping/ }).click();
    expect(await overflowing(page)).toEqual([]);
    await page.getByRole('button', { name: /列映射 Column mapping/ }).click();
  }, 30_000);

  it('keeps the pale band bars at 3:1 against the track', async () => {
    const ratios = await page.evaluate(() => {
      const lum = (css: string): number => {
        const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((x) => Number(x) / 255);
        const lin = (c: number): number => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(r ?? 0) + 0.7152 * lin(g ?? 0) + 0.0722 * lin(b ?? 0);
      };
      const contrast = (a: string, b: string): number => {
        const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m) as [number, number];
        return (x + 0.05) / (y + 0.05);
      };
      return [...document.querySelectorAll<HTMLElement>('[data-testid^="bar-"]')]
        .filter((bar) => bar.offsetParent !== null)
        .map((bar) => {
          const track = getComputedStyle(bar.parentElement as HTMLElement).backgroundColor;
          const edge = getComputedStyle(bar).borderTopColor;
          return contrast(edge, track);
        });
    });
    expect(ratios.length).toBeGreaterThan(0);
    for (const r of ratios) expect(r).toBeGreaterThanOrEqual(3);
  }, 30_000);

  it('runs a scenario onto its own sheet, data untouched, every form fitting 350 px', async () => {
    const inputs = async (): Promise<string> =>
      JSON.stringify(sheet(await snapshot(), '渠道清单').map((r) => r.slice(0, 16)));
    const before = await inputs();
    await page.getByRole('tab', { name: '情景 Scenario' }).click();
    await page.getByRole('checkbox', { name: '深蓝' }).check();
    await page.getByRole('button', { name: '测算 Run scenario' }).click();
    await page.getByText(/佣金成本变化合计/).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'pane-scenario.png'), fullPage: true });
    expect((await snapshot()).sheets.some((x) => x.name === '情景测算')).toBe(true);
    expect(await inputs()).toBe(before);
    await page.getByRole('button', { name: /渠道佣金支付计划/ }).click();
    await page.getByRole('button', { name: /代理费、代理价格/ }).click();
    expect(await overflowing(page)).toEqual([]);
  }, 60_000);

  it('writes a general agency plan with a chart of its cumulative result', async () => {
    await page.getByRole('button', { name: /内部区域总代理测算/ }).click();
    const write = page.getByRole('button', { name: '写入总代理测算表 Write the plan' });
    await write.waitFor({ timeout: 60_000 });
    expect(await overflowing(page)).toEqual([]);
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

  it('marks a row returned, with a comment, and signs off with the pending rows confirmed', async () => {
    await page.getByRole('tab', { name: '复核 Review' }).click();
    await page.getByRole('button', { name: '开始复核 Start review' }).click();
    await page.getByText(/待复核 pending: [\d,]+/).waitFor({ timeout: 60_000 });
    await page.getByRole('spinbutton', { name: /行号/ }).fill('3');
    await page.getByRole('combobox', { name: /复核状态/ }).selectOption('退回');
    await page.getByRole('textbox', { name: /退回意见/ }).fill('费用率与台账不符');
    await page.getByRole('button', { name: '标记 Mark' }).click();
    await page.getByText('退回 returned: 1').waitFor({ timeout: 60_000 });
    expect(await overflowing(page)).toEqual([]);
    await page.getByRole('textbox', { name: /复核人/ }).fill('王经理');
    await page.getByRole('checkbox', { name: /确认在仍有/ }).check();
    await page.getByRole('button', { name: /^复核完成/ }).click();
    await page.getByText(/在“分级规则”工作表签字/).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(SHOTS, 'pane-review.png'), fullPage: true });
    const snap = await snapshot();
    expect(snap.comments).toEqual([expect.objectContaining({ text: '费用率与台账不符' })]);
    expect(snap.validations).toBeGreaterThan(0);
  }, 60_000);

  it('keeps the review column and the sign-off when the analyst grades again, and asks for a new sign-off', async () => {
    await page.getByRole('tab', { name: '分级 Grade' }).click();
    await page.getByRole('button', { name: '分级 Grade' }).click();
    await page.getByText(/需要重新复核签字|needs a new sign-off/).waitFor({ timeout: 60_000 });
    const snap = await snapshot();
    const header = sheet(snap, '渠道清单')[0] ?? [];
    const review = header.indexOf('复核状态');
    expect(review).toBeGreaterThan(0);
    expect(sheet(snap, '渠道清单')[2]?.[review]).toBe('退回');
    expect(JSON.stringify(sheet(snap, '分级规则'))).toMatch(/适用于此前的分级/);
  }, 90_000);

  it('approves the grading, re-grades next quarter with changed rows, and shows the movement and both approvals in 历史 History', async () => {
    // 个人客户运营部 approves the annual grading on the History tab (第十条).
    await page.getByRole('tab', { name: /^历史 History/ }).click();
    const gradings = page.getByRole('list', { name: '分级记录 Gradings' });
    await gradings.waitFor({ timeout: 60_000 });
    await page.getByRole('textbox', { name: /审批人/ }).fill('赵处长');
    await page.getByRole('textbox', { name: /意见/ }).fill('年度分级同意');
    await page.getByRole('button', { name: '批准 Approve' }).click();
    await page.getByText(/^已批准 \d{4}-\d\d-\d\d\/annual\/\d/).waitFor({ timeout: 60_000 });

    // The analyst corrects ten channels' loss ratios in Excel: five worse (深红), five much better.
    await page.evaluate(
      ({ column }) => {
        const state = (
          window as unknown as {
            __QD_STATE__: { sheets: { name: string; cells: ({ value: unknown } | undefined)[][] }[] };
          }
        ).__QD_STATE__;
        const sheet = state.sheets.find((x) => x.name === '渠道清单');
        if (!sheet) throw new Error('no 渠道清单');
        for (let r = 1; r <= 10; r++) {
          const row = sheet.cells[r];
          if (row) row[column] = { value: r <= 5 ? 1.5 : 0.05 };
        }
      },
      { column: DEMO_HEADER.indexOf('终极赔付率') },
    );

    // Next quarter: the in-year class, judged on a later date.
    await page.getByRole('tab', { name: /^分级 Grade/ }).click();
    await page.getByRole('combobox', { name: /分级类型/ }).selectOption('quarter');
    await page.getByLabel(/评判日/).fill('2027-01-10');
    await page.getByRole('button', { name: '分级 Grade' }).click();
    await page.getByText(/已记入分级历史：2027-01-10 季度/).waitFor({ timeout: 60_000 });
    expect(await page.getByText(/较上次记录的分级（.*）↑ \d+ ↓ \d+，需关注 [1-9]/).isVisible()).toBe(true);
    expect(await page.getByRole('table', { name: '按分公司 By branch company' }).isVisible()).toBe(true);
    expect(await overflowing(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'pane-grade-history.png'), fullPage: true });

    await page.getByRole('tab', { name: /^历史 History/ }).click();
    const latest = gradings.getByRole('listitem', { name: /^2027-01-10\/quarter\/\d+$/ });
    await latest.waitFor({ timeout: 60_000 });
    expect(await latest.getByText(/^待审批 awaiting approval/).isVisible()).toBe(true);
    // The review's sign-off (复核完成) and the History tab's approval are two steps, both kept.
    const annual = gradings.locator(':scope > li', { hasText: /年度/ });
    expect(await annual.count()).toBeGreaterThanOrEqual(2);
    const trail = (await annual.allTextContents()).join('\n');
    expect(trail).toMatch(/复核完成，待复核 \d+ 行/);
    expect(trail).toMatch(/个人客户运营部 赵处长 · 已批准：年度分级同意/);
    const matrix = page.getByRole('table', { name: '色带迁移矩阵 Colour migration matrix' });
    expect(await matrix.getByRole('row').count()).toBe(6);
    expect(await page.getByText(/变动 \d+ 个，不变 \d+ 个，需关注 [1-9]\d* 个/).isVisible()).toBe(true);
    const movers = page.getByRole('list', { name: '变动渠道 Channels that moved' }).getByRole('listitem');
    expect(await movers.first().textContent()).toMatch(/→ 深红-.*(跨两个及以上色带|进入红色)/);
    expect(await overflowing(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'pane-history.png'), fullPage: true });

    // A channel's classes over the gradings, and the in-year class the matching uses (第四条).
    const first = String(SHEET[1]?.[0] ?? '');
    await page.getByRole('searchbox', { name: /渠道代码或名称/ }).fill(first);
    const found = page.getByLabel(first, { exact: true });
    await found.waitFor();
    // The quarter awaits approval: its class is shown beside the approved annual one, which matching uses.
    expect(await found.textContent()).toMatch(
      /2027-01-10 季度：深红-.*年度内运用待审批 深红-.*资源匹配用 matching uses：年度评价分类/,
    );
    expect(await overflowing(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'pane-history-channel.png'), fullPage: true });
    const snap = await snapshot();
    expect(sheet(snap, '审批记录').filter((r) => r[3] === 'approved')).toHaveLength(1);
    expect(sheet(snap, '审批记录').filter((r) => r[3] === 'reviewed')).toHaveLength(1);
    expect(snap.owned).toEqual(expect.arrayContaining(['分级历史', '审批记录', '分级变动']));
  }, 180_000);

  it('edits a rule and saves it to the 分级规则 sheet, the rules tab fitting 350 px', async () => {
    await page.getByRole('tab', { name: '规则 Rules' }).click();
    await page.getByLabel('cost.deepBlue.max').fill('88%');
    const fingerprint = (await page.getByTestId('fingerprint').textContent()) ?? '';
    for (const item of await page.getByRole('button', { name: /^\d+\. / }).all()) await item.click();
    expect(await overflowing(page)).toEqual([]);
    // The impact of the edit stays in sight beside the field being typed (issue 25 item 6).
    const field = page.getByLabel('cost.deepBlue.max');
    await field.scrollIntoViewIfNeeded();
    const impact = page.getByRole('status', { name: /编辑的影响/ });
    await impact.getByText(/影响：/).waitFor({ timeout: 60_000 });
    expect(await inView(field)).toBe(true);
    expect(await inView(impact)).toBe(true);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    process.stdout.write(`Rules tab height at 350 px, every matrix item open: ${height} px\n`);
    // 导出 SQL: the dialect chosen, the fingerprint shown, the script to copy.
    await page.getByRole('combobox', { name: /SQL 方言/ }).selectOption('postgres');
    await page.getByRole('button', { name: '导出 SQL Export SQL' }).click();
    expect(await page.getByTestId('sql-fingerprint').textContent()).toBe(fingerprint);
    expect(await page.getByRole('textbox', { name: /SQL 脚本/ }).inputValue()).toMatch(/qd_graded/);
    expect(await overflowing(page)).toEqual([]);
    await page.getByRole('button', { name: '保存到工作簿 Save to workbook' }).click();
    await page.getByText(`已写入“分级规则”工作表，指纹 ${fingerprint}`).waitFor();
    // The Grade tab's result was graded with the rules before: it says so and offers to grade again.
    await page.getByRole('button', { name: /去重新分级/ }).click();
    await page.getByText(/本结果按旧规则分级/).waitFor();
    await page.getByRole('tab', { name: '规则 Rules' }).click();
    await page.screenshot({ path: join(SHOTS, 'pane-rules.png'), fullPage: true });
    expect(sheet(await snapshot(), '分级规则').map((r) => r[1])).toContain(fingerprint);
  }, 60_000);

  it('reads the saved rules when the workbook is reopened, grades with them and leaves them as saved', async () => {
    const snap = await snapshot();
    const sheets = Object.fromEntries(snap.sheets.map((x) => [x.name, x.values]));
    // Excel keeps the workbook's settings (the remembered mapping) with the file.
    const settings = await page.evaluate(() =>
      Object.fromEntries((window as unknown as { __QD_SETTINGS__: Map<string, unknown> }).__QD_SETTINGS__),
    );
    const again = await openPane({ sheets, displayLanguage: 'zh-CN', owned: snap.owned, settings });
    try {
      await again.getByText(/按本工作簿保存的规则.*与默认规则不同/).waitFor({ timeout: 60_000 });
      await again.getByRole('tab', { name: '规则 Rules' }).click();
      expect(await again.getByLabel('cost.deepBlue.max').inputValue()).toBe('88%');
      await again.getByRole('tab', { name: '分级 Grade' }).click();
      await again.getByRole('button', { name: '分级 Grade' }).click();
      await again
        .getByText(/已分级 [\d,]+ 个渠道/)
        .waitFor({ timeout: 60_000 })
        .catch(async (e: unknown) => {
          process.stderr.write(await again.locator('body').innerText());
          throw e;
        });
      await again.screenshot({ path: join(SHOTS, 'pane-grade-zh.png'), fullPage: true });
      const rules = sheet(await snapshotOf(again), '分级规则');
      expect(rules.find((r) => r[0] === 'cost.deepBlue.max')?.[1]).toBe(0.88);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('puts Grade in sight when every column is recognised, and names a protected sheet where the user looks', async () => {
    const p = await openPane({ sheets: { 渠道清单: CLEAN }, displayLanguage: 'zh-CN', protectedSheets: ['渠道清单'] });
    try {
      await p.getByText(/已识别 \d+ 列 ✓/).waitFor({ timeout: 60_000 });
      const grade = p.getByRole('button', { name: '分级 Grade' });
      expect(await inView(grade)).toBe(true);
      await grade.click();
      const alert = p.getByRole('alert');
      await alert.waitFor({ timeout: 60_000 });
      const text = (await alert.textContent()) ?? '';
      expect(text).toMatch(/工作表“渠道清单”受保护.*撤销工作表保护/);
      expect(text).not.toMatch(/意外错误/);
      // A refused grading writes nothing and the pane shows no result: the workbook does not look graded.
      // The Excel host checks every target before the first write (issue 25 item 3), so none of the
      // add-in's own sheets, names or charts exist either.
      const snap = await snapshotOf(p);
      expect(sheet(snap, '渠道清单')).toEqual(CLEAN.map((r) => r.map((v) => v ?? null)));
      expect(snap.sheets.map((s) => s.name)).toEqual(['渠道清单']);
      expect(snap.names).toEqual([]);
      expect(snap.charts).toBe(0);
      expect(snap.bands).toBe(0);
      expect(await p.getByRole('region', { name: '分级结果 Result' }).count()).toBe(0);
      expect(await p.getByRole('button', { name: /下一步：复核/ }).count()).toBe(0);
      await p.waitForTimeout(500); // the message scrolls smoothly into view
      expect(await inView(alert)).toBe(true);
    } finally {
      await p.close();
    }
  }, 120_000);

  it('speaks English first under an English Office, <html lang> too, and fits every tab in 350 px', async () => {
    const p = await openPane({ sheets: { 渠道清单: CLEAN }, displayLanguage: 'en-US' });
    try {
      await p.getByText(/header row 1, [\d,]+ data rows/).waitFor({ timeout: 60_000 });
      expect(await p.evaluate(() => document.documentElement.lang)).toBe('en');
      await p.getByRole('button', { name: 'Grade 分级' }).click();
      await p.getByText(/[\d,]+ graded/).waitFor({ timeout: 60_000 });
      await p.screenshot({ path: join(SHOTS, 'pane-grade-en.png'), fullPage: true });
      expect(await overflowing(p)).toEqual([]);
      expect(await clippedTabs(p)).toEqual([]);
      const body = (await p.locator('main').innerText()).replace(/\s+/g, ' ');
      expect(body).toMatch(/Deep blue/);
      expect(body).not.toMatch(/DeepBlue|LightRed|DeepRed|万元/);
      for (const tab of ['Rules 规则', 'Scenario 情景', 'History 历史', 'Review 复核']) {
        await p.getByRole('tab', { name: tab }).click();
        expect(await overflowing(p)).toEqual([]);
      }
      await p.getByRole('button', { name: 'Start review 开始复核' }).click();
      await p.getByText(/pending 待复核: [\d,]+/).waitFor({ timeout: 60_000 });
      expect(await overflowing(p)).toEqual([]);
    } finally {
      await p.close();
    }
  }, 120_000);
  /** A CSV of the examples as sheet rows: numbers as numbers, the rest as text. */
  const csvRows = (file: string, limit: number): unknown[][] =>
    readFileSync(join(__dirname, '..', '..', 'examples', file), 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .slice(0, limit + 1)
      .map((line) =>
        line.split(',').map((v) => (v !== '' && /^-?\d+(\.\d+)?$/.test(v) && !/^0\d/.test(v) ? Number(v) : v || null)),
      );

  /** The demo extract (its first 3,000 policies), master and non-market table, as an analyst pastes them. */
  const extractSeed = (displayLanguage: string): Seed => ({
    sheets: {
      保单明细: csvRows('demo-extract.csv', 3000),
      渠道清单: csvRows('demo-master.csv', 400),
      非市场费用率: csvRows('demo-nonmarket.csv', 100),
      分级汇总: [['分级汇总']],
    },
    owned: ['分级汇总'],
    displayLanguage,
  });

  it('walks prepare → grade this sheet with this date and kind → review, each result offering the next step', async () => {
    const p = await openPane(extractSeed('zh-CN'));
    try {
      // The raw extract on the Grade tab points to 数据准备 instead of asking to map five columns.
      await p.getByText(/是保单明细（系统提取数据），不是渠道表/).waitFor({ timeout: 60_000 });
      expect(await p.getByRole('button', { name: '分级 Grade', exact: true }).isDisabled()).toBe(true);
      await p.getByRole('button', { name: /去数据准备/ }).click();
      // The judging date comes from the extract's own dates; the add-in's sheets are no input.
      await p.getByText(/明细日期 2025-10-01 至 2026-05-31（3,000 行）/).waitFor({ timeout: 60_000 });
      expect(await p.getByLabel('评判日期').inputValue()).toBe('2026-06-10');
      const options = await p.getByLabel('保单明细', { exact: true }).locator('option').allTextContents();
      expect(options).not.toContain('分级汇总');
      expect(await overflowing(p)).toEqual([]);
      await p.getByRole('button', { name: '准备并分级 Prepare and grade' }).click();
      const result = p.getByRole('region', { name: /准备结果/ });
      await result.getByText(/已分级 [\d,]+ 个（工作表 渠道分级数据）/).waitFor({ timeout: 120_000 });
      expect(await result.locator('.fui-MessageBar').first().getAttribute('data-intent')).toBe('success');
      await p.screenshot({ path: join(SHOTS, 'pane-prepare.png'), fullPage: true });
      await result.getByRole('button', { name: /在分级页打开“渠道分级数据”/ }).click();
      // The Grade tab has the prepared sheet selected, with Prepare's judging date and kind.
      const grade = p.getByRole('region', { name: '分级 Grade' });
      await grade
        .getByRole('combobox')
        .first()
        .locator('option:checked', { hasText: '渠道分级数据' })
        .waitFor({ state: 'attached' });
      expect(await grade.getByRole('combobox', { name: /分级类型/ }).inputValue()).toBe('quarter');
      expect(await grade.getByLabel(/评判日/).inputValue()).toBe('2026-06-10');
      await grade.getByRole('button', { name: '分级 Grade', exact: true }).click();
      await p.getByText(/已分级 [\d,]+ 个渠道/).waitFor({ timeout: 120_000 });
      expect(await p.getByText(/对照本表“上期分类”列/).isVisible()).toBe(true);
      await p.getByRole('button', { name: /下一步：复核/ }).click();
      expect(await p.getByRole('tab', { name: '复核 Review' }).getAttribute('aria-selected')).toBe('true');
      await p.getByRole('button', { name: '开始复核 Start review' }).click();
      await p.getByText(/待复核 pending: [\d,]+/).waitFor({ timeout: 60_000 });
      // A row found by channel name; the returned list names the channel.
      const master = csvRows('demo-master.csv', 400);
      const name = master[1]?.[1] as string;
      await p.getByRole('searchbox', { name: /按渠道代码或名称查找/ }).fill(name);
      await p.getByRole('button', { name: new RegExp(`${name} · 第 \\d+ 行`) }).click();
      await p.getByRole('combobox', { name: /复核状态/ }).selectOption('退回');
      await p.getByRole('textbox', { name: /退回意见/ }).fill('保费与台账不符');
      await p.getByRole('button', { name: '标记 Mark' }).click();
      await p
        .getByRole('button', { name: new RegExp(`第 \\d+ 行 row \\d+ \\S+ ${name}`) })
        .waitFor({ timeout: 60_000 });
      expect(await overflowing(p)).toEqual([]);
      await p.screenshot({ path: join(SHOTS, 'pane-review.png'), fullPage: true });
      await p.getByRole('textbox', { name: /复核人/ }).fill('王经理');
      await p.getByRole('checkbox', { name: /确认在仍有/ }).check();
      await p.getByRole('button', { name: /^复核完成/ }).click();
      await p.getByRole('button', { name: /历史与审批 →/ }).click();
      // The grader cannot approve his own grading (four eyes): the button says why, nothing is written.
      const history = p.getByRole('region', { name: '历史 History' });
      await history.getByRole('list', { name: '分级记录 Gradings' }).waitFor({ timeout: 60_000 });
      expect(
        await history
          .getByText(/^待审批 awaiting approval · 复核完成/)
          .first()
          .isVisible(),
      ).toBe(true);
      await history.getByRole('textbox', { name: /审批人/ }).fill('经代部');
      expect(await history.getByRole('button', { name: '批准 Approve' }).isDisabled()).toBe(true);
      expect(await history.getByText(/四眼原则/).isVisible()).toBe(true);
      const trail = sheet(await snapshotOf(p), '审批记录');
      expect(trail.filter((r) => r[3] === 'approved')).toHaveLength(0);
      await p.screenshot({ path: join(SHOTS, 'pane-history-approval.png'), fullPage: true });
    } finally {
      await p.close();
    }
  }, 360_000);

  it('walks the same journey under an English Office: English first, tabs whole, bands as words', async () => {
    const p = await openPane(extractSeed('en-US'));
    try {
      await p.getByText(/is a policy extract, not a table of channels/).waitFor({ timeout: 60_000 });
      expect(await clippedTabs(p)).toEqual([]);
      await p.getByRole('button', { name: /Go to Prepare/ }).click();
      await p.getByText(/the extract runs from/).waitFor({ timeout: 60_000 });
      expect(await clippedTabs(p)).toEqual([]);
      await p.getByRole('button', { name: 'Prepare and grade 准备并分级' }).click();
      const result = p.getByRole('region', { name: /Preparation result/ });
      await result.getByText(/graded \(sheet 渠道分级数据\)/).waitFor({ timeout: 120_000 });
      expect(await result.innerText()).toMatch(/Deep blue \d/);
      await result.getByRole('button', { name: /on the Grade tab/ }).click();
      await p.getByRole('button', { name: 'Grade 分级', exact: true }).click();
      await p.getByText(/[\d,]+ graded, /).waitFor({ timeout: 120_000 });
      const body = (await p.locator('main').innerText()).replace(/\s+/g, ' ');
      expect(body).toMatch(/Against the sheet's 上期分类/);
      expect(body).not.toMatch(/DeepBlue|LightRed|万元|the 校验 column/);
      expect(await overflowing(p)).toEqual([]);
      await p.screenshot({ path: join(SHOTS, 'pane-grade-en.png'), fullPage: true });
      await p.getByRole('button', { name: /Next: review/ }).click();
      expect(await p.getByRole('tab', { name: 'Review 复核' }).getAttribute('aria-selected')).toBe('true');
    } finally {
      await p.close();
    }
  }, 360_000);
});
