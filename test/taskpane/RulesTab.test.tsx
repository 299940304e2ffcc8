/**
 * @jest-environment jsdom
 */
/* The 规则 Rules tab (RULES.md §2, §10; CONTRACT.md §2). */
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_COMPILED } from '../../src/core';
import { renderPane } from './renderPane';

async function openRules(): Promise<ReturnType<typeof renderPane>> {
  const pane = renderPane();
  await userEvent.setup().click(screen.getByRole('tab', { name: '规则 Rules' }));
  return pane;
}

describe('规则 Rules tab', () => {
  it('shows the thresholds in force, marked as defaults, with the fingerprint', async () => {
    await openRules();
    expect(screen.getByLabelText<HTMLInputElement>('cost.deepBlue.max').value).toBe('90%');
    expect(screen.getAllByText(/默认值（非政策）/).length).toBeGreaterThan(0);
    expect(screen.getByTestId('fingerprint').textContent).toBe(DEFAULT_COMPILED.fingerprint);
  });

  it('validates as the user types and names the field that is wrong', async () => {
    await openRules();
    fireEvent.change(screen.getByLabelText('cost.blue.max'), { target: { value: '85%' } });
    expect(await screen.findByText(/必须大于 cost.deepBlue.max/)).toBeTruthy();
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

  it('shows the resource matrix', async () => {
    await openRules();
    expect(screen.getByRole('table', { name: /资源匹配矩阵/ })).toBeTruthy();
  });
});
