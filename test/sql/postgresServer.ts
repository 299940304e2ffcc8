/*
 * A real PostgreSQL server for the SQL suites: the one of QD_PG_HOST/QD_PG_PORT when CI started one
 * (.ci/run), else a throwaway cluster of Debian's postgresql in a temporary directory, run as the
 * `postgres` user (PostgreSQL refuses root) on a Unix socket, and removed after. Statements go
 * through Debian's psql; results come back as CSV.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemToolAvailable } from '../support/systemTool';

const BIN = '/usr/lib/postgresql/15/bin';

export interface PgServer {
  /** Runs statements; throws with psql's message when one fails. */
  run(sql: string): void;
  /** Runs one query and returns its rows as text (null for NULL). */
  query(sql: string): (string | null)[][];
  stop(): void;
}

/** Whether PostgreSQL can be used here (prints the notice, or throws under QD_REQUIRE_SYSTEM=1). */
export function postgresAvailable(): boolean {
  if (process.env.QD_PG_HOST) return true;
  return (
    systemToolAvailable(`${BIN}/initdb`, 'postgresql', 'the PostgreSQL runs of the SQL script') &&
    systemToolAvailable('/usr/bin/psql', 'postgresql-client', 'the PostgreSQL runs of the SQL script')
  );
}

function parseCsv(text: string): (string | null)[][] {
  // psql --csv writes NULL as an empty unquoted field and '' as "".
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  let i = 0;
  let field = '';
  let quoted = false;
  let wasQuoted = false;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      quoted = true;
      wasQuoted = true;
    } else if (ch === ',' || ch === '\n') {
      row.push(field === '' && !wasQuoted ? null : field);
      field = '';
      wasQuoted = false;
      if (ch === '\n') {
        rows.push(row);
        row = [];
      }
    } else if (ch !== '\r') field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field === '' && !wasQuoted ? null : field);
    rows.push(row);
  }
  return rows.slice(1);
}

function client(host: string, port: string, database: string): Pick<PgServer, 'run' | 'query'> {
  const base = ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', host, '-p', port, '-U', 'postgres', '-d', database];
  const env = { ...process.env, PGOPTIONS: '-c client_min_messages=warning' };
  return {
    run(sql) {
      const r = spawnSync('psql', [...base, '-f', '-'], { input: sql, env, maxBuffer: 1 << 28 });
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr.toString()}`);
    },
    query(sql) {
      const r = spawnSync('psql', [...base, '--csv', '-c', sql], { env, maxBuffer: 1 << 28 });
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr.toString()}`);
      return parseCsv(r.stdout.toString());
    },
  };
}

/** Starts (or connects to) a server with a fresh database of its own. */
export function startPostgres(): PgServer {
  const database = `qd_sql_${process.pid}_${Date.now() % 100000}`;
  if (process.env.QD_PG_HOST) {
    const host = process.env.QD_PG_HOST;
    const port = process.env.QD_PG_PORT ?? '5432';
    client(host, port, 'postgres').run(`CREATE DATABASE ${database};`);
    const c = client(host, port, database);
    return { ...c, stop: () => client(host, port, 'postgres').run(`DROP DATABASE IF EXISTS ${database};`) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'qd-pg-'));
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  chownSync(dir, uid, gid);
  const asPostgres = (cmd: string, args: string[]) => {
    const r = spawnSync('runuser', ['-u', 'postgres', '--', `${BIN}/${cmd}`, ...args], { cwd: dir });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr.toString()}${r.stdout.toString()}`);
  };
  const data = join(dir, 'data');
  const port = String(20000 + (process.pid % 20000));
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--locale=C']);
  asPostgres('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses='' -c fsync=off`,
    '-w',
    'start',
  ]);
  client(dir, port, 'postgres').run(`CREATE DATABASE ${database};`);
  const c = client(dir, port, database);
  return {
    ...c,
    stop() {
      try {
        asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
