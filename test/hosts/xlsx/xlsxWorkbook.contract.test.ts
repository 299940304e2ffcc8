import { XlsxWorkbook } from '../../../src/hosts/xlsx/XlsxWorkbook';
import type { WorkbookPort } from '../../../src/grading';
import { describeWorkbookPortContract } from '../../grading/workbookPortContract';
import { tempDir, writeXlsx } from './tempFiles';

const tmp = tempDir('qd-port-');
afterAll(() => tmp.cleanup());
let n = 0;
const outputs = new WeakMap<WorkbookPort, string>();

describeWorkbookPortContract('.xlsx package host', {
  capabilities: { sheets: true, formulas: true },
  async open(sheets) {
    const input = tmp.path(`in-${++n}.xlsx`);
    await writeXlsx(input, sheets);
    const out = tmp.path(`out-${n}.xlsx`);
    const port = await XlsxWorkbook.open(input, out);
    outputs.set(port, out);
    return port;
  },
  async reopen(port) {
    await port.commit();
    const out = outputs.get(port) as string;
    const again = await XlsxWorkbook.open(out, `${out}.again.xlsx`);
    outputs.set(again, `${out}.again.xlsx`);
    return again;
  },
});
