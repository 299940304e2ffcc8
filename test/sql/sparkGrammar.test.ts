/**
 * Spark cannot run here (neither Debian nor npm ships it), so the `spark` script is checked by a real
 * Spark SQL grammar instead: dt-sql-parser's ANTLR port of Spark's and Hive's own grammars (issue 26,
 * item 3). The package is published as ES modules with directory imports that Node does not resolve,
 * so it is bundled by esbuild once for this suite.
 */
import { buildSync } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_RULES, type RuleSet } from '../../src/core';
import { compileSql } from '../../src/sql';

interface Validator {
  validate(sql: string): readonly { readonly message: string; readonly startLine: number }[];
}
interface Grammars {
  readonly SparkSQL: new () => Validator;
  readonly HiveSQL: new () => Validator;
}

function loadGrammars(): Grammars {
  const out = buildSync({
    stdin: { contents: "export { SparkSQL, HiveSQL } from 'dt-sql-parser';", resolveDir: resolve(__dirname, '../..') },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  const file = join(mkdtempSync(join(tmpdir(), 'qd-spark-grammar-')), 'dt-sql-parser.cjs');
  writeFileSync(file, out.outputFiles[0]?.text ?? '');
  return createRequire(__filename)(file) as Grammars;
}

const grammars = loadGrammars();
// An annual grading reads the actual non-market ratio, an in-year one the budget: the two shapes of the script.
const KINDS = ['annual', 'quarter'] as const;
const EDITED: RuleSet = {
  ...DEFAULT_RULES,
  parameters: { ...DEFAULT_RULES.parameters, 'cost.deepBlue.max': 0.88, 'scale.A.min': 8_000_000 },
};

describe("the spark script against Spark's own grammar", () => {
  it.each(KINDS)('parses as Spark SQL for a %s grading', (kind) => {
    const { sql } = compileSql({ judgingDate: '2026-04-10', kind, dialect: 'spark' });
    expect(new grammars.SparkSQL().validate(sql)).toEqual([]);
  });

  it('parses as Hive SQL too', () => {
    const { sql } = compileSql({ judgingDate: '2026-04-10', kind: 'quarter', dialect: 'spark' });
    expect(new grammars.HiveSQL().validate(sql)).toEqual([]);
  });

  it('parses with an edited rule set', () => {
    const { sql } = compileSql({ judgingDate: '2026-04-10', kind: 'quarter', dialect: 'spark', rules: EDITED });
    expect(new grammars.SparkSQL().validate(sql)).toEqual([]);
  });

  it('is a real check: the grammar refuses syntax Spark does not have', () => {
    expect(new grammars.SparkSQL().validate('SELECT 7 // 2 AS x').length).toBeGreaterThan(0);
  });
});
