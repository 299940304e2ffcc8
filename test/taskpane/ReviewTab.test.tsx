/**
 * @jest-environment jsdom
 */
/* The 复核 Review tab, for managers. */
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { CellWrite } from '../../src/grading';
import { renderPane } from './renderPane';

async function gradeThenReview(): Promise<ReturnType<typeof renderPane>> {
  const pane = renderPane();
  const user = userEvent.setup();
  await screen.findByText(/数据 4 行/);
  await user.click(screen.getByRole('button', { name: '分级 Grade' }));
  await screen.findByText(/已分级 3 个渠道/);
  await user.click(screen.getByRole('tab', { name: '复核 Review' }));
  await user.click(screen.getByRole('button', { name: '开始复核 Start review' }));
  await screen.findByText(/待复核 pending: 3/);
  return pane;
}

describe('复核 Review tab', () => {
  it('adds the status column with its drop-down and counts 待复核', async () => {
    const { wb } = await gradeThenReview();
    expect(wb.validations).toHaveLength(1);
    expect(wb.sheets.get('渠道')?.cells[0]).toContain('复核状态');
  });

  it('returns a row with a comment, which lands on the sheet', async () => {
    const { wb } = await gradeThenReview();
    const user = userEvent.setup();
    fireEvent.change(screen.getByRole('spinbutton', { name: /行号/ }), { target: { value: '3' } });
    await user.selectOptions(screen.getByRole('combobox', { name: /复核状态/ }), '退回');
    await user.click(screen.getByRole('button', { name: '标记 Mark' }));
    expect(await screen.findByText('退回须写明意见 a returned row needs a reason')).toBeTruthy();
    expect(wb.comments).toEqual([]);
    fireEvent.change(screen.getByRole('textbox', { name: /退回意见/ }), { target: { value: '保费口径不符' } });
    await user.click(screen.getByRole('button', { name: '标记 Mark' }));
    expect(await screen.findByText(/退回 returned: 1/)).toBeTruthy();
    expect(wb.comments).toEqual([expect.objectContaining({ row: 3, text: '保费口径不符' })]);
    expect(screen.getByRole('button', { name: /^第 3 行 row 3 C002 乙代理/ })).toBeTruthy();
  });

  it('warns when input rows changed after grading', async () => {
    const { wb } = await gradeThenReview();
    const user = userEvent.setup();
    (wb.sheets.get('渠道')?.cells[1] as CellWrite[])[4] = 0.3;
    await user.click(screen.getByRole('button', { name: '刷新复核状态 Refresh review' }));
    expect(await screen.findByText(/分级后输入已改动或成为问题行/)).toBeTruthy();
    expect(screen.getByText(/第 2 行/)).toBeTruthy();
  });

  it('opens the form on 通过, with no warning before the user has done anything', async () => {
    await gradeThenReview();
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: /复核状态/ }).value).toBe('通过');
    expect(screen.queryByText(/退回须写明意见/)).toBeNull();
  });

  it('refuses to mark a row outside the graded table, saying which row and what to do', async () => {
    const { wb } = await gradeThenReview();
    const user = userEvent.setup();
    fireEvent.change(screen.getByRole('spinbutton', { name: /行号/ }), { target: { value: '5000' } });
    await user.click(screen.getByRole('button', { name: '标记 Mark' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/第 5000 行不在已分级的数据行内/);
    expect(wb.sheets.get('渠道')?.cells.length).toBe(5);
  });

  it('refuses to approve a problem row that has no class', async () => {
    await gradeThenReview();
    const user = userEvent.setup();
    fireEvent.change(screen.getByRole('spinbutton', { name: /行号/ }), { target: { value: '5' } });
    await user.click(screen.getByRole('button', { name: '标记 Mark' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/第 5 行没有分类/);
  });

  it('asks for an explicit confirmation to sign off the review with rows pending, records it, and leaves the grading awaiting approval', async () => {
    const { wb } = await gradeThenReview();
    const user = userEvent.setup();
    const sign = screen.getByRole<HTMLButtonElement>('button', { name: /^复核完成（3 行待复核）/ });
    expect(sign.disabled).toBe(true);
    await user.click(screen.getByRole('checkbox', { name: /确认在仍有 3 行待复核时签字/ }));
    await user.click(sign);
    const done = await screen.findByText(/在“分级规则”工作表签字/, undefined, { timeout: 5000 });
    expect(done.textContent).toMatch(
      /^已于 \d{4}-\d\d-\d\d \d\d:\d\d（UTC[+−]\d+(:\d\d)?）复核完成（分级 \d{4}-\d\d-\d\d\/annual\/1）：记入“审批记录”.*分级尚待个人客户运营部审批/,
    );
    expect(JSON.stringify(wb.sheets.get('分级规则')?.cells)).toMatch(/确认含 3 行待复核签字/);
  });

  it('signs off with the reviewer’s name and the rules fingerprint', async () => {
    const { wb, workflow } = await gradeThenReview();
    const user = userEvent.setup();
    const name = screen.getByRole('textbox', { name: /复核人/ });
    expect((name as HTMLInputElement).value).toBe('李分析');
    fireEvent.change(name, { target: { value: '王经理' } });
    await user.click(screen.getByRole('checkbox', { name: /确认在仍有/ }));
    await user.click(screen.getByRole('button', { name: /^复核完成/ }));
    expect(await screen.findByText(/在“分级规则”工作表签字/)).toBeTruthy();
    const stamp = wb.sheets.get('分级规则')?.cells.find((r) => r[1] === '王经理');
    expect(stamp?.[3]).toBe(workflow.rules().fingerprint);
  });

  it('keeps the sign-off when the analyst grades again, says it applies to the earlier grading, and asks for a new one (RULES.md §12)', async () => {
    const { wb } = await gradeThenReview();
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: /确认在仍有/ }));
    await user.click(screen.getByRole('button', { name: /^复核完成/ }));
    await screen.findByText(/在“分级规则”工作表签字/, undefined, { timeout: 5000 });
    await user.click(screen.getByRole('tab', { name: '分级 Grade' }));
    await user.click(screen.getByRole('button', { name: '分级 Grade' }));
    expect(await screen.findByText(/本次分级需要重新复核签字/, undefined, { timeout: 5000 })).toBeTruthy();
    await user.click(screen.getByRole('tab', { name: '复核 Review' }));
    await user.click(screen.getByRole('button', { name: '刷新复核状态 Refresh review' }));
    expect(await screen.findByText(/适用于此前的分级（已保留）；本次分级需要重新复核签字/)).toBeTruthy();
    expect(JSON.stringify(wb.sheets.get('分级规则')?.cells)).toMatch(/李分析/);
  });

  it('keeps the reason on screen when this Excel cannot write comments (ExcelApi 1.10 missing)', async () => {
    const { wb } = await gradeThenReview();
    const user = userEvent.setup();
    wb.addComment = () => Promise.resolve(false);
    fireEvent.change(screen.getByRole('spinbutton', { name: /行号/ }), { target: { value: '3' } });
    await user.selectOptions(screen.getByRole('combobox', { name: /复核状态/ }), '退回');
    fireEvent.change(screen.getByRole('textbox', { name: /退回意见/ }), { target: { value: '保费口径不符' } });
    await user.click(screen.getByRole('button', { name: '标记 Mark' }));
    expect(await screen.findByText(/不支持批注（需 ExcelApi 1.10），退回意见未写入：“保费口径不符”/)).toBeTruthy();
  });
});
