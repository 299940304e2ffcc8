/**
 * Seeded synthetic policy extracts for the preparation bench and the demo: several 三级机构, negative
 * endorsements (批退), channels that started mid-quarter, rows outside the window and rows without a
 * service-area code. Written in large string batches so ten million rows take seconds, not minutes.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** A small seeded generator (mulberry32), so every run writes the same file. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The 三级机构 of the synthetic book, with their service-area codes and non-market ratios. */
export const BRANCHES = [
  { branch: '杭州', company: '浙江分公司', codes: ['330102', '330105', '330106'], actual: 0.082, budget: 0.08 },
  { branch: '宁波', company: '浙江分公司', codes: ['330203', '330205'], actual: 0.076, budget: 0.075 },
  { branch: '温州', company: '浙江分公司', codes: ['330302', '330303'], actual: 0.091, budget: 0.09 },
  { branch: '南京', company: '江苏分公司', codes: ['320102', '320104', '320105'], actual: 0.085, budget: 0.083 },
  { branch: '苏州', company: '江苏分公司', codes: ['320505', '320506'], actual: 0.07, budget: 0.072 },
  { branch: '合肥', company: '安徽分公司', codes: ['340102', '340103'], actual: 0.095, budget: 0.092 },
] as const;

/** One synthetic channel of the master. */
export interface SyntheticChannel {
  readonly id: string;
  readonly name: string;
  readonly branch: (typeof BRANCHES)[number];
  readonly group: string;
  readonly start: string;
  readonly ownPremium: number;
  /** Mean premium of a policy, yuan. */
  readonly ticket: number;
  readonly loss: number;
  readonly market: number;
}

const KINDS = ['保险经纪', '保险代理', '汽车俱乐部', '检测线', '维修厂', '二手车市场'];

/**
 * `count` channels, seeded: starts from 2019 to a few mid-quarter starts in 2026. Own premiums are
 * 1.2 to 12 times what the channel writes with us in a year of `rowsPerYear` extract rows (so depth
 * stays below 100%), and at least 2,000,000.
 */
export function syntheticChannels(count: number, seed = 16, rowsPerYear = 45_000): SyntheticChannel[] {
  const rnd = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const branch = BRANCHES[Math.floor(rnd() * BRANCHES.length)] as (typeof BRANCHES)[number];
    const late = rnd() < 0.12;
    const year = late ? 2026 : 2019 + Math.floor(rnd() * 7);
    const month = late ? 1 + Math.floor(rnd() * 3) : 1 + Math.floor(rnd() * 12);
    const day = 1 + Math.floor(rnd() * 28);
    const ticket = Math.round(800 + rnd() * rnd() * 20000);
    return {
      id: `QD${String(i + 1).padStart(6, '0')}`,
      name: `${branch.branch}${KINDS[i % KINDS.length] as string}${i + 1}号`,
      branch,
      group: rnd() < 0.1 ? `集团${1 + Math.floor(rnd() * 20)}` : '',
      start: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      ownPremium:
        Math.round(
          Math.max(
            2_000_000 + rnd() * 8_000_000,
            // The channel's share of rows under the cube skew of `writeSyntheticExtract`.
            (((i + 1) / count) ** (1 / 3) - (i / count) ** (1 / 3)) * rowsPerYear * ticket * (1.2 + rnd() * 10.8),
          ) / 100,
        ) * 100,
      ticket,
      loss: 0.45 + rnd() * 0.35,
      market: 0.08 + rnd() * 0.2,
    };
  });
}

/** The extract's header (CONTRACT.md §6). */
export const EXTRACT_HEADER = '渠道代码,服务区域代码,统计日期,保费,终极赔付率,跟单费用率,保单号';

/**
 * Writes `rows` policy rows for `channels` dated from `from` over `spanDays` days (so some fall outside
 * the window of a grading): 2% are 批退 with negative premium, 0.5% have no service-area code.
 */
export async function writeSyntheticExtract(
  path: string,
  rows: number,
  channels: readonly SyntheticChannel[],
  options: { readonly seed?: number; readonly from?: string; readonly spanDays?: number } = {},
): Promise<void> {
  const rnd = seeded(options.seed ?? 2026);
  const from = Date.parse(`${options.from ?? '2025-10-01'}T00:00:00Z`);
  const span = options.spanDays ?? 243;
  const dates = Array.from({ length: span }, (_, i) => new Date(from + i * 86_400_000).toISOString().slice(0, 10));
  const out = createWriteStream(path);
  out.write(`\uFEFF${EXTRACT_HEADER}\n`);
  let batch = '';
  for (let i = 0; i < rows; i++) {
    // Skewed as a real book is: a few channels write much of the premium.
    const c = channels[Math.floor(rnd() ** 3 * channels.length)] as SyntheticChannel;
    const r = rnd();
    const code = r < 0.005 ? '' : (c.branch.codes[Math.floor(rnd() * c.branch.codes.length)] as string);
    const refund = r > 0.98;
    const premium = (Math.round(c.ticket * (0.3 + rnd() * 1.4) * 100) / 100) * (refund ? -0.3 : 1);
    const loss = Math.round((c.loss + (rnd() - 0.5) * 0.3) * 10000) / 10000;
    const market = Math.round((c.market + (rnd() - 0.5) * 0.04) * 10000) / 10000;
    batch += `${c.id},${code},${dates[Math.floor(rnd() * span)] as string},${premium.toFixed(2)},${Math.max(0, loss)},${Math.max(0, market)},P${i}\n`;
    if (batch.length > 1 << 22) {
      if (!out.write(batch)) await once(out, 'drain');
      batch = '';
    }
  }
  out.write(batch);
  out.end();
  await once(out, 'finish');
}

/** The master as CSV rows (CONTRACT.md §6). */
export function masterCsv(channels: readonly SyntheticChannel[]): string {
  const lines = ['渠道代码,渠道名称,所属集团,分公司,三级机构,合作起始日期,渠道自有保费,集团自有保费'];
  for (const c of channels)
    lines.push(
      `${c.id},${c.name},${c.group},${c.branch.company},${c.branch.branch},${c.start},${c.ownPremium},${c.group ? c.ownPremium * 4 : ''}`,
    );
  return `\uFEFF${lines.join('\n')}\n`;
}

/** The non-market table as CSV rows (CONTRACT.md §6): actuals for closed years, budgets for all. */
export function nonMarketCsv(): string {
  const lines = ['三级机构,年度,实际非市场费用率,预算非市场费用率'];
  for (const b of BRANCHES)
    for (const year of [2024, 2025, 2026]) lines.push(`${b.branch},${year},${year < 2026 ? b.actual : ''},${b.budget}`);
  return `\uFEFF${lines.join('\n')}\n`;
}
