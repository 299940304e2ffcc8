import { compileSql, type SqlKind } from '../../src/sql';
import { postgresAvailable, startPostgres, type PgServer } from './postgresServer';
import {
  comparable,
  runDuckDb,
  runEngine,
  runPostgres,
  withoutEarlyRows,
  type Extract,
  type PolicyRow,
} from './sqlHarness';

interface Case {
  readonly name: string;
  readonly start: string;
  readonly own: string;
  readonly policies: readonly (readonly [premium: string, loss: string, expense: string])[];
  readonly expected: string;
}

// Re-evaluation judged 2026-04-10: window 2026-01-01 … 2026-03-31 (90 days), the branch's 2026 actual
// non-market ratio of exactly 10%. A channel from 2026-01-18 has 73 days in it.
const CASES: readonly Case[] = [
  {
    name: 'cost ratio exactly 90% is deep blue',
    start: '2025-01-01',
    own: '20000000',
    policies: [['1000000.00', '0.55', '0.25']],
    expected: '深蓝-B-Ⅱ',
  },
  {
    name: 'cost ratio 90.0001% is blue',
    start: '2025-01-01',
    own: '20000000',
    policies: [['1000000.00', '0.550001', '0.25']],
    expected: '蓝-B-Ⅱ',
  },
  {
    // Σ(loss × premium) ÷ Σ premium = 0.55 + 3.3 × 10^-18: held at 15 digits, as the cell shows it, that is 0.55.
    name: 'a weighted cost ratio within 10^-15 of 90% is 90% at 15 digits, as the engine takes it',
    start: '2025-01-01',
    own: '100000000000',
    policies: [
      ['1000000000.00', '0.55', '0.25'],
      ['2000000000.00', '0.55', '0.25'],
      ['0.01', '0.550001', '0.25'],
    ],
    expected: '深蓝-A-Ⅱ',
  },
  {
    name: 'scale exactly 10,000,000 over 73 days is A',
    start: '2026-01-18',
    own: '1000000000',
    policies: [['2000000.00', '0.5', '0.2']],
    expected: '深蓝-A-Ⅲ',
  },
  {
    name: 'scale just under 10,000,000 over 73 days is B',
    start: '2026-01-18',
    own: '1000000000',
    policies: [['1999999.99', '0.5', '0.2']],
    expected: '深蓝-B-Ⅲ',
  },
  {
    name: 'depth exactly 30% is I',
    start: '2026-01-18',
    own: '100000000',
    policies: [['6000000.00', '0.5', '0.2']],
    expected: '深蓝-A-Ⅰ',
  },
  {
    name: 'depth just under 30% is II',
    start: '2026-01-18',
    own: '100000000.01',
    policies: [['6000000.00', '0.5', '0.2']],
    expected: '深蓝-A-Ⅱ',
  },
  {
    name: 'a negative endorsement counts against the premium and the weights',
    start: '2025-01-01',
    own: '20000000',
    policies: [
      ['3000000.00', '0.6', '0.2'],
      ['-1000000.00', '0.9', '0.2'],
    ],
    expected: '深蓝-B-Ⅰ',
  },
];

function extractOf(cases: readonly Case[], date: string): Extract {
  const policies: PolicyRow[] = cases.flatMap((c, i) =>
    c.policies.map(([premium, loss, expense]) => ({
      channel: `B${i}`,
      region: '320104',
      date,
      premium,
      loss,
      expense,
    })),
  );
  return {
    policies,
    channels: cases.map((c, i) => ({
      channel: `B${i}`,
      name: c.name.slice(0, 40),
      group: null,
      company: '江苏分公司',
      branch: '南京',
      start: c.start,
      own: c.own,
      groupOwn: null,
    })),
    nonMarket: [2024, 2025, 2026].map((year) => ({ branch: '南京', year, actual: '0.10', budget: '0.10' })),
  };
}

const extract = extractOf(CASES, '2026-03-01');
// Annual evaluation judged 2025-01-15: the whole of 2024, a leap year of 366 days, so the premium is taken as is.
const leap = extractOf(
  [
    {
      name: 'a whole leap year keeps its premium',
      start: '2020-01-01',
      own: '100000000',
      policies: [['10000000.00', '0.5', '0.2']],
      expected: '深蓝-A-Ⅱ',
    },
  ],
  '2024-07-01',
);

async function check(
  run: (x: Extract, sql: string) => Promise<ReturnType<typeof comparable>>,
  x: Extract,
  date: string,
  kind: SqlKind,
  cases: readonly Case[],
  dialect: 'duckdb' | 'postgres',
) {
  const out = await run(x, compileSql({ judgingDate: date, kind, dialect }).sql);
  const engine = comparable(runEngine(x, date, kind));
  expect(out).toEqual(engine);
  expect(cases.map((c, i) => [c.name, out.graded[`B${i}`]?.classLabel])).toEqual(
    cases.map((c) => [c.name, c.expected]),
  );
}

describe('band boundaries in SQL fall where the engine puts them (RULES.md §2: an upper bound is inclusive, a lower bound is inclusive)', () => {
  const duck = async (x: Extract, sql: string) => comparable(await runDuckDb(x, sql));
  it('on DuckDB: cost exactly 90%, scale exactly 10,000,000 over 73 days, depth exactly 30%, and their neighbours', async () => {
    await check(duck, extract, '2026-04-10', 'recheck', CASES, 'duckdb');
  });
  it('on DuckDB: 合作满一年的采用上年度实际合作累计保费 — a channel over the whole of leap year 2024 keeps its 10,000,000 (A), depth exactly 10% (Ⅱ)', async () => {
    await check(
      duck,
      leap,
      '2025-01-15',
      'annual',
      [{ name: 'a whole leap year keeps its premium', start: '', own: '', policies: [], expected: '深蓝-A-Ⅱ' }],
      'duckdb',
    );
  });

  const available = postgresAvailable();
  let pg: PgServer | null = null;
  beforeAll(() => {
    if (available) pg = startPostgres();
  }, 60_000);
  afterAll(() => pg?.stop());
  const onPg = async (x: Extract, sql: string) => Promise.resolve(comparable(runPostgres(pg as PgServer, x, sql)));
  (available ? it : it.skip)(
    'on PostgreSQL 15: the same boundaries',
    async () => {
      await check(onPg, extract, '2026-04-10', 'recheck', CASES, 'postgres');
      await check(
        onPg,
        leap,
        '2025-01-15',
        'annual',
        [{ name: 'a whole leap year keeps its premium', start: '', own: '', policies: [], expected: '深蓝-A-Ⅱ' }],
        'postgres',
      );
    },
    60_000,
  );
});

// RULES.md §5.2: policies dated before the channel's cooperation start are not its cooperation.
const early: Extract = {
  policies: [
    { channel: 'E0', region: '320104', date: '2026-01-15', premium: '999999.00', loss: '2.0', expense: '0.5' },
    { channel: 'E0', region: '320104', date: '2026-02-15', premium: '1000000.00', loss: '0.55', expense: '0.25' },
    { channel: 'E1', region: '320104', date: '2026-01-20', premium: '5000.00', loss: '0.5', expense: '0.2' },
  ],
  channels: ['E0', 'E1'].map((channel) => ({
    channel,
    name: null,
    group: null,
    company: '江苏分公司',
    branch: '南京',
    start: '2026-02-01',
    own: '20000000',
    groupOwn: null,
  })),
  nonMarket: [{ branch: '南京', year: 2026, actual: '0.10', budget: '0.10' }],
};

describe("policies dated before the channel's cooperation start are left out of its figures and counted (RULES.md §5.2)", () => {
  it('on DuckDB: the figures are those of the policies from the start date on; a channel with only earlier ones is not prepared', async () => {
    const out = await runDuckDb(early, compileSql({ judgingDate: '2026-04-10', kind: 'recheck' }).sql);
    const engine = comparable(runEngine(withoutEarlyRows(early), '2026-04-10', 'recheck'));
    expect(comparable(out).graded).toEqual(engine.graded);
    expect(comparable(out)).toEqual(comparable(runEngine(early, '2026-04-10', 'recheck')));
    expect(out.graded.get('E0')?.rowsUsed).toBe(1);
    expect(out.graded.get('E0')?.classLabel).toBe('深蓝-B-Ⅰ');
    expect(out.notPrepared.get('E1')).toBe('评判窗口 2026-01-01 至 2026-03-31 内没有可计的保单明细');
  });
});
