import { MissingColumnError, GradingCancelledError, type CellWrite } from '../../src/grading';
import { SheetNotOwnedError } from '../../src/grading/WorkbookPort';
import {
  PREPARED_SHEET,
  PREPARE_NOTES_SHEET,
  PROSPECTIVE_FORM_SHEET,
  PROSPECTIVE_PREPARED_SHEET,
  appendProspectiveEntry,
  prepareProspectiveSheet,
  prepareSheets,
  type PrepareSheetOptions,
} from '../../src/grading/prepareSheet';
import { PREPARED_HEADERS } from '../../src/grading/prepareColumns';
import { ExcelWorkbook } from '../../src/hosts/excel/ExcelWorkbook';
import { FakeExcelState, PAYLOAD_LIMIT } from '../support/FakeExcel';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

// RULES.md §5.2 worked by hand for the quarter judged 2026-04-10 (window 2026-01-01..03-31, 90 days):
// C1: 100,000 @ 60%/20% + 50,000 @ 50%/25% + 批退 −10,000 @ 60%/20% → premium 140,000,
//     loss 79,000 ÷ 140,000 = 0.564285714285714, market 30,500 ÷ 140,000 = 0.217857142857143,
//     杭州 2026 budget 8% → cost 0.862142857142857 深蓝; 140,000 × 365 ÷ 90 = 567,777.777777778 → C;
//     ÷ own 5,000,000 = 0.113555555555556 → Ⅱ: 深蓝-C-Ⅱ.
// C2 started 2026-01-10 (three full months by 04-10): days 81; 810,000 @ 70%/20% + 宁波 budget 7.5% →
//     cost 0.975 黄; 810,000 × 365 ÷ 81 = 3,650,000 → B; ÷ 10,000,000 = 0.365 → Ⅰ: 黄-B-Ⅰ.
// C3 started 2026-02-20: fewer than three full months → not prepared (第十一条).
// C4 has rows only outside the window → not prepared; X9 is not in the master → listed.
function workbook(extractHeader?: CellWrite[]): MemoryWorkbook {
  return new MemoryWorkbook({
    保单明细: [
      ['保单明细 2026 Q1 系统提取'],
      extractHeader ?? ['渠道代码', '服务区域代码', '统计日期', '保费', '终极赔付率', '跟单费用率', '保单号'],
      ['C1', '330100', '2026-01-15', 100000, 0.6, 0.2, 'P1'],
      ['C1', '330100', '2026-02-10', '50,000', '50%', 0.25, 'P2'],
      ['C1', '330200', '2026-03-05', -10000, 0.6, 0.2, 'P1-E1'],
      ['C1', null, '2026-02-01', 99999, 0.9, 0.9, 'P3'],
      ['C1', '330100', '2025-12-31', 99999, 0.9, 0.9, 'P0'],
      ['C2', '330200', 46063 /* 2026-02-10 as an Excel serial */, 810000, 0.7, 0.2, 'P4'],
      ['C3', '330200', '2026-03-10', 1000, 0.5, 0.2, 'P5'],
      ['C4', '330200', '2026-04-02', 1000, 0.5, 0.2, 'P6'],
      ['X9', '330200', '2026-03-10', 1000, 0.5, 0.2, 'P7'],
    ],
    渠道清单: [
      ['Channel ID', 'Channel name', 'Branch company', 'Branch', 'Start date', 'Own premium'],
      ['C1', '甲经纪', '浙江', '杭州', '2025-06-01', 5000000],
      ['C2', '乙代理', '浙江', '宁波', '2026-01-10', 10000000],
      ['C3', '丙代理', '浙江', '宁波', '2026-02-20', 10000000],
      ['C4', '丁代理', '浙江', '宁波', '2024-01-01', 10000000],
    ],
    非市场费用率: [
      ['三级机构', '年度', '实际非市场费用率', '预算非市场费用率'],
      ['杭州', 2026, null, 0.08],
      ['宁波', 2026, null, '7.5%'],
    ],
  });
}

const OPTIONS: PrepareSheetOptions = {
  extractSheet: '保单明细',
  masterSheet: '渠道清单',
  nonMarketSheet: '非市场费用率',
  kind: 'quarter',
  judging: { year: 2026, month: 4, day: 10 },
  grading: { now: () => new Date('2026-04-10T08:00:00Z') },
};

function column(wb: MemoryWorkbook, sheet: string, header: string): CellWrite[] {
  const cells = wb.sheets.get(sheet)?.cells ?? [];
  const at = (cells[0] ?? []).indexOf(header);
  return cells.slice(1).map((r) => r[at] ?? null);
}

describe('preparing the extract, master and non-market sheets, then grading (RULES.md §5.2, CONTRACT.md §6)', () => {
  it('writes one prepared row per channel with its source and grades it as a hand-built row', async () => {
    const wb = workbook();
    const report = await prepareSheets(wb, OPTIONS);
    expect(report.sheet).toBe(PREPARED_SHEET);
    expect(column(wb, PREPARED_SHEET, '渠道代码')).toEqual(['C1', 'C2']);
    expect(column(wb, PREPARED_SHEET, '合作保费')).toEqual([140000, 810000]);
    expect(column(wb, PREPARED_SHEET, '终极赔付率')).toEqual([0.564285714285714, 0.7]);
    expect(column(wb, PREPARED_SHEET, '市场费用率')).toEqual([0.217857142857143, 0.2]);
    expect(column(wb, PREPARED_SHEET, '非市场费用率')).toEqual([0.08, 0.075]);
    expect(column(wb, PREPARED_SHEET, '合作天数')).toEqual([90, 81]);
    expect(column(wb, PREPARED_SHEET, '数据窗口')).toEqual(['2026-01-01..2026-03-31', '2026-01-01..2026-03-31']);
    expect(column(wb, PREPARED_SHEET, '明细行数')).toEqual([3, 1]);
    expect(column(wb, PREPARED_SHEET, '未计行数')).toEqual([1, 0]);
    expect(column(wb, PREPARED_SHEET, '非市场费用率来源')).toEqual(['杭州 2026 年预算', '宁波 2026 年预算']);
    expect(column(wb, PREPARED_SHEET, '渠道分类')).toEqual(['深蓝-C-Ⅱ', '黄-B-Ⅰ']);
    expect(report.grade?.graded).toBe(2);
  });

  it('gives the same prepared sheet when the extract is read in chunks of two rows (Excel-sized requests)', async () => {
    const whole = workbook();
    const chunked = workbook();
    await prepareSheets(whole, OPTIONS);
    await prepareSheets(chunked, { ...OPTIONS, chunkRows: 2 });
    expect(chunked.sheets.get(PREPARED_SHEET)?.cells).toEqual(whole.sheets.get(PREPARED_SHEET)?.cells);
  });

  it('lists every channel it could not prepare, and the rows it left out, on the notes sheet', async () => {
    const wb = workbook();
    const report = await prepareSheets(wb, OPTIONS);
    expect(report.preparation.notPrepared.map((n) => [n.channelId, n.issues.map((i) => i.code)])).toEqual([
      ['C3', ['underThreeMonths']],
      ['C4', ['noRows']],
      ['X9', ['notInMaster']],
    ]);
    const notes = wb.sheets.get(PREPARE_NOTES_SHEET)?.cells ?? [];
    const text = notes.map((r) => r.map((v) => String(v as string | number | null)).join(' | ')).join('\n');
    expect(text).toContain('2026-01-01 .. 2026-03-31 (90)');
    expect(text).toContain('C3 | 丙代理 | 宁波 | 1 | 合作不满三个月');
    expect(text).toContain('6 | C1 | 缺少服务区域代码，不计入');
  });

  it('finds English and full-width headers, and takes the user’s mapping for a header it does not know', async () => {
    const wb = workbook([
      '渠道代码',
      'Service area code',
      '签单日期',
      'ＰＲＥＭＩＵＭ',
      '终极赔付率',
      '市场费用率',
      '保单号',
    ]);
    await expect(prepareSheets(wb, OPTIONS)).rejects.toThrow(MissingColumnError);
    await expect(prepareSheets(wb, OPTIONS)).rejects.toThrow('统计日期');
    expect(wb.sheets.has(PREPARED_SHEET)).toBe(false);
    const report = await prepareSheets(wb, { ...OPTIONS, mappings: { extract: { date: 3 } } });
    expect(report.preparation.channels.map((c) => c.channelId)).toEqual(['C1', 'C2']);
  });

  it('leaves the workbook untouched when cancelled while reading the extract', async () => {
    const wb = workbook();
    const controller = new AbortController();
    controller.abort();
    await expect(prepareSheets(wb, { ...OPTIONS, signal: controller.signal })).rejects.toThrow(GradingCancelledError);
    expect([...wb.sheets.keys()]).toEqual(['保单明细', '渠道清单', '非市场费用率']);
    expect(wb.commits).toBe(0);
  });

  it('reports progress of preparing, then of grading', async () => {
    const phases: string[] = [];
    await prepareSheets(workbook(), { ...OPTIONS, onProgress: (_d, _t, phase) => phases.push(phase) });
    expect(phases[0]).toBe('prepare');
    expect(phases.at(-1)).toBe('grade');
  });

  it('refuses to overwrite a user’s own sheet named like the prepared sheet', async () => {
    const wb = workbook();
    wb.sheets.set(PREPARED_SHEET, { cells: [['我的数据']], formats: new Map(), bands: [] });
    await expect(prepareSheets(wb, OPTIONS)).rejects.toThrow(SheetNotOwnedError);
    expect(wb.sheets.get(PREPARED_SHEET)?.cells).toEqual([['我的数据']]);
  });

  it('prepares again over its own sheet with the same result', async () => {
    const wb = workbook();
    await prepareSheets(wb, OPTIONS);
    const first = wb.sheets.get(PREPARED_SHEET)?.cells;
    await prepareSheets(wb, OPTIONS);
    expect(wb.sheets.get(PREPARED_SHEET)?.cells).toEqual(first);
    expect(wb.sheets.get(PREPARED_SHEET)?.cells[0]?.slice(0, PREPARED_HEADERS.length)).toEqual(
      PREPARED_HEADERS.map((h) => h.zh),
    );
  });
});

describe('the 经代渠道合作信息表 for prospective channels (RULES.md §5.1, §12)', () => {
  it('creates the template, appends an entry with its source and grades it with the budget ratio', async () => {
    const wb = workbook();
    const row = await appendProspectiveEntry(wb, {
      channelId: 'N1',
      channelName: '新经纪',
      branch: '宁波',
      regionCode: '330200',
      lossRatio: 0.62,
      marketExpenseRatio: 0.18,
      plannedPremium: 3000000,
      ownPremium: 20000000,
      source: '2026-03 洽谈纪要；个人客户运营部测算',
    });
    expect(row).toBe(2);
    expect(wb.sheets.get(PROSPECTIVE_FORM_SHEET)?.cells[0]?.[6]).toBe('预估终极赔付率');
    const report = await prepareProspectiveSheet(wb, {
      nonMarketSheet: '非市场费用率',
      judging: { year: 2026, month: 3, day: 20 },
    });
    expect(report.sheet).toBe(PROSPECTIVE_PREPARED_SHEET);
    // 0.62 + 0.18 + 0.075 = 0.875 深蓝; 3,000,000 → B; ÷ 20,000,000 = 0.15 → Ⅱ.
    expect(column(wb, PROSPECTIVE_PREPARED_SHEET, '渠道分类')).toEqual(['深蓝-B-Ⅱ']);
    expect(column(wb, PROSPECTIVE_PREPARED_SHEET, '资料来源')).toEqual(['2026-03 洽谈纪要；个人客户运营部测算']);
    expect(await appendProspectiveEntry(wb, { channelId: 'N2' })).toBe(3);
  });
});

describe('preparing inside Excel, within its request limits (CONTRACT.md §6)', () => {
  it('reads a 60,000-row extract in 20,000-row requests under 5 MB each and grades the result', async () => {
    const extract: CellWrite[][] = [['渠道代码', '服务区域代码', '统计日期', '保费', '终极赔付率', '跟单费用率']];
    for (let i = 0; i < 60_000; i++)
      extract.push([`C${i % 50}`, '330100', `2026-0${1 + (i % 3)}-1${i % 10}`, 1000 + (i % 7), 0.6, 0.2]);
    const master: CellWrite[][] = [['渠道代码', '三级机构', '合作起始日期', '渠道自有保费']];
    for (let c = 0; c < 50; c++) master.push([`C${c}`, '杭州', '2025-01-01', 100_000_000]);
    const state = new FakeExcelState({
      保单明细: extract,
      渠道清单: master,
      非市场费用率: [
        ['三级机构', '年度', '实际非市场费用率', '预算非市场费用率'],
        ['杭州', 2026, null, 0.08],
      ],
    });
    const report = await prepareSheets(new ExcelWorkbook(state.run), { ...OPTIONS, chunkRows: 20_000 });
    expect(report.preparation.counts.used).toBe(60_000);
    expect(report.grade?.graded).toBe(50);
    expect(Math.max(...state.payloads)).toBeLessThan(PAYLOAD_LIMIT);
  });

  it('appends a prospective channel and grades it over Excel, reading back what it just wrote', async () => {
    const state = new FakeExcelState({
      非市场费用率: [
        ['三级机构', '年度', '实际非市场费用率', '预算非市场费用率'],
        ['宁波', 2026, null, 0.075],
      ],
    });
    const port = new ExcelWorkbook(state.run);
    await appendProspectiveEntry(port, {
      channelId: 'N1',
      branch: '宁波',
      regionCode: '330200',
      lossRatio: 0.62,
      marketExpenseRatio: 0.18,
      plannedPremium: 3000000,
      ownPremium: 20000000,
      source: '洽谈纪要',
    });
    const report = await prepareProspectiveSheet(port, {
      nonMarketSheet: '非市场费用率',
      judging: { year: 2026, month: 3, day: 20 },
    });
    expect(report.grade?.graded).toBe(1);
  });
});
