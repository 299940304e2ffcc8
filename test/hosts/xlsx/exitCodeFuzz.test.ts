/*
 * Issue 22, item 5: every failure a user can cause ends with exit 2 or 3 and a message in both
 * languages. Corpus workbooks and a generated one are truncated, bit-flipped and spliced (seeded
 * through fast-check) and graded by qd-grade's command line in-process: no run may throw (the
 * executable's exit 1 with a stack trace), and every refusal names the problem in Chinese and English.
 * A damaged copy that still grades (a flipped bit in a date field) may exit 0.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { main, type CliIo } from '../../../src/cli/qdGrade';
import { corpusSources } from './fuzz/differential';
import { channelWorkbookParts, rawZip } from './fuzz/workbooks';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-exit-fuzz-');
afterAll(() => tmp.cleanup());

const sources = (): Buffer[] => [
  rawZip([...channelWorkbookParts()].map(([name, data]) => ({ name, data }))),
  ...corpusSources()
    .filter((f) => !f.includes('shared'))
    .slice(0, 8)
    .map((f) => readFileSync(f)),
];

type Damage =
  | { kind: 'cut'; at: number }
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'splice'; at: number; other: number; from: number };

function damaged(all: readonly Buffer[], i: number, d: Damage): Buffer {
  const b = all[i] as Buffer;
  const at = Math.floor(d.at * b.length);
  if (d.kind === 'cut') return b.subarray(0, at);
  if (d.kind === 'flip') {
    const c = Buffer.from(b);
    c[at] = (c[at] as number) ^ (1 << d.bit);
    return c;
  }
  const o = all[d.other % all.length] as Buffer;
  return Buffer.concat([b.subarray(0, at), o.subarray(Math.floor(d.from * o.length))]);
}

it('ends every damaged workbook with exit 0, 2 or 3 and a message in both languages, never a stack trace', async () => {
  const all = sources();
  const damage: fc.Arbitrary<Damage> = fc.oneof(
    fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({
      kind: fc.constant('flip' as const),
      at: fc.double({ min: 0, max: 0.999, noNaN: true }),
      bit: fc.integer({ min: 0, max: 7 }),
    }),
    fc.record({
      kind: fc.constant('splice' as const),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      other: fc.nat(),
      from: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  );
  const cases = fc.sample(fc.tuple(fc.nat({ max: all.length - 1 }), damage), { seed: 22, numRuns: 1000 });
  const statuses = new Map<number, number>();
  const problems: string[] = [];
  for (const [k, [i, d]] of cases.entries()) {
    const file = tmp.path(`case-${k}.xlsx`);
    writeFileSync(file, damaged(all, i, d));
    let err = '';
    const io: CliIo = { stdout: () => undefined, stderr: (t) => (err += t), isTerminal: false };
    let status: number;
    try {
      status = await main([file, '-o', tmp.path(`case-${k}.out.xlsx`), '--quiet'], io);
    } catch (e) {
      problems.push(
        `case ${k} (${JSON.stringify(d)} of source ${i}): threw ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      continue;
    }
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (![0, 2, 3].includes(status)) problems.push(`case ${k}: exit ${status}`);
    if (status !== 0 && !(/[\u4e00-\u9fff]/.test(err) && /[A-Za-z]{4,}/.test(err)))
      problems.push(`case ${k}: message not in both languages: ${err}`);
    if (/\n\s+at [\w.<]+ \(/.test(err)) problems.push(`case ${k}: stack trace: ${err}`);
  }
  process.stdout.write(
    `exit-code fuzz: ${cases.length} damaged workbooks, exit statuses ${JSON.stringify([...statuses])}\n`,
  );
  expect(problems).toEqual([]);
}, 240_000);
