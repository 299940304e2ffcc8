import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileRules, DEFAULT_COMPILED, DEFAULT_RULES, type RuleSet } from '../../src/core';
import type { CliIo } from '../../src/cli/cliIo';
import { main } from '../../src/cli/qdGrade';
import { sqlMain } from '../../src/cli/sqlCommand';
import { compileSql } from '../../src/sql';

async function run(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => (out += t), stderr: (t) => (err += t), isTerminal: false };
  const status = await sqlMain(argv, io);
  return { status, out, err };
}

const custom: RuleSet = {
  ...DEFAULT_RULES,
  name: '江苏分公司 2026',
  parameters: { ...DEFAULT_RULES.parameters, 'cost.deepBlue.max': 0.88, 'scale.A.min': 8_000_000 },
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qd-sql-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('qd-grade sql', () => {
  it('prints the script of the default rules, their fingerprint in the first line', async () => {
    const r = await run(['--date', '2026-04-10', '--kind', 'quarter']);
    expect(r.status).toBe(0);
    expect(r.out.split('\n')[0]).toContain(DEFAULT_COMPILED.fingerprint);
    expect(r.out).toBe(compileSql({ judgingDate: '2026-04-10', kind: 'quarter' }).sql);
  });

  it('writes the script with -o, leaving no temporary file, and DuckDB runs it', async () => {
    const target = join(dir, 'grade.sql');
    const r = await run(['--date=2026-04-10', '--kind=month', '--dialect', 'duckdb', '-o', target]);
    expect(r.status).toBe(0);
    expect(r.out).toContain(target);
    expect(readdirSync(dir)).toEqual(['grade.sql']);
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await c.run(`CREATE TABLE qd_policies (channel_code VARCHAR, service_area VARCHAR, stat_date DATE, premium DECIMAL(18,2), loss_ratio DECIMAL(9,6), expense_ratio DECIMAL(9,6));
      CREATE TABLE qd_channels (channel_code VARCHAR, channel_name VARCHAR, group_name VARCHAR, company VARCHAR, branch VARCHAR, start_date DATE, own_premium DECIMAL(18,2), group_own_premium DECIMAL(18,2));
      CREATE TABLE qd_nonmarket (branch VARCHAR, year INTEGER, actual_ratio DECIMAL(9,6), budget_ratio DECIMAL(9,6));
      INSERT INTO qd_policies VALUES ('Q1', '320104', DATE '2026-03-10', 600000, 0.55, 0.25);
      INSERT INTO qd_channels VALUES ('Q1', '一号', NULL, '江苏分公司', '南京', DATE '2025-01-01', 20000000, NULL);
      INSERT INTO qd_nonmarket VALUES ('南京', 2026, NULL, 0.1);`);
    await c.run(readFileSync(target, 'utf8'));
    const rows = (await c.runAndReadAll('SELECT class, cost_ratio, annual_scale, depth FROM qd_graded')).getRowsJson();
    c.closeSync();
    instance.closeSync();
    // 600,000 in March's 31 days: 600000 × 365 ÷ 31 = 7,064,516.12903226 (B); depth 35.3% (Ⅰ); cost exactly 90% (深蓝).
    expect(rows).toEqual([['深蓝-B-Ⅰ', 0.9, 7064516.12903226, 0.353225806451613]]);
  });

  it('takes the rules a workbook was graded with from its 分级规则 sheet', async () => {
    const rulesFile = join(dir, 'rules.json');
    writeFileSync(rulesFile, JSON.stringify(custom));
    const graded = join(dir, 'graded.xlsx');
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, isTerminal: false };
    expect(
      await main(
        [join(__dirname, '../../examples/demo-channels.xlsx'), '-o', graded, '--rules', rulesFile, '--quiet'],
        io,
      ),
    ).toBe(0);
    const fromBook = await run(['--date', '2026-04-10', '--kind', 'quarter', '--rules', graded]);
    const fromFile = await run(['--date', '2026-04-10', '--kind', 'quarter', '--rules', rulesFile]);
    const expected = compileRules(custom).fingerprint;
    expect(expected).not.toBe(DEFAULT_COMPILED.fingerprint);
    expect(fromBook.out.split('\n')[0]).toContain(expected);
    expect(fromFile.out.split('\n')[0]).toContain(expected);
    expect(fromBook.out).toContain("cost_r <= CAST('88000000000000000000' AS HUGEINT)");
  }, 60_000);

  it.each([
    [['--kind', 'quarter'], '--date'],
    [['--date', '2026-04-10'], '--kind'],
    [['--date', '2026-04-10', '--kind', 'prospective'], '--kind'],
    [['--date', '2026-04-10', '--kind', 'quarter', '--dialect', 'oracle'], '--dialect'],
    [['--date', '10/04/2026', '--kind', 'quarter'], 'YYYY-MM-DD'],
    [['--date', '2026-01-15', '--kind', 'recheck'], '1 月'],
  ])('refuses %j with status 2, naming %s', async (argv, named) => {
    const r = await run(argv);
    expect(r.status).toBe(2);
    expect(r.err).toContain(named);
    expect(r.out).toBe('');
  });

  it('refuses invalid rules with status 3, naming the key', async () => {
    const rulesFile = join(dir, 'bad.json');
    writeFileSync(
      rulesFile,
      JSON.stringify({ ...DEFAULT_RULES, parameters: { ...DEFAULT_RULES.parameters, 'cost.blue.max': 0.8 } }),
    );
    const r = await run(['--date', '2026-04-10', '--kind', 'quarter', '--rules', rulesFile]);
    expect(r.status).toBe(3);
    expect(r.err).toContain('cost.blue.max');
  });
});
