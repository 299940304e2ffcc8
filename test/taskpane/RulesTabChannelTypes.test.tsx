/**
 * @jest-environment jsdom
 */
/* The 规则 Rules tab's channel types: the list of types per channel is data in the rule set (RULES.md §14). */
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_COMPILED } from '../../src/core';
import { readSavedRules } from '../../src/grading/rulesSheet';
import { renderPane } from './renderPane';

async function openRules(): Promise<ReturnType<typeof renderPane>> {
  const pane = renderPane();
  await userEvent.setup().click(screen.getByRole('tab', { name: '规则 Rules' }));
  return pane;
}

describe('规则 Rules tab: channel types', () => {
  it('shows each channel’s type words, the shipped lists marked 〔默认〕', async () => {
    await openRules();
    const tele = screen.getByLabelText<HTMLInputElement>(/电网销 telephone and online sales/);
    expect(tele.value).toContain('电话销售');
    expect(tele.value).toContain('、');
    expect(screen.getAllByText(/〔默认〕 默认词表，非政策/)).toHaveLength(6);
  });

  it('a company adds its own type name and saves it with the rest of the rules', async () => {
    const { wb, workflow } = await openRules();
    const tele = screen.getByLabelText<HTMLInputElement>(/电网销 telephone and online sales/);
    fireEvent.change(tele, { target: { value: `${tele.value}，坐席外呼` } });
    expect(screen.getAllByText(/〔默认〕 默认词表，非政策/)).toHaveLength(5);
    const shown = screen.getByTestId('fingerprint').textContent ?? '';
    expect(shown).not.toBe(DEFAULT_COMPILED.fingerprint);
    await userEvent.setup().click(screen.getByRole('button', { name: '保存到工作簿 Save to workbook' }));
    expect(await screen.findByText(new RegExp(`已写入“分级规则”工作表，指纹 ${shown}`))).toBeTruthy();
    const words = workflow.rules().rules.channelTypes?.find((l) => l.channel === 'teleOnline')?.words;
    expect(words).toContain('坐席外呼');
    const saved = await readSavedRules(wb);
    expect(saved?.rules.fingerprint).toBe(shown);
    expect(saved?.rules.rules.channelTypes).toEqual(workflow.rules().rules.channelTypes);
  });

  it('refuses one word under two channels beside the field, and cannot save', async () => {
    await openRules();
    fireEvent.change(screen.getByLabelText(/直销 direct sales/), { target: { value: '直销、银行' } });
    expect(await screen.findByText(/“银行”同时属于 bancassurance 与 direct/)).toBeTruthy();
    expect(screen.getByTestId('fingerprint').textContent).toBe('—');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '保存到工作簿 Save to workbook' }).disabled).toBe(
      true,
    );
  });

  it('goes back to the shipped lists on 恢复默认', async () => {
    await openRules();
    fireEvent.change(screen.getByLabelText(/重客 key accounts/), { target: { value: '大客户部' } });
    expect(screen.getByTestId('fingerprint').textContent).not.toBe(DEFAULT_COMPILED.fingerprint);
    await userEvent.setup().click(screen.getByRole('button', { name: '恢复默认 Reset to defaults' }));
    expect(screen.getByTestId('fingerprint').textContent).toBe(DEFAULT_COMPILED.fingerprint);
    expect(screen.getAllByText(/〔默认〕 默认词表，非政策/)).toHaveLength(6);
  });
});
