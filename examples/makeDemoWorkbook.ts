/*
 * Makes examples/demo-channels.xlsx: a realistic, synthetic channel sheet as a branch analyst keeps
 * it — Chinese headers, 2,000 channels of one 分公司 over several third-level branches and a few groups
 * (each within the 分公司, so it grades as one unit, RULES.md §4), figures in percent and yuan, last
 * period's class, the channel type — plus a handful of bad rows of every kind the checks catch,
 * including two whose type belongs to another channel (疑似窜门, RULES.md §14).
 * Seeded, so the committed file is reproducible: `npm run demo:make`.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';

/** A small, seeded PRNG (mulberry32), so every run writes the same workbook. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRANCHES = [
  ['杭州中心支公司', '330100'],
  ['宁波中心支公司', '330200'],
  ['温州中心支公司', '330300'],
  ['绍兴支公司', '330600'],
  ['金华支公司', '330700'],
  ['台州支公司', '331000'],
] as const;
const GROUPS = ['华信保险经纪集团', '安和保险代理集团', '泰联经纪集团', '众诚代理集团'];
const KINDS = ['保险经纪', '保险代理', '兼业代理'];
const CLASSES = ['深蓝', '蓝', '黄', '浅红', '深红'].flatMap((c) =>
  ['A', 'B', 'C'].flatMap((s) => ['Ⅰ', 'Ⅱ', 'Ⅲ'].map((d) => `${c}-${s}-${d}`)),
);

const COMPANY = '浙江分公司';

export const DEMO_HEADER = [
  '渠道代码',
  '渠道名称',
  '所属集团',
  '服务区域代码',
  '分公司',
  '三级机构',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
  '集团自有保费',
  '上期分类',
  '渠道类型',
  '备注',
];

/** The demo rows: `count` channels, then one bad row of each kind. */
export function demoRows(count: number, seed = 20261123): (string | number | null)[][] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const round = (x: number, places: number): number => Number(x.toFixed(places));
  const groupOwn = new Map(GROUPS.map((g) => [g, round(2e8 + rnd() * 8e8, 0)]));
  const rows: (string | number | null)[][] = [];
  for (let i = 1; i <= count; i++) {
    const [branch, region] = pick(BRANCHES);
    const group = rnd() < 0.08 ? pick(GROUPS) : null;
    const days = rnd() < 0.8 ? 365 : 30 + Math.floor(rnd() * 330);
    const premium = round(Math.exp(12 + rnd() * 4.5) * (days / 365), 2);
    const annual = days >= 365 ? premium : (premium / days) * 365;
    const depth = 0.02 + rnd() ** 2 * 0.6;
    const kind = pick(KINDS);
    rows.push([
      `QD${String(i).padStart(5, '0')}`,
      `${branch.slice(0, 2)}${pick(['华', '安', '信', '诚', '泰', '众', '联', '和'])}${pick(['盛', '达', '通', '远', '润'])}${kind}有限公司`,
      group,
      `${region}${String(1 + Math.floor(rnd() * 8)).padStart(2, '0')}`,
      COMPANY,
      branch,
      round(0.45 + rnd() * 0.4, 4),
      round(0.04 + rnd() * 0.24, 4),
      round(0.05 + rnd() * 0.1, 4),
      premium,
      days,
      round(annual / depth, 2),
      group ? (groupOwn.get(group) ?? null) : null,
      rnd() < 0.85 ? pick(CLASSES) : null,
      kind === '保险经纪' ? '经纪公司' : kind === '保险代理' ? '专业代理' : '兼业代理',
      null,
    ]);
  }
  const base = (id: string, note: string): (string | number | null)[] => [
    id,
    '示例问题渠道',
    null,
    '33010001',
    COMPANY,
    '杭州中心支公司',
    0.6,
    0.15,
    0.1,
    1_000_000,
    365,
    5_000_000,
    null,
    null,
    '专业代理',
    note,
  ];
  const bad = (id: string, note: string, col: number, value: string | number | null): (string | number | null)[] => {
    const r = base(id, note);
    r[col] = value;
    return r;
  };
  const at = (header: string): number => DEMO_HEADER.indexOf(header);
  rows.push(
    bad('BAD001', '终极赔付率为空 blank loss ratio', at('终极赔付率'), null),
    bad('BAD002', '市场费用率为文字 text ratio', at('市场费用率'), '待定'),
    bad('BAD003', '合作保费为负 negative premium', at('合作保费'), -50_000),
    bad('BAD004', '合作天数为 0 zero days', at('合作天数'), 0),
    bad('BAD005', '合作天数超过 366 days over 366', at('合作天数'), 400),
    bad('BAD006', '自有保费为 0 zero own premium', at('渠道自有保费'), 0),
    bad('BAD007', '合作深度超过 100% depth over 100%', at('渠道自有保费'), 500_000),
    bad('BAD008', '缺少服务区域代码 no service area code', at('服务区域代码'), null),
    bad('BAD009', '名称像公式 formula-like name', at('渠道名称'), '=HYPERLINK("http://example.invalid","点我")'),
    bad('BAD010', '4S 店业务属于车商渠道 car dealer business (疑似窜门)', at('渠道类型'), '4S店'),
    bad('BAD011', '银行代理业务属于银保渠道 bank business (疑似窜门)', at('渠道类型'), '银行'),
    bad('BAD012', '上期分类有错字 typo in previous class', at('上期分类'), '篮-A-Ⅰ'),
  );
  return rows;
}

/** Writes the demo workbook: a title-free header row, percent and amount formats, a frozen header. */
export async function writeDemoWorkbook(file: string, count = 2000): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'QD Channel Grader demo';
  wb.created = new Date(Date.UTC(2026, 0, 5));
  const ws = wb.addWorksheet('渠道数据', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(DEMO_HEADER);
  ws.getRow(1).font = { bold: true };
  for (const r of demoRows(count)) ws.addRow(r);
  const widths = [11, 26, 18, 13, 12, 15, 11, 11, 12, 15, 9, 16, 16, 11, 11, 30];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const column = (header: string): number => DEMO_HEADER.indexOf(header) + 1;
  for (const h of ['终极赔付率', '市场费用率', '非市场费用率']) ws.getColumn(column(h)).numFmt = '0.00%';
  for (const h of ['合作保费', '渠道自有保费', '集团自有保费']) ws.getColumn(column(h)).numFmt = '#,##0.00';
  await wb.xlsx.writeFile(file);
}

// Run as a script (npm run demo:make), not when imported — also from inside a bundle.
if (/makeDemoWorkbook\.[jt]s$/.test(process.argv[1] ?? '')) {
  const file = join(__dirname, 'demo-channels.xlsx');
  writeDemoWorkbook(file).then(
    () => console.log(`wrote ${file}`),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
