/*
 * A large channel sheet other software wrote (scripts/corpus/make_large.py, XlsxWriter): 5,000 rows
 * with every kind of cell value, many styles, rich text, strings of thousands of characters,
 * characters outside the BMP and XML specials — so a cell, string or character cut by a read
 * boundary of the streamed row rewriting shows up in the openpyxl oracle (issue 12: "every input
 * cell is unchanged").
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, type CliIo } from '../../../src/cli/qdGrade';
import {
  CHANNEL_SHEET,
  SCRIPTS,
  cellDump,
  generatorsAvailable,
  type OracleBook,
  type OracleCell,
} from '../../support/corpus';
import { diffPackages, readZip } from '../../support/packageDiff';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-corpus-large-');
afterAll(() => tmp.cleanup());

const ROWS = 5000;
const canGenerate = generatorsAvailable();

async function run(argv: string[]): Promise<{ status: number; err: string }> {
  let err = '';
  const io: CliIo = { stdout: () => undefined, stderr: (t) => (err += t), isTerminal: false };
  return { status: await main(argv, io), err };
}

function sheets(book: OracleBook | undefined): Record<string, Record<string, OracleCell>> {
  if (book === undefined || 'error' in book) throw new Error(`openpyxl cannot read it: ${JSON.stringify(book)}`);
  return book;
}

(canGenerate ? describe : describe.skip)(
  `a large channel sheet XlsxWriter wrote (${ROWS.toLocaleString('en')} rows, every kind of value, long strings, characters outside the BMP)`,
  () => {
    const input = tmp.path('large.xlsx');
    const output = tmp.path('large-graded.xlsx');
    const again = tmp.path('large-regraded.xlsx');
    let first: { status: number; err: string } = { status: -1, err: 'not run' };
    let second: { status: number; err: string } = { status: -1, err: 'not run' };
    let dump: Record<string, OracleBook> = {};

    beforeAll(async () => {
      execFileSync('/usr/bin/python3', [join(SCRIPTS, 'make_large.py'), input, String(ROWS)], { stdio: 'ignore' });
      jest.useFakeTimers({
        now: new Date('2026-11-30T09:00:00Z'),
        doNotFake: [
          'nextTick',
          'queueMicrotask',
          'setImmediate',
          'clearImmediate',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'hrtime',
          'performance',
        ],
      });
      try {
        first = await run([input, '-o', output, '--sheet', CHANNEL_SHEET, '--quiet']);
        if (first.status === 0) second = await run([output, '-o', again, '--sheet', CHANNEL_SHEET, '--quiet']);
      } finally {
        jest.useRealTimers();
      }
      if (first.status === 0) dump = cellDump([input, output]);
    }, 120_000);

    it('grades it and exits 0', () => {
      expect(first).toEqual({ status: 0, err: '' });
    });

    it('keeps every one of its cells as it was, wherever the reads cut the XML', () => {
      const before = sheets(dump[input])[CHANNEL_SHEET] ?? {};
      const after = sheets(dump[output])[CHANNEL_SHEET] ?? {};
      expect(Object.keys(before).length).toBeGreaterThan(ROWS * 10);
      const changed = Object.entries(before)
        .filter(([ref, cell]) => JSON.stringify(after[ref]) !== JSON.stringify(cell))
        .slice(0, 5)
        .map(([ref, cell]) => ({ ref, before: cell, after: after[ref] ?? null }));
      expect(changed).toEqual([]);
    });

    it('writes the output columns on every data row, after the last input column (L)', () => {
      const after = sheets(dump[output])[CHANNEL_SHEET] ?? {};
      expect(after.M1?.[0]).toBe('经营成本率');
      const withOutput = new Set<number>();
      for (const ref of Object.keys(after)) {
        const m = /^([A-Z]+)(\d+)$/.exec(ref);
        // Output columns: M onwards (two letters or M–Z).
        if (m && ((m[1] ?? '').length > 1 || (m[1] ?? '') >= 'M')) withOutput.add(Number(m[2]));
      }
      const missing: number[] = [];
      for (let r = 2; r <= ROWS + 1 && missing.length < 5; r++) if (!withOutput.has(r)) missing.push(r);
      expect(missing).toEqual([]);
    });

    it('gives the same package when graded again', () => {
      expect(second).toEqual({ status: 0, err: '' });
      const diff = diffPackages(readZip(readFileSync(output)), readZip(readFileSync(again)));
      expect({ added: diff.added, removed: diff.removed, changed: diff.changed }).toEqual({
        added: [],
        removed: [],
        changed: [],
      });
    });
  },
);
