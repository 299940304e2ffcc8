/*
 * The child process of the warehouse bench: loads the extract, master and non-market CSV files into
 * an in-memory DuckDB (as a warehouse holds them in tables), maps them onto qd_policies, qd_channels
 * and qd_nonmarket with views (as a warehouse team would), then runs the `qd-grade sql` script for a
 * quarter and materializes qd_graded. Prints one JSON line: load and script times, counts, CPU time.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { compileSql } from '../src/sql';

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function lit(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}

async function main(): Promise<void> {
  const [extract, master, nonMarket] = process.argv.slice(2);
  if (!extract || !master || !nonMarket) throw new Error('usage: warehouseChild EXTRACT MASTER NONMARKET');
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  let t = performance.now();
  await c.run(`CREATE TABLE policy_extract AS SELECT * FROM read_csv(${lit(extract)}, header = true, columns = {
    'channel_code': 'VARCHAR', 'service_area': 'VARCHAR', 'stat_date': 'DATE', 'premium': 'DECIMAL(18, 2)',
    'loss_ratio': 'DECIMAL(12, 6)', 'expense_ratio': 'DECIMAL(12, 6)', 'policy_no': 'VARCHAR'})`);
  await c.run(`CREATE TABLE channel_master AS SELECT * FROM read_csv(${lit(master)}, header = true, columns = {
    'channel_code': 'VARCHAR', 'channel_name': 'VARCHAR', 'group_name': 'VARCHAR', 'company': 'VARCHAR',
    'branch': 'VARCHAR', 'start_date': 'DATE', 'own_premium': 'DECIMAL(18, 2)', 'group_own_premium': 'DECIMAL(18, 2)'})`);
  await c.run(`CREATE TABLE nonmarket_ratios AS SELECT * FROM read_csv(${lit(nonMarket)}, header = true, columns = {
    'branch': 'VARCHAR', 'year': 'INTEGER', 'actual_ratio': 'DECIMAL(12, 6)', 'budget_ratio': 'DECIMAL(12, 6)'})`);
  const loadMs = performance.now() - t;
  await c.run(`CREATE VIEW qd_policies AS SELECT channel_code, service_area, stat_date, premium, loss_ratio, expense_ratio FROM policy_extract;
    CREATE VIEW qd_channels AS SELECT * FROM channel_master;
    CREATE VIEW qd_nonmarket AS SELECT * FROM nonmarket_ratios;`);
  t = performance.now();
  await c.run(compileSql({ judgingDate: '2026-04-10', kind: 'quarter' }).sql);
  await c.run('CREATE TABLE graded AS SELECT * FROM qd_graded');
  const scriptMs = performance.now() - t;
  const counts = (
    await c.runAndReadAll(
      `SELECT (SELECT COUNT(*) FROM policy_extract), (SELECT COUNT(*) FROM graded),
        (SELECT COUNT(*) FROM graded WHERE problem IS NULL), (SELECT COUNT(*) FROM qd_not_prepared)`,
    )
  ).getRowsJson()[0] as string[];
  c.closeSync();
  instance.closeSync();
  process.stdout.write(
    `${JSON.stringify({
      loadMs,
      scriptMs,
      rows: Number(counts[0]),
      channels: Number(counts[1]),
      graded: Number(counts[2]),
      notPrepared: Number(counts[3]),
      cpuMs: cpuMs(),
    })}\n`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
