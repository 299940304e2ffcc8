/**
 * 5. Preparation (RULES.md §5.2): a seeded 10-million-row policy extract (CSV, generated into a temp
 * folder) prepared for a quarter as `qd-grade prepare` does, against just reading and decoding the
 * same file. Each is a fresh process, so its peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { masterCsv, nonMarketCsv, syntheticChannels, writeSyntheticExtract } from './prepareData';

function runChild(args: string[], report: string): { ms: number; maxRssMb: number; out: string } {
  const out = execFileSync(
    process.execPath,
    ['--require', join(__dirname, '..', '..', 'bench', 'report-rss.cjs'), ...args],
    { env: { ...process.env, QD_BENCH_REPORT: report }, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return { ...(JSON.parse(readFileSync(report, 'utf8')) as { ms: number; maxRssMb: number }), out };
}

/** Rows of the bench extract (the issue asks for ten million). */
export const PREPARE_BENCH_ROWS = 10_000_000;

export async function prepareBench(rows = PREPARE_BENCH_ROWS): Promise<Record<string, number>> {
  const root = join(__dirname, '..', '..');
  const child = join(root, 'dist', 'bench', 'prepare-child.cjs');
  buildSync({
    entryPoints: [join(root, 'bench', 'prepareChild.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile: child,
    logLevel: 'warning',
  });
  const dir = mkdtempSync(join(tmpdir(), 'qd-bench-prepare-'));
  try {
    const channels = syntheticChannels(20_000);
    const extract = join(dir, 'policies.csv');
    await writeSyntheticExtract(extract, rows, channels);
    writeFileSync(join(dir, 'channels.csv'), masterCsv(channels));
    writeFileSync(join(dir, 'ratios.csv'), nonMarketCsv());
    const report = join(dir, 'r.json');
    const read = runChild([child, 'read', extract], report);
    const prep = runChild([child, 'prepare', extract, join(dir, 'channels.csv'), join(dir, 'ratios.csv')], report);
    const counts = JSON.parse(prep.out) as { read: number; used: number; cpuMs: number };
    const readCpu = (JSON.parse(read.out) as { cpuMs: number }).cpuMs;
    if (counts.read !== rows) throw new Error(`prepare read ${counts.read} rows of ${rows}`);
    return {
      prepare_rows: rows,
      prepare_file_mb: Math.round(statSync(extract).size / 2 ** 20),
      prepare_rows_used: counts.used,
      prepare_ms: Math.round(prep.ms),
      prepare_rows_per_s: Math.round((rows / prep.ms) * 1000),
      prepare_cpu_ms: Math.round(counts.cpuMs),
      prepare_rows_per_cpu_s: Math.round((rows / counts.cpuMs) * 1000),
      prepare_peak_rss_mb: Math.round(prep.maxRssMb),
      read_only_ms: Math.round(read.ms),
      read_only_cpu_ms: Math.round(readCpu),
      read_only_peak_rss_mb: Math.round(read.maxRssMb),
      prepare_vs_read_only: Number((prep.ms / read.ms).toFixed(2)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
