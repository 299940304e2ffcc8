/* The Rules tab's reading of the company's own data (RULES.md §13; the table of 第七条 is lost). */
import { DEFAULT_COMPILED, DEFAULT_RULES, type RuleSet } from '../../src/core';
import type { CellWrite } from '../../src/grading';
import { createMeasuresWorkflow } from '../../src/taskpane/workflow/measuresWorkflow';
import { MemoryWorkbook } from '../support/MemoryWorkbook';
import { memoryPaneHost } from '../support/memoryPaneHost';
import { HEADER, ROWS } from './renderPane';

function workflowOver(sheets: Record<string, CellWrite[][]>) {
  const wb = new MemoryWorkbook(sheets);
  const host = memoryPaneHost(wb);
  return { wb, host, measures: createMeasuresWorkflow(host, 'zh', () => DEFAULT_COMPILED) };
}

function withParameters(p: Partial<RuleSet['parameters']>): RuleSet {
  return { ...DEFAULT_RULES, parameters: { ...DEFAULT_RULES.parameters, ...p } };
}

describe('the channels the Rules tab measures (RULES.md §13)', () => {
  it('reads every graded channel with its measures, leaves out a row with a problem and writes nothing', async () => {
    const { wb, measures } = workflowOver({ 渠道: [HEADER, ...ROWS] });
    const before = JSON.stringify([...wb.sheets.entries()].map(([n, s]) => [n, s.cells]));
    const measured = await measures.measuredChannels();
    expect(measured.sheet).toBe('渠道');
    // C004 has no 服务区域代码: a problem in its data, so it is not counted.
    expect(measured.channels.map((c) => c.channelId)).toEqual(['C001', 'C002', 'C003']);
    expect(measured.notCounted).toBe(1);
    expect(measured.channels[0]?.measures).toEqual({ costRate: 0.9, annualScale: 1_000_000, depth: 0.02 });
    expect(measured.names.get('C002')).toBe('乙代理');
    expect(JSON.stringify([...wb.sheets.entries()].map(([n, s]) => [n, s.cells]))).toBe(before);
  });

  it('counts a channel whose code repeats once per row, named by its row, and leaves out a row with a problem', async () => {
    const rows: CellWrite[][] = [
      HEADER,
      ...ROWS,
      ['C001', '甲经纪二', '3301', 0.6, 0.1, 0.2, 500_000, 365, 50_000_000],
      ['C009', '坏数据', '3301', 'abc', 0.1, 0.2, 500_000, 365, 50_000_000],
    ];
    const { measures } = workflowOver({ 渠道: rows });
    const measured = await measures.measuredChannels('渠道');
    expect(measured.channels.map((c) => c.channelId)).toContain('C001（第 6 行）');
    expect(measured.rows).toBe(6);
    expect(measured.notCounted).toBe(2);
  });

  it('says group members count with their own rows’ measures', async () => {
    const header = [...HEADER, '所属集团'];
    const rows = ROWS.map((r, i) => [...r, i < 2 ? '某集团' : null]);
    const { measures } = workflowOver({ 渠道: [header, ...rows] });
    const measured = await measures.measuredChannels();
    expect(measured.notes.map((n) => n.zh).join()).toMatch(/集团成员按各自行的指标统计/);
    expect(measured.channels[0]?.measures.annualScale).toBe(1_000_000);
  });

  it('measures a prospective sheet, which has no cooperation days, in the prospective mode', async () => {
    const days = HEADER.indexOf('合作天数');
    const drop = (r: CellWrite[]): CellWrite[] => r.filter((_, i) => i !== days);
    const { measures } = workflowOver({ 渠道: [drop(HEADER), ...ROWS.map(drop)] });
    const measured = await measures.measuredChannels('渠道', undefined, 'prospective');
    expect(measured.channels.map((c) => c.channelId)).toEqual(['C001', 'C002', 'C003']);
    expect(measured.channels[1]?.measures.annualScale).toBe(3_000_000);
  });

  it('says the sheet is not there, as a typed error the pane shows', async () => {
    const { measures } = workflowOver({ 渠道: [HEADER, ...ROWS] });
    await expect(measures.measuredChannels('没有这张表')).rejects.toMatchObject({
      name: 'SheetNotFoundError',
    });
  });

  it('says 1 channel and 100万元 would change class when 深蓝 is lowered to 89%', async () => {
    const { measures } = workflowOver({ 渠道: [HEADER, ...ROWS] });
    const measured = await measures.measuredChannels();
    // C001's cost ratio is exactly 90%: 深蓝 at 90% inclusive, 蓝 once 深蓝 stops at 89%.
    const impact = measures.impact(measured, withParameters({ 'cost.deepBlue.max': 0.89 }));
    expect(impact.changed).toBe(1);
    expect(impact.changedPremium).toBe(1_000_000);
    expect(impact.coloursBefore).toEqual([2, 0, 0, 0, 1]);
    expect(impact.coloursAfter).toEqual([1, 1, 0, 0, 1]);
    expect(impact.movement.moves[0]).toMatchObject({ channelId: 'C001', direction: 'down', flags: [] });
  });

  it('compares a proposal in the unit the headers state, as grading would', async () => {
    const header = HEADER.map((h) =>
      h === '合作保费' ? '合作保费（万元）' : h === '渠道自有保费' ? '渠道自有保费（万元）' : h,
    );
    const rows = ROWS.map((r) => r.map((v, i) => (i === 6 || i === 8 ? Number(v) / 10_000 : v)));
    const { measures } = workflowOver({ 渠道: [header, ...rows] });
    const measured = await measures.measuredChannels();
    expect(measured.headerUnit).toBe(10_000);
    expect(measured.premiumUnit).toBe(10_000);
    expect(measured.channels[1]?.measures.annualScale).toBe(300);
    // The proposal says yuan; the headers decide, so B at 250万 keeps C002 (300万) in B and moves C003 (200万) to C.
    const impact = measures.impact(measured, withParameters({ 'scale.B.min': 2_500_000 }));
    expect(impact.movement.moves.map((m) => m.channelId)).toEqual(['C003']);
    expect(impact.changedPremium).toBe(200);
  });
});
