/*
 * Runs a warehouse script on a real engine (DuckDB in-process, PostgreSQL through psql) over an
 * extract, and prepares + grades the same extract with the engine, for the suites to compare.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  compileRules,
  gradeChannel,
  labelOfIndex,
  parseDateText,
  type CivilDate,
  type CompiledRules,
  type PrepareKind,
} from '../../src/core';
import { ChannelPreparation, preparedFigures, type PreparationResult } from '../../src/core/prepareChannels';
import { readMasterRecord, readNonMarketRecord } from '../../src/core/prepareTables';
import type { PgServer } from './postgresServer';

/** One policy row as text (null = NULL). */
export interface PolicyRow {
  readonly channel: string | null;
  readonly region: string | null;
  readonly date: string | null;
  readonly premium: string | null;
  readonly loss: string | null;
  readonly expense: string | null;
}
export interface ChannelRow {
  readonly channel: string;
  readonly name: string | null;
  readonly group: string | null;
  readonly company: string | null;
  readonly branch: string | null;
  readonly start: string | null;
  readonly own: string | null;
  readonly groupOwn: string | null;
}
export interface NonMarketRow {
  readonly branch: string;
  readonly year: number;
  readonly actual: string | null;
  readonly budget: string | null;
}
export interface Extract {
  readonly policies: readonly PolicyRow[];
  readonly channels: readonly ChannelRow[];
  readonly nonMarket: readonly NonMarketRow[];
}

/** What one channel came to, on either side. */
export interface ChannelOutcome {
  readonly cost: number | null;
  readonly scale: number | null;
  readonly depth: number | null;
  readonly classLabel: string | null;
  readonly classIndex: number | null;
  readonly problem: boolean;
  readonly rowsUsed: number;
}
export interface Outcomes {
  readonly graded: ReadonlyMap<string, ChannelOutcome>;
  readonly notPrepared: ReadonlyMap<string, string>;
  /** For the engine side: the full preparation, to look further. */
  readonly items?: ReadonlyMap<string, readonly string[]>;
}

function q(v: string | null): string {
  return v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`;
}
function num(v: string | null): string {
  return v === null ? 'NULL' : v;
}
function date(v: string | null): string {
  return v === null ? 'NULL' : `DATE '${v}'`;
}

function batches<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Statements that create and fill the three input relations (common SQL: DuckDB and PostgreSQL). */
export function loadStatements(x: Extract): string[] {
  const s = [
    'DROP TABLE IF EXISTS qd_policies CASCADE',
    'DROP TABLE IF EXISTS qd_channels CASCADE',
    'DROP TABLE IF EXISTS qd_nonmarket CASCADE',
    `CREATE TABLE qd_policies (channel_code VARCHAR(40), service_area VARCHAR(20), stat_date DATE,
      premium DECIMAL(18, 2), loss_ratio DECIMAL(12, 6), expense_ratio DECIMAL(12, 6))`,
    `CREATE TABLE qd_channels (channel_code VARCHAR(40), channel_name VARCHAR(100), group_name VARCHAR(100),
      company VARCHAR(100), branch VARCHAR(100), start_date DATE, own_premium DECIMAL(18, 2), group_own_premium DECIMAL(18, 2))`,
    `CREATE TABLE qd_nonmarket (branch VARCHAR(100), year INTEGER, actual_ratio DECIMAL(12, 6), budget_ratio DECIMAL(12, 6))`,
  ];
  for (const b of batches(x.policies, 2000))
    s.push(
      `INSERT INTO qd_policies VALUES ${b.map((r) => `(${q(r.channel)}, ${q(r.region)}, ${date(r.date)}, ${num(r.premium)}, ${num(r.loss)}, ${num(r.expense)})`).join(', ')}`,
    );
  for (const b of batches(x.channels, 2000))
    s.push(
      `INSERT INTO qd_channels VALUES ${b.map((r) => `(${q(r.channel)}, ${q(r.name)}, ${q(r.group)}, ${q(r.company)}, ${q(r.branch)}, ${date(r.start)}, ${num(r.own)}, ${num(r.groupOwn)})`).join(', ')}`,
    );
  if (x.nonMarket.length > 0)
    s.push(
      `INSERT INTO qd_nonmarket VALUES ${x.nonMarket.map((r) => `(${q(r.branch)}, ${r.year}, ${num(r.actual)}, ${num(r.budget)})`).join(', ')}`,
    );
  return s;
}

/** The queries the suites read back. */
export const GRADED_QUERY = `SELECT channel_code, cost_ratio, annual_scale, depth, class, class_index, problem, rows_used,
  item_01, item_02, item_03, item_04, item_05, item_06, item_07, item_08, item_09, item_10, item_11, review_action, mgmt_level,
  band, scale_class, depth_class, rules_fingerprint, CAST(window_start AS VARCHAR) AS window_start
  FROM qd_graded ORDER BY channel_code`;
export const NOT_PREPARED_QUERY = 'SELECT channel_code, reason FROM qd_not_prepared ORDER BY channel_code';

type Cell = string | number | null;

function toOutcomes(graded: readonly (readonly Cell[])[], notPrepared: readonly (readonly Cell[])[]): Outcomes {
  const map = new Map<string, ChannelOutcome>();
  const items = new Map<string, string[]>();
  const n = (v: Cell) => (v === null || v === '' ? null : Number(v));
  for (const r of graded) {
    const id = String(r[0]);
    map.set(id, {
      cost: n(r[1] ?? null),
      scale: n(r[2] ?? null),
      depth: n(r[3] ?? null),
      classLabel: r[4] === null || r[4] === '' ? null : String(r[4]),
      classIndex: n(r[5] ?? null),
      problem: !(r[6] === null || r[6] === ''),
      rowsUsed: Number(r[7]),
    });
    items.set(
      id,
      r.slice(8, 21).map((v) => (v === null ? '' : String(v))),
    );
  }
  return {
    graded: map,
    notPrepared: new Map(notPrepared.map((r) => [String(r[0]), String(r[1])])),
    items,
  };
}

function csvField(v: string | number | null): string {
  if (v === null) return '\\N';
  const t = String(v);
  return /[",\n]/.test(t) || t === '' ? `"${t.replace(/"/g, '""')}"` : t;
}

/** Runs the load and the script on an in-memory DuckDB and reads the two views. */
export async function runDuckDb(x: Extract, script: string): Promise<Outcomes & { raw: Cell[][] }> {
  const instance = await DuckDBInstance.create(':memory:');
  const c = await instance.connect();
  try {
    // DuckDB parses long VALUES lists slowly: the tables are filled from CSV files instead.
    for (const st of loadStatements({ policies: [], channels: [], nonMarket: [] })) await c.run(st);
    const dir = mkdtempSync(join(tmpdir(), 'qd-duck-'));
    try {
      const tables: [string, readonly (readonly (string | number | null)[])[]][] = [
        ['qd_policies', x.policies.map((r) => [r.channel, r.region, r.date, r.premium, r.loss, r.expense])],
        [
          'qd_channels',
          x.channels.map((r) => [r.channel, r.name, r.group, r.company, r.branch, r.start, r.own, r.groupOwn]),
        ],
        ['qd_nonmarket', x.nonMarket.map((r) => [r.branch, r.year, r.actual, r.budget])],
      ];
      for (const [table, rows] of tables) {
        const file = join(dir, `${table}.csv`);
        writeFileSync(file, rows.map((r) => r.map(csvField).join(',')).join('\n'));
        if (rows.length > 0)
          await c.run(
            `INSERT INTO ${table} SELECT * FROM read_csv('${file}', header = false, all_varchar = true, nullstr = '\\N', quote = '"', escape = '"')`,
          );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await c.run(script);
    const g = await c.runAndReadAll(GRADED_QUERY);
    const np = await c.runAndReadAll(NOT_PREPARED_QUERY);
    const raw = g.getRowsJson() as Cell[][];
    return { ...toOutcomes(raw, np.getRowsJson() as Cell[][]), raw };
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}

/** Prepares and grades the extract with the engine (what `qd-grade prepare` computes), in-process. */
export function runEngine(
  x: Extract,
  judging: string,
  kind: PrepareKind,
  rules: CompiledRules = compileRules(),
): Outcomes & { prep: PreparationResult } {
  const j = parseDateText(judging) as CivilDate;
  const master = x.channels.map((r, i) =>
    readMasterRecord(
      {
        channelId: r.channel,
        channelName: r.name,
        group: r.group,
        company: r.company,
        branch: r.branch,
        startDate: r.start,
        ownPremium: r.own,
        groupOwnPremium: r.groupOwn,
      },
      i + 2,
    ),
  );
  const nonMarket = x.nonMarket.map((r, i) =>
    readNonMarketRecord({ branch: r.branch, year: r.year, actual: r.actual, budget: r.budget }, i + 2),
  );
  const prep = new ChannelPreparation({ kind, judging: j, master, nonMarket });
  x.policies.forEach((r, i) => prep.addRow(i + 2, r.channel, r.region, r.date, r.premium, r.loss, r.expense));
  return { ...gradePrepared(prep.finish(), rules) };
}

/** Grades a preparation's channels as `qd-grade prepare` grades its sheet. */
export function gradePrepared(result: PreparationResult, rules: CompiledRules): Outcomes & { prep: PreparationResult } {
  const graded = new Map<string, ChannelOutcome>();
  const items = new Map<string, string[]>();
  for (const c of result.channels) {
    const g = gradeChannel(preparedFigures(c), rules, result.mode);
    if (g.ok) {
      const idx = g.value.classIndex;
      graded.set(c.channelId, {
        cost: g.value.costRate,
        scale: g.value.annualScale,
        depth: g.value.depth,
        classLabel: labelOfIndex(idx),
        classIndex: idx,
        problem: false,
        rowsUsed: c.source.rowsUsed,
      });
      items.set(c.channelId, [
        ...(rules.outcomes[idx - 1] ?? []).map((o) => o.zh),
        (rules.review[idx - 1] ?? { zh: '' }).zh,
        (rules.management[idx - 1] ?? { zh: '' }).zh,
      ]);
    } else {
      graded.set(c.channelId, {
        cost: null,
        scale: null,
        depth: null,
        classLabel: null,
        classIndex: null,
        problem: true,
        rowsUsed: c.source.rowsUsed,
      });
      items.set(
        c.channelId,
        Array.from({ length: 13 }, () => ''),
      );
    }
  }
  const notPrepared = new Map(
    result.notPrepared.map((n) => [n.channelId, n.issues.map((i) => i.message.zh).join('；')]),
  );
  return { graded, notPrepared, items, prep: result };
}

/** Reads a plain CSV (no quoted fields) of the examples into rows of text, BOM and header dropped. */
export function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => l.split(','));
}

const blankToNull = (v: string | undefined): string | null => (v === undefined || v.trim() === '' ? null : v.trim());

/** The demo extract, master and non-market table of examples/ as an extract. */
export function demoExtract(extract: string, master: string, nonMarket: string): Extract {
  return {
    policies: csvRows(extract).map((r) => ({
      channel: blankToNull(r[0]),
      region: blankToNull(r[1]),
      date: blankToNull(r[2]),
      premium: blankToNull(r[3]),
      loss: blankToNull(r[4]),
      expense: blankToNull(r[5]),
    })),
    channels: csvRows(master).map((r) => ({
      channel: r[0] ?? '',
      name: blankToNull(r[1]),
      group: blankToNull(r[2]),
      company: blankToNull(r[3]),
      branch: blankToNull(r[4]),
      start: blankToNull(r[5]),
      own: blankToNull(r[6]),
      groupOwn: blankToNull(r[7]),
    })),
    nonMarket: csvRows(nonMarket).map((r) => ({
      branch: r[0] ?? '',
      year: Number(r[1]),
      actual: blankToNull(r[2]),
      budget: blankToNull(r[3]),
    })),
  };
}

/** Runs the load and the script on a PostgreSQL server and reads the two views. */
export function runPostgres(pg: PgServer, x: Extract, script: string): Outcomes & { raw: Cell[][] } {
  pg.run(`${loadStatements(x).join(';\n')};\n`);
  pg.run(script);
  const raw = pg.query(GRADED_QUERY);
  return { ...toOutcomes(raw, pg.query(NOT_PREPARED_QUERY)), raw };
}

/** Both sides as plain objects keyed by channel, for one `toEqual` with a readable diff. */
export function comparable(o: Outcomes): {
  graded: Record<string, ChannelOutcome & { items: readonly string[] }>;
  notPrepared: Record<string, string>;
} {
  const graded: Record<string, ChannelOutcome & { items: readonly string[] }> = {};
  // A channel with a grading problem (depth above 100%) has no measures in the engine's sheet.
  for (const [id, v] of o.graded)
    graded[id] = {
      ...v,
      ...(v.problem ? { cost: null, scale: null, depth: null } : {}),
      items: o.items?.get(id) ?? [],
    };
  return { graded, notPrepared: Object.fromEntries(o.notPrepared) };
}
