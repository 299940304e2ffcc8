/*
 * The WorkbookPort contract for the streamed .csv host, over real files: a CSV holds one sheet
 * (named after the file) and no formats or formulas, so those cases are left out (see
 * workbookPortContract.ts); everything else holds as for every host.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CellWrite, WorkbookPort } from '../../../src/grading';
import { CsvWorkbook } from '../../../src/hosts/xlsx/CsvWorkbook';
import { describeWorkbookPortContract } from '../../grading/workbookPortContract';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-csv-port-');
afterAll(() => tmp.cleanup());
let n = 0;
const outputs = new WeakMap<WorkbookPort, string>();

/** A field as Excel writes it to CSV: every value as text, quoted. */
function field(v: CellWrite): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return String(v.result);
  return `"${String(v).replace(/"/g, '""')}"`;
}

describeWorkbookPortContract('streamed CSV host', {
  capabilities: { sheets: false, formulas: false },
  open(sheets) {
    // The sheet of a CSV is named after its file: the contract's sheet is Data, so the file is Data.csv.
    const dir = tmp.path(`case-${++n}`);
    mkdirSync(dir);
    const input = `${dir}/Data.csv`;
    writeFileSync(input, `\uFEFF${(sheets.Data ?? []).map((r) => r.map(field).join(',')).join('\r\n')}\r\n`);
    const out = `${dir}/out/Data.csv`;
    const port = CsvWorkbook.open(input, out);
    return port.then((p) => {
      outputs.set(p, out);
      return p;
    });
  },
  async reopen(port) {
    await port.commit();
    const out = outputs.get(port) as string;
    return CsvWorkbook.open(out, `${out}.again.csv`);
  },
});
