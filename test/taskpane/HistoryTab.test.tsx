/**
 * @jest-environment jsdom
 */
/*
 * The 历史 History tab and the history parts of 分级 and 复核, as a manager sees them (RULES.md §12:
 * snapshots, movement, the two classes of 第四条, the approval trail of 第十条, roll-ups).
 */
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CellWrite } from '../../src/grading';
import { renderPane, type Pane } from './renderPane';

const HEADER: CellWrite[] = [
  '渠道代码',
  '渠道名称',
  '服务区域代码',
  '分公司',
  '三级机构',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
];
/** Cost ratios 0.8 (深蓝), 0.7 (深蓝), 1.0 (黄) and 0.95 (蓝) under the default thresholds. */
const ROWS: CellWrite[][] = [
  ['C001', '甲经纪', '3301', '浙江分公司', '杭州中支', 0.5, 0.1, 0.2, 1_000_000, 365, 50_000_000],
  ['C002', '乙代理', '3301', '浙江分公司', '宁波中支', 0.4, 0.1, 0.2, 3_000_000, 365, 10_000_000],
  ['C003', '丙代理', '3302', '江苏分公司', '南京中支', 0.7, 0.1, 0.2, 2_000_000, 365, 5_000_000],
  ['C004', '丁代理', '3302', '江苏分公司', '苏州中支', 0.65, 0.1, 0.2, 2_000_000, 365, 5_000_000],
];
// Fluent's styles pile up in <head> test after test, and every role query reads computed styles:
// without this the later tests of this file take ten times as long.
afterEach(() => {
  for (const style of document.head.querySelectorAll('style')) style.remove();
});

/** The loss-ratio column (0-based). */
const LOSS = HEADER.indexOf('终极赔付率');

function paneWithBranches(lang: 'zh' | 'en' = 'zh'): Pane {
  return renderPane(lang, [HEADER, ...ROWS]);
}

async function grade(kind?: string, date?: string): Promise<void> {
  const user = userEvent.setup();
  await screen.findByText(/数据 4 行|4 data rows/);
  if (kind !== undefined) await user.selectOptions(screen.getByRole('combobox', { name: /分级类型/ }), kind);
  if (date !== undefined) fireEvent.change(screen.getByLabelText(/评判日/), { target: { value: date } });
  await user.click(screen.getByRole('button', { name: /^(分级 Grade|Grade 分级)$/ }));
  await screen.findByText(/已记入分级历史|recorded in the history|未记入分级历史/);
}

/** Channel C001 becomes deep red: 1.0 + 0.1 + 0.2 = 130%. */
function worsenC001(pane: Pane): void {
  (pane.wb.sheets.get('渠道')?.cells[1] as CellWrite[])[LOSS] = 1.0;
}

async function openHistory(): Promise<void> {
  await userEvent.setup().click(screen.getByRole('tab', { name: /历史 History|History 历史/ }));
  await screen.findByRole('button', { name: /刷新历史|Refresh history/ });
}

async function approveLatest(who: string, note = ''): Promise<void> {
  const user = userEvent.setup();
  const approver = screen.getByRole('textbox', { name: /审批人/ });
  await user.clear(approver);
  await user.type(approver, who);
  if (note) fireEvent.change(screen.getByRole('textbox', { name: /意见/ }), { target: { value: note } });
  await user.click(screen.getByRole('button', { name: '批准 Approve' }));
  await screen.findByText(/^已批准 \d{4}-\d{2}-\d{2}\//);
}

describe('分级 Grade tab, with the history', () => {
  it('records the grading in the history by default and says it is the first one', async () => {
    const pane = paneWithBranches();
    await grade('annual', '2026-11-30');
    expect(screen.getByText(/已记入分级历史：2026-11-30 年度 .* · 首次记录，无上次分级可比/)).toBeTruthy();
    expect(pane.wb.sheets.get('分级历史')?.cells).toHaveLength(5);
    expect(pane.wb.sheets.get('审批记录')?.cells[1]).toEqual(expect.arrayContaining(['graded', '2026-11-30/annual/1']));
  });

  it('shows the channels per colour band for each 分公司 and each 三级机构, their premium in 万元 and the scale classes on request', async () => {
    paneWithBranches();
    await grade();
    const byCompany = screen.getByRole('table', { name: '按分公司 By branch company' });
    const zhejiang = within(byCompany).getByRole('row', { name: /浙江分公司/ });
    // Both of 浙江分公司's channels are deep blue (80% and 70%).
    expect(
      within(zhejiang)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['2', '0', '0', '0', '0']);
    expect(screen.getByRole('table', { name: '按三级机构 By branch' })).toBeTruthy();
    const user = userEvent.setup();
    const panel = byCompany.parentElement?.parentElement as HTMLElement;
    await user.click(within(panel).getByRole('button', { name: '渠道数 Channels' }));
    // 1,000,000 + 3,000,000 yuan = 400 万元.
    expect(within(zhejiang).getAllByRole('cell')[0]?.textContent).toBe('400');
    await user.click(within(panel).getByRole('button', { name: '按色带 By band' }));
    expect(
      within(byCompany)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['分公司 Company', 'A', 'B', 'C']);
  });

  it('shows the movement since the last grading in one line: ↑, ↓ and flagged', async () => {
    const pane = paneWithBranches();
    await grade('annual', '2026-11-30');
    worsenC001(pane);
    await grade('quarter', '2027-01-10');
    expect(
      screen.getByText(/已记入分级历史：2027-01-10 季度 .* · 较上次记录的分级（2026-11-30 年度）↑ 0 ↓ 1，需关注 1 /),
    ).toBeTruthy();
    expect(pane.wb.sheets.has('分级变动')).toBe(true);
  });

  it('grades a quarter in the in-year mode and a prospective grading in the prospective mode, and says so', async () => {
    paneWithBranches();
    const user = userEvent.setup();
    await screen.findByText(/数据 4 行/);
    await user.selectOptions(screen.getByRole('combobox', { name: /分级类型/ }), 'quarter');
    expect(screen.getByLabelText('分级模式 Mode').textContent).toBe('模式 Mode：年度内运用 In-year application');
    await user.selectOptions(screen.getByRole('combobox', { name: /分级类型/ }), 'prospective');
    expect(screen.getByLabelText('分级模式 Mode').textContent).toBe('模式 Mode：拟合作 Prospective');
  });

  it('records nothing when the user turns 记入分级历史 off', async () => {
    const pane = paneWithBranches();
    await userEvent.setup().click(await screen.findByRole('switch', { name: /记入分级历史/ }));
    await grade();
    expect(screen.getByText(/未记入分级历史/)).toBeTruthy();
    expect(pane.wb.sheets.has('分级历史')).toBe(false);
  });

  it('refuses to grade when the judging date is cleared, saying a date is needed, and records nothing', async () => {
    const pane = paneWithBranches();
    await screen.findByText(/数据 4 行/);
    fireEvent.change(screen.getByLabelText(/评判日/), { target: { value: '' } });
    await userEvent.setup().click(screen.getByRole('button', { name: /^(分级 Grade|Grade 分级)$/ }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent).join(' ')).toMatch(/请填写评判日，如 2026-11-30/);
    expect(pane.wb.sheets.has('分级历史')).toBe(false);
  });

  it('refuses a judging date that is not a date, saying how to write it, with the sheet untouched', async () => {
    const pane = paneWithBranches();
    const table = await pane.workflow.detect();
    const before = JSON.stringify(pane.wb.sheets.get('渠道')?.cells);
    const asked = pane.workflow.grade(
      { ...table, mode: 'annual', group: false, judgingDate: '2026-02-30' },
      () => undefined,
      new AbortController().signal,
    );
    await expect(asked).rejects.toThrow(/评判日“2026-02-30”不是日期：请写成 2026-11-30 的样子/);
    expect(JSON.stringify(pane.wb.sheets.get('渠道')?.cells)).toBe(before);
  });
});

describe('历史 History tab', () => {
  it('says the workbook has no gradings yet, and what to do', async () => {
    paneWithBranches();
    await openHistory();
    expect(await screen.findByText(/本工作簿尚无分级记录/)).toBeTruthy();
  });

  it('lists the gradings newest first with who graded, the rules and 待审批 until approved', async () => {
    paneWithBranches();
    await grade('annual', '2026-11-30');
    await openHistory();
    const list = await screen.findByRole('list', { name: '分级记录 Gradings' });
    const first = within(list).getByRole('listitem', { name: '2026-11-30/annual/1' });
    expect(first.textContent).toMatch(/2026-11-30 年度/);
    expect(first.textContent).toMatch(/分级人 by 李分析 · 4 个渠道 channels · 规则 rules [0-9a-f]{8}/);
    expect(within(first).getByText('待审批 awaiting approval')).toBeTruthy();
  });

  it('approves a grading as 个人客户运营部 and keeps that approval when the next quarter is graded', async () => {
    const pane = paneWithBranches();
    await grade('annual', '2026-11-30');
    await openHistory();
    await screen.findByRole('list', { name: '分级记录 Gradings' });
    await approveLatest('王经理', '同意');
    worsenC001(pane);
    await userEvent.setup().click(screen.getByRole('tab', { name: /^分级 Grade/ }));
    await grade('quarter', '2027-01-10');
    await userEvent.setup().click(screen.getByRole('tab', { name: /^历史 History/ }));
    const list = await screen.findByRole('list', { name: '分级记录 Gradings' });
    await within(list).findByRole('listitem', { name: '2027-01-10/quarter/2' });
    const items = within(list)
      .getAllByRole('listitem')
      .filter((i) => i.parentElement === list);
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual(['2027-01-10/quarter/2', '2026-11-30/annual/1']);
    expect(within(items[0] as HTMLElement).getByText('待审批 awaiting approval')).toBeTruthy();
    expect((items[1] as HTMLElement).textContent).toMatch(/已批准 approved · 王经理/);
    expect((items[1] as HTMLElement).textContent).toMatch(/个人客户运营部 王经理 · 已批准：同意/);
    const trail = pane.wb.sheets.get('审批记录')?.cells ?? [];
    expect(trail.filter((r) => r[3] === 'approved')).toHaveLength(1);
  });

  it('shows the 5×5 colour migration matrix of the last two gradings, the channel that moved two bands into red flagged first', async () => {
    const pane = paneWithBranches();
    await grade('annual', '2026-11-30');
    worsenC001(pane);
    (pane.wb.sheets.get('渠道')?.cells[4] as CellWrite[])[LOSS] = 0.6; // C004 95% → 90%: 蓝 → 深蓝
    await grade('quarter', '2027-01-10');
    await openHistory();
    const matrix = await screen.findByRole('table', { name: '色带迁移矩阵 Colour migration matrix' });
    expect(within(matrix).getAllByRole('row')).toHaveLength(6);
    expect(within(matrix).getByRole('cell', { name: /^深蓝→深红 1/ }).textContent).toBe('1');
    expect(within(matrix).getByRole('cell', { name: /^蓝→深蓝 1/ }).textContent).toBe('1');
    expect(within(matrix).getByRole('cell', { name: /^深蓝→深蓝 1/ }).textContent).toBe('1');
    expect(screen.getByText(/变动 2 个，不变 2 个，需关注 1 个/)).toBeTruthy();
    const movers = within(screen.getByRole('list', { name: '变动渠道 Channels that moved' })).getAllByRole('listitem');
    expect(movers[0]?.textContent).toMatch(/^C001 甲经纪：深蓝-.+ → 深红-.+跨两个及以上色带进入红色$/);
    expect(movers[1]?.textContent).toMatch(/^C004 丁代理：蓝-.+ → 深蓝-/);
  });

  it('finds a channel by name and shows its class in each grading, both classes awaiting approval and none yet in force (第四条)', async () => {
    const pane = paneWithBranches();
    await grade('annual', '2026-11-30');
    worsenC001(pane);
    await grade('quarter', '2027-01-10');
    await openHistory();
    await screen.findByRole('list', { name: '分级记录 Gradings' });
    fireEvent.change(screen.getByRole('searchbox', { name: /渠道代码或名称/ }), { target: { value: '甲' } });
    const found = await screen.findByLabelText('C001');
    expect(found.textContent).toMatch(/2026-11-30 年度：深蓝-/);
    expect(found.textContent).toMatch(/2027-01-10 季度：深红-/);
    expect(found.textContent).toMatch(
      /年度评价 Annual — · 年度内运用 In-year — · 年度评价待审批 深蓝-.+年度内运用待审批 深红-.+资源匹配用 matching uses：拟合作分类/,
    );
  });

  // Superseded by RULES.md §12 (this round): an approved grading is decided and can no longer be
  // returned, so this test's premise (a return after an approval) no longer holds; to be rewritten
  // to return a grading awaiting approval (closing note).
  it.skip('asks for a reason before a grading is returned, then lists the return beside the earlier approval', async () => {
    paneWithBranches();
    await grade('annual', '2026-11-30');
    await openHistory();
    await screen.findByRole('list', { name: '分级记录 Gradings' });
    await approveLatest('王经理');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '退回 Return' }));
    expect(await screen.findByText('须写明意见 a reason is needed')).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /意见/ }), { target: { value: '杭州中支数据待核' } });
    await user.click(screen.getByRole('button', { name: '退回 Return' }));
    await screen.findByText(/^已退回 2026-11-30\/annual\/1/);
    const item = within(screen.getByRole('list', { name: '分级记录 Gradings' })).getByRole('listitem', {
      name: '2026-11-30/annual/1',
    });
    expect(within(item).getByText(/^已退回 returned · 王经理/)).toBeTruthy();
    const steps = within(item).getAllByText(/个人客户运营部 王经理/);
    expect(steps.map((s) => s.textContent?.replace(/^.* · 个人客户运营部/, ''))).toEqual([
      ' 王经理 · 已批准',
      ' 王经理 · 已退回：杭州中支数据待核',
    ]);
  });

  it('writes a notice sheet per 分公司 and records the branches as notified by the 经代部', async () => {
    const pane = paneWithBranches();
    await grade('annual', '2026-11-30');
    await openHistory();
    await screen.findByRole('list', { name: '分级记录 Gradings' });
    // Notices of a grading not yet approved are drafts (RULES.md §12): approve it first.
    await approveLatest('王经理');
    const user = userEvent.setup();
    const commitsBefore = pane.wb.commits;
    await user.click(screen.getByRole('button', { name: '生成通知 Notices' }));
    expect(await screen.findByText(/已写出 2 张通知：通知-浙江分公司、通知-江苏分公司/)).toBeTruthy();
    // Excel holds small writes until a commit: the notices must be committed to reach the workbook.
    expect(pane.wb.commits).toBe(commitsBefore + 1);
    expect(
      pane.wb.sheets
        .get('通知-浙江分公司')
        ?.cells.slice(4)
        .map((r) => r[0])
        .filter((code) => typeof code === 'string' && /^C\d{3}$/.test(code)),
    ).toEqual(['C001', 'C002']);
    await user.click(screen.getByRole('button', { name: /标记已通知/ }));
    await screen.findByText(/已记录由经代部通知 2 个机构/);
    expect(pane.wb.commits).toBe(commitsBefore + 2);
    const notified = (pane.wb.sheets.get('审批记录')?.cells ?? []).filter((r) => r[3] === 'notified');
    expect(notified.map((r) => [r[2], r[6]])).toEqual([
      ['grader', '浙江分公司'],
      ['grader', '江苏分公司'],
    ]);
  });

  it('speaks English first under an English Office', async () => {
    paneWithBranches('en');
    await grade();
    await openHistory();
    const list = await screen.findByRole('list', { name: 'Gradings 分级记录' });
    expect(within(list).getByText('awaiting approval 待审批')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Approve 批准' })).toBeTruthy();
  });
});

describe('复核 Review tab, with the approval trail', () => {
  it('signs off the review (复核完成) as its own step, never the approval: the grading stays 待审批, the earlier approval listed', async () => {
    const pane = paneWithBranches();
    await grade('annual', '2026-11-30');
    await openHistory();
    await screen.findByRole('list', { name: '分级记录 Gradings' });
    await approveLatest('王经理');
    worsenC001(pane);
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: /^分级 Grade/ }));
    await grade('quarter', '2027-01-10');
    await user.click(screen.getByRole('tab', { name: /^复核 Review/ }));
    await user.click(screen.getByRole('button', { name: '开始复核 Start review' }));
    await screen.findByText(/待复核 pending: 4/);
    const approvals = screen.getByRole('region', { name: '本次分级的审批 Approvals of this grading' });
    expect(within(approvals).getByText('待审批 awaiting approval')).toBeTruthy();
    expect(approvals.textContent).toMatch(/此前分级 2026-11-30\/annual\/1（保留）.*个人客户运营部 王经理 · 已批准/);
    await user.click(screen.getByRole('checkbox', { name: /确认在仍有/ }));
    await user.click(screen.getByRole('button', { name: /^复核完成（4 行待复核）/ }));
    await screen.findByText(/复核完成（分级 2027-01-10\/quarter\/2）：记入“审批记录”/);
    expect(within(approvals).getByText(/^待审批 awaiting approval · 复核完成，待复核 4 行/)).toBeTruthy();
    expect(approvals.textContent).toMatch(/此前分级 2026-11-30\/annual\/1（保留）.*王经理 · 已批准/);
  });
});
