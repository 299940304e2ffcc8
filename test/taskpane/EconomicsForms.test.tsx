/**
 * @jest-environment jsdom
 */
/* The 情景 tab's finance forms (RULES.md §8–§9): the general agency plan, the commission schedule, and the calculators. */
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPane } from './renderPane';

async function open(section: RegExp): Promise<ReturnType<typeof renderPane>> {
  const pane = renderPane();
  const user = userEvent.setup();
  await user.click(screen.getByRole('tab', { name: '情景 Scenario' }));
  await user.click(screen.getByRole('button', { name: section }));
  return pane;
}

describe('情景 tab: the general agency plan', () => {
  it('writes the month-by-month plan, repaying the loan granted after review, and a chart of the cumulative result to 总代理测算', async () => {
    const { wb } = await open(/内部区域总代理测算/);
    const user = userEvent.setup();
    const loan = screen.getByRole('checkbox', { name: '经考核给予借款支持 Loan support after review' });
    expect((loan as HTMLInputElement).checked).toBe(false);
    await user.click(loan);
    await user.click(screen.getByRole('button', { name: '写入总代理测算表 Write the plan' }));
    expect(await screen.findByText(/已写入“总代理测算”工作表/)).toBeTruthy();
    expect(
      screen.getByText(/盈亏平衡保费（月，默认公式） Break-even premium a month \(default formula\)：400,000 元/),
    ).toBeTruthy();
    const sheet = wb.sheets.get('总代理测算')?.cells ?? [];
    expect(sheet.some((r) => r[0] === 13 && r[7] === 15_000)).toBe(true);
    expect(wb.charts).toEqual([expect.objectContaining({ sheet: '总代理测算', kind: 'line' })]);
  });

  it('says why a plan of 40 months is refused', async () => {
    await open(/内部区域总代理测算/);
    fireEvent.change(screen.getByRole('textbox', { name: /测算月数/ }), { target: { value: '40' } });
    await userEvent.setup().click(screen.getByRole('button', { name: '写入总代理测算表 Write the plan' }));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent).join(' ')).toMatch(/12 至 36/);
    const months = screen.getByRole('textbox', { name: /测算月数/ });
    expect(months.getAttribute('aria-invalid')).toBe('true');
  });

  it('is labelled a reference calculator from a life insurer, with its cost composition and break-even as defaults', async () => {
    await open(/内部区域总代理测算/);
    expect(screen.getByRole('button', { name: /内部区域总代理测算.*参考测算·来源为寿险公司个险的文件/ })).toBeTruthy();
    expect(screen.getByText(/成本构成.*为默认值/)).toBeTruthy();
  });
});

describe('情景 tab: the commission schedule', () => {
  it('writes the schedule to 佣金计划 and flags a rate above the cap 需特批', async () => {
    const { wb } = await open(/渠道佣金支付计划/);
    const user = userEvent.setup();
    fireEvent.change(screen.getByRole('textbox', { name: /佣金比例/ }), { target: { value: '3.5%' } });
    await user.click(screen.getByRole('button', { name: '写入佣金计划表 Write the schedule' }));
    expect(await screen.findByText('需特批 needs special approval')).toBeTruthy();
    const table = screen.getByRole('table', { name: /佣金计划/ });
    expect(within(table).getByText('17,500 元')).toBeTruthy();
    expect(wb.sheets.get('佣金计划')?.cells.at(-1)?.[5]).toBe('需特批 needs special approval');
    // The total and the rate are numbers on the sheet, not text.
    const cells = wb.sheets.get('佣金计划')?.cells ?? [];
    expect(cells.flat()).toContain(1_000_000);
    expect(cells.flat()).toContain(0.035);
    expect(cells.flat()).not.toContain('3.5%');
  });

  it('is labelled a reference calculator whose source is about property sales agents', async () => {
    await open(/渠道佣金支付计划/);
    expect(screen.getByRole('button', { name: /渠道佣金支付计划.*参考测算·来源为房产销售代理的文件/ })).toBeTruthy();
  });
});

describe('情景 tab: the calculators', () => {
  it('charges a province agent 101,000 for 81 first-time ratings, and 100,000 for 80', async () => {
    await open(/代理费、代理价格/);
    expect(screen.getByLabelText(/代理费结果/).textContent).toContain('101,000');
    fireEvent.change(screen.getByRole('textbox', { name: /初次评级家数/ }), { target: { value: '80' } });
    expect(screen.getByLabelText(/代理费结果/).textContent).toContain('100,000');
  });

  it('prices a province agent, rates outlets with a veto, and checks a department', async () => {
    await open(/代理费、代理价格/);
    expect(screen.getByLabelText(/代理价格结果/).textContent).toContain('省级代理净价 985');
    fireEvent.change(screen.getByRole('textbox', { name: /一票否决/ }), { target: { value: '1' } });
    expect(screen.getByLabelText(/星级结果/).textContent).toMatch(/^1: 2★ {2}2: 4★/);
    const standards = screen.getByRole('list', { name: /设立标准结果/ });
    expect(within(standards).getByText(/✗ 客户经理最低产能/)).toBeTruthy();
  });

  it('labels each calculator with the trade its source is about (RULES.md §8)', async () => {
    await open(/代理费、代理价格/);
    expect(screen.getByRole('heading', { name: /代理费.*参考测算（来源为信用评级机构代理商的文件）/ })).toBeTruthy();
    expect(screen.getByRole('heading', { name: /三级代理价格.*医药企业经销商/ })).toBeTruthy();
    expect(screen.getByRole('heading', { name: /星级评定.*电信运营商网点/ })).toBeTruthy();
  });

  it('marks the invalid input and refuses a veto for an outlet not in the list (RULES.md §9)', async () => {
    await open(/代理费、代理价格/);
    const ratings = screen.getByRole('textbox', { name: /初次评级家数/ });
    fireEvent.change(ratings, { target: { value: '-3' } });
    expect(ratings.getAttribute('aria-invalid')).toBe('true');
    fireEvent.change(screen.getByRole('textbox', { name: /一票否决/ }), { target: { value: '12' } });
    expect(screen.getByText(/序号 12 不在网点列表中（共 10 个）/)).toBeTruthy();
    expect(screen.getByLabelText(/星级结果/).textContent).toBe('—');
  });
});
