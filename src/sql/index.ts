/**
 * The rules compiled to SQL for the company's warehouse (CONTRACT.md §7): pure, like core — no files,
 * no Node APIs. `compileSql` gives the script and the rules fingerprint; `SQL_DIALECTS` the dialects
 * with their labels, Chinese first, for a menu.
 *
 * @packageDocumentation
 */
export {
  compileSql,
  lastStartWithThreeMonths,
  QD_GRADED_COLUMNS,
  QD_NOT_PREPARED_COLUMNS,
  SQL_KINDS,
  type CompileSqlOptions,
  type CompiledSql,
  type SqlKind,
} from './compileSql';
export {
  DIALECTS,
  SQL_DIALECTS,
  SQL_DIALECT_IDS,
  isSqlDialect,
  type SqlDialect,
  type SqlDialectInfo,
} from './dialects';
