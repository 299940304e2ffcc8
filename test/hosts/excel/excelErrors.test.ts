/*
 * What the user reads when Excel refuses the add-in (issue 15, point 5): the sheet, what is wrong and
 * what to do, in the pane's language; "意外错误" only for a bug.
 */
import { gradeSheet, SheetNotFoundError, type CellWrite } from '../../../src/grading';
import { ExcelHostError, hostError } from '../../../src/hosts/excel/excelErrors';
import { ExcelWorkbook } from '../../../src/hosts/excel/ExcelWorkbook';
import { errorText } from '../../../src/taskpane/labels';
import { ExcelError, FakeExcelState } from '../../support/FakeExcel';

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
];

describe('Excel refusing the add-in, as the user reads it', () => {
  it('names a protected sheet, says it is protected and how to unprotect it, in Chinese first', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    state.protectedSheets.add('渠道');
    const port = new ExcelWorkbook(state.run);
    const failure = await gradeSheet(port, { sheet: '渠道' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExcelHostError);
    const zh = errorText(failure, 'zh');
    expect(zh).toMatch(/^工作表“渠道”受保护/);
    expect(zh).toMatch(/撤销工作表保护/);
    expect(zh).not.toMatch(/意外错误|You cannot perform/);
  });

  it('says the same in English first under an English Office', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    state.protectedSheets.add('渠道');
    const failure = await gradeSheet(new ExcelWorkbook(state.run), { sheet: '渠道' }).catch((e: unknown) => e);
    expect(errorText(failure, 'en')).toMatch(/^sheet "渠道" is protected .*Unprotect Sheet/);
  });

  it('tells the user to finish editing a cell when Excel is in cell-edit mode', () => {
    const e = hostError(new ExcelError('InvalidOperationInCellEditMode', 'busy'), '渠道');
    expect(errorText(e, 'zh')).toMatch(/正在编辑单元格.*Enter 或 Esc/);
  });

  it('turns a missing sheet into the message that names it', () => {
    expect(hostError(new ExcelError('ItemNotFound', 'x'), '渠道')).toBeInstanceOf(SheetNotFoundError);
  });

  it('keeps "意外错误" for a defect of the add-in, and asks to report it', () => {
    expect(errorText(new TypeError('x is undefined'), 'zh')).toMatch(/^意外错误：x is undefined。这是本加载项的缺陷/);
  });

  it('skips the drop-down and the comment where Excel lacks their requirement sets, instead of failing', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    const port = new ExcelWorkbook(state.run, { supports: (v) => v !== '1.10' && v !== '1.8' });
    expect(await port.listValidation('渠道', 12, 2, 2, ['待复核', '通过', '退回'])).toBe(false);
    expect(await port.addComment('渠道', 2, 12, '费用率与台账不符')).toBe(false);
    await port.commit();
    expect(state.validations).toEqual([]);
    expect(state.comments).toEqual([]);
  });
});
