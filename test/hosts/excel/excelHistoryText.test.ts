/*
 * The history kept in Excel (RULES.md §12) must come back as it was written: Excel retypes text that
 * looks like a number, a date or a logical, as it does with what a user types, so a channel code
 * 000123 would come back as 123 and be taken for another channel at the next movement.
 */
import {
  SheetNotOwnedError,
  gradeSheet,
  readWorkbookHistory,
  recordGradingInWorkbook,
  type CellWrite,
} from '../../../src/grading';
import { ExcelWorkbook, excelWouldRetype } from '../../../src/hosts/excel/ExcelWorkbook';
import { FakeExcelState } from '../../support/FakeExcel';

const HEADER: CellWrite[] = [
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

describe("text on the add-in's own sheets in Excel", () => {
  it('keeps a channel code 000123, a date, an exponent-like fingerprint and TRUE as the text written', async () => {
    const state = new FakeExcelState({ 渠道: [HEADER] });
    const written = ['000123', '2026-04-08', '12e45', 'TRUE', '3,301', '15%', '深蓝-A-Ⅰ', 'deb89aa3806f'];
    const port = new ExcelWorkbook(state.run);
    await port.replaceSheet('分级历史', [written]);
    await port.commit();
    const back = await new ExcelWorkbook(state.run).readBlock('分级历史', 1, 1, 1, written.length);
    expect(back[0]).toEqual(written);
  });

  it('writes numbers as numbers and leaves ordinary text without an apostrophe', () => {
    expect(excelWouldRetype('甲经纪')).toBe(false);
    expect(excelWouldRetype('deb89aa3806f')).toBe(false);
    expect(excelWouldRetype('0.9')).toBe(true);
    expect(excelWouldRetype('#N/A')).toBe(true);
  });

  it('traces channel 000123 across two gradings kept in the workbook', async () => {
    const state = new FakeExcelState({
      渠道: [HEADER, ['000123', '甲经纪', '3301', 0.5, 0.1, 0.1, 3_000_000, 365, 10_000_000]],
    });
    for (const judgingDate of ['2026-01-10', '2026-04-08']) {
      const port = new ExcelWorkbook(state.run);
      const report = await gradeSheet(port, { sheet: '渠道', snapshot: true });
      await recordGradingInWorkbook(
        new ExcelWorkbook(state.run),
        report,
        { kind: 'annual', judgingDate, by: '张三', gradedAt: `${judgingDate}T09:30:00+08:00` },
        'zh',
      );
    }
    const history = await readWorkbookHistory(new ExcelWorkbook(state.run));
    expect(history.snapshots.map((s) => s.channels.map((c) => c.channelId))).toEqual([['000123'], ['000123']]);
    expect(history.snapshots.map((s) => s.judgingDate)).toEqual(['2026-01-10', '2026-04-08']);
  });

  it("refuses to lay out the user's own sheet for printing", async () => {
    const state = new FakeExcelState({ 渠道: [HEADER], 我的报表: [['月报']] });
    const port = new ExcelWorkbook(state.run);
    await expect(
      port.setPrintLayout('我的报表', {
        orientation: 'portrait',
        area: { firstRow: 1, firstColumn: 1, lastRow: 1, lastColumn: 1 },
        breaksAfter: [],
        fitToWidth: true,
      }),
    ).rejects.toBeInstanceOf(SheetNotOwnedError);
  });
});
