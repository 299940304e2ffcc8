/*
 * 第十条 as the organisation works it, from the command line (RULES.md §12): approve before notify,
 * four eyes, only approved classes in force, ids never given twice.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { main, type CliIo } from '../../src/cli/qdGrade';
import { historyFromJson } from '../../src/core/history';
import { tempDir, writeXlsx } from '../hosts/xlsx/tempFiles';
import { HEADER, quarterRows } from './twoQuarters';

const tmp = tempDir('qd-order-');
afterAll(() => tmp.cleanup());

async function run(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTerminal: false };
  return { status: await main(argv, io), out, err };
}

/** Grades quarter `q` into a JSON history as 张三 (经代部). */
async function grade(history: string, q: 1 | 2, date: string): Promise<void> {
  const input = tmp.path(`q${q}-${date}.xlsx`);
  await writeXlsx(input, { 渠道: [HEADER, ...quarterRows(q)] as never });
  const r = await run([input, '--history', history, '--date', date, '--kind', 'quarter', '--by', '张三', '--quiet']);
  expect(r.status).toBe(0);
}

describe('the order of 第十条 (经代部分类后，报个人客户运营部审核后，通知机构)', () => {
  it('refuses to notify a grading awaiting approval, saying approval comes first (only an approved grading may be notified)', async () => {
    const history = tmp.path('notify-first.json');
    await grade(history, 1, '2026-04-08');
    const before = readFileSync(history, 'utf8');
    const r = await run(['approve', history, '--by', '张三', '--action', 'notified', '--note', '浙江分公司']);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/待审批：须先经个人客户运营部审批，才能通知机构/);
    expect(r.err).toMatch(/approves it first, then the branches are notified/);
    expect(readFileSync(history, 'utf8')).toBe(before);
  });

  it('refuses the grader approving his own grading (Who: approving and returning … never to the person who graded that grading)', async () => {
    const history = tmp.path('four-eyes.json');
    await grade(history, 1, '2026-04-08');
    const r = await run(['approve', history, '--by', '张三']);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/张三 是分级 2026-04-08\/quarter\/1 的分级人.*四眼原则/);
    expect((await run(['approve', history, '--by', '李四'])).status).toBe(0);
  });

  it('never notifies a returned grading, and a branch acknowledges only what it was notified of (A returned grading is never notified)', async () => {
    const history = tmp.path('returned.json');
    await grade(history, 1, '2026-04-08');
    const ack = await run(['approve', history, '--by', '王五', '--action', 'acknowledged', '--note', '浙江分公司']);
    expect(ack.status).toBe(2);
    expect(ack.err).toMatch(/机构只能确认已通知的分级/);
    expect(
      (await run(['approve', history, '--by', '李四', '--action', 'returned', '--note', '赔付率待核'])).status,
    ).toBe(0);
    const notify = await run(['approve', history, '--by', '张三', '--action', 'notified', '--note', '浙江分公司']);
    expect(notify.status).toBe(2);
    expect(notify.err).toMatch(/已退回，不能通知：请重新分级/);
    const again = await run(['approve', history, '--by', '李四']);
    expect(again.status).toBe(2);
    expect(again.err).toMatch(/已有审批结论（已退回）/);
  });

  it('goes approved → notified → acknowledged and lists each state', async () => {
    const history = tmp.path('whole-way.json');
    await grade(history, 1, '2026-04-08');
    expect((await run(['history', history])).out).toMatch(/待审批 awaiting approval/);
    expect((await run(['approve', history, '--by', '李四'])).status).toBe(0);
    expect(
      (await run(['approve', history, '--by', '张三', '--action', 'notified', '--note', '浙江分公司'])).status,
    ).toBe(0);
    expect((await run(['history', history])).out).toMatch(/已通知 notified/);
    const other = await run(['approve', history, '--by', '王五', '--action', 'acknowledged', '--note', '江苏分公司']);
    expect(other.status).toBe(2);
    expect(other.err).toMatch(/尚未通知“江苏分公司”/);
    expect(
      (await run(['approve', history, '--by', '王五', '--action', 'acknowledged', '--note', '浙江分公司'])).status,
    ).toBe(0);
    expect((await run(['history', history])).out).toMatch(/已确认 acknowledged/);
  });
});

describe('In force: the class resource matching acts on comes from the latest approved grading of its kind', () => {
  it('keeps the approved class in force after a worse grading is returned, and shows a pending one beside it', async () => {
    const history = tmp.path('in-force.json');
    await grade(history, 1, '2026-04-08');
    expect((await run(['approve', history, '--by', '李四'])).status).toBe(0);
    await grade(history, 2, '2026-07-08');
    const pending = await run(['history', history, '--channel', 'C1']);
    expect(pending.out).toMatch(/资源匹配用 matching uses 深蓝-A-Ⅰ/);
    expect(pending.out).toMatch(
      /待审批 awaiting approval: 年度内运用分类 in-year class 黄-A-Ⅰ \(2026-07-08\/quarter\/2\)/,
    );
    expect((await run(['approve', history, '--by', '李四', '--action', 'returned'])).status).toBe(0);
    const returned = await run(['history', history, '--channel', 'C1']);
    expect(returned.out).toMatch(/资源匹配用 matching uses 深蓝-A-Ⅰ/);
    expect(returned.out).not.toMatch(/待审批 awaiting approval:/);
  });

  it('says no class is in force for a channel graded but never approved', async () => {
    const history = tmp.path('never-approved.json');
    await grade(history, 1, '2026-04-08');
    const r = await run(['history', history, '--channel', 'C2']);
    expect(r.out).toMatch(/尚无已审批分类 no approved class yet/);
  });
});

describe('Snapshot ids are unique for ever (never reused after a snapshot is deleted by hand)', () => {
  it('gives a new id after one grading was deleted by hand, and `history` still reads the file (exit 0)', async () => {
    const history = tmp.path('deleted.json');
    await grade(history, 1, '2026-04-08');
    await grade(history, 2, '2026-07-08');
    const doc = JSON.parse(readFileSync(history, 'utf8')) as {
      snapshots: { id: string }[];
      trail: { snapshotId: string }[];
      lastSequence?: number;
    };
    doc.snapshots.splice(0, 1);
    doc.trail = doc.trail.filter((e) => e.snapshotId !== '2026-04-08/quarter/1');
    delete doc.lastSequence;
    writeFileSync(history, JSON.stringify(doc, null, 2));
    await grade(history, 1, '2026-10-08');
    const ids = historyFromJson(readFileSync(history, 'utf8'), history).snapshots.map((s) => s.id);
    expect(ids).toEqual(['2026-07-08/quarter/2', '2026-10-08/quarter/3']);
    expect((await run(['history', history])).status).toBe(0);
  });
});
