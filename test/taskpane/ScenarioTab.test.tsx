/**
 * @jest-environment jsdom
 */
/* The 情景 Scenario tab, for finance (RULES.md §7). */
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPane } from './renderPane';

describe('情景 Scenario tab', () => {
  it('moves deep blue one point up and shows who changes class, the migrations and the cost', async () => {
    const { wb, host } = renderPane();
    const user = userEvent.setup();
    const before = JSON.stringify(wb.sheets.get('渠道')?.cells);
    await user.click(screen.getByRole('tab', { name: '情景 Scenario' }));
    await user.click(screen.getByRole('checkbox', { name: '深蓝' }));
    await user.click(screen.getByRole('button', { name: '测算 Run scenario' }));
    expect(await screen.findByText(/调整 2 个渠道，1 个分类变化；佣金成本变化合计 40,000 元/)).toBeTruthy();
    const matrix = screen.getByRole('table', { name: /迁移矩阵/ });
    expect(within(matrix).getAllByRole('row')).toHaveLength(3);
    const changed = screen.getByRole('button', { name: /C001 甲经纪：深蓝-C-Ⅲ → 蓝-C-Ⅲ/ });
    expect(changed.textContent).toMatch(/成本变化 cost change [\d,]+ 元 · 色带余量 band headroom \d+\.\d\d%/);
    await user.click(changed);
    expect(host.selections).toEqual([{ sheet: '渠道', row: 2 }]);
    expect(wb.sheets.has('情景测算')).toBe(true);
    expect(JSON.stringify(wb.sheets.get('渠道')?.cells)).toBe(before);
  });

  it('targets classes typed as labels or numbers, and refuses one it cannot read', async () => {
    renderPane();
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: '情景 Scenario' }));
    const classes = screen.getByRole('textbox', { name: /或适用分类/ });
    fireEvent.change(classes, { target: { value: '深蓝-Z-Ⅰ' } });
    expect(await screen.findByText(/有分类无法识别/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '测算 Run scenario' }).disabled).toBe(true);
    fireEvent.change(classes, { target: { value: '深蓝-C-Ⅲ' } });
    fireEvent.change(screen.getByRole('spinbutton'), { target: { value: '-0.5' } });
    await user.click(screen.getByRole('button', { name: '测算 Run scenario' }));
    expect(await screen.findByText(/佣金成本变化合计 -5,000 元/)).toBeTruthy();
  });

  it('says a shift finer than a basis point is refused, in a message bar', async () => {
    renderPane();
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: '情景 Scenario' }));
    fireEvent.change(screen.getByRole('spinbutton'), { target: { value: '0.005' } });
    await user.click(screen.getByRole('button', { name: '测算 Run scenario' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/最多两位小数/);
  });

  it('clears the last result when a new run fails, so no green 结果已写入 sits under the error', async () => {
    renderPane();
    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: '情景 Scenario' }));
    await user.click(screen.getByRole('button', { name: '测算 Run scenario' }));
    expect(await screen.findByText(/结果已写入/)).toBeTruthy();
    fireEvent.change(screen.getByRole('spinbutton'), { target: { value: '0.005' } });
    await user.click(screen.getByRole('button', { name: '测算 Run scenario' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByText(/结果已写入/)).toBeNull();
  });
});
