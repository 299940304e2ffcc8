/**
 * @jest-environment jsdom
 */
/* The 数据准备 Prepare step as the analyst sees it (RULES.md §5, CONTRACT.md §6). */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_COMPILED } from '../../src/core';
import { GradingCancelledError, type CellWrite } from '../../src/grading';
import { App } from '../../src/taskpane/components/App';
import { PrepareTab } from '../../src/taskpane/components/PrepareTab';
import { createPaneWorkflow } from '../../src/taskpane/workflow/createPaneWorkflow';
import { createPrepareWorkflow } from '../../src/taskpane/workflow/prepareWorkflow';
import type { PrepareWorkflow } from '../../src/taskpane/workflow/prepareWorkflow.types';
import { MemoryWorkbook } from '../support/MemoryWorkbook';
import { memoryPaneHost } from '../support/memoryPaneHost';

// The quarter judged 2026-04-10 worked by hand in test/grading/prepareSheet.test.ts: C1 深蓝-C-Ⅱ, C2 黄-B-Ⅰ;
// C3 started 2026-02-20 (fewer than three full months), X9 is not in the master.
function workbook(dateHeader = '统计日期'): MemoryWorkbook {
  const sheets: Record<string, CellWrite[][]> = {
    说明: [['本工作簿的数据来自保单系统']],
    保单明细: [
      ['渠道代码', '服务区域代码', dateHeader, '保费', '终极赔付率', '跟单费用率'],
      ['C1', '330100', '2026-01-15', 100000, 0.6, 0.2],
      ['C1', '330100', '2026-02-10', 50000, 0.5, 0.25],
      ['C1', '330200', '2026-03-05', -10000, 0.6, 0.2],
      ['C2', '330200', '2026-02-10', 810000, 0.7, 0.2],
      ['C3', '330200', '2026-03-10', 1000, 0.5, 0.2],
      ['X9', '330200', '2026-03-10', 1000, 0.5, 0.2],
    ],
    渠道清单: [
      ['渠道代码', '渠道名称', '三级机构', '合作起始日期', '渠道自有保费'],
      ['C1', '甲经纪', '杭州', '2025-06-01', 5000000],
      ['C2', '乙代理', '宁波', '2026-01-10', 10000000],
      ['C3', '丙代理', '宁波', '2026-02-20', 10000000],
    ],
    非市场费用率: [
      ['三级机构', '年度', '实际非市场费用率', '预算非市场费用率'],
      ['杭州', 2026, null, 0.08],
      ['宁波', 2026, null, 0.075],
    ],
  };
  return new MemoryWorkbook(sheets);
}

/** Preparing and grading take a few seconds on a busy machine. */
const SLOW = { timeout: 15_000 };

function renderTab(workflow?: PrepareWorkflow, wb = workbook()) {
  const flow = workflow ?? createPrepareWorkflow(memoryPaneHost(wb), 'zh', () => DEFAULT_COMPILED);
  render(
    <FluentProvider theme={webLightTheme}>
      <PrepareTab workflow={flow} today={new Date(2026, 3, 10)} />
    </FluentProvider>,
  );
  return { wb, flow };
}

describe('数据准备 Prepare step', () => {
  it('picks the extract, master and non-market sheets by their headers and shows the window it will use', async () => {
    renderTab();
    expect(await screen.findByDisplayValue('保单明细')).toBeTruthy();
    expect(screen.getByLabelText<HTMLSelectElement>('渠道清单').value).toBe('渠道清单');
    expect(screen.getByLabelText<HTMLSelectElement>('非市场费用率表').value).toBe('非市场费用率');
    expect(screen.getByLabelText<HTMLInputElement>('评判日期').value).toBe('2026-04-10');
    expect(screen.getByRole('status', { name: '数据窗口' }).textContent).toBe(
      '数据窗口 2026-01-01 至 2026-03-31（90 天）（window 2026-01-01 to 2026-03-31 (90 days)）',
    );
  });

  it('shows what 第十一条 has due in the month of the judging date', async () => {
    renderTab();
    const due = await screen.findByRole('region', { name: /本月应办/ });
    expect(due.textContent).toContain('2026-04-05 新增经代渠道分类');
    expect(due.textContent).toContain('2026-04-10 年度内运用分类：合作满三个月的渠道');
  });

  it('says why a re-evaluation in January has no window, and does not prepare', async () => {
    renderTab();
    const user = userEvent.setup();
    await screen.findByDisplayValue('保单明细');
    await user.clear(screen.getByLabelText('评判日期'));
    await user.type(screen.getByLabelText('评判日期'), '2026-01-10');
    await user.selectOptions(screen.getByLabelText('评判类型'), 'recheck');
    expect(screen.getByRole('status', { name: '数据窗口' }).textContent).toContain('1 月评判时本年度尚无已结束的月份');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '准备并分级 Prepare and grade' }).disabled).toBe(true);
  });

  it('prepares, grades, and lists the channels it could not prepare with the reason', async () => {
    const { wb } = renderTab();
    const user = userEvent.setup();
    await screen.findByDisplayValue('保单明细');
    await user.click(screen.getByRole('button', { name: '准备并分级 Prepare and grade' }));
    expect(await screen.findByText(/已准备 2 个渠道，未准备 2 个；明细 6 行，计入 6 行/, {}, SLOW)).toBeTruthy();
    expect(screen.getByText(/已分级 2 个（工作表 渠道分级数据）/)).toBeTruthy();
    const list = screen.getByRole('list', { name: /未准备的渠道/ });
    expect(list.textContent).toContain('C3 丙代理：合作不满三个月');
    expect(list.textContent).toContain('X9：渠道清单中没有此渠道');
    const cells = wb.sheets.get('渠道分级数据')?.cells ?? [];
    expect(cells[1]?.[cells[0]?.indexOf('渠道分类') ?? -1]).toBe('深蓝-C-Ⅱ');
  });

  it('records the prepared grading in the history as a snapshot of its kind and judging date (RULES.md §12)', async () => {
    const { wb } = renderTab();
    const user = userEvent.setup();
    await screen.findByDisplayValue('保单明细');
    await user.click(screen.getByRole('button', { name: '准备并分级 Prepare and grade' }));
    expect(await screen.findByText(/已记入分级历史：2026-04-10\/quarter\/1（/, {}, SLOW)).toBeTruthy();
    const history = wb.sheets.get('分级历史')?.cells ?? [];
    expect(history.slice(1).map((r) => [r[0], r[1], r[2], r[8]])).toEqual([
      ['2026-04-10/quarter/1', '2026-04-10', 'quarter', 'C1'],
      ['2026-04-10/quarter/1', '2026-04-10', 'quarter', 'C2'],
    ]);
  });

  it('asks for a column whose header it does not know, and prepares with the column the user picks', async () => {
    const { wb } = renderTab(undefined, workbook('签单日期'));
    const user = userEvent.setup();
    expect(await screen.findByText(/工作表“保单明细”未识别的必需列：统计日期，请在下方指定/)).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('保单明细 统计日期'), '3');
    expect(screen.queryByText(/未识别的必需列/)).toBeNull();
    await user.click(screen.getByRole('button', { name: '准备并分级 Prepare and grade' }));
    expect(await screen.findByText(/已准备 2 个渠道/, {}, SLOW)).toBeTruthy();
    expect(wb.sheets.has('渠道分级数据')).toBe(true);
  });

  it('cancels while the extract is read and says the workbook was not changed', async () => {
    const wb = workbook();
    const real = createPrepareWorkflow(memoryPaneHost(wb), 'zh', () => DEFAULT_COMPILED);
    const slow: PrepareWorkflow = {
      ...real,
      prepare: (_r, onProgress, signal) =>
        new Promise((_resolve, reject) => {
          onProgress(1, 10, 'prepare');
          signal.addEventListener('abort', () => reject(new GradingCancelledError()));
        }),
    };
    renderTab(slow);
    const user = userEvent.setup();
    await screen.findByDisplayValue('保单明细');
    await user.click(screen.getByRole('button', { name: '准备并分级 Prepare and grade' }));
    await user.click(await screen.findByRole('button', { name: '取消 Cancel' }));
    expect(await screen.findByText(/已取消，工作簿未作改动/)).toBeTruthy();
  });

  it('adds a prospective channel from the 经代渠道合作信息表 form and grades it with its source', async () => {
    const { wb } = renderTab();
    const user = userEvent.setup();
    await screen.findByDisplayValue('保单明细');
    await user.click(screen.getByRole('button', { name: /拟合作渠道 Prospective channels/ }));
    const typeInto = async (label: string, text: string) => user.type(screen.getByLabelText(label), text);
    await typeInto('渠道代码', 'N1');
    await typeInto('三级机构', '宁波');
    await typeInto('服务区域代码', '330200');
    await typeInto('预估终极赔付率', '62%');
    await typeInto('洽谈市场费用率', '0.18');
    await typeInto('计划年保费', '3000000');
    await typeInto('渠道自有保费', '20000000');
    await typeInto('资料来源', '2026-03 洽谈纪要');
    await user.click(screen.getByRole('button', { name: '添加并分级 Add and grade' }));
    expect(await screen.findByText(/已分级拟合作渠道 1 个（工作表 拟合作渠道分级）/, {}, SLOW)).toBeTruthy();
    const graded = wb.sheets.get('拟合作渠道分级')?.cells ?? [];
    expect(graded[1]?.[graded[0]?.indexOf('渠道分类') ?? -1]).toBe('深蓝-B-Ⅱ');
    expect(wb.sheets.get('经代渠道合作信息表')?.cells[1]?.[0]).toBe('N1');
  });
});

/** Lets the 分级 tab finish reading the sheet it opened on before the test ends. */
async function settle(): Promise<void> {
  await act(() => new Promise<void>((resolve) => setTimeout(resolve, 300)));
}

describe('the 数据准备 tab beside 分级', () => {
  it('shows 数据准备 Prepare before 分级 Grade when the pane has the Prepare workflow, and opens on it', async () => {
    const host = memoryPaneHost(workbook());
    render(
      <FluentProvider theme={webLightTheme}>
        <App
          workflow={createPaneWorkflow(host, 'zh')}
          prepare={createPrepareWorkflow(host, 'zh', () => DEFAULT_COMPILED)}
        />
      </FluentProvider>,
    );
    const user = userEvent.setup();
    // Fluent renders each tab's label twice (one copy reserves the bold width).
    const tabs = screen.getAllByRole('tab').map((t) => t.textContent ?? '');
    expect(tabs[0]).toMatch(/^数据准备 Prepare/);
    expect(tabs[1]).toMatch(/^分级 Grade/);
    await user.click(screen.getByRole('tab', { name: '数据准备 Prepare' }));
    expect(await screen.findByRole('status', { name: '数据窗口' })).toBeTruthy();
    await settle();
  });

  it('has no 数据准备 tab without the Prepare workflow', async () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <App workflow={createPaneWorkflow(memoryPaneHost(workbook()), 'zh')} />
      </FluentProvider>,
    );
    expect(screen.queryByRole('tab', { name: '数据准备 Prepare' })).toBeNull();
    await settle();
  });
});
