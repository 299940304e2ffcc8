import { GradingCancelledError, gradeSheet, SheetNotFoundError, type CellWrite } from '../../../src/grading';
import { SheetNotOwnedError } from '../../../src/grading/WorkbookPort';
import { WpsWorkbook } from '../../../src/hosts/wps/WpsWorkbook';
import { WpsHostError } from '../../../src/hosts/wps/wpsErrors';
import { wpsPaneHost } from '../../../src/hosts/wps/wpsPaneHost';
import { FakeApplication, E_REFUSED } from './FakeEt';

const DATA: CellWrite[][] = [
  ['渠道代码', '渠道名称', '金额'],
  ['C001', '甲', 1.5],
  ['C002', '乙', 2],
];

function open(
  rows = DATA,
  rowsPerSlice = 2_000,
  busyMs = 1_000_000,
): { app: FakeApplication; port: WpsWorkbook; turns: () => number } {
  const app = new FakeApplication();
  app.ActiveWorkbook.withSheet('Data', rows);
  let turns = 0;
  const port = new WpsWorkbook(app.asEt.ActiveWorkbook, {
    rowsPerSlice,
    busyMs,
    yieldToPage: () => {
      turns++;
      return Promise.resolve();
    },
  });
  return { app, port, turns: () => turns };
}

describe('WPS workbook port', () => {
  it('reads and writes 5,000 rows in three Value2 calls each, yielding to the page before each slice', async () => {
    const { app, port, turns } = open(DATA, 2_000, 0);
    const rows = Array.from({ length: 5_000 }, (_, i) => [`C${i}`, i]);
    app.value2Calls = 0;
    await port.writeBlock('Data', 2, 5, rows);
    expect(app.value2Calls).toBe(3);
    app.value2Calls = 0;
    const back = await port.readBlock('Data', 2, 5, 5_000, 2);
    expect(app.value2Calls).toBe(3);
    expect(back[4_999]).toEqual(['C4999', 4999]);
    expect(turns()).toBe(6);
  });

  it('reads an error cell (COM hands VT_ERROR as its HRESULT) as the error’s text, never as a figure', async () => {
    const { app, port } = open();
    app.ActiveWorkbook.sheets[0]?.cells.set('2,3', { value: -2146826246 });
    expect(await port.readBlock('Data', 2, 3, 2, 1)).toEqual([['#N/A'], [2]]);
  });

  it('reads a single cell (ET hands a scalar) as a 1 × 1 block', async () => {
    const { port } = open();
    expect(await port.readBlock('Data', 2, 3, 1, 1)).toEqual([[1.5]]);
  });

  it('keeps codes with leading zeros, dates as text and TRUE as text through ET’s typing', async () => {
    const { port } = open();
    await port.writeBlock('Data', 2, 4, [['000123'], ['2026-04-08'], ['TRUE'], ['=1+1 text']]);
    const back = await port.readBlock('Data', 2, 4, 4, 1);
    expect(back.map((r) => r[0])).toEqual(['000123', '2026-04-08', 'TRUE', '=1+1 text']);
  });

  it('writes a formula through Formula, not as text', async () => {
    const { app, port } = open();
    await port.writeBlock('Data', 1, 5, [[{ formula: 'SUM(C2:C3)', result: 3.5 }, 'x']]);
    const ws = app.ActiveWorkbook.sheets[0];
    expect(ws?.cell(1, 5)?.formula).toBe('=SUM(C2:C3)');
    expect(ws?.cell(1, 6)?.value).toBe('x');
  });

  it('marks a sheet it creates with a hidden name scoped to that sheet, and deletes no sheet behind a dialog', async () => {
    const { app, port } = open();
    await port.replaceSheet('分级汇总', [['渠道分级汇总 Channel grading summary']], [12, 30]);
    await port.replaceSheet('分级汇总', [['again']]);
    const ws = app.ActiveWorkbook.sheets.find((s) => s.Name === '分级汇总');
    expect(ws?.Names.items).toEqual([{ Name: '分级汇总!QD_OWNED', RefersTo: "='分级汇总'!$A$1", Visible: false }]);
    expect(app.prompts).toBe(0);
    expect(app.DisplayAlerts).toBe(true);
    expect(app.EnableEvents).toBe(true);
  });

  it('refuses a protected sheet with a message naming it and the next step, and changes nothing', async () => {
    const { app, port } = open();
    const ws = app.ActiveWorkbook.sheets[0];
    if (ws) ws.ProtectContents = true;
    const attempt = port.writeBlock('Data', 2, 4, [['深蓝']]);
    await expect(attempt).rejects.toBeInstanceOf(WpsHostError);
    await expect(port.writeBlock('Data', 2, 4, [['深蓝']])).rejects.toThrow(/工作表“Data”受保护.*撤销工作表保护/);
    await expect(port.writeBlock('Data', 2, 4, [['深蓝']])).rejects.toMatchObject({
      code: (E_REFUSED >>> 0).toString(16).toUpperCase(),
      sheet: 'Data',
    });
    expect(ws?.cell(2, 4)).toBeUndefined();
    expect(app.EnableEvents).toBe(true);
  });

  it('says a protected workbook structure when a sheet cannot be added, and adds none', async () => {
    const { app, port } = open();
    app.ActiveWorkbook.ProtectStructure = true;
    await expect(port.replaceSheet('分级汇总', [['x']])).rejects.toThrow(/工作簿结构受保护/);
    expect(app.ActiveWorkbook.sheets.map((s) => s.Name)).toEqual(['Data']);
  });

  it('leaves the workbook as it was when WPS refuses to delete the sheet being replaced', async () => {
    const { app, port } = open();
    await port.replaceSheet('分级汇总', [['first']]);
    const old = app.ActiveWorkbook.sheets.find((s) => s.Name === '分级汇总');
    if (old)
      old.Delete = () => {
        throw Object.assign(new Error('refused'), { number: -2146827284 });
      };
    await expect(port.replaceSheet('分级汇总', [['second']])).rejects.toBeInstanceOf(WpsHostError);
    expect(app.ActiveWorkbook.sheets.map((s) => s.Name)).toEqual(['Data', '分级汇总']);
    expect(old?.cell(1, 1)?.value).toBe('first');
    expect(app.DisplayAlerts).toBe(true);
  });

  it("refuses to lay out the user's own sheet for printing", async () => {
    const { port } = open();
    const layout = {
      orientation: 'portrait' as const,
      area: { firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 2 },
      breaksAfter: [],
      fitToWidth: false,
    };
    await expect(port.setPrintLayout('Data', layout)).rejects.toBeInstanceOf(SheetNotOwnedError);
    await expect(port.setPrintLayout('Nope', layout)).rejects.toBeInstanceOf(SheetNotFoundError);
  });

  it('colours bands with one rule per band in COM colours (BGR), replacing its earlier rules', async () => {
    const { app, port } = open();
    const fills = [
      { text: '深蓝', fill: '1F3A93', font: 'FFFFFF' },
      { text: '深红', fill: 'C00000', font: 'FFFFFF' },
    ];
    await port.colourBands('Data', 4, 2, 3, fills);
    await port.colourBands('Data', 4, 2, 3, fills);
    const ws = app.ActiveWorkbook.sheets[0];
    expect(ws?.conditions.map((c) => [c.formula, c.fill])).toEqual([
      ['="深蓝"', 0x933a1f],
      ['="深红"', 0x0000c0],
    ]);
  });

  it("keeps a cell's different note and says so; the same note again changes nothing", async () => {
    const { app, port } = open();
    expect(await port.addComment('Data', 2, 1, '退回：成本率有误')).toBe(true);
    expect(await port.addComment('Data', 2, 1, '退回：成本率有误')).toBe(true);
    expect(await port.addComment('Data', 2, 1, '另一条')).toBe(false);
    expect(app.ActiveWorkbook.sheets[0]?.notes.get('2,1')).toBe('退回：成本率有误');
  });

  it('draws the summary chart from the block, titled, at the anchor', async () => {
    const { app, port } = open();
    await port.replaceSheet('分级汇总', [
      ['色带', '渠道数'],
      ['深蓝', 3],
      ['黄', 1],
    ]);
    expect(
      await port.addChart('分级汇总', {
        title: '色带分布',
        firstRow: 1,
        firstColumn: 1,
        lastRow: 3,
        lastColumn: 2,
        anchorRow: 1,
        anchorColumn: 4,
      }),
    ).toBe(true);
    expect(app.ActiveWorkbook.sheets.find((s) => s.Name === '分级汇总')?.charts).toEqual([
      { source: '$A$1:$B$3', type: 51, title: '色带分布' },
    ]);
  });

  it('grades a sheet end to end through the port', async () => {
    const rows: CellWrite[][] = [
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
      ['C001', '甲', '3301', 0.5, 0.2, 0.1, 1_000_000, 365, 5_000_000],
      ['C002', '乙', '3302', 0.7, 0.3, 0.1, 200_000, 200, 1_000_000],
    ];
    const { app, port } = open(rows);
    const report = await gradeSheet(port, { sheet: 'Data' });
    await port.commit();
    expect(report.rowsRead).toBe(2);
    const ws = app.ActiveWorkbook.sheets[0];
    const header = Array.from({ length: 30 }, (_, j) => ws?.cell(1, j + 1)?.value);
    expect(header).toContain('渠道分类');
  });

  it('a long grading yields to the page while reading, reports progress and, cancelled, writes nothing', async () => {
    const header = [
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
    const rows: CellWrite[][] = [
      header,
      ...Array.from({ length: 3_000 }, (_, i) => [`C${i}`, '甲', '3301', 0.5, 0.2, 0.1, 1e6, 365, 5e6]),
    ];
    const { app, port, turns } = open(rows, 500, 0);
    const controller = new AbortController();
    const seen: number[] = [];
    const run = gradeSheet(port, {
      sheet: 'Data',
      chunkRows: 500,
      signal: controller.signal,
      onProgress: (done) => {
        seen.push(done);
        if (seen.length === 2) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(GradingCancelledError);
    expect(turns()).toBeGreaterThan(0);
    const ws = app.ActiveWorkbook.sheets[0];
    expect(ws?.cell(1, 10)).toBeUndefined();
    expect(app.ActiveWorkbook.sheets.map((s) => s.Name)).toEqual(['Data']);
  });
});

describe('WPS pane host', () => {
  it('keeps a long setting in the workbook (custom properties in 240-character parts) and reads it back', async () => {
    const app = new FakeApplication();
    app.ActiveWorkbook.withSheet('Data', DATA);
    const host = wpsPaneHost(app.asEt);
    const long = JSON.stringify({ mapping: 'x'.repeat(600) });
    await host.writeSetting('mapping', long);
    expect(await host.readSetting('mapping')).toBe(long);
    await host.writeSetting('mapping', 'short');
    expect(await host.readSetting('mapping')).toBe('short');
    expect(app.ActiveWorkbook.CustomDocumentProperties.items.map((p) => p.Name)).toEqual([
      'QD.mapping.1',
      'QD.mapping',
    ]);
    expect(await host.readSetting('other')).toBeNull();
  });

  it('says the active sheet and the user, and selects a row', async () => {
    const app = new FakeApplication();
    app.ActiveWorkbook.withSheet('Data', DATA);
    const host = wpsPaneHost(app.asEt);
    expect(await host.activeSheet()).toBe('Data');
    expect(host.userName()).toBe('张分析');
    await host.selectRow('Data', 3);
    expect(app.ActiveWorkbook.selected).toEqual({ sheet: 'Data', address: '$A$3:$XFD$3' });
    await expect(host.selectRow('Gone', 3)).rejects.toBeInstanceOf(SheetNotFoundError);
  });

  it('says that no workbook is open instead of failing on a missing one', () => {
    const app = new FakeApplication();
    Object.defineProperty(app, 'ActiveWorkbook', { value: null });
    const host = wpsPaneHost(app.asEt);
    expect(() => host.openPort()).toThrow(/没有打开的工作簿/);
  });
});
