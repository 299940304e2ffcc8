/*
 * The slowest inputs per byte the XML reader has met, timed through the qd-grade command line:
 *
 *   npx tsx test/hosts/xlsx/fuzz/slowInputs.ts [DIR] [-- CLI.ts]
 *
 * Writes to DIR (default a temporary folder) a workbook whose sheet has 30 MB of white space before
 * `<sheetData>` (33 KB zipped), one with 2,000,000 nested elements there, and ones with an 8 MB and a
 * 40 MB cell, then runs qd-grade on each in a child process and prints its exit status, wall time and
 * peak memory (from /usr/bin/time when present). CLI.ts may be a bundle (`.cjs`, run with node) of
 * another version, to compare; QD_SLOW_TIMEOUT (ms) bounds each run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { channelWorkbookParts, writeWorkbook } from './workbooks';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

function sheetWith(head: string, rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}">${head}<sheetData>${rows}</sheetData></worksheet>`;
}

/** The hostile workbooks: name → parts. */
export function slowWorkbooks(): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const base = channelWorkbookParts();
  const sheet = base.get('xl/worksheets/sheet1.xml') as string;
  const rows = sheet.slice(sheet.indexOf('<sheetData>') + 11, sheet.indexOf('</sheetData>'));
  const whitespace = new Map(base);
  whitespace.set('xl/worksheets/sheet1.xml', sheetWith(' '.repeat(30 * 2 ** 20), rows));
  out.set('whitespace-30MB', whitespace);
  const nested = new Map(base);
  nested.set(
    'xl/worksheets/sheet1.xml',
    sheetWith(`<extLst>${'<a>'.repeat(2_000_000)}${'</a>'.repeat(2_000_000)}</extLst>`, rows),
  );
  out.set('nested-2M', nested);
  for (const mb of [8, 40]) {
    const big = new Map(base);
    // Letters from a fixed pseudo-random sequence: the part deflates about 1.6:1, far within the zip-bomb limits.
    let seed = 1;
    const text = Buffer.alloc(mb * 2 ** 20);
    for (let i = 0; i < text.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      text[i] = 97 + ((seed >>> 16) % 26);
    }
    const cell = `<row r="5"><c r="A5" t="inlineStr"><is><t>${text.toString('latin1')}</t></is></c></row>`;
    big.set('xl/worksheets/sheet1.xml', sheetWith('', rows + cell));
    out.set(`cell-${mb}MB`, big);
  }
  return out;
}

function main(): void {
  const args = process.argv.slice(2);
  const sep = args.indexOf('--');
  const cli = resolve(
    sep >= 0 ? (args[sep + 1] as string) : join(__dirname, '..', '..', '..', '..', 'src', 'cli', 'bin.ts'),
  );
  const dir = (sep === 0 ? undefined : args[0]) ?? mkdtempSync(join(tmpdir(), 'qd-slow-'));
  const tsx = resolve(__dirname, '..', '..', '..', '..', 'node_modules', '.bin', 'tsx');
  const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
  for (const [name, parts] of slowWorkbooks()) {
    const file = join(dir, `${name}.xlsx`);
    writeWorkbook(file, parts);
    const started = process.hrtime.bigint();
    const runner = cli.endsWith('.cjs') ? process.execPath : tsx;
    const argv = [runner, cli, file, '-o', join(dir, `${name}.graded.xlsx`), '--quiet'];
    const r = time
      ? spawnSync(time, ['-f', '%M', ...argv], {
          encoding: 'utf8',
          timeout: Number(process.env.QD_SLOW_TIMEOUT ?? 600_000),
        })
      : spawnSync(argv[0] as string, argv.slice(1), {
          encoding: 'utf8',
          timeout: Number(process.env.QD_SLOW_TIMEOUT ?? 600_000),
        });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const lines = (r.stderr ?? '').trim().split('\n');
    const peak = time ? `${Math.round(Number(lines.pop()) / 1024)} MB peak` : '';
    process.stdout.write(
      `${name}: ${statSync(file).size.toLocaleString('en-US')} bytes zipped, exit ${r.status ?? r.signal}, ${Math.round(ms).toLocaleString('en-US')} ms, ${peak}${lines.length > 0 && lines[0] ? `\n  ${lines.join('\n  ').slice(0, 400)}` : ''}\n`,
    );
  }
}

if (require.main === module) main();
