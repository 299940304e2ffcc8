/**
 * The SQL dialects the warehouse script is written in (CONTRACT.md §7): one small table of what
 * differs — integer and decimal types, integer division, date arithmetic, text casts and view
 * syntax — so that one generator serves all three.
 *
 * @packageDocumentation
 */
import type { Bilingual } from '../core';

/** The dialects of `qd-grade sql --dialect`. */
export const SQL_DIALECT_IDS = ['duckdb', 'postgres', 'spark'] as const;
/** A dialect id. */
export type SqlDialect = (typeof SQL_DIALECT_IDS)[number];

/** A dialect with its label, Chinese first, for menus (the pane's Export SQL). */
export interface SqlDialectInfo {
  readonly id: SqlDialect;
  readonly label: Bilingual;
}

/** The dialects in menu order; the first is the default. */
export const SQL_DIALECTS: readonly SqlDialectInfo[] = [
  { id: 'duckdb', label: { zh: 'DuckDB（默认）', en: 'DuckDB (default)' } },
  {
    id: 'postgres',
    label: { zh: 'PostgreSQL 及兼容数仓（Greenplum、GaussDB）', en: 'PostgreSQL and compatible (Greenplum, GaussDB)' },
  },
  { id: 'spark', label: { zh: 'Spark SQL / Hive', en: 'Spark SQL / Hive' } },
];

/** Whether a text names a dialect. */
export function isSqlDialect(text: string): text is SqlDialect {
  return (SQL_DIALECT_IDS as readonly string[]).includes(text);
}

/** What differs between the dialects; everything else the generator writes is common SQL. */
export interface DialectTable {
  readonly id: SqlDialect;
  /** An exact integer type of at least 38 digits. */
  readonly int: string;
  /** A text type. */
  readonly text: string;
  /** A binary floating-point type (for the measures' output only, never for a decision). */
  readonly double: string;
  /** A decimal type with the given precision and scale. */
  decimal(precision: number, scale: number): string;
  /** Integer division of two non-negative exact integers, truncated, as `int`. */
  intDiv(a: string, b: string): string;
  /** Whole days from `earlier` to `later` (dates); `later − earlier`. */
  daysBetween(later: string, earlier: string): string;
  /** The statements that (re)create a view from a query. */
  createView(name: string, query: string): string;
  /** A quoted identifier. */
  quote(name: string): string;
  /**
   * What keeps a WITH query from being inlined into the next: each stage of the exact arithmetic
   * names the previous stage's columns several times, and inlining would copy their expressions.
   */
  readonly materialized: string;
}

const common = {
  decimal: (p: number, s: number) => `DECIMAL(${p}, ${s})`,
  quote: (name: string) => `"${name}"`,
};

/** The dialect table (CONTRACT.md §7: `duckdb` default, `postgres`, `spark`). */
export const DIALECTS: Readonly<Record<SqlDialect, DialectTable>> = {
  duckdb: {
    ...common,
    id: 'duckdb',
    int: 'HUGEINT',
    materialized: 'MATERIALIZED ',
    text: 'VARCHAR',
    double: 'DOUBLE',
    // DuckDB's `/` on DECIMAL returns a DOUBLE; `//` on HUGEINT is exact.
    intDiv: (a, b) => `((${a}) // (${b}))`,
    daysBetween: (later, earlier) => `CAST((${later}) - (${earlier}) AS BIGINT)`,
    createView: (name, query) => `CREATE OR REPLACE VIEW ${name} AS\n${query};`,
  },
  postgres: {
    ...common,
    id: 'postgres',
    int: 'NUMERIC(60, 0)',
    materialized: 'MATERIALIZED ',
    text: 'TEXT',
    double: 'DOUBLE PRECISION',
    decimal: (p, s) => `NUMERIC(${p}, ${s})`,
    intDiv: (a, b) => `div(${a}, ${b})`,
    daysBetween: (later, earlier) => `((${later}) - (${earlier}))`,
    // CREATE OR REPLACE VIEW cannot change a column's type; the views depend on each other, hence CASCADE.
    createView: (name, query) => `DROP VIEW IF EXISTS ${name} CASCADE;\nCREATE VIEW ${name} AS\n${query};`,
  },
  spark: {
    ...common,
    id: 'spark',
    int: 'DECIMAL(38, 0)',
    // Spark's optimizer does not merge projections that would repeat a non-trivial expression.
    materialized: '',
    text: 'STRING',
    double: 'DOUBLE',
    // DIV returns a BIGINT; every quotient the script takes is below 10^16.
    intDiv: (a, b) => `CAST((${a}) DIV (${b}) AS DECIMAL(38, 0))`,
    daysBetween: (later, earlier) => `datediff(${later}, ${earlier})`,
    createView: (name, query) => `CREATE OR REPLACE VIEW ${name} AS\n${query};`,
    quote: (name) => `\`${name}\``,
  },
};
