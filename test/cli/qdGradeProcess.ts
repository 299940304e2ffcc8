/*
 * The qd-grade command line as a child process, bundled once per suite with esbuild (as
 * `npm run build:cli` does), so that several can start at once in a fraction of a second each.
 */
import { spawn } from 'node:child_process';
import { NODE_PATH, bundleCli } from '../hosts/xlsx/childProcesses';

/** How one run ended: its exit status or signal, what it wrote to stderr, and how long it took. */
export interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly err: string;
  readonly ms: number;
}

/** Bundles the command line to `outfile`; returns a function running it with arguments and extra environment. */
export function qdGradeProcess(outfile: string): (args: string[], env?: Record<string, string>) => Promise<Run> {
  const cli = bundleCli(outfile);
  return (args, env = {}) => {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, NODE_PATH, ...env } });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (status, signal) => resolve({ status, signal, err, ms: Date.now() - started }));
    });
  };
}
