/*
 * Issue 22, "Leaked data", with the real command: a private workbook graded in place, or a private
 * history appended to, stays private (mode and group); the temporary copy a SIGKILLed run leaves
 * is private (0600) and the next run on that target removes it.
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeBigWorkbook } from '../../bench/bigWorkbook';
import { readHistoryFile } from '../../src/hosts/xlsx/historyFile';
import { NODE_PATH } from '../hosts/xlsx/childProcesses';
import { tempDir, writeXlsx } from '../hosts/xlsx/tempFiles';
import { qdGradeProcess } from './qdGradeProcess';
import { HEADER, quarterRows } from './twoQuarters';

const tmp = tempDir('qd-permissions-');
afterAll(() => tmp.cleanup());

let qdGrade: ReturnType<typeof qdGradeProcess>;
let input: string;
/** A group other than root's, to see it kept (root may give a file any group; others their own). */
const group = process.getuid?.() === 0 ? 1 : process.getgid?.();

function modeOf(path: string): number {
  return statSync(path).mode & 0o7777;
}

beforeAll(async () => {
  qdGrade = qdGradeProcess(tmp.path('qd-grade.cjs'));
  input = tmp.path('channels.xlsx');
  await writeXlsx(input, { 渠道: [HEADER, ...quarterRows(1)] as never });
}, 60_000);

describe('permissions kept by qd-grade', () => {
  it('grades a 0600 workbook in place with --record, and it stays 0600 with its group', async () => {
    const book = tmp.path('private.xlsx');
    copyFileSync(input, book);
    chmodSync(book, 0o600);
    if (group !== undefined) chownSync(book, statSync(book).uid, group);
    const run = await qdGrade([book, '-o', book, '--record', '--quiet', '--date', '2026-04-10']);
    expect({ status: run.status, err: run.err }).toEqual({ status: 0, err: '' });
    expect(modeOf(book)).toBe(0o600);
    if (group !== undefined) expect(statSync(book).gid).toBe(group);
    expect((await readHistoryFile(book)).snapshots).toHaveLength(1);
  }, 60_000);

  it('grades a 0600 CSV in place, and it stays 0600', async () => {
    const csv = tmp.path('private.csv');
    writeFileSync(csv, `${[HEADER, ...quarterRows(1)].map((r) => r.join(',')).join('\n')}\n`, { mode: 0o600 });
    const run = await qdGrade([csv, '-o', csv, '--quiet']);
    expect({ status: run.status, err: run.err }).toEqual({ status: 0, err: '' });
    expect(modeOf(csv)).toBe(0o600);
    expect(readFileSync(csv, 'utf8')).toContain('C1');
  }, 60_000);

  it('writes -o over an existing 0640 file and keeps its mode', async () => {
    const out = tmp.path('existing.xlsx');
    copyFileSync(input, out);
    chmodSync(out, 0o640);
    expect((await qdGrade([input, '-o', out, '--quiet'])).status).toBe(0);
    expect(modeOf(out)).toBe(0o640);
  }, 60_000);

  it.each(['private-history.json', 'private-history.xlsx'])(
    'appends to a 0600 %s, and it stays 0600',
    async (name) => {
      const history = tmp.path(name);
      const args = (i: number): string[] => [
        input,
        '-o',
        tmp.path(`out-${name}-${i}.xlsx`),
        '--history',
        history,
        '--date',
        '2026-04-10',
      ];
      expect((await qdGrade(args(0))).status).toBe(0);
      chmodSync(history, 0o600);
      expect((await qdGrade(args(1))).status).toBe(0);
      expect(modeOf(history)).toBe(0o600);
      expect((await readHistoryFile(history)).snapshots).toHaveLength(2);
    },
    60_000,
  );

  it('leaves a 0600 temporary file when SIGKILLed, and the next run removes it', async () => {
    const big = tmp.path('killed/big.xlsx');
    const folder = dirname(big);
    mkdirSync(folder);
    await writeBigWorkbook(big, 20_000);
    chmodSync(big, 0o600);
    const cli = tmp.path('qd-grade.cjs');
    const child = spawn(process.execPath, [cli, big, '-o', big, '--quiet'], { env: { ...process.env, NODE_PATH } });
    const ended = new Promise((r) => child.on('exit', r));
    const leftover = await new Promise<string | undefined>((resolve) => {
      const poll = setInterval(() => {
        const t = readdirSync(folder).find((f) => f.endsWith('.tmp'));
        if (t === undefined) return;
        clearInterval(poll);
        child.kill('SIGKILL'); // no handler runs: the temporary file stays
        resolve(t);
      }, 2);
      void ended.then(() => {
        clearInterval(poll);
        resolve(undefined);
      });
    });
    await ended;
    expect(leftover).toMatch(/^\.big\.xlsx\.\d+-[0-9a-f]{6}-[0-9a-f]{16}\.tmp$/);
    expect(modeOf(join(folder, leftover ?? ''))).toBe(0o600);
    const next = await qdGrade([big, '-o', big, '--quiet']);
    expect(next.status).toBe(0);
    expect(readdirSync(folder)).toEqual([basename(big)]);
    expect(modeOf(big)).toBe(0o600);
  }, 120_000);
});
