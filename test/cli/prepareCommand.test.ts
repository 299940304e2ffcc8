import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePrepareArgs, prepareFiles, prepareMain } from '../../src/cli/prepareCommand';
import { ChannelPreparation } from '../../src/core/prepareChannels';
import { readMasterRecord, readNonMarketRecord } from '../../src/core/prepareTables';
import { parseCsv } from '../../src/hosts/xlsx/CsvWorkbook';
import { masterCsv, nonMarketCsv, syntheticChannels, writeSyntheticExtract } from '../../bench/prepareData';
import type { CliIo } from '../../src/cli/qdGrade';
import { XlsxWorkbook } from '../../src/hosts/xlsx/XlsxWorkbook';
import { systemToolAvailable } from '../support/systemTool';

const PYTHON = '/usr/bin/python3';

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), isTerminal: false };
}

// The hand-computed quarter of RULES.md §5.2 (see test/grading/prepareSheet.test.ts): C1 深蓝-C-Ⅱ, C2 黄-B-Ⅰ,
// here from files: a CSV extract with a BOM, a quoted field with a comma and a datetime, a CSV master
// and a non-market table.
const EXTRACT = [
  '渠道代码,服务区域代码,统计日期,保费,终极赔付率,跟单费用率,备注',
  'C1,330100,2026-01-15,100000,0.6,0.2,首单',
  'C1,330100,2026/2/10,50000,50%,0.25,"含逗号, 的备注"',
  'C1,330200,2026-03-05 00:00:00,-10000,0.6,0.2,批退',
  'C1,,2026-02-01,99999,0.9,0.9,无代码',
  'C1,330100,2025-12-31,99999,0.9,0.9,窗口外',
  'C2,330200,2026-02-10,810000,0.7,0.2,',
  'C3,330200,2026-03-10,1000,0.5,0.2,',
  'X9,330200,2026-03-10,1000,0.5,0.2,',
];
const MASTER = [
  'Channel ID,Channel name,Branch company,Branch,Start date,Own premium',
  'C1,甲经纪,浙江,杭州,2025-06-01,5000000',
  'C2,乙代理,浙江,宁波,2026-01-10,10000000',
  'C3,丙代理,浙江,宁波,2026-02-20,10000000',
];
const NON_MARKET = ['三级机构,年度,实际非市场费用率,预算非市场费用率', '杭州,2026,,0.08', '宁波,2026,,7.5%'];

describe('qd-grade prepare (CONTRACT.md §5, §6; RULES.md §5.2)', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'qd-prepare-'));
    writeFileSync(join(dir, 'policies.csv'), `\uFEFF${EXTRACT.join('\r\n')}\r\n`);
    writeFileSync(join(dir, 'channels.csv'), MASTER.join('\n'));
    writeFileSync(join(dir, 'ratios.csv'), NON_MARKET.join('\n'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const args = (...more: string[]): string[] => [
    '--extract',
    join(dir, 'policies.csv'),
    '--master',
    join(dir, 'channels.csv'),
    '--nonmarket',
    join(dir, 'ratios.csv'),
    '--date',
    '2026-04-10',
    '--kind',
    'quarter',
    ...more,
  ];

  it('writes the prepared and graded workbook with the notes sheet, and prints what it did', async () => {
    const cli = io();
    const output = join(dir, 'graded.xlsx');
    expect(await prepareMain(args('-o', output), cli)).toBe(0);
    const book = await XlsxWorkbook.open(output, join(dir, 'unused.xlsx'));
    expect(await book.sheetNames()).toEqual(['渠道分级数据', '准备说明', '分级汇总', '分级规则']);
    const rows = await book.readBlock('渠道分级数据', 1, 1, 3, 40);
    const header = rows[0] ?? [];
    const at = (h: string) => rows.slice(1).map((r) => r[header.indexOf(h)]);
    expect(at('渠道代码')).toEqual(['C1', 'C2']);
    expect(at('合作保费')).toEqual([140000, 810000]);
    expect(at('终极赔付率')).toEqual([0.564285714285714, 0.7]);
    expect(at('渠道分类')).toEqual(['深蓝-C-Ⅱ', '黄-B-Ⅰ']);
    const text = cli.out.join('');
    expect(text).toContain('窗口 window 2026-01-01..2026-03-31 (90)');
    expect(text).toContain('已准备 prepared 2 · 未准备 not prepared 2');
    expect(text).toContain('C3: 合作不满三个月');
    expect(text).toContain('分级 graded 2');
  });

  it('writes a workbook openpyxl reads: the figures as numbers formatted as Excel shows them, the class beside', async () => {
    if (!systemToolAvailable(PYTHON, 'python3-openpyxl', 'the openpyxl output test')) return;
    const output = join(dir, 'graded.xlsx');
    expect(await prepareMain(args('-o', output, '--quiet'), io())).toBe(0);
    const seen = execFileSync(
      PYTHON,
      [
        '-c',
        [
          'import sys, json, openpyxl',
          'wb = openpyxl.load_workbook(sys.argv[1])',
          'ws = wb["渠道分级数据"]',
          'head = [c.value for c in ws[1]]',
          'col = lambda h: head.index(h) + 1',
          'print(json.dumps({"sheets": wb.sheetnames, "loss": ws.cell(2, col("终极赔付率")).value,',
          '  "lossFormat": ws.cell(2, col("终极赔付率")).number_format, "premium": ws.cell(2, col("合作保费")).value,',
          '  "class": ws.cell(2, col("渠道分类")).value}, ensure_ascii=False))',
        ].join('\n'),
        output,
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(seen)).toEqual({
      sheets: ['渠道分级数据', '准备说明', '分级汇总', '分级规则'],
      loss: 0.564285714285714,
      lossFormat: '0.00%',
      premium: 140000,
      class: '深蓝-C-Ⅱ',
    });
  });

  it('writes a CSV with the notes beside it when asked for .csv', async () => {
    const output = join(dir, 'graded.csv');
    expect(await prepareMain(args('-o', output, '--lang', 'en', '--quiet'), io())).toBe(0);
    const csv = readFileSync(output, 'utf8');
    expect(csv.startsWith('\uFEFFChannel ID,')).toBe(true);
    expect(csv).toContain('DeepBlue-C-II');
    expect(readFileSync(join(dir, 'graded.notes.csv'), 'utf8')).toContain('X9');
  });

  it('reads a GB18030 extract as Chinese Excel saves it', async () => {
    // Node's TextEncoder writes only UTF-8: Python writes the GB18030 bytes Chinese Excel writes.
    if (!systemToolAvailable(PYTHON, 'python3', 'the GB18030 extract test')) return;
    execFileSync(
      PYTHON,
      ['-c', `import sys; open(sys.argv[1],'wb').write(sys.stdin.read().encode('gb18030'))`, join(dir, 'policies.csv')],
      { input: EXTRACT.join('\r\n') },
    );
    const cli = io();
    expect(await prepareMain(args('-o', join(dir, 'gb.xlsx')), cli)).toBe(0);
    expect(cli.out.join('')).toContain('已准备 prepared 2');
  });

  it('reads an .xlsx master written by openpyxl', async () => {
    if (!systemToolAvailable(PYTHON, 'python3-openpyxl', 'the openpyxl master test')) return;
    const master = join(dir, 'channels.xlsx');
    execFileSync(PYTHON, [
      '-c',
      [
        'import sys, datetime, openpyxl',
        'wb = openpyxl.Workbook(); ws = wb.active; ws.title = "渠道清单"',
        'ws.append(["渠道代码", "渠道名称", "分公司", "三级机构", "合作起始日期", "渠道自有保费"])',
        'ws.append(["C1", "甲经纪", "浙江", "杭州", datetime.date(2025, 6, 1), 5000000])',
        'ws.append(["C2", "乙代理", "浙江", "宁波", datetime.date(2026, 1, 10), 10000000])',
        'wb.save(sys.argv[1])',
      ].join('\n'),
      master,
    ]);
    const a = args('-o', join(dir, 'out.xlsx'));
    a[3] = master;
    const cli = io();
    expect(await prepareMain(a, cli)).toBe(0);
    expect(cli.out.join('')).toContain('已准备 prepared 2 · 未准备 not prepared 2');
  });

  it('reads an .xlsx extract written by openpyxl, dates as dates and the 批退 as a negative number', async () => {
    if (!systemToolAvailable(PYTHON, 'python3-openpyxl', 'the openpyxl extract test')) return;
    const extract = join(dir, 'policies.xlsx');
    execFileSync(PYTHON, [
      '-c',
      [
        'import sys, csv, datetime, openpyxl',
        'wb = openpyxl.Workbook(); ws = wb.active; ws.title = "保单明细"',
        'rows = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig")))',
        'ws.append(rows[0])',
        'for r in rows[1:]:',
        '    d = r[2].split(" ")[0].replace("/", "-").split("-")',
        '    ws.append([r[0], r[1] or None, datetime.datetime(int(d[0]), int(d[1]), int(d[2])), float(r[3]), r[4], float(r[5]), r[6]])',
        'wb.save(sys.argv[1])',
      ].join('\n'),
      extract,
      join(dir, 'policies.csv'),
    ]);
    const a = args('-o', join(dir, 'x.xlsx'));
    a[1] = extract;
    const cli = io();
    expect(await prepareMain(a, cli)).toBe(0);
    const book = await XlsxWorkbook.open(join(dir, 'x.xlsx'), join(dir, 'unused.xlsx'));
    const rows = await book.readBlock('渠道分级数据', 1, 1, 3, 40);
    const header = rows[0] ?? [];
    expect(rows.slice(1).map((r) => r[header.indexOf('合作保费')])).toEqual([140000, 810000]);
    expect(rows.slice(1).map((r) => r[header.indexOf('渠道分类')])).toEqual(['深蓝-C-Ⅱ', '黄-B-Ⅰ']);
  });

  it('leaves out rows whose service-area code is not in the --regions list (RULES.md §5.1, 第九条一)', async () => {
    writeFileSync(join(dir, 'codes.csv'), '服务区域代码\n330100\n');
    const output = join(dir, 'r.xlsx');
    const cli = io();
    expect(await prepareMain(args('-o', output, '--regions', join(dir, 'codes.csv')), cli)).toBe(0);
    expect(cli.out.join('')).toContain('代码无效 invalid code 4');
    const book = await XlsxWorkbook.open(output, join(dir, 'unused.xlsx'));
    const rows = await book.readBlock('渠道分级数据', 1, 1, 2, 40);
    // C1 without its 330200 批退: 150,000; C2 wrote only in 330200 and has no rows counted.
    expect(rows[1]?.[(rows[0] ?? []).indexOf('合作保费')]).toBe(150000);
  });

  it('grades prospective channels from a 经代渠道合作信息表 file with the budget ratio (--kind prospective)', async () => {
    writeFileSync(
      join(dir, 'form.csv'),
      [
        '渠道代码,渠道名称,三级机构,服务区域代码,预估终极赔付率,洽谈市场费用率,计划年保费,渠道自有保费,资料来源',
        'N1,新经纪,宁波,330200,62%,0.18,3000000,20000000,2026-03 洽谈纪要',
        'N2,无来源,宁波,330200,60%,0.1,1000000,20000000,',
      ].join('\n'),
    );
    const a = args('-o', join(dir, 'p.csv'), '--quiet');
    a[1] = join(dir, 'form.csv');
    a[9] = 'prospective';
    expect(await prepareMain(a, io())).toBe(0);
    const csv = readFileSync(join(dir, 'p.csv'), 'utf8');
    expect(csv).toContain('N1');
    expect(csv).toContain('深蓝-B-Ⅱ');
    expect(readFileSync(join(dir, 'p.notes.csv'), 'utf8')).toContain('资料来源为空');
  });

  it('says what is wrong with the arguments (status 2) or the input (status 3)', async () => {
    const bad = io();
    expect(await prepareMain(args('--kind', 'weekly'), bad)).toBe(2);
    expect(bad.err.join('')).toContain('unknown kind "weekly"');
    expect(await prepareMain([...args().slice(0, 8), '2026-01-10', '--kind', 'recheck'], io())).toBe(2);
    writeFileSync(join(dir, 'policies.csv'), '渠道代码,日期,保费\nC1,2026-01-01,1');
    const missing = io();
    expect(await prepareMain(args(), missing)).toBe(3);
    expect(missing.err.join('')).toContain('服务区域代码');
    expect(existsSync(join(dir, 'policies.graded.xlsx'))).toBe(false);
  });

  it('takes every grading option: records the snapshot with the preparation’s date, kind and window, writes the report and notices (CONTRACT.md §5: [other grading options])', async () => {
    const cli = io();
    const output = join(dir, 'graded.xlsx');
    const history = join(dir, 'history.json');
    const report = join(dir, 'report.html');
    const status = await prepareMain(
      args('-o', output, '--history', history, '--report', report, '--record', '--notices', '分公司', '--by', '张三'),
      cli,
    );
    expect(cli.err.join('')).toBe('');
    expect(status).toBe(0);
    const h = JSON.parse(readFileSync(history, 'utf8')) as {
      snapshots: { id: string; judgingDate: string; window: unknown; gradedBy: string }[];
    };
    expect(h.snapshots[0]).toMatchObject({
      id: '2026-04-10/quarter/1',
      judgingDate: '2026-04-10',
      window: { start: '2026-01-01', end: '2026-03-31' },
      gradedBy: '张三',
    });
    expect(readFileSync(report, 'utf8')).toContain('待审批 · 草稿');
    const book = await XlsxWorkbook.open(output, join(dir, 'unused.xlsx'));
    expect(await book.sheetNames()).toEqual(expect.arrayContaining(['分级历史', '审批记录', '通知-浙江']));
  });

  it('parses every option the contract names', () => {
    const o = parsePrepareArgs([
      '--extract=a.csv',
      '--master',
      'b.xlsx',
      '--nonmarket',
      'c.csv',
      '--date',
      '2024-02-29',
      '--kind',
      'month',
      '--group',
      '--lang',
      'en',
      '--quiet',
      '--rules',
      'r.json',
      '--history',
      'h.json',
      '--record',
      '--report=r.html',
      '--notices',
      '三级机构',
      '--by',
      '张三',
      '--keep-other-channels',
    ]);
    expect(o).toMatchObject({ extract: 'a.csv', kind: 'month', date: { year: 2024, month: 2, day: 29 }, group: true });
    expect(o.grading).toEqual([
      '--history',
      'h.json',
      '--record',
      '--report',
      'r.html',
      '--notices',
      '三级机构',
      '--by',
      '张三',
      '--keep-other-channels',
    ]);
  });
});

describe('the streaming CSV reader agrees with preparing the same rows cell by cell (RULES.md §5.2)', () => {
  it('gives the same channels, figures, counts and rejected rows on a seeded 20,000-row extract', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qd-prepare-'));
    try {
      const channels = syntheticChannels(300, 7);
      await writeSyntheticExtract(join(dir, 'x.csv'), 20_000, channels, { seed: 11 });
      writeFileSync(join(dir, 'm.csv'), masterCsv(channels));
      writeFileSync(join(dir, 'n.csv'), nonMarketCsv());
      const judging = { year: 2026, month: 4, day: 10 };
      const fast = await prepareFiles({
        extract: join(dir, 'x.csv'),
        master: join(dir, 'm.csv'),
        nonMarket: join(dir, 'n.csv'),
        date: judging,
        kind: 'quarter',
      });
      const cells = (file: string) => parseCsv(readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, '')).slice(1);
      const master = cells('m.csv').map((r, i) =>
        readMasterRecord(
          {
            channelId: r[0],
            channelName: r[1],
            group: r[2],
            company: r[3],
            branch: r[4],
            startDate: r[5],
            ownPremium: r[6],
            groupOwnPremium: r[7],
          },
          i + 2,
        ),
      );
      const nonMarket = cells('n.csv').map((r, i) =>
        readNonMarketRecord({ branch: r[0], year: r[1], actual: r[2], budget: r[3] }, i + 2),
      );
      const slow = new ChannelPreparation({ kind: 'quarter', judging, master, nonMarket });
      cells('x.csv').forEach((r, i) => slow.addRow(i + 2, r[0], r[1], r[2], r[3], r[4], r[5]));
      const expected = slow.finish();
      expect(fast.channels).toEqual(expected.channels);
      expect(fast.notPrepared).toEqual(expected.notPrepared);
      expect(fast.counts).toEqual(expected.counts);
      expect(fast.rejected).toEqual(expected.rejected);
      expect(fast.channels.length).toBeGreaterThan(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
