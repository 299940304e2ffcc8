/*
 * The report sheet 分级报告 printed from Excel (RULES.md §12): the Office.js host lays it out for A4
 * through worksheet.pageLayout (ExcelApi 1.9), against a fake that applies and refuses as Excel does.
 */
import { DEFAULT_COMPILED } from '../../../src/core';
import type { Snapshot } from '../../../src/core/snapshot';
import { REPORT_COLUMNS, REPORT_SHEET, SheetNotFoundError, writeReportSheet } from '../../../src/grading';
import { EXCEL_API, ExcelWorkbook } from '../../../src/hosts/excel/ExcelWorkbook';
import { FakeExcelState } from '../../support/FakeExcel';
import { mockedExcelRun } from '../../support/MockedExcel';

const SNAPSHOT: Snapshot = {
  id: '2026-04-08/quarter/1',
  judgingDate: '2026-04-08',
  kind: 'quarter',
  window: { start: '2026-01-01', end: '2026-03-31' },
  rulesFingerprint: DEFAULT_COMPILED.fingerprint,
  gradedBy: '张三',
  gradedAt: '2026-04-08T09:00:00+08:00',
  channels: [
    { channelId: 'Q1', costRate: 1.12, annualScale: 3_000_000, depth: 0.1, classIndex: 40 },
    { channelId: 'Q2', costRate: 0.85, annualScale: 2_000_000, depth: 0.1, classIndex: 5 },
  ],
};
const INPUT = { snapshot: SNAPSHOT, previous: null, rules: DEFAULT_COMPILED, trail: [], lang: 'zh' as const };

describe('the report sheet printed from Excel (ExcelApi 1.9)', () => {
  it('prints 分级报告 on A4 landscape, one page wide, the title rows on every page and a break between parts', async () => {
    const state = new FakeExcelState({ 渠道: [['渠道代码']] });
    const port = new ExcelWorkbook(state.run);
    expect(await writeReportSheet(port, INPUT)).toBe(true);
    await port.commit();
    const layout = state.pageLayouts.get(REPORT_SHEET);
    const rows = state.sheet(REPORT_SHEET)?.cells.length ?? 0;
    expect(layout).toMatchObject({
      paperSize: 'A4',
      orientation: 'Landscape',
      printArea: `R1C1:R${rows}C${REPORT_COLUMNS}`,
      printTitleRows: '$1:$4',
      // One page wide by a print scale, which desktop Excel applies at once (office-js#1860), and
      // which keeps the manual breaks (Excel ignores them under fit-to-pages); no undocumented 0.
      zoom: { scale: expect.any(Number) as number },
      margins: { top: 43.2, bottom: 43.2, left: 28.8, right: 28.8 },
      // The grading here is not approved: every printed page says so (RULES.md §12).
      centerFooter: '待审批 · 草稿 awaiting approval · Draft  第 &P 页 / 共 &N 页  Page &P of &N',
    });
    expect(layout?.zoom).not.toHaveProperty('verticalFitToPages');
    expect(layout?.zoom?.scale).toBeGreaterThanOrEqual(10);
    expect(layout?.zoom?.scale).toBeLessThanOrEqual(100);
    // A new page starts on the row of each part's heading (Excel breaks before a range's first cell).
    const headings = layout?.breaks.map((r) => state.sheet(REPORT_SHEET)?.cells[r - 1]?.[0]?.value);
    expect(headings).toEqual([
      '三、与上期相比的变动 3. Movement since the last grading',
      '四、资源匹配与检视措施 4. Resource matching and review actions',
      '五、费用空间 5. Fee headroom',
    ]);
  });

  it('costs no request of its own: the layout rides with the commit', async () => {
    const state = new FakeExcelState({ 渠道: [['渠道代码']] });
    const port = new ExcelWorkbook(state.run);
    await port.replaceSheet(REPORT_SHEET, [['报告']]);
    const before = state.syncs;
    await port.setPrintLayout(REPORT_SHEET, {
      orientation: 'portrait',
      area: { firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 1 },
      breaksAfter: [],
      fitToWidth: false,
    });
    expect(state.syncs).toBe(before);
    await port.commit();
    expect(state.pageLayouts.get(REPORT_SHEET)).toMatchObject({ paperSize: 'A4', orientation: 'Portrait', breaks: [] });
  });

  it('says it cannot where Excel lacks ExcelApi 1.9, and the report is still written', async () => {
    const state = new FakeExcelState({ 渠道: [['渠道代码']] });
    const port = new ExcelWorkbook(state.run, { supports: (v) => v !== EXCEL_API.pageLayout });
    expect(await writeReportSheet(port, INPUT)).toBe(false);
    await port.commit();
    expect(state.pageLayouts.has(REPORT_SHEET)).toBe(false);
    expect(state.sheet(REPORT_SHEET)?.cells[0]?.[0]?.value).toBe('经代渠道分级报告 Channel grading report');
  });

  it('names the sheet when asked to lay out one the workbook does not have', async () => {
    const port = new ExcelWorkbook(new FakeExcelState({ 渠道: [['渠道代码']] }).run);
    await expect(
      port.setPrintLayout('报告', {
        orientation: 'portrait',
        area: { firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 1 },
        breaksAfter: [],
        fitToWidth: true,
      }),
    ).rejects.toThrow(SheetNotFoundError);
  });

  it('lays the report out the same through office-addin-mock, every property set before the sync that sends it', async () => {
    const state = new FakeExcelState({ 渠道: [['渠道代码']] });
    const port = new ExcelWorkbook(mockedExcelRun(state));
    expect(await writeReportSheet(port, INPUT)).toBe(true);
    await port.commit();
    expect(state.pageLayouts.get(REPORT_SHEET)).toMatchObject({
      paperSize: 'A4',
      orientation: 'Landscape',
      printTitleRows: '$1:$4',
      zoom: { scale: expect.any(Number) as number },
      centerFooter: '待审批 · 草稿 awaiting approval · Draft  第 &P 页 / 共 &N 页  Page &P of &N',
    });
    expect(state.pageLayouts.get(REPORT_SHEET)?.breaks).toHaveLength(3);
  });
});
