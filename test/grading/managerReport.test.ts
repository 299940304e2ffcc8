/*
 * The manager's report (RULES.md §12): one HTML file that opens offline and prints to A4. Rendered to
 * PDF by headless Chromium (Debian's chromium) to check it really paginates on A4.
 */
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { DEFAULT_COMPILED, classIndex, parseClassLabel } from '../../src/core';
import type { Snapshot, SnapshotChannel, TrailEntry } from '../../src/core/snapshot';
import { managerReport } from '../../src/grading/managerReport';
import { MOVES_LISTED, RED_LISTED } from '../../src/grading/reportSheet';
import { systemToolAvailable } from '../support/systemTool';

const idx = (label: string): number => {
  const c = parseClassLabel(label);
  if (c === null) throw new Error(label);
  return classIndex(c);
};

const ch = (
  channelId: string,
  label: string,
  costRate: number,
  annualScale: number,
  name?: string,
): SnapshotChannel => ({
  channelId,
  channelName: name,
  costRate,
  annualScale,
  depth: 0.12,
  classIndex: idx(label),
});

const previous: Snapshot = {
  id: '2026-01-15/annual/1',
  judgingDate: '2026-01-15',
  kind: 'annual',
  window: { start: '2025-01-01', end: '2025-12-31' },
  rulesFingerprint: 'aaaaaaaaaaaa',
  gradedBy: '张三',
  gradedAt: '2026-01-15T09:00:00+08:00',
  channels: [
    ch('Q1', '深蓝-A-Ⅱ', 0.85, 12_000_000),
    ch('Q2', '黄-B-Ⅱ', 0.99, 3_000_000),
    ch('Q3', '浅红-C-Ⅲ', 1.02, 900_000),
  ],
};
const snapshot: Snapshot = {
  ...previous,
  id: '2026-04-08/quarter/2',
  judgingDate: '2026-04-08',
  kind: 'quarter',
  window: { start: '2026-01-01', end: '2026-03-31' },
  rulesFingerprint: 'bbbbbbbbbbbb',
  channels: [
    ch('Q1', '黄-A-Ⅱ', 0.97, 12_500_000, '甲经纪'),
    ch('Q2', '深红-B-Ⅱ', 1.08, 2_800_000, '乙代理 <script>'),
    ch('Q3', '黄-C-Ⅲ', 0.98, 950_000),
    ch('Q4', '蓝-C-Ⅲ', 0.93, 400_000),
  ],
};
const trail: TrailEntry[] = [
  {
    at: '2026-04-09T10:00:00+08:00',
    who: '李四',
    role: 'approver',
    action: 'approved',
    snapshotId: snapshot.id,
    rulesFingerprint: 'bbbbbbbbbbbb',
  },
];

describe('the manager’s report', () => {
  const zh = managerReport({ snapshot, previous, rules: DEFAULT_COMPILED, trail, lang: 'zh' });

  it('lists the red channels with their total premium', () => {
    expect(zh).toContain('红色渠道 1 个，年化保费合计 2,800,000 元');
    expect(zh).toContain('深红-B-Ⅱ');
  });

  it('flags the channel that fell two bands and the one that moved into red', () => {
    expect(zh).toMatch(/Q1 甲经纪<\/td><td>深蓝-A-Ⅱ<\/td><td>黄-A-Ⅱ<\/td><td>↓<\/td><td class="flag">跨两个及以上色带/);
    expect(zh).toContain('进入红色');
    expect(zh).toContain('退出红色');
  });

  it('shows who approved this grading and in which role', () => {
    expect(zh).toContain('已批准');
    expect(zh).toContain('李四 (个人客户运营部)');
  });

  it('writes a channel name as text, never as markup', () => {
    expect(zh).not.toContain('<script>');
    expect(zh).toContain('乙代理 &#60;script&#62;');
  });

  it('needs nothing from the network', () => {
    expect(zh).not.toMatch(/\b(src|href)=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('says so when there is no earlier grading to compare with', () => {
    expect(managerReport({ snapshot, previous: null, rules: DEFAULT_COMPILED, trail: [], lang: 'zh' })).toContain(
      '这是第一次分级',
    );
  });

  it('puts English first under an English Office', () => {
    const en = managerReport({ snapshot, previous, rules: DEFAULT_COMPILED, trail, lang: 'en' });
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Channel grading report · 经代渠道分级报告');
    expect(en).toContain('DeepRed-B-II');
  });
});

describe('the manager’s report of a large grading', () => {
  // 120 red channels, 90 of them fallen from deep blue (flagged): what a manager would not read in full.
  const many = (n: number, label: string, base: number): SnapshotChannel[] =>
    Array.from({ length: n }, (_, i) => ch(`R${String(i).padStart(3, '0')}`, label, 1.1, base + i));
  const before: Snapshot = {
    ...previous,
    channels: [...many(90, '深蓝-A-Ⅰ', 0), ...many(120, '浅红-A-Ⅰ', 0).slice(90)],
  };
  const after: Snapshot = {
    ...snapshot,
    channels: [...many(90, '深红-A-Ⅰ', 1_000_000), ...many(120, '浅红-A-Ⅱ', 1_000_000).slice(90)],
  };
  const html = managerReport({ snapshot: after, previous: before, rules: DEFAULT_COMPILED, trail, lang: 'zh' });
  const rowsOf = (section: string): number =>
    (html.split(`<h2>${section}`)[1]?.split('</section>')[0]?.match(/<tr>/g) ?? []).length;

  it('lists the largest red channels up to the cap, with the total over all of them and a line for the rest', () => {
    // Premiums 1,000,000 … 1,000,119: all 120 make 120,007,140; the 100 not listed 100,004,950.
    expect(html).toContain('红色渠道 120 个，年化保费合计 120,007,140 元');
    expect(rowsOf('二、红色渠道')).toBe(RED_LISTED + 1);
    expect(html).toContain(`<td>R119</td>`);
    expect(html).toContain(
      `以上为保费最大的 ${RED_LISTED} 个；另有 ${120 - RED_LISTED} 个红色渠道，年化保费 100,004,950 元。`,
    );
    expect(html).toContain('120 red channels, annualized premium 120,007,140 yuan');
  });

  it('lists the flagged movers first up to the cap and counts the rest', () => {
    const moved = html.split('<h2>三、与上期相比的变动')[1]?.split('</section>')[0] ?? '';
    // The matrix has its header and five rows; then the movers' header and the ones listed.
    expect(rowsOf('三、与上期相比的变动')).toBe(6 + 1 + MOVES_LISTED);
    expect((moved.match(/class="flag"/g) ?? []).length).toBe(MOVES_LISTED);
    expect(moved).toContain(`另有 ${120 - MOVES_LISTED} 个变动渠道未列出（其中 ${90 - MOVES_LISTED} 个需关注）`);
  });

  it('puts each column’s English under its Chinese header, and the Chinese under the English in English', () => {
    expect(html).toContain('<th>年化保费（元）<br><span class="alt">Premium (yuan)</span></th>');
    const en = managerReport({ snapshot: after, previous: before, rules: DEFAULT_COMPILED, trail, lang: 'en' });
    expect(en).toContain('<th>Premium (yuan)<br><span class="alt">年化保费（元）</span></th>');
    expect(en).toContain(`<p>The ${RED_LISTED} largest are listed; ${120 - RED_LISTED} more red channels`);
  });
});

const CHROMIUM = '/usr/bin/chromium';
const maybe = systemToolAvailable(CHROMIUM, 'chromium', 'printing the manager’s report') ? it : it.skip;

maybe('prints on A4 pages in headless Chromium', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'qd-report-'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const file = join(dir, 'report.html');
    writeFileSync(file, managerReport({ snapshot, previous, rules: DEFAULT_COMPILED, trail, lang: 'zh' }));
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    // A4 is 595.28 × 841.89 points.
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
    expect(boxes.length).toBeGreaterThanOrEqual(2);
    for (const b of boxes) {
      expect(Math.round(Number(b[1]))).toBe(595);
      expect(Math.round(Number(b[2]))).toBe(842);
    }
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
