/*
 * qd-grade --history and --report (CONTRACT.md §5; RULES.md §12): each grading appended as a snapshot,
 * nothing earlier rewritten, the movement printed, the manager's report written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { main, type CliIo } from '../../src/cli/qdGrade';
import { historyFromJson } from '../../src/core/history';
import { readHistoryFile } from '../../src/hosts/xlsx/historyFile';
import { tempDir, writeXlsx } from '../hosts/xlsx/tempFiles';
import { HEADER, quarterRows } from './twoQuarters';

const QUARTER_1 = quarterRows(1);
const QUARTER_2 = quarterRows(2);

const tmp = tempDir('qd-history-');
afterAll(() => tmp.cleanup());

async function run(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTerminal: false };
  return { status: await main(argv, io), out, err };
}

async function book(name: string, rows: unknown[][]): Promise<string> {
  const file = tmp.path(name);
  await writeXlsx(file, { 渠道: [HEADER, ...rows] as never });
  return file;
}

describe('qd-grade --history', () => {
  it('appends each quarter to a JSON history, keeps the first as it was, and prints who moved', async () => {
    const history = tmp.path('history.json');
    const first = await run([
      await book('q1.xlsx', QUARTER_1),
      '--history',
      history,
      '--date',
      '2026-04-08',
      '--kind',
      'quarter',
      '--by',
      '张三',
    ]);
    expect(first.status).toBe(0);
    const afterFirst = readFileSync(history, 'utf8');
    const second = await run([
      await book('q2.xlsx', QUARTER_2),
      '--history',
      history,
      '--date',
      '2026-07-08',
      '--kind',
      'quarter',
      '--by',
      '张三',
    ]);
    expect(second.status).toBe(0);
    expect(second.out).toContain('变动 movement since 2026-04-08/quarter/1: 2 个渠道变动 moved');
    expect(second.out).toMatch(/C1: 深蓝-A-Ⅰ → 黄-A-Ⅰ ↓ 跨两个及以上色带/);
    expect(second.out).toMatch(/C2: 蓝-B-Ⅰ → 浅红-B-Ⅰ ↓ .*进入红色/);
    const h = historyFromJson(readFileSync(history, 'utf8'), history);
    expect(h.snapshots.map((s) => s.id)).toEqual(['2026-04-08/quarter/1', '2026-07-08/quarter/2']);
    expect(h.snapshots[0]).toEqual(historyFromJson(afterFirst, history).snapshots[0]);
    expect(h.snapshots[1]?.window).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(h.trail.map((e) => `${e.who}:${e.action}`)).toEqual(['张三:graded', '张三:graded']);
  });

  it('keeps the history in a workbook a person can open, created on first use', async () => {
    const history = tmp.path('history.xlsx');
    expect(
      (await run([await book('x1.xlsx', QUARTER_1), '--history', history, '--date', '2026-04-08', '--quiet'])).status,
    ).toBe(0);
    expect(
      (await run([await book('x2.xlsx', QUARTER_2), '--history', history, '--date', '2026-07-08', '--quiet'])).status,
    ).toBe(0);
    const h = await readHistoryFile(history);
    expect(h.snapshots).toHaveLength(2);
    expect(h.snapshots[1]?.channels.find((c) => c.channelId === 'C2')).toMatchObject({
      channelName: '乙代理',
      company: '浙江分公司',
    });
  });

  it('refuses a history file of another kind with exit 2', async () => {
    const r = await run([await book('x3.xlsx', QUARTER_1), '--history', tmp.path('h.csv')]);
    expect(r.status).toBe(2);
    expect(r.err).toContain('.json 或 .xlsx');
  });

  it('refuses a JSON file that is not a history with exit 3, naming it', async () => {
    const notHistory = tmp.path('rules.json');
    writeFileSync(notHistory, '{"name":"x"}');
    const r = await run([await book('x4.xlsx', QUARTER_1), '--history', notHistory, '--date', '2026-04-08']);
    expect(r.status).toBe(3);
    expect(r.err).toContain('rules.json');
  });
});

describe('The judging date and window of a snapshot are those of the data', () => {
  it('refuses a grading to be recorded with no --date and no 数据窗口, asking for the date (never today’s date for data of another period)', async () => {
    const history = tmp.path('no-date.json');
    const r = await run([await book('x5.xlsx', QUARTER_1), '--history', history]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/请用 --date YYYY-MM-DD 给出这批数据的评判日/);
    expect(existsSync(history)).toBe(false);
  });

  it('dates the snapshot by the rows’ 数据窗口 when no --date is given, and prints that window in the report', async () => {
    const history = tmp.path('data-window.json');
    const report = tmp.path('data-window.html');
    const input = tmp.path('x6.xlsx');
    await writeXlsx(input, {
      渠道: [[...HEADER, '数据窗口'], ...QUARTER_1.map((r) => [...r, '2025-01-01..2025-03-31'])] as never,
    });
    const r = await run([input, '--history', history, '--report', report, '--kind', 'quarter', '--quiet']);
    expect(r.status).toBe(0);
    const h = historyFromJson(readFileSync(history, 'utf8'), history);
    expect(h.snapshots[0]).toMatchObject({
      judgingDate: '2025-04-01',
      window: { start: '2025-01-01', end: '2025-03-31' },
      id: '2025-04-01/quarter/1',
    });
    expect(readFileSync(report, 'utf8')).toContain('2025-01-01 – 2025-03-31');
  });

  it('refuses rows whose 数据窗口 disagree', async () => {
    const input = tmp.path('x7.xlsx');
    await writeXlsx(input, {
      渠道: [
        [...HEADER, '数据窗口'],
        [...(QUARTER_1[0] ?? []), '2025-01-01..2025-03-31'],
        [...(QUARTER_1[1] ?? []), '2025-04-01..2025-06-30'],
      ] as never,
    });
    const r = await run([input, '--history', tmp.path('mixed.json'), '--date', '2025-07-01']);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/各行的数据窗口不一致/);
  });
});

describe('qd-grade --report', () => {
  it('writes the manager’s report with the movement since the last grading in the history', async () => {
    const history = tmp.path('history-r.json');
    await run([await book('r1.xlsx', QUARTER_1), '--history', history, '--date', '2026-04-08', '--quiet']);
    const report = tmp.path('report.html');
    const r = await run([
      await book('r2.xlsx', QUARTER_2),
      '--history',
      history,
      '--date',
      '2026-07-08',
      '--report',
      report,
    ]);
    expect(r.status).toBe(0);
    const html = readFileSync(report, 'utf8');
    expect(html).toContain('经代渠道分级报告');
    expect(html).toContain('红色渠道 1 个');
    expect(html).toContain('进入红色');
  });
});
