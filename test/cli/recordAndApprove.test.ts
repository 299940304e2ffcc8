/*
 * qd-grade --record, --notices, `qd-grade history` and `qd-grade approve` (CONTRACT.md §5; RULES.md
 * §12, 第十条): the graded workbook keeps its own history and report, notices per branch, the movement
 * between two gradings and a channel's trail from the command line, approvals appended to the trail.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { main, type CliIo } from '../../src/cli/qdGrade';
import { historyFromJson } from '../../src/core/history';
import { IN_FORCE_SHEET, REPORT_SHEET, TRAIL_SHEET } from '../../src/grading';
import { readHistoryFile } from '../../src/hosts/xlsx/historyFile';
import { XlsxWorkbook } from '../../src/hosts/xlsx/XlsxWorkbook';
import { tempDir, writeXlsx } from '../hosts/xlsx/tempFiles';
import { HEADER, RATIOS, quarterRows } from './twoQuarters';

const QUARTER_1 = quarterRows(1, '江苏分公司');
const QUARTER_2_RATIOS = RATIOS[2].map((r) => [...r]);

const tmp = tempDir('qd-record-');
afterAll(() => tmp.cleanup());

async function run(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTerminal: false };
  return { status: await main(argv, io), out, err };
}

async function book(name: string): Promise<string> {
  const file = tmp.path(name);
  await writeXlsx(file, { 渠道: [HEADER, ...QUARTER_1] as never });
  return file;
}

async function sheetRows(file: string, sheet: string): Promise<unknown[][]> {
  const wb = await XlsxWorkbook.open(file, `${file}.read.xlsx`);
  const { rowCount, columnCount } = await wb.extent(sheet);
  return wb.readBlock(sheet, 1, 1, rowCount, columnCount);
}

/** The next quarter's ratios typed into the graded workbook, as an analyst would. */
async function nextQuarter(file: string): Promise<void> {
  const wb = await XlsxWorkbook.open(file, file);
  await wb.writeBlock('渠道', 2, 5, QUARTER_2_RATIOS);
  await wb.commit();
}

describe('qd-grade --record: the graded workbook keeps its own history (RULES.md §12)', () => {
  it('records two quarters in the workbook, prints the channel that fell two bands, and writes the A4 report sheet', async () => {
    const file = await book('record.xlsx');
    const first = await run([
      file,
      '-o',
      file,
      '--record',
      '--date',
      '2026-04-08',
      '--kind',
      'quarter',
      '--by',
      '张三',
    ]);
    expect(first.status).toBe(0);
    expect(first.out).toContain(`记录 recorded: ${file} ← 2026-04-08/quarter/1`);
    await nextQuarter(file);
    const second = await run([
      file,
      '-o',
      file,
      '--record',
      '--date',
      '2026-07-08',
      '--kind',
      'quarter',
      '--by',
      '张三',
    ]);
    expect(second.status).toBe(0);
    expect(second.out).toContain('分级变动');
    expect(second.out).toMatch(/C1: 深蓝-A-Ⅰ → 黄-A-Ⅰ ↓ 跨两个及以上色带/);
    const history = await readHistoryFile(file);
    expect(history.snapshots.map((s) => s.id)).toEqual(['2026-04-08/quarter/1', '2026-07-08/quarter/2']);
    expect(history.trail.map((e) => `${e.who}:${e.action}`)).toEqual(['张三:graded', '张三:graded']);
    const report = await sheetRows(file, REPORT_SHEET);
    expect(report[0]?.[0]).toBe('经代渠道分级报告 Channel grading report');
    expect(report.some((r) => r[0] === 'C2' && r[2] === '浅红-B-Ⅰ')).toBe(true);
    // Awaiting approval: shown beside the class in force, not in force (In force … from the latest approved grading).
    const pending = await sheetRows(file, IN_FORCE_SHEET);
    expect(pending.find((r) => r[0] === 'C1')?.slice(4, 6)).toEqual([null, null]);
    expect(pending.find((r) => r[0] === 'C1')?.[9]).toBe('年度内运用分类 黄-A-Ⅰ (2026-07-08/quarter/2)');
    expect((await run(['approve', file, '--by', '李四'])).status).toBe(0);
    const inForce = await sheetRows(file, IN_FORCE_SHEET);
    expect(inForce.find((r) => r[0] === 'C1')?.slice(4, 6)).toEqual(['黄-A-Ⅰ', '2026-07-08/quarter/2']);
  });

  it('writes a notice sheet per 分公司, ready to send, listing each channel with its class', async () => {
    const file = await book('notices.xlsx');
    const out = tmp.path('notices.graded.xlsx');
    const r = await run([file, '-o', out, '--notices', '分公司', '--date', '2026-04-08']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('通知 notices: 2 张 sheets · 通知-浙江分公司、通知-江苏分公司');
    const notice = await sheetRows(out, '通知-浙江分公司');
    expect(notice[0]?.[0]).toBe('渠道分级通知：浙江分公司 Channel classes for 浙江分公司');
    expect(notice.filter((row) => row[0] === 'C1' || row[0] === 'C2').map((row) => row.slice(0, 3))).toEqual([
      ['C1', '甲经纪', '深蓝-A-Ⅰ'],
    ]);
  });

  it('marks the grading number on the notices as recorded nowhere when neither --record nor --history is given, and says so', async () => {
    const file = await book('unrecorded.xlsx');
    const out = tmp.path('unrecorded.graded.xlsx');
    const r = await run([file, '-o', out, '--notices', '分公司', '--date', '2026-04-08', '--kind', 'quarter']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('本次分级未记入任何历史（可加 --record 或 --history）');
    const notice = await sheetRows(out, '通知-浙江分公司');
    expect(notice[1]?.[3]).toBe('2026-04-08/quarter/1（未记录 not recorded）');
    const recorded = tmp.path('recorded.graded.xlsx');
    const again = await run([
      file,
      '-o',
      recorded,
      '--record',
      '--notices',
      '分公司',
      '--date',
      '2026-04-08',
      '--kind',
      'quarter',
    ]);
    expect(again.out).not.toContain('未记入任何历史');
    expect((await sheetRows(recorded, '通知-浙江分公司'))[1]?.[3]).toBe('2026-04-08/quarter/1');
  });

  it('refuses to write over a graded workbook whose gradings and approvals the input does not have (exit 3), and leaves it as it was', async () => {
    const input = await book('fresh.xlsx');
    const graded = tmp.path('fresh.graded.xlsx');
    expect((await run([input, '-o', graded, '--record', '--date', '2026-04-08', '--kind', 'quarter'])).status).toBe(0);
    expect((await run(['approve', graded, '--by', '李四'])).status).toBe(0);
    const before = await readFile(graded);
    const again = await run([input, '-o', graded, '--record', '--date', '2026-07-08', '--kind', 'quarter']);
    expect(again.status).toBe(3);
    expect(again.err).toContain(`目标文件 ${graded} 已记有 1 次分级及其审批`);
    expect(again.err).toContain(`qd-grade ${graded} --record`);
    expect((await readFile(graded)).equals(before)).toBe(true);
    // Grading the graded workbook itself keeps what it recorded.
    expect((await run([graded, '-o', graded, '--record', '--date', '2026-07-08', '--kind', 'quarter'])).status).toBe(0);
    const history = await readHistoryFile(graded);
    expect(history.snapshots).toHaveLength(2);
    expect(history.trail.map((e) => e.action)).toEqual(['graded', 'approved', 'graded']);
  });

  it('refuses --record on a CSV with exit 2, pointing to --history', async () => {
    const r = await run([tmp.path('x.csv'), '--record']);
    expect(r.status).toBe(2);
    expect(r.err).toContain('--history');
  });
});

describe('qd-grade history and approve (第十条)', () => {
  let history = '';
  beforeAll(async () => {
    history = tmp.path('h.json');
    const file = await book('h.xlsx');
    await run([
      file,
      '-o',
      tmp.path('h1.xlsx'),
      '--history',
      history,
      '--date',
      '2026-04-08',
      '--kind',
      'quarter',
      '--quiet',
    ]);
    await nextQuarter(file);
    await run([
      file,
      '-o',
      tmp.path('h2.xlsx'),
      '--history',
      history,
      '--date',
      '2026-07-08',
      '--kind',
      'quarter',
      '--quiet',
    ]);
  });

  it('lists the gradings awaiting approval, then the movement between the last two, flagged first', async () => {
    const r = await run(['history', history]);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^2026-04-08\/quarter\/1 .*待审批 awaiting approval$/m);
    expect(r.out).toContain('变动 Movement 2026-04-08/quarter/1 → 2026-07-08/quarter/2: 2 个渠道变动 moved');
    expect(r.out).toMatch(/C1 甲经纪: 深蓝-A-Ⅰ → 黄-A-Ⅰ ↓ 跨两个及以上色带/);
  });

  it('shows the movement between two gradings named by id, and names a grading that is not there (exit 3)', async () => {
    const r = await run(['history', history, '--from', '2026-07-08/quarter/2', '--to', '2026-04-08/quarter/1']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/C1 甲经纪: 黄-A-Ⅰ → 深蓝-A-Ⅰ ↑ 跨两个及以上色带/);
    const missing = await run(['history', history, '--to', '2026-10-08/quarter/3']);
    expect(missing.status).toBe(3);
    expect(missing.err).toContain('2026-10-08/quarter/3');
  });

  it('shows one channel’s classes over the gradings and its trail', async () => {
    const r = await run(['history', history, '--channel', 'C2', '--lang', 'en']);
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^ {2}2026-04-08\/quarter\/1 {2}\S+-B-\S+$/m);
    expect(r.out).toMatch(/^ {2}2026-07-08\/quarter\/2 {2}\S+-B-\S+$/m);
    expect(r.out).toMatch(/in-year class 年度内运用分类 \S+ · matching uses 资源匹配用/);
    expect(r.out).toMatch(/graded \(分级\) · 2026-07-08\/quarter\/2/);
  });

  it('records 李四’s approval of the latest grading with its rules fingerprint, and lists it as approved', async () => {
    const r = await run(['approve', history, '--by', '李四', '--note', '同意', '--at', '2026-07-09T10:00:00+08:00']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('已记录 recorded: 2026-07-09T10:00:00+08:00 李四 · 个人客户运营部');
    const h = historyFromJson(readFileSync(history, 'utf8'), history);
    expect(h.trail.at(-1)).toMatchObject({
      who: '李四',
      role: 'approver',
      action: 'approved',
      snapshotId: '2026-07-08/quarter/2',
      rulesFingerprint: h.snapshots[1]?.rulesFingerprint,
      note: '同意',
    });
    expect((await run(['history', history])).out).toMatch(/^2026-07-08\/quarter\/2 .*已审批 approved 李四/m);
  });

  it('refuses an approval of a grading that is not in the history with exit 3, naming the ones there are', async () => {
    const before = readFileSync(history, 'utf8');
    const r = await run(['approve', history, '--by', '李四', '--snapshot', '2025-01-01/annual/9']);
    expect(r.status).toBe(3);
    expect(r.err).toContain('没有编号为 2025-01-01/annual/9 的分级');
    expect(r.err).toContain('2026-07-08/quarter/2');
    expect(readFileSync(history, 'utf8')).toBe(before);
  });

  it('refuses a branch approving, and an approval without --by, with exit 2', async () => {
    expect((await run(['approve', history, '--by', '王五', '--role', '分支机构'])).status).toBe(2);
    const r = await run(['approve', history]);
    expect(r.status).toBe(2);
    expect(r.err).toContain('--by');
  });

  it('says which file is missing with exit 3', async () => {
    const r = await run(['history', tmp.path('nope.json')]);
    expect(r.status).toBe(3);
    expect(r.err).toContain('nope.json');
  });

  it('records a notice step on a graded workbook’s own trail (审批记录)', async () => {
    const file = await book('trail.xlsx');
    await run([file, '-o', file, '--record', '--date', '2026-04-08', '--quiet', '--by', '张三']);
    expect((await run(['approve', file, '--by', '李四'])).status).toBe(0);
    const r = await run(['approve', file, '--by', '张三', '--action', 'notified', '--note', '浙江分公司']);
    expect(r.status).toBe(0);
    const trail = await sheetRows(file, TRAIL_SHEET);
    expect(trail.at(-1)?.slice(1, 5)).toEqual(['张三', 'grader', 'notified', '2026-04-08/annual/1']);
  });
});

describe('the built qd-grade', () => {
  it('approves and shows the history through the bundled executable, with the exit status of CONTRACT.md §5', async () => {
    // Inside the project, so the bundle finds its external packages in node_modules as the shipped one does.
    const bundle = join(process.cwd(), 'dist', 'test-cli', `qd-grade-${process.pid}.cjs`);
    execFileSync(join(process.cwd(), 'node_modules', '.bin', 'esbuild'), [
      'src/cli/bin.ts',
      '--bundle',
      '--platform=node',
      '--target=node20',
      '--format=cjs',
      '--packages=external',
      `--outfile=${bundle}`,
      '--log-level=warning',
    ]);
    const file = await book('bin.xlsx');
    const history = tmp.path('bin.json');
    const node = (args: string[]): { status: number | null; stdout: string; stderr: string } =>
      spawnSync(process.execPath, [bundle, ...args], { encoding: 'utf8', cwd: process.cwd() });
    expect(node([file, '--history', history, '--date', '2026-04-08', '--quiet']).status).toBe(0);
    const approved = node(['approve', history, '--by', '李四']);
    expect(approved.status).toBe(0);
    expect(approved.stdout).toContain('李四 · 个人客户运营部');
    const listed = node(['history', history]);
    expect(listed.stdout).toMatch(/2026-04-08\/annual\/1 .*已审批 approved 李四/);
    expect(node(['approve', history, '--by', '李四', '--snapshot', 'x']).status).toBe(3);
    rmSync(bundle, { force: true });
  }, 30_000);
});
