import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_COMPILED } from '../../src/core';
import { SQL_DIALECTS, compileSql } from '../../src/sql';

const sqlDir = join(__dirname, '../../src/sql');

describe('the SQL compiler', () => {
  it.each(readdirSync(sqlDir).filter((f) => f.endsWith('.ts')))(
    '%s is pure: it imports only core and its own modules',
    (file) => {
      const text = readFileSync(join(sqlDir, file), 'utf8');
      const imports = [...text.matchAll(/(?:from|import)\s+['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
      expect(imports.filter((m) => !(m.startsWith('./') || m.startsWith('../core')))).toEqual([]);
    },
  );

  it('labels its dialects Chinese first, duckdb the default', () => {
    expect(SQL_DIALECTS.map((d) => d.id)).toEqual(['duckdb', 'postgres', 'spark']);
    for (const d of SQL_DIALECTS) expect(d.label.zh).not.toBe('');
    expect(compileSql({ judgingDate: '2026-04-10', kind: 'quarter' }).dialect).toBe('duckdb');
  });

  it('writes the spark script with the same generator, only the dialect parts differ (Spark itself cannot run here)', () => {
    const spark = compileSql({ judgingDate: '2026-04-10', kind: 'quarter', dialect: 'spark' });
    const duck = compileSql({ judgingDate: '2026-04-10', kind: 'quarter', dialect: 'duckdb' });
    expect(spark.sql).toContain(' DIV ');
    expect(spark.sql).toContain('datediff(DATE');
    expect(spark.sql).toContain('AS DECIMAL(38, 0)');
    expect(spark.sql).not.toMatch(/HUGEINT|MATERIALIZED|\/\/|VARCHAR/);
    expect(duck.sql).not.toMatch(/ DIV |datediff|STRING\)/);
    // Same views, same thresholds, same fingerprint.
    for (const view of ['qd_policy_sums', 'qd_prepared', 'qd_graded', 'qd_not_prepared'])
      expect(spark.sql).toContain(`CREATE OR REPLACE VIEW ${view} AS`);
    expect(spark.fingerprint).toBe(DEFAULT_COMPILED.fingerprint);
    expect(spark.sql.split('\n')[0]).toContain(DEFAULT_COMPILED.fingerprint);
  });

  it('takes the window and non-market source from core: a quarter judged 2026-04-10 reads Q1 2026 with the 2026 budget', () => {
    const { sql, window } = compileSql({ judgingDate: '2026-04-10', kind: 'quarter' });
    expect(window).toEqual({ start: '2026-01-01', end: '2026-03-31' });
    expect(sql).toContain('x.year = 2026 AND x.budget_ratio IS NOT NULL');
    expect(compileSql({ judgingDate: '2026-01-20', kind: 'annual' }).sql).toContain('x.year = 2025 AND x.actual_ratio');
  });
});
