/*
 * The child process of the preparation bench: `read FILE` only streams and decodes the CSV and
 * counts its lines (the cost of just reading it); `prepare EXTRACT MASTER NONMARKET` prepares a
 * quarter from it as `qd-grade prepare` does. Prints one JSON line.
 */
import { createReadStream } from 'node:fs';
import { prepareFiles } from '../src/cli/prepareCommand';

/** CPU time of this process so far (user + system), ms: the per-core figure on a busy machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function readOnly(file: string): Promise<number> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let lines = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  }
  return lines;
}

async function main(): Promise<void> {
  const [what, file, master, nonMarket] = process.argv.slice(2);
  if (what === 'read' && file) {
    const lines = await readOnly(file);
    process.stdout.write(`${JSON.stringify({ lines, cpuMs: cpuMs() })}\n`);
    return;
  }
  if (what === 'prepare' && file && master && nonMarket) {
    const r = await prepareFiles({
      extract: file,
      master,
      nonMarket,
      date: { year: 2026, month: 4, day: 10 },
      kind: 'quarter',
    });
    process.stdout.write(`${JSON.stringify({ ...r.counts, channels: r.channels.length, cpuMs: cpuMs() })}\n`);
    return;
  }
  throw new Error('usage: prepareChild read FILE | prepare EXTRACT MASTER NONMARKET');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
