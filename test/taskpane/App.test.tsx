/**
 * @jest-environment jsdom
 */
/* The pane's frame: the tabs, the help link, and what this Excel cannot do (issue 14 point 3, issue 15). */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/taskpane/components/App';
import { createPaneWorkflow } from '../../src/taskpane/workflow/createPaneWorkflow';
import { createMeasuresWorkflow } from '../../src/taskpane/workflow/measuresWorkflow';
import { MemoryWorkbook } from '../support/MemoryWorkbook';
import { memoryPaneHost } from '../support/memoryPaneHost';
import { HEADER, ROWS, renderPane } from './renderPane';

describe('the pane', () => {
  it('opens the function help from a link', () => {
    renderPane();
    const help = screen.getByRole('link', { name: '函数帮助 Function help' });
    expect(help.getAttribute('href')).toBe('help.html');
    expect(help.getAttribute('target')).toBe('_blank');
  });

  it('says which optional features this Excel lacks, instead of failing later', () => {
    const host = {
      ...memoryPaneHost(new MemoryWorkbook({ 渠道: [HEADER, ...ROWS] })),
      unsupported: () => [{ zh: '退回意见无法写成批注（需 ExcelApi 1.10）', en: 'no comments (needs ExcelApi 1.10)' }],
    };
    render(
      <FluentProvider theme={webLightTheme}>
        <App workflow={createPaneWorkflow(host, 'zh')} />
      </FluentProvider>,
    );
    expect(screen.getByText(/此版本 Excel 缺少的功能/)).toBeTruthy();
    expect(screen.getByText(/退回意见无法写成批注（需 ExcelApi 1.10）/)).toBeTruthy();
  });

  it('shows each tab in both languages, English first under an English Office', async () => {
    renderPane('en');
    for (const name of ['Grade 分级', 'Rules 规则', 'Scenario 情景', 'Review 复核', 'History 历史'])
      expect(screen.getByRole('tab', { name })).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('tab', { name: 'Review 复核' }));
    expect(screen.getByRole('button', { name: 'Start review 开始复核' })).toBeTruthy();
  });

  it('shows the sheet’s own distribution of each measure on the Rules tab once the sheet is graded (RULES.md §13)', async () => {
    const host = memoryPaneHost(new MemoryWorkbook({ 渠道: [HEADER, ...ROWS] }));
    const workflow = createPaneWorkflow(host, 'zh');
    render(
      <FluentProvider theme={webLightTheme}>
        <App workflow={workflow} measures={createMeasuresWorkflow(host, 'zh', () => workflow.rules())} />
      </FluentProvider>,
    );
    const user = userEvent.setup();
    await screen.findByText(/数据 4 行/);
    await user.click(screen.getByRole('button', { name: '分级 Grade' }));
    await screen.findByText(/已分级 3 个渠道/);
    await user.click(screen.getByRole('tab', { name: '规则 Rules' }));
    expect(await screen.findByRole('region', { name: '指标分布 Distribution of the measures' })).toBeTruthy();
  });
});
