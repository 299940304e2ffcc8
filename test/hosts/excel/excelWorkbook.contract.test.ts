import { ExcelWorkbook } from '../../../src/hosts/excel/ExcelWorkbook';
import type { WorkbookPort } from '../../../src/grading';
import { describeWorkbookPortContract } from '../../grading/workbookPortContract';
import { printLayoutOf, FakeExcelState } from '../../support/FakeExcel';

const states = new WeakMap<WorkbookPort, FakeExcelState>();

describeWorkbookPortContract('Office.js host over a limit-enforcing fake of Excel', {
  // Excel computes formulas itself; the fake does not evaluate them, so that check is Excel's.
  capabilities: { sheets: true, formulas: false },
  printLayoutOf: (port, sheet) => Promise.resolve(printLayoutOf(states.get(port) as FakeExcelState, sheet)),
  open(sheets) {
    const state = new FakeExcelState(sheets);
    const port = new ExcelWorkbook(state.run);
    states.set(port, state);
    return Promise.resolve(port);
  },
  async reopen(port) {
    await port.commit();
    const state = states.get(port) as FakeExcelState;
    const again = new ExcelWorkbook(state.run);
    states.set(again, state);
    return again;
  },
});
