/**
 * @jest-environment jsdom
 */
/* The 规则 Rules tab (RULES.md §2, §10; CONTRACT.md §2). */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_COMPILED } from '../../src/core';
import { App } from '../../src/taskpane/components/App';
import { createMeasuresWorkflow } from '../../src/taskpane/workflow/measuresWorkflow';
import { createPaneWorkflow } from '../../src/taskpane/workflow/createPaneWorkflow';
import { MemoryWorkbook } from '../support/MemoryWorkbook';
import { memoryPaneHost } from '../support/memoryPaneHost';
import { HEADER, ROWS, renderPane } from './renderPane';

async function openRules(): Promise<ReturnType<typeof renderPane>> {
  const pane = renderPane();
  await userEvent.setup().click(screen.getByRole('tab', { name: '规则 Rules' }));
  return pane;
}

describe('规则 Rules tab', () => {
  it('shows the thresholds in force, marked as defaults, with the fingerprint', async () => {
    await openRules();
    expect(screen.getByLabelText<HTMLInputElement>('cost.deepBlue.max').value).toBe('90%');
    expect(screen.getAllByText(/〔默认〕 默认值，非政策/).length).toBeGreaterThan(0);
    expect(screen.getByTestId('fingerprint').textContent).toBe(DEFAULT_COMPILED.fingerprint);
  });

  it('validates as the user types and says in words what is wrong, under the field the user changed', async () => {
    await openRules();
    fireEvent.change(screen.getByLabelText('cost.blue.max'), { target: { value: '85%' } });
    expect(await screen.findByText(/必须大于 “深蓝上限（含）”（90%）/)).toBeTruthy();
    expect(screen.getByTestId('fingerprint').textContent).toBe('—');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '保存到工作簿 Save to workbook' }).disabled).toBe(
      true,
    );
  });

  it('saves changed rules to the 分级规则 sheet and grades with them from then on', async () => {
    const { wb, workflow } = await openRules();
    const user = userEvent.setup();
    fireEvent.change(screen.getByLabelText('cost.deepBlue.max'), { target: { value: '0.88' } });
    const shown = screen.getByTestId('fingerprint').textContent ?? '';
    expect(shown).not.toBe(DEFAULT_COMPILED.fingerprint);
    await user.click(screen.getByRole('button', { name: '保存到工作簿 Save to workbook' }));
    expect(await screen.findByText(new RegExp(`已写入“分级规则”工作表，指纹 ${shown}`))).toBeTruthy();
    expect(workflow.rules().rules.parameters['cost.deepBlue.max']).toBe(0.88);
    expect(wb.sheets.get('分级规则')?.cells.some((r) => r[1] === shown)).toBe(true);
    expect([...wb.names.keys()].sort()).toEqual(['QD_MATRIX', 'QD_RULES']);
  });

  it('resets to the defaults', async () => {
    await openRules();
    fireEvent.change(screen.getByLabelText('scale.A.min'), { target: { value: '12345' } });
    await userEvent.setup().click(screen.getByRole('button', { name: '恢复默认 Reset to defaults' }));
    expect(screen.getByTestId('fingerprint').textContent).toBe(DEFAULT_COMPILED.fingerprint);
  });

  it('exports the rules as JSON and imports them back, validating the JSON as it is typed and refusing a broken set with its field', async () => {
    await openRules();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '导出 JSON Export JSON' }));
    const box = screen.getByRole<HTMLTextAreaElement>('textbox', { name: /规则 JSON/ });
    const exported = JSON.parse(box.value) as { parameters: Record<string, number> };
    expect(exported.parameters['cost.deepBlue.max']).toBe(0.9);
    exported.parameters['cost.deepBlue.max'] = 0.87;
    fireEvent.change(box, { target: { value: JSON.stringify(exported) } });
    await user.click(screen.getByRole('button', { name: '导入 JSON Import JSON' }));
    expect(screen.getByLabelText<HTMLInputElement>('cost.deepBlue.max').value).toBe('87%');
    fireEvent.change(box, { target: { value: JSON.stringify({ ...exported, parameters: { 'cost.pink.max': 1 } }) } });
    expect(await screen.findByText(/cost.pink.max: 未知的规则键/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '导入 JSON Import JSON' }));
    // The field's own message is an alert too; the message bar says it again after the attempt.
    expect((await screen.findAllByRole('alert')).map((a) => a.textContent).join(' ')).toMatch(/未完成.*cost.pink.max/);
  });

  it('shows the error for 96% typed into 深蓝 under 深蓝, not under 蓝', async () => {
    await openRules();
    const deepBlue = screen.getByLabelText('cost.deepBlue.max');
    fireEvent.change(deepBlue, { target: { value: '96%' } });
    const field = deepBlue.closest('.fui-Field') as HTMLElement;
    expect(field.textContent).toMatch(/“深蓝上限（含）”（96%）/);
    const blue = screen.getByLabelText('cost.blue.max').closest('.fui-Field') as HTMLElement;
    expect(blue.textContent).not.toMatch(/必须大于/);
  });

  it('says that 90 typed into a percentage means 9000% and what to type instead', async () => {
    await openRules();
    const deepBlue = screen.getByLabelText('cost.deepBlue.max');
    fireEvent.change(deepBlue, { target: { value: '90' } });
    const field = deepBlue.closest('.fui-Field') as HTMLElement;
    expect(field.textContent).toMatch(/90 表示 9,?000(\.00)?%.*0\.9/);
    // A whole number the rules still accept (2 = 200% for light red) is questioned too.
    const lightRed = screen.getByLabelText('cost.lightRed.max');
    fireEvent.change(deepBlue, { target: { value: '90%' } });
    fireEvent.change(lightRed, { target: { value: '2' } });
    expect((lightRed.closest('.fui-Field') as HTMLElement).textContent).toMatch(
      /2 即 200%；如指 2%，请输入“2%”或 0.02/,
    );
  });

  it('keeps every other field marked as a default while one field is invalid', async () => {
    await openRules();
    const before = screen.getAllByText(/〔默认〕 默认值，非政策/).length;
    fireEvent.change(screen.getByLabelText('cost.blue.max'), { target: { value: '85%' } });
    expect(screen.getAllByText(/〔默认〕 默认值，非政策/).length).toBe(before - 1);
  });

  it('renames the rule set once it differs from the defaults, and lets the user name it', async () => {
    await openRules();
    const name = screen.getByRole<HTMLInputElement>('textbox', { name: /规则名称/ });
    expect(name.value).toBe('默认规则 Default rules');
    fireEvent.change(screen.getByLabelText('cost.deepBlue.max'), { target: { value: '88%' } });
    expect(name.value).toBe('自定义规则 Custom rules');
    fireEvent.change(name, { target: { value: '华东 2026' } });
    expect(name.value).toBe('华东 2026');
  });

  it('says what is wrong with JSON that cannot be read, never "意外错误"', async () => {
    await openRules();
    const user = userEvent.setup();
    fireEvent.change(screen.getByRole('textbox', { name: /规则 JSON/ }), { target: { value: '{"parameters": ' } });
    await user.click(screen.getByRole('button', { name: '导入 JSON Import JSON' }));
    const text = (await screen.findAllByRole('alert')).map((a) => a.textContent).join(' ');
    expect(text).toMatch(/JSON 无法读取/);
    expect(text).not.toMatch(/意外错误/);
  });

  it('keeps unsaved edits when the user looks at another tab and comes back', async () => {
    await openRules();
    const user = userEvent.setup();
    fireEvent.change(screen.getByLabelText('cost.deepBlue.max'), { target: { value: '88%' } });
    await user.click(screen.getByRole('tab', { name: '分级 Grade' }));
    await user.click(screen.getByRole('tab', { name: '规则 Rules' }));
    expect(screen.getByLabelText<HTMLInputElement>('cost.deepBlue.max').value).toBe('88%');
  });

  it('shows the eleven items and the review action, with editable concrete actions (RULES.md §6)', async () => {
    const { workflow } = await openRules();
    const user = userEvent.setup();
    expect(screen.getByRole('button', { name: /^1\. 市场费用比例/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^2\. 费用结算/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^11\. 单证出单/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /检视措施 Review action/ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^2\. 费用结算/ }));
    const action = screen.getByRole<HTMLInputElement>('textbox', { name: /2\. 费用结算 → 灵活·加快/ });
    expect(action.value).toBe('每月结算两次');
    fireEvent.change(action, { target: { value: '每周结算一次' } });
    await user.click(screen.getByRole('button', { name: '保存到工作簿 Save to workbook' }));
    await screen.findByText(/已写入“分级规则”工作表/);
    expect(workflow.rules().rules.resources.find((r) => r.item === 2)?.action?.zh).toBe('每周结算一次');
  });

  it('shows the graded sheet’s own distribution of each measure under the thresholds, given the measures (RULES.md §13)', async () => {
    const wb = new MemoryWorkbook({ 渠道: [HEADER, ...ROWS].map((r) => [...r]) });
    const host = memoryPaneHost(wb);
    const workflow = createPaneWorkflow(host, 'zh');
    render(
      <FluentProvider theme={webLightTheme}>
        <App workflow={workflow} measures={createMeasuresWorkflow(host, 'zh', () => workflow.rules())} />
      </FluentProvider>,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByText('分级 Grade', { selector: 'button' }));
    await screen.findByText(/已分级 3 个渠道/, {}, { timeout: 5000 });
    await user.click(screen.getByRole('tab', { name: '规则 Rules' }));
    expect(
      await screen.findByText(
        /工作表“渠道”：3 个渠道参与统计，1 行因数据有误或不属经代渠道未计入/,
        {},
        { timeout: 5000 },
      ),
    ).toBeTruthy();
    expect(screen.getByTestId('histogram-costRate').getAttribute('aria-label')).toMatch(/共 3 个渠道/);
    // The grading wrote its output columns; the section reads the inputs as grading does, nothing more.
    expect(screen.getByText(/按正在编辑的阈值，没有渠道改变分类/)).toBeTruthy();
  });
});
