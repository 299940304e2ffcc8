/*
 * The WorkbookPort contract for the Office.js host through office-addin-mock: every Excel object the
 * host touches is an OfficeMockObject, so a property read before load and sync fails as the library
 * makes it fail, while FakeExcel's limits and counters stand behind the objects.
 */
import { gradeSheet, type CellWrite, type WorkbookPort } from '../../../src/grading';
import { ExcelWorkbook } from '../../../src/hosts/excel/ExcelWorkbook';
import { describeWorkbookPortContract } from '../../grading/workbookPortContract';
import { printLayoutOf, FakeExcelState, PAYLOAD_LIMIT } from '../../support/FakeExcel';
import { mockedExcelRun } from '../../support/MockedExcel';

const states = new WeakMap<WorkbookPort, FakeExcelState>();

describeWorkbookPortContract('Office.js host through office-addin-mock', {
  capabilities: { sheets: true, formulas: false },
  printLayoutOf: (port, sheet) => Promise.resolve(printLayoutOf(states.get(port) as FakeExcelState, sheet)),
  open(sheets) {
    const state = new FakeExcelState(sheets);
    const port = new ExcelWorkbook(mockedExcelRun(state));
    states.set(port, state);
    return Promise.resolve(port);
  },
  async reopen(port) {
    await port.commit();
    const state = states.get(port) as FakeExcelState;
    const again = new ExcelWorkbook(mockedExcelRun(state));
    states.set(again, state);
    return again;
  },
});

const HEADER = [
  '渠道代码',
  '渠道名称',
  '服务区域代码',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
];

describe('grading through office-addin-mock', () => {
  it('grades 100,000 rows in at most 6 + 2 × rows ÷ 20,000 syncs (the checks before the first write included), every request under 5 MB', async () => {
    const rows: CellWrite[][] = [
      HEADER,
      ...Array.from({ length: 100_000 }, (_, i): CellWrite[] => [
        `C${i}`,
        `渠道${i}`,
        '330100',
        0.5 + (i % 50) / 100,
        0.1,
        0.1,
        1_000_000 + i,
        365,
        20_000_000,
      ]),
    ];
    const state = new FakeExcelState({ 渠道: rows });
    const report = await gradeSheet(new ExcelWorkbook(mockedExcelRun(state)), { chunkRows: 20_000 });
    expect(report.graded).toBe(100_000);
    expect(state.syncs).toBeLessThanOrEqual(6 + 2 * (100_000 / 20_000));
    expect(state.maxPayload).toBeLessThan(PAYLOAD_LIMIT);
    expect(state.charts).toHaveLength(1);
    expect(state.bands).toHaveLength(5);
    expect(state.enableEvents).toBe(true);
    process.stdout.write(
      `office-addin-mock, 100,000 rows: ${state.syncs} syncs, largest request ${state.maxPayload} bytes\n`,
    );
  }, 180_000);
});
