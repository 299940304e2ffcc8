import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRules, parseDateText, type CivilDate } from '../../src/core';
import { prepareFiles } from '../../src/cli/prepareCommand';
import { compileSql, type SqlKind } from '../../src/sql';
import { postgresAvailable, startPostgres, type PgServer } from './postgresServer';
import { comparable, demoExtract, gradePrepared, runDuckDb, runPostgres, type Extract } from './sqlHarness';

const examples = join(__dirname, '../../examples');
const files = {
  extract: join(examples, 'demo-extract.csv'),
  master: join(examples, 'demo-master.csv'),
  nonMarket: join(examples, 'demo-nonmarket.csv'),
};
const rules = compileRules();
let extract: Extract;

beforeAll(() => {
  extract = demoExtract(
    readFileSync(files.extract, 'utf8'),
    readFileSync(files.master, 'utf8'),
    readFileSync(files.nonMarket, 'utf8'),
  );
});

/** What `qd-grade prepare` gives for the demo files (read by its own CSV reader), graded. */
async function prepared(date: string, kind: SqlKind) {
  const result = await prepareFiles({ ...files, date: parseDateText(date) as CivilDate, kind });
  return comparable(gradePrepared(result, rules));
}

describe('the warehouse script on DuckDB gives every channel of the demo extract the figures and class qd-grade prepare gives', () => {
  it.each([
    ['2026-04-10', 'quarter'],
    ['2026-01-20', 'annual'],
    ['2026-03-05', 'threemonths'],
    ['2026-04-10', 'month'],
  ] as const)('judged %s, %s', async (date, kind) => {
    const engine = await prepared(date, kind);
    const { sql, fingerprint } = compileSql({ judgingDate: date, kind, rules });
    const duck = await runDuckDb(extract, sql);
    expect(Object.keys(engine.graded).length).toBeGreaterThan(10);
    expect(comparable(duck)).toEqual(engine);
    expect(new Set(duck.raw.map((r) => r[24]))).toEqual(new Set([fingerprint]));
  });
});

describe('the warehouse script on PostgreSQL 15 gives every channel of the demo extract the figures and class qd-grade prepare gives', () => {
  const available = postgresAvailable();
  let pg: PgServer | null = null;
  beforeAll(() => {
    if (available) pg = startPostgres();
  }, 60_000);
  afterAll(() => pg?.stop());

  (available ? it : it.skip)(
    'judged 2026-04-10, quarter',
    async () => {
      const engine = await prepared('2026-04-10', 'quarter');
      const { sql, fingerprint } = compileSql({
        judgingDate: '2026-04-10',
        kind: 'quarter',
        dialect: 'postgres',
        rules,
      });
      const out = runPostgres(pg as PgServer, extract, sql);
      expect(comparable(out)).toEqual(engine);
      expect(sql.split('\n')[0]).toContain(fingerprint);
      expect(new Set(out.raw.map((r) => r[24]))).toEqual(new Set([fingerprint]));
    },
    60_000,
  );
});
