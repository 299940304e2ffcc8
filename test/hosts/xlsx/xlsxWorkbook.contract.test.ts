import { CsvWorkbook } from '../../../src/hosts/xlsx/CsvWorkbook';
import { XlsxStreamWorkbook } from '../../../src/hosts/xlsx/XlsxStreamWorkbook';
import { XlsxWorkbook } from '../../../src/hosts/xlsx/XlsxWorkbook';
import type { CellWrite, WorkbookPort } from '../../../src/grading';
import { describeWorkbookPortContract } from '../../grading/workbookPortContract';
import { tempDir, writeXlsx } from './tempFiles';

const tmp = tempDir('qd-port-');
afterAll(() => tmp.cleanup());
let n = 0;
const outputs = new WeakMap<WorkbookPort, string>();

describeWorkbookPortContract('ExcelJS .xlsx host', {
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
    return XlsxWorkbook.open(out, `${out}.again.xlsx`);
  },
});

describeWorkbookPortContract('CSV host', {
  capabilities: { sheets: false, formulas: false },
  open(sheets) {
    const rows = sheets.Data ?? [];
    // The contract's fixture holds plain values; a CSV file holds them as quoted text.
    const plain = (v: CellWrite): string => {
      if (v === null || v === undefined) return '';
      if (v instanceof Date) return v.toISOString();
      if (typeof v === 'object') return String(v.result);
      return `"${String(v).replace(/"/g, '""')}"`;
    };
    const text = rows.map((r) => r.map(plain).join(',')).join('\n');
    const out = tmp.path(`out-${++n}.csv`);
    const port = CsvWorkbook.fromText(text, 'Data', out);
    outputs.set(port, out);
    return Promise.resolve(port);
  },
  async reopen(port) {
    await port.commit();
    const out = outputs.get(port) as string;
    const again = await CsvWorkbook.open(out, `${out}.again.csv`);
    // The file is named after its path; the contract speaks of the sheet "Data".
    return new Proxy(again, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (prop === 'sheetNames') return Promise.resolve(['Data']);
          if (typeof args[0] === 'string' && args[0] === 'Data') args[0] = (target as unknown as { name: string }).name;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  },
});

describeWorkbookPortContract('ExcelJS streaming .xlsx host', {
  capabilities: { sheets: true, formulas: true },
  async open(sheets) {
    const input = tmp.path(`stream-in-${++n}.xlsx`);
    await writeXlsx(input, sheets);
    const out = tmp.path(`stream-out-${n}.xlsx`);
    const port = await XlsxStreamWorkbook.open(input, out);
    outputs.set(port, out);
    return port;
  },
  async reopen(port) {
    await port.commit();
    const out = outputs.get(port) as string;
    return XlsxStreamWorkbook.open(out, `${out}.again.xlsx`);
  },
});
