/**
 * 4. Sheet grading: a 100,000-row .xlsx through qd-grade, against the I/O floor of issue 12 (unzip
 * and parse the sheet, write its XML with the added columns, zip; same libraries, no grading). Each
 * is a fresh process; the two take turns (7 runs each), so a change in the machine's load falls on
 * both; medians of wall time and of CPU time (user + system). Then qd-grade once on 1,000,000 rows
 * for its time and peak memory.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoWorkbook } from '../examples/makeDemoWorkbook';
import { writeBigWorkbook } from './bigWorkbook';
import { median } from './timing';

/** Runs of each, taking turns: the VM's speed swings by ±10% between runs, so medians of seven. */
const RUNS = 7;

/** The heap cap qd-grade runs with, as bin/qd-grade.cjs starts it. */
const QD_GRADE_HEAP = '--max-old-space-size=768';

function runChild(
  args: string[],
  report: string,
  heap = '--max-old-space-size=4096',
): { ms: number; cpuMs: number; maxRssMb: number } {
  execFileSync(process.execPath, [heap, '--require', join(__dirname, '..', '..', 'bench', 'report-rss.cjs'), ...args], {
    stdio: 'ignore',
    env: { ...process.env, QD_BENCH_REPORT: report },
  });
  return JSON.parse(readFileSync(report, 'utf8')) as { ms: number; cpuMs: number; maxRssMb: number };
}

export async function sheetBench(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'qd-bench-'));
  try {
    const input = join(dir, 'channels.xlsx');
    await writeDemoWorkbook(input, 100_000);
    const root = join(__dirname, '..', '..');
    const cli = join(root, 'dist', 'cli', 'qd-grade.cjs');
    const floor = join(root, 'dist', 'bench', 'io-floor.cjs');
    const grade: ReturnType<typeof runChild>[] = [];
    const io: ReturnType<typeof runChild>[] = [];
    for (let k = 0; k < RUNS; k++) {
      grade.push(runChild([cli, input, '-o', join(dir, 'graded.xlsx'), '--quiet'], join(dir, 'r.json'), QD_GRADE_HEAP));
      // The same heap cap for both: the floor is measured as qd-grade runs.
      io.push(runChild([floor, input, join(dir, 'copy.xlsx')], join(dir, 'r.json'), QD_GRADE_HEAP));
    }
    const cliMs = median(grade.map((g) => g.ms));
    const ioMs = median(io.map((g) => g.ms));
    const cliCpu = median(grade.map((g) => g.cpuMs));
    const ioCpu = median(io.map((g) => g.cpuMs));
    const million = join(dir, 'million.xlsx');
    rmSync(input);
    await writeBigWorkbook(million, 1_000_000);
    const big = runChild(
      [cli, million, '-o', join(dir, 'million.graded.xlsx'), '--quiet'],
      join(dir, 'r.json'),
      QD_GRADE_HEAP,
    );
    return {
      cli_1m_ms: Math.round(big.ms),
      cli_1m_peak_rss_mb: Math.round(big.maxRssMb),
      cli_100k_ms: Math.round(cliMs),
      io_floor_100k_ms: Math.round(ioMs),
      cli_vs_io_floor: Number((cliMs / ioMs).toFixed(2)),
      cli_100k_cpu_ms: Math.round(cliCpu),
      io_floor_100k_cpu_ms: Math.round(ioCpu),
      cli_vs_io_floor_cpu: Number((cliCpu / ioCpu).toFixed(2)),
      cli_peak_rss_mb: Math.round(Math.max(...grade.map((g) => g.maxRssMb))),
      io_floor_peak_rss_mb: Math.round(Math.max(...io.map((g) => g.maxRssMb))),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
