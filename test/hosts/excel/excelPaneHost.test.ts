/**
 * The pane's Excel services over the fake Excel: the review takes the row the analyst selected in
 * the sheet (issue 25, item 7), as Excel's getSelectedRange (ExcelApi 1.1) answers it.
 */
import { excelPaneHost } from '../../../src/hosts/excel/excelPaneHost';
import { FakeExcelState } from '../../support/FakeExcel';

const SHEET = [
  ['渠道代码', '渠道名称'],
  ['C1', '甲'],
  ['C2', '乙'],
];

function withExcel<T>(state: FakeExcelState, body: () => Promise<T>): Promise<T> {
  const g = globalThis as { Excel?: unknown; Office?: unknown };
  const saved = { Excel: g.Excel, Office: g.Office };
  g.Excel = { run: state.run };
  g.Office = { context: { requirements: { isSetSupported: () => true } } };
  return body().finally(() => {
    g.Excel = saved.Excel;
    g.Office = saved.Office;
  });
}

describe('the Excel pane host', () => {
  it('gives the sheet and row the user selected, as the review offers it', async () => {
    const state = new FakeExcelState({ 渠道: SHEET, 其他: [['x']] });
    const host = excelPaneHost();
    await withExcel(state, async () => {
      await host.selectRow('渠道', 3);
      expect(await host.selectedRow?.()).toEqual({ sheet: '渠道', row: 3 });
    });
  });

  it('gives the first row of the active sheet when nothing was selected yet', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    await withExcel(state, async () => {
      expect(await excelPaneHost().selectedRow?.()).toEqual({ sheet: '渠道', row: 1 });
    });
  });
});
