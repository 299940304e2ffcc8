/**
 * The demo of the preparation (RULES.md §5.2): a seeded synthetic policy extract, channel master and
 * non-market table, as an analyst gets them from the policy system — several 三级机构 in three 分公司,
 * 批退 endorsements with negative premium, channels that started mid-quarter (some with fewer than
 * three full months), rows outside the window and rows without a service-area code.
 *
 * Writes `examples/demo-extract.csv`, `demo-master.csv`, `demo-nonmarket.csv` (for
 * `qd-grade prepare`) and `demo-prepare.xlsx` (the three as sheets, for the pane's 数据准备 step).
 * Then: `qd-grade prepare --extract examples/demo-extract.csv --master examples/demo-master.csv
 * --nonmarket examples/demo-nonmarket.csv --date 2026-04-10 --kind quarter -o examples/output/demo-prepared.xlsx`.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeRowsXlsx } from '../src/cli/prepareWorkbookFile';
import { parseCsv } from '../src/hosts/xlsx/CsvWorkbook';
import { masterCsv, nonMarketCsv, syntheticChannels, writeSyntheticExtract } from '../bench/prepareData';

/** Channels and policy rows of the demo. */
export const DEMO_CHANNELS = 400;
export const DEMO_ROWS = 30_000;

function typed(rows: string[][]): (string | number | null)[][] {
  return rows.map((r, i) =>
    r.map((v) => (v === '' ? null : i > 0 && /^-?\d+(\.\d+)?$/.test(v) && !/^0\d/.test(v) ? Number(v) : v)),
  );
}

/** Writes the demo files into `dir`. */
export async function writeDemoExtract(dir: string): Promise<void> {
  const channels = syntheticChannels(DEMO_CHANNELS, 16);
  const extract = join(dir, 'demo-extract.csv');
  await writeSyntheticExtract(extract, DEMO_ROWS, channels, { seed: 2026 });
  writeFileSync(join(dir, 'demo-master.csv'), masterCsv(channels));
  writeFileSync(join(dir, 'demo-nonmarket.csv'), nonMarketCsv());
  const sheet = (file: string) => typed(parseCsv(readFileSync(join(dir, file), 'utf8').replace(/^\uFEFF/, '')));
  const book = join(dir, 'demo-prepare.xlsx');
  rmSync(book, { force: true });
  await writeRowsXlsx(book, [
    { name: '保单明细', rows: sheet('demo-extract.csv') },
    { name: '渠道清单', rows: sheet('demo-master.csv') },
    { name: '非市场费用率', rows: sheet('demo-nonmarket.csv') },
  ]);
}

// Run as a script (npm run demo:make), not when imported — also from inside a bundle.
if (/makeDemoExtract\.[jt]s$/.test(process.argv[1] ?? '')) {
  writeDemoExtract(__dirname).then(
    () => console.log(`wrote the demo extract, master and non-market table in ${__dirname}`),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
