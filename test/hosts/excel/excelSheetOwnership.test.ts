/*
 * Issue 12 in Excel: a sheet is the add-in's only if the add-in marked it (a hidden name QD_OWNED
 * scoped to the sheet); a user's sheet that carries one of the add-in's sheet names is never replaced.
 */
import { gradeSheet, type CellWrite } from '../../../src/grading';
import { ExcelWorkbook } from '../../../src/hosts/excel/ExcelWorkbook';
import { errorText } from '../../../src/taskpane/labels';
import { FakeExcelState } from '../../support/FakeExcel';
import { mockedExcelRun } from '../../support/MockedExcel';

const SHEET: CellWrite[][] = [
  [
    '渠道代码',
    '渠道名称',
    '服务区域代码',
    '终极赔付率',
    '市场费用率',
    '非市场费用率',
    '合作保费',
    '合作天数',
    '渠道自有保费',
  ],
  ['C001', '甲经纪', '3301', 0.6, 0.1, 0.2, 1_000_000, 365, 50_000_000],
  ['C002', '乙代理', '3301', 0.5, 0.1, 0.1, 3_000_000, 365, 10_000_000],
];

describe("the add-in's own sheets in Excel", () => {
  it('marks the summary and rules sheets it creates with a hidden name scoped to each', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    await gradeSheet(new ExcelWorkbook(state.run), { sheet: '渠道' });
    expect(state.sheetScoped.get('分级汇总')?.get('QD_OWNED')).toEqual({ visible: false });
    expect(state.sheetScoped.get('分级规则')?.get('QD_OWNED')).toEqual({ visible: false });
    expect(state.sheetScoped.get('渠道')).toBeUndefined();
  });

  it('grades again over its own marked sheets, through office-addin-mock too', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    await gradeSheet(new ExcelWorkbook(mockedExcelRun(state)), { sheet: '渠道' });
    await gradeSheet(new ExcelWorkbook(mockedExcelRun(state)), { sheet: '渠道' });
    expect(state.sheets.map((s) => s.name).sort()).toEqual(['分级汇总', '分级规则', '渠道'].sort());
    expect(state.sheetScoped.get('分级汇总')?.get('QD_OWNED')?.visible).toBe(false);
  });

  it("keeps the user's own sheet named 分级汇总 and says which sheet to rename", async () => {
    const mine: CellWrite[][] = [['我的汇总'], ['keep', 42]];
    const state = new FakeExcelState({ 渠道: SHEET, 分级汇总: mine });
    const failure = await gradeSheet(new ExcelWorkbook(state.run), { sheet: '渠道' }).catch((e: unknown) => e);
    expect(errorText(failure, 'zh')).toMatch(/工作表“分级汇总”已存在且不是本加载项创建的.*改名/);
    expect(state.sheet('分级汇总')?.cells.map((r) => r.map((c) => c?.value))).toEqual([['我的汇总'], ['keep', 42]]);
  });

  it('adopts the summary an earlier version of the add-in wrote, and marks it', async () => {
    const old: CellWrite[][] = [['渠道分级汇总 Channel grading summary'], ['old']];
    const state = new FakeExcelState({ 渠道: SHEET, 分级汇总: old });
    await gradeSheet(new ExcelWorkbook(state.run), { sheet: '渠道' });
    expect(state.sheetScoped.get('分级汇总')?.get('QD_OWNED')).toEqual({ visible: false });
  });
});
