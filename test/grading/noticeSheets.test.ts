/* Notices to the branches (RULES.md §12, 第十条: the 经代部 notifies each branch of its channels' classes). */
import { DEFAULT_COMPILED } from '../../src/core';
import type { Snapshot } from '../../src/core/snapshot';
import { noticeSheetName, writeNoticeSheets } from '../../src/grading/noticeSheets';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

const snapshot: Snapshot = {
  id: '2026-04-08/quarter/1',
  judgingDate: '2026-04-08',
  kind: 'quarter',
  window: null,
  rulesFingerprint: 'f',
  gradedBy: '张三',
  gradedAt: '2026-04-08T09:00:00+08:00',
  channels: [
    {
      channelId: 'Q1',
      channelName: '甲经纪',
      company: '北京分公司',
      costRate: 0.85,
      annualScale: 12e6,
      depth: 0.3,
      classIndex: 1,
    },
    { channelId: 'Q2', company: '上海分公司', costRate: 1.1, annualScale: 5e5, depth: 0.05, classIndex: 45 },
    { channelId: 'Q3', costRate: 1.1, annualScale: 5e5, depth: 0.05, classIndex: 45 },
  ],
};

describe('notices to the branches', () => {
  it('writes one sheet per 分公司 listing its channels with class, outcomes and actions', async () => {
    const wb = new MemoryWorkbook();
    const { sheets, unassigned } = await writeNoticeSheets(wb, snapshot, 'company', DEFAULT_COMPILED, 'zh');
    expect(sheets).toEqual(['通知-北京分公司', '通知-上海分公司']);
    expect(unassigned).toBe(1);
    const beijing = wb.sheets.get('通知-北京分公司')?.cells ?? [];
    expect(beijing[3]?.[3]).toBe('市场费用比例 Market expense ratio');
    expect(beijing[4]?.slice(0, 3)).toEqual(['Q1', '甲经纪', '深蓝-A-Ⅰ']);
    expect(beijing[4]?.[4]).toMatch(/^灵活·加快：每月结算两次/);
    const shanghai = wb.sheets.get('通知-上海分公司')?.cells ?? [];
    // The review action is a [default] of this book: marked so on the notice (RULES.md §12).
    expect(shanghai[4]?.at(-2)).toBe('清理评估 〔默认〕');
  });

  it('marks the notices of a grading not yet approved 待审批 · 草稿 on every page (Notices and the manager’s report of a grading not yet approved say so on every page)', async () => {
    const wb = new MemoryWorkbook();
    await writeNoticeSheets(wb, snapshot, 'company', DEFAULT_COMPILED, 'zh', []);
    const cells = wb.sheets.get('通知-北京分公司')?.cells ?? [];
    expect(String(cells[2]?.[0])).toMatch(/^待审批 · 草稿：/);
    const layout = wb.printLayouts.get('通知-北京分公司');
    expect(layout?.titleRows).toEqual({ first: 1, last: 4 });
    expect(layout?.footer).toMatch(/^待审批 · 草稿/);
  });

  it('prints an approved grading’s notices without the draft mark', async () => {
    const wb = new MemoryWorkbook();
    const approved = {
      at: '2026-04-09T10:00:00+08:00',
      who: '李四',
      role: 'approver' as const,
      action: 'approved' as const,
      snapshotId: snapshot.id,
      rulesFingerprint: 'f',
    };
    await writeNoticeSheets(wb, snapshot, 'company', DEFAULT_COMPILED, 'zh', [approved]);
    const cells = wb.sheets.get('通知-北京分公司')?.cells ?? [];
    expect(String(cells[2]?.[0])).toMatch(/^已审批/);
    expect(JSON.stringify(cells)).not.toContain('草稿');
    expect(wb.printLayouts.get('通知-北京分公司')?.footer).not.toContain('草稿');
  });

  it('marks items 3–11 and the actions as defaults where they are the shipped ones, never items 1–2 (every value that is a [default] of this book is marked as a default there too)', async () => {
    const wb = new MemoryWorkbook();
    await writeNoticeSheets(wb, snapshot, 'company', DEFAULT_COMPILED, 'zh');
    const row = wb.sheets.get('通知-北京分公司')?.cells[4] ?? [];
    expect(String(row[3])).not.toContain('〔默认〕');
    expect(String(row[4])).not.toContain('〔默认〕');
    for (const cell of row.slice(5)) expect(String(cell)).toContain('〔默认〕');
    const cells = wb.sheets.get('通知-北京分公司')?.cells ?? [];
    expect(String(cells.at(-1)?.[0])).toMatch(/〔默认〕为本加载项的默认值/);
  });

  it('makes a sheet name Excel accepts from any branch name', () => {
    expect(noticeSheetName('华东/上海:浦东[新区]分公司营业部第一业务部门')).toBe(
      '通知-华东_上海_浦东_新区_分公司营业部第一业务部门'.slice(0, 31),
    );
    expect(noticeSheetName('x'.repeat(40))).toHaveLength(31);
  });

  it('gives two branches whose names Excel would take for one sheet a sheet each', async () => {
    const long = '浙江省杭州市西湖区文三路经纪业务第一营业部直属团队';
    const at = (company: string, channelId: string) => ({ ...snapshot.channels[1]!, channelId, company });
    const wb = new MemoryWorkbook();
    const { sheets } = await writeNoticeSheets(
      wb,
      {
        ...snapshot,
        channels: [at(`${long}甲组`, 'A'), at(`${long}乙组`, 'B'), at('a/b', 'C'), at('a_b', 'D'), at('A_B', 'E')],
      },
      'company',
      DEFAULT_COMPILED,
      'zh',
    );
    expect(new Set(sheets.map((s) => s.toLowerCase())).size).toBe(5);
    expect(sheets.every((s) => s.length <= 31)).toBe(true);
    expect(sheets.slice(2)).toEqual(['通知-a_b', '通知-a_b~2', '通知-A_B~3']);
    expect(wb.sheets.get(sheets[1]!)?.cells[4]?.[0]).toBe('B');
  });

  it('never ends a sheet name with an apostrophe, which Excel refuses', () => {
    expect(noticeSheetName(`${'x'.repeat(27)}'`)).not.toMatch(/'$/);
  });
});
