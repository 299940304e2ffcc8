/*
 * The Office.js host against a fake that answers as real Excel does (issue 23 point 3, issue 25
 * point 3): Excel has no transaction, so a refused grading must find nothing written; a second
 * comment on a cell is refused by Excel (office-js#1416); clearAll clears the user's rules too;
 * events stay off until turned on; a response over 5 MB comes after the request ran.
 */
import { gradeSheet, type CellWrite } from '../../../src/grading';
import { ExcelHostError } from '../../../src/hosts/excel/excelErrors';
import { BAND_RULE_MARKER, ExcelWorkbook, openExcelWorkbook } from '../../../src/hosts/excel/ExcelWorkbook';
import { errorText } from '../../../src/taskpane/labels';
import { FakeExcelState, type FakeConditionalFormat } from '../../support/FakeExcel';
import { mockedExcelRun } from '../../support/MockedExcel';

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
const SHEET: CellWrite[][] = [
  HEADER,
  ['C001', '甲经纪', '3301', 0.6, 0.1, 0.2, 1_000_000, 365, 50_000_000],
  ['C002', '乙代理', '3301', 0.5, 0.1, 0.1, 3_000_000, 365, 10_000_000],
];

/** Everything of the workbook a job could have changed, to compare before and after. */
function snapshot(state: FakeExcelState): unknown {
  return JSON.stringify({
    sheets: state.sheets.map((s) => ({ name: s.name, cells: s.cells })),
    names: [...state.names],
    scoped: [...state.sheetScoped].map(([k, v]) => [k, [...v]]),
    rules: state.conditionalFormats,
    charts: state.charts,
    comments: state.comments,
    validations: state.validations,
    layouts: [...state.pageLayouts],
    events: state.enableEvents,
  });
}

describe('a refused grading writes nothing (Excel has no transaction)', () => {
  it.each([
    ['the data sheet is protected', (s: FakeExcelState) => s.protectedSheets.add('渠道'), /工作表“渠道”受保护/],
    [
      'the add-in’s own rules sheet is protected',
      (s: FakeExcelState) => {
        s.sheets.push({ name: '分级规则', cells: [] });
        s.sheetScoped.set('分级规则', new Map([['QD_OWNED', { visible: false }]]));
        s.protectedSheets.add('分级规则');
      },
      /工作表“分级规则”受保护/,
    ],
    [
      'the workbook’s structure is protected',
      (s: FakeExcelState) => (s.workbookProtected = true),
      /工作簿受保护|结构受保护/,
    ],
    [
      'merged cells lie in the output block',
      (s: FakeExcelState) => s.merged.push({ sheet: '渠道', row: 0, column: 10, rows: 1, columns: 2 }),
      /合并单元格（渠道!K1:L1|合并单元格（K1:L1/,
    ],
  ])('when %s: refused before the first write, named, and the workbook is as it was', async (_, arrange, said) => {
    for (const through of ['fake', 'office-addin-mock'] as const) {
      const state = new FakeExcelState({ 渠道: SHEET });
      arrange(state);
      const before = snapshot(state);
      const run = through === 'fake' ? state.run : mockedExcelRun(state);
      const failure = await gradeSheet(new ExcelWorkbook(run, { supports: state.supports }), { sheet: '渠道' }).catch(
        (e: unknown) => e,
      );
      expect(failure instanceof ExcelHostError ? 'refused' : failure).toBe('refused');
      expect(errorText(failure, 'zh')).toMatch(said);
      expect(errorText(failure, 'zh')).toContain('本次未写入任何内容');
      expect(errorText(failure, 'en')).toContain('nothing was written');
      expect(snapshot(state)).toBe(before);
    }
  });

  it('names the merged cells, in English under an English Office', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    state.merged.push({ sheet: '渠道', row: 2, column: 12, rows: 2, columns: 1 });
    const failure = await gradeSheet(new ExcelWorkbook(state.run), { sheet: '渠道' }).catch((e: unknown) => e);
    expect(errorText(failure, 'en')).toMatch(/^sheet "渠道" has merged cells where the add-in writes \(M3:M4\)/);
  });

  it('turns events back on when a request fails half-way (the sheet protected during the job)', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    let writes = 0;
    const run: typeof state.run = (batch) => {
      // The user protects the sheet after the checks, before the rows land.
      if (state.dataSyncs > 0 && ++writes === 1) state.protectedSheets.add('渠道');
      return state.run(batch);
    };
    const failure = await gradeSheet(new ExcelWorkbook(run), { sheet: '渠道' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExcelHostError);
    expect(state.enableEvents).toBe(true);
  });
});

describe('events', () => {
  it('never touches Runtime.enableEvents where Excel lacks ExcelApi 1.8, and grades', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    state.excelApi = 7;
    const report = await gradeSheet(new ExcelWorkbook(state.run, { supports: state.supports }), { sheet: '渠道' });
    expect(report.graded).toBe(2);
  });

  it('leaves events on after a grading (off only within each request)', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    await gradeSheet(new ExcelWorkbook(mockedExcelRun(state)), { sheet: '渠道' });
    expect(state.enableEvents).toBe(true);
  });
});

describe('conditional formats: only the add-in’s own', () => {
  const userRule = (): FakeConditionalFormat => ({
    id: '{USER}',
    sheet: '渠道',
    row: 1,
    column: 0,
    rows: 2,
    columns: 20,
    type: 'Custom',
    formula: '=$A2="C001"',
    fill: '#FFFF00',
    font: '#000000',
  });

  it('keeps a user’s rule that spans the output column, and replaces its own band rules on a regrade', async () => {
    for (const run of ['fake', 'mock'] as const) {
      const state = new FakeExcelState({ 渠道: SHEET });
      state.conditionalFormats.push(userRule());
      const go = (): Promise<unknown> =>
        gradeSheet(new ExcelWorkbook(run === 'fake' ? state.run : mockedExcelRun(state)), { sheet: '渠道' });
      await go();
      await go();
      expect(state.conditionalFormats.filter((cf) => cf.id === '{USER}')).toHaveLength(1);
      const own = state.conditionalFormats.filter((cf) => cf.formula.includes(BAND_RULE_MARKER));
      expect(own.map((cf) => cf.formula.replace(/^.*="|"\)$/g, ''))).toEqual(['深蓝', '蓝', '黄', '浅红', '深红']);
    }
  });

  it('removes the cell-value band rules an earlier version wrote, not a user’s cell-value rule', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    await gradeSheet(new ExcelWorkbook(state.run), { sheet: '渠道' });
    const column = state.conditionalFormats[0]?.column ?? 0;
    const legacy = (id: string, text: string, fill: string): FakeConditionalFormat => ({
      id,
      sheet: '渠道',
      row: 1,
      column,
      rows: 2,
      columns: 1,
      type: 'CellValue',
      formula: `="${text}"`,
      fill,
      font: '#FFFFFF',
    });
    state.conditionalFormats = [legacy('{OLD}', '深蓝', '#1F3A93'), legacy('{MINE}', '深蓝', '#00FF00')];
    await gradeSheet(new ExcelWorkbook(state.run), { sheet: '渠道' });
    const ids = state.conditionalFormats.map((cf) => cf.id);
    expect(ids).not.toContain('{OLD}');
    expect(ids).toContain('{MINE}');
    expect(ids).toHaveLength(6);
  });
});

describe('comments on returned rows (office-js#1416)', () => {
  it('replies to the thread of a cell that has one, and adds nothing when the thread says it already', async () => {
    for (const run of ['fake', 'mock'] as const) {
      const state = new FakeExcelState({ 渠道: SHEET });
      const port = (): ExcelWorkbook => new ExcelWorkbook(run === 'fake' ? state.run : mockedExcelRun(state));
      expect(await port().addComment('渠道', 2, 3, '退回：保费有误')).toBe(true);
      expect(await port().addComment('渠道', 2, 3, '退回：天数有误')).toBe(true);
      expect(await port().addComment('渠道', 2, 3, '退回：保费有误')).toBe(true);
      expect(state.comments).toEqual([{ cell: '渠道!R2C3:R2C3', text: '退回：保费有误', replies: ['退回：天数有误'] }]);
    }
  });

  it('is refused by the fake as by Excel when a second comment is added to a cell', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    state.comments.push({ cell: '渠道!R2C3:R2C3', text: 'user', replies: [] });
    const failure = await state
      .run(async (context) => {
        const cell = context.workbook.worksheets.getItem('渠道').getRangeByIndexes(1, 2, 1, 1);
        context.workbook.comments.add(cell, 'again');
        await context.sync();
      })
      .catch((e: unknown) => e);
    expect((failure as { code?: string }).code).toBe('InvalidArgument');
  });
});

describe('payload limits', () => {
  it('does not replay the writes of a read whose answer was too large: the request ran', async () => {
    const long = 'x'.repeat(100);
    const state = new FakeExcelState({ 渠道: [['文本'], ...Array.from({ length: 60_000 }, () => [long])] });
    const port = new ExcelWorkbook(state.run, { rowsPerRequest: 100_000 });
    await port.writeBlock('渠道', 1, 5, [['标记']]);
    await port.replaceSheet('分级汇总', [['汇总']]);
    const read = await port.readBlock('渠道', 1, 1, 60_001, 1);
    await port.commit();
    expect(read).toHaveLength(60_001);
    expect(state.payloads.some((b) => b > 5 * 1024 * 1024)).toBe(true);
    expect(state.sheets.filter((s) => s.name === '分级汇总')).toHaveLength(1);
    expect(state.sheet('分级汇总')?.cells[0]?.[0]?.value).toBe('汇总');
  });
});

describe('delayForCellEdit', () => {
  it('asks Excel to wait for a cell edit to end instead of failing the request', async () => {
    const state = new FakeExcelState({ 渠道: SHEET });
    const calls: unknown[] = [];
    const g = globalThis as { Excel?: unknown; Office?: unknown };
    const saved = { Excel: g.Excel, Office: g.Office };
    g.Excel = {
      run: (options: unknown, batch: (c: Excel.RequestContext) => Promise<unknown>) => {
        calls.push(options);
        return state.run(batch);
      },
    };
    g.Office = { context: { requirements: { isSetSupported: () => true } } };
    try {
      expect(await openExcelWorkbook().sheetNames()).toEqual(['渠道']);
    } finally {
      g.Excel = saved.Excel;
      g.Office = saved.Office;
    }
    expect(calls).toEqual([{ delayForCellEdit: true }]);
  });
});
