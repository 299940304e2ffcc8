/*
 * Issue 22, "Lost history", with the real command: several qd-grade processes at once append to one
 * --history (JSON and .xlsx) and record into one workbook graded in place; every grading is kept,
 * each under its own id, or a run is refused naming the lock — never a grading silently lost.
 */
import { copyFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { readHistoryFile } from '../../src/hosts/xlsx/historyFile';
import { HOST } from '../../src/hosts/xlsx/processIdentity';
import { tempDir, writeXlsx } from '../hosts/xlsx/tempFiles';
import { qdGradeProcess, type Run } from './qdGradeProcess';
import { HEADER, quarterRows } from './twoQuarters';

/** The judging date of the data (RULES.md §12: a recorded grading never takes today's date for other data). */
const DATE = '2026-04-10';

const tmp = tempDir('qd-concurrent-');
afterAll(() => tmp.cleanup());

/** How many qd-grade processes write at once. */
const N = 8;

let qdGrade: ReturnType<typeof qdGradeProcess>;
let input: string;

function gradingArgs(i: number, history: string): string[] {
  return [
    input,
    '-o',
    tmp.path(`out-${basename(history)}-${i}.xlsx`),
    '--history',
    history,
    '--by',
    `评级员${i}`,
    '--date',
    DATE,
  ];
}

function summary(what: string, runs: readonly Run[], alone?: number): string {
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const baseline = alone === undefined ? '' : ` (one alone: ${alone} ms)`;
  return `${what}: ${runs.length} writers at once, each ${ms[0]}–${ms.at(-1)} ms${baseline}`;
}

beforeAll(async () => {
  qdGrade = qdGradeProcess(tmp.path('qd-grade.cjs'));
  input = tmp.path('channels.xlsx');
  await writeXlsx(input, { 渠道: [HEADER, ...quarterRows(1)] as never });
}, 60_000);

describe(`${N} qd-grade processes writing at once`, () => {
  it.each(['history.json', 'history.xlsx'])(
    'all append to one %s and it holds every grading, each under its own id',
    async (name) => {
      const history = tmp.path(name);
      const alone = await qdGrade(gradingArgs(N, tmp.path(`alone-${name}`)));
      const runs = await Promise.all(Array.from({ length: N }, (_, i) => qdGrade(gradingArgs(i, history))));
      for (const r of runs) expect({ status: r.status, err: r.err }).toEqual({ status: 0, err: '' });
      const kept = await readHistoryFile(history);
      expect(kept.snapshots).toHaveLength(N);
      expect(new Set(kept.snapshots.map((s) => s.id)).size).toBe(N);
      expect(new Set(kept.snapshots.map((s) => s.gradedBy))).toEqual(
        new Set(Array.from({ length: N }, (_, i) => `评级员${i}`)),
      );
      expect(kept.trail.filter((t) => t.action === 'graded')).toHaveLength(N);
      expect(readdirSync(dirname(history)).filter((f) => f.endsWith('.lock') || f.endsWith('.tmp'))).toEqual([]);
      process.stderr.write(`\nmeasure: ${summary(name, runs, alone.ms)}\n`);
    },
    120_000,
  );

  it('all record into one workbook graded in place, and it holds every grading', async () => {
    const book = tmp.path('recorded.xlsx');
    copyFileSync(input, book);
    const soloBook = tmp.path('recorded-alone.xlsx');
    copyFileSync(input, soloBook);
    const alone = await qdGrade([soloBook, '-o', soloBook, '--record', '--date', DATE]);
    const writers = N / 2;
    const runs = await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        qdGrade([book, '-o', book, '--record', '--by', `记录员${i}`, '--date', DATE]),
      ),
    );
    for (const r of runs) expect({ status: r.status, err: r.err }).toEqual({ status: 0, err: '' });
    const kept = await readHistoryFile(book);
    expect(kept.snapshots).toHaveLength(writers);
    expect(new Set(kept.snapshots.map((s) => s.gradedBy)).size).toBe(writers);
    process.stderr.write(`\nmeasure: ${summary('--record in place', runs, alone.ms)}\n`);
  }, 120_000);

  it('refuses, naming the lock and writing nothing, when the lock is held past the wait', async () => {
    const history = tmp.path('held.json');
    expect((await qdGrade(gradingArgs(0, history))).status).toBe(0);
    const before = statSync(history);
    // This test's own process holds it, and runs throughout.
    const lock = tmp.path('.held.json.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: HOST, since: new Date().toISOString() }));
    const refused = await qdGrade(gradingArgs(1, history), { QD_LOCK_WAIT: '0.5' });
    expect(refused.status).toBe(3);
    expect(refused.err).toContain(lock);
    expect(refused.err).toContain('正被另一次运行写入');
    expect(refused.err).toContain('is being written by another run');
    expect(refused.err).not.toMatch(/\n\s+at /); // no stack trace
    expect(statSync(history).mtimeMs).toBe(before.mtimeMs);
    expect((await readHistoryFile(history)).snapshots).toHaveLength(1);
  }, 60_000);

  it('makes approve wait for the lock too, and refuses it by name when held past the wait', async () => {
    const history = tmp.path('approve.json');
    expect((await qdGrade(gradingArgs(0, history))).status).toBe(0);
    const lock = tmp.path('.approve.json.lock');
    writeFileSync(lock, JSON.stringify({ pid: process.pid, host: HOST, since: new Date().toISOString() }));
    const refused = await qdGrade(['approve', history, '--by', '李四'], { QD_LOCK_WAIT: '0.3' });
    expect(refused.status).toBe(3);
    expect(refused.err).toContain(lock);
    expect((await readHistoryFile(history)).trail.filter((t) => t.action === 'approved')).toHaveLength(0);
    unlinkSync(lock);
    const approved = await qdGrade(['approve', history, '--by', '李四'], { QD_LOCK_WAIT: '0.3' });
    expect({ status: approved.status, err: approved.err }).toEqual({ status: 0, err: '' });
    expect((await readHistoryFile(history)).trail.filter((t) => t.action === 'approved')).toHaveLength(1);
  }, 60_000);

  it('takes over the lock a killed run left (its process is gone) and records the grading', async () => {
    const history = tmp.path('orphan.json');
    writeFileSync(tmp.path('.orphan.json.lock'), JSON.stringify({ pid: 2 ** 22 + 1, host: HOST, since: '2026-01-01' }));
    const run = await qdGrade(gradingArgs(0, history), { QD_LOCK_WAIT: '0' });
    expect({ status: run.status, err: run.err }).toEqual({ status: 0, err: '' });
    expect((await readHistoryFile(history)).snapshots).toHaveLength(1);
  }, 60_000);
});
