/*
 * npm run bench: every comparison measured side by side in one run on this machine; prints a table
 * and writes bench/results.json. Figures are medians of several runs after a warm-up; data are seeded.
 */
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineBench } from './engine';
import { excelHostBench } from './excelHost';
import { formulasBench } from './formulas';
import { prepareBench } from './prepare';
import { functionsBench } from './functions';
import { sheetBench } from './sheet';
import { warehouseBench } from './warehouse';

const TARGETS: Record<string, string> = {
  engine_rows_per_s: '≥ 2,000,000',
  engine_vs_all_decimal: '≥ 20×',
  plain_formula_misgrades: '(plain formulas)',
  qd_formula_misgrades: '0',
  cli_vs_io_floor: '≤ 1.3×',
  cli_vs_io_floor_cpu: '(CPU time, same runs)',
  cli_peak_rss_mb: '< 1024',
  cli_1m_peak_rss_mb: '< 1024, flat in rows',
  excel_syncs_100k: '≤ 6 + rows ÷ chunk a pass (read, write) = 16',
  excel_max_payload_bytes: '< 5,242,880',
  prepare_rows_per_cpu_s: '≥ 1,000,000',
  prepare_peak_rss_mb: 'flat',
  warehouse_duckdb_script_rows_per_s: '(DuckDB, the qd-grade sql script)',
};

async function main(): Promise<void> {
  const started = Date.now();
  const results: Record<string, number | string> = {
    measured_at: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  };
  for (const [name, bench] of [
    ['engine', engineBench],
    ['functions', functionsBench],
    ['formula peer', formulasBench],
    ['excel host', excelHostBench],
    ['sheet grading', sheetBench],
    ['preparation', prepareBench],
    ['warehouse sql', warehouseBench],
  ] as const) {
    process.stderr.write(`bench: ${name}…\n`);
    Object.assign(results, await bench());
  }
  const qdMs = Number(results.qd_formula_ms);
  results.qd_vs_plain_formula = Number((Number(results.plain_formula_ms) / Math.max(1, qdMs)).toFixed(1));
  TARGETS.qd_vs_plain_formula = '≥ 10×';
  delete results.engine_sink;
  results.bench_seconds = Math.round((Date.now() - started) / 1000);
  writeFileSync(join(__dirname, '..', '..', 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const rows = Object.entries(results).map(
    ([k, v]) => `| ${k} | ${typeof v === 'number' ? v.toLocaleString('en-US') : v} | ${TARGETS[k] ?? ''} |`,
  );
  console.log(['| measure | value | target |', '|---|---|---|', ...rows].join('\n'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
