import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { main, type CliIo } from '../../src/cli/qdGrade';
import { defaultOutput, parseArgs } from '../../src/cli/parseArgs';
import { tempDir, writeXlsx } from '../hosts/xlsx/tempFiles';

const tmp = tempDir('qd-cli-');
afterAll(() => tmp.cleanup());

const HEADER = [
  '渠道代码',
  '服务区域代码',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
];
const ROWS = [
  ['C1', '3301', 0.55, 0.1, 0.25, 2_000_000, 73, 50_000_000],
  ['C2', '3301', 0.7, 0.25, 0.1, 3_000_000, 365, 10_000_000],
  ['C3', null, 0.5, 0.1, 0.1, 1_000_000, 365, 5_000_000],
];

async function run(argv: string[], isTerminal = false): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTerminal };
  const status = await main(argv, io);
  return { status, out, err };
}

let n = 0;
async function input(rows: unknown[][] = [HEADER, ...ROWS]): Promise<string> {
  const file = tmp.path(`in-${++n}.xlsx`);
  await writeXlsx(file, { 渠道: rows as never });
  return file;
}

describe('qd-grade (CONTRACT.md §5)', () => {
  it('grades an .xlsx into <input>.graded.xlsx, prints a summary and exits 0', async () => {
    const file = await input();
    const r = await run([file]);
    expect(r.status).toBe(0);
    expect(existsSync(file.replace(/\.xlsx$/, '.graded.xlsx'))).toBe(true);
    expect(r.out).toContain('读取 read 3 · 分级 graded 2 · 未参与 left out 1 · 有问题 with problems 0');
    expect(r.out).toContain('色带 bands: 深蓝 1 · 蓝 0 · 黄 0 · 浅红 1 · 深红 0');
    expect(r.out).toContain('规模 scale: A 1 · B 1 · C 0');
    expect(r.err).toBe('');
  });

  it('writes -o, in English headers with --lang en, silently with --quiet', async () => {
    const file = await input();
    const out = tmp.path('custom/out.xlsx');
    const r = await run([file, '-o', out, '--lang', 'en', '--quiet']);
    expect(r).toEqual({ status: 0, out: '', err: '' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('渠道')?.getCell(1, 9).value).toBe('Operating cost ratio');
    expect(wb.getWorksheet('渠道')?.getCell(2, 15).value).toBe('DeepBlue-A-II');
  });

  it('draws a progress bar on stderr when it is a terminal', async () => {
    const r = await run([await input()], true);
    expect(r.err).toContain('100%');
    expect(r.err).toContain('\r分级 grading [');
  });

  it('grades a .csv into a .csv', async () => {
    const file = tmp.path('in.csv');
    writeFileSync(file, [HEADER, ...ROWS].map((r) => r.map((v) => v ?? '').join(',')).join('\n'));
    const r = await run([file, '--mode', 'in-year']);
    expect(r.status).toBe(0);
    expect(readFileSync(tmp.path('in.graded.csv'), 'utf8').charCodeAt(0)).toBe(0xfeff);
  });

  it('takes rules from .json, .csv and .xlsx files', async () => {
    const file = await input();
    const json = tmp.path('rules.json');
    writeFileSync(json, JSON.stringify({ parameters: { 'cost.deepBlue.max': 0.85 } }));
    const csv = tmp.path('rules.csv');
    writeFileSync(csv, 'key,value\ncost.deepBlue.max,85%\n');
    const xlsx = tmp.path('rules.xlsx');
    await writeXlsx(xlsx, {
      rules: [
        ['key', 'value'],
        ['cost.deepBlue.max', 0.85],
      ],
    });
    for (const rules of [json, csv, xlsx]) {
      const r = await run([file, '--rules', rules]);
      expect(r.status).toBe(0);
      expect(r.out).toContain('色带 bands: 深蓝 0 · 蓝 1');
    }
  });

  it('exits 2 with the usage for a usage problem', async () => {
    for (const argv of [
      [],
      ['a.xlsx', 'b.xlsx'],
      ['a.txt'],
      ['a.xlsx', '--mode', 'weekly'],
      ['a.xlsx', '--bogus'],
      ['a.xlsx', '-o'],
    ]) {
      const r = await run(argv);
      expect(r.status).toBe(2);
      expect(r.err).toContain('用法 Usage:');
    }
    expect((await run(['--help'])).status).toBe(0);
  });

  it('exits 3 naming the file, the sheet, the column or the key', async () => {
    const missing = await run([tmp.path('nope.xlsx')]);
    expect(missing.status).toBe(3);
    expect(missing.err).toContain('nope.xlsx');
    const noColumn = await run([await input([HEADER.filter((h) => h !== '渠道自有保费'), ['C1']])]);
    expect(noColumn.status).toBe(3);
    expect(noColumn.err).toContain('渠道自有保费');
    const noSheet = await run([await input(), '--sheet', '汇总']);
    expect(noSheet.status).toBe(3);
    expect(noSheet.err).toContain('汇总');
    const badRules = tmp.path('bad.json');
    writeFileSync(badRules, JSON.stringify({ parameters: { 'cost.blue.max': 0.5 } }));
    const invalid = await run([await input(), '--rules', badRules]);
    expect(invalid.status).toBe(3);
    expect(invalid.err).toContain('bad.json: cost.blue.max');
    const notJson = tmp.path('broken.json');
    writeFileSync(notJson, '{');
    expect((await run([await input(), '--rules', notJson])).status).toBe(3);
  });

  it('parses --opt=value and derives the default output name', () => {
    expect(parseArgs(['x.xlsx', '--mode=prospective', '--lang=en'])).toMatchObject({ mode: 'prospective', lang: 'en' });
    expect(defaultOutput('data/渠道.CSV')).toBe('data/渠道.graded.CSV');
  });
});
