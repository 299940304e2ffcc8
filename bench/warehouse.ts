/**
 * 6. The warehouse path (CONTRACT.md §7): DuckDB runs the `qd-grade sql` script over the seeded
 * policy extract of the preparation bench, beside `qd-grade prepare` on the same file. Each runs in a
 * fresh process, so its peak RSS is its own. DuckDB's time is split into loading the CSV files into
 * tables (what a warehouse has already done) and running the script over them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { PREPARE_BENCH_ROWS } from './prepare';
import { masterCsv, nonMarketCsv, syntheticChannels, writeSyntheticExtract } from './prepareData';

function runChild(args: string[], report: string): { ms: number; maxRssMb: number; out: string } {
  const out = execFileSync(
    process.execPath,
    ['--require', join(__dirname, '..', '..', 'bench', 'report-rss.cjs'), ...args],
    { env: { ...process.env, QD_BENCH_REPORT: report }, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return { ...(JSON.parse(readFileSync(report, 'utf8')) as { ms: number; maxRssMb: number }), out };
}

function bundle(root: string, entry: string, outfile: string): string {
  buildSync({
    entryPoints: [join(root, 'bench', entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    outfile: join(root, 'dist', 'bench', outfile),
    logLevel: 'warning',
  });
  return join(root, 'dist', 'bench', outfile);
}

export async function warehouseBench(rows = PREPARE_BENCH_ROWS): Promise<Record<string, number>> {
  const root = join(__dirname, '..', '..');
  const prepareChild = bundle(root, 'prepareChild.ts', 'prepare-child.cjs');
  const duckChild = bundle(root, 'warehouseChild.ts', 'warehouse-child.cjs');
  const dir = mkdtempSync(join(tmpdir(), 'qd-bench-warehouse-'));
  try {
    const channels = syntheticChannels(20_000);
    const extract = join(dir, 'policies.csv');
    await writeSyntheticExtract(extract, rows, channels);
    writeFileSync(join(dir, 'channels.csv'), masterCsv(channels));
    writeFileSync(join(dir, 'ratios.csv'), nonMarketCsv());
    const report = join(dir, 'r.json');
    const files = [extract, join(dir, 'channels.csv'), join(dir, 'ratios.csv')];
    const prep = runChild([prepareChild, 'prepare', ...files], report);
    const duck = runChild([duckChild, ...files], report);
    const p = JSON.parse(prep.out) as { read: number; channels: number };
    const d = JSON.parse(duck.out) as {
      loadMs: number;
      scriptMs: number;
      rows: number;
      channels: number;
      cpuMs: number;
    };
    if (d.rows !== rows || p.read !== rows) throw new Error(`read ${p.read} and ${d.rows} rows of ${rows}`);
    if (d.channels !== p.channels)
      throw new Error(`SQL prepared ${d.channels} channels, qd-grade prepare ${p.channels}`);
    return {
      warehouse_rows: rows,
      warehouse_channels: d.channels,
      warehouse_prepare_ms: Math.round(prep.ms),
      warehouse_prepare_rows_per_s: Math.round((rows / prep.ms) * 1000),
      warehouse_prepare_peak_rss_mb: Math.round(prep.maxRssMb),
      warehouse_duckdb_load_ms: Math.round(d.loadMs),
      warehouse_duckdb_script_ms: Math.round(d.scriptMs),
      warehouse_duckdb_script_rows_per_s: Math.round((rows / d.scriptMs) * 1000),
      warehouse_duckdb_total_ms: Math.round(duck.ms),
      warehouse_duckdb_cpu_ms: Math.round(d.cpuMs),
      warehouse_duckdb_peak_rss_mb: Math.round(duck.maxRssMb),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
