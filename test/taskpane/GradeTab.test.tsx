/**
 * @jest-environment jsdom
 */
/* The 分级 Grade tab as the analyst sees it (CONTRACT.md §3–§5). */
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPane, HEADER, ROWS } from './renderPane';

describe('分级 Grade tab', () => {
  it('shows the detected table and maps every required column from the headers', async () => {
    renderPane();
    const user = userEvent.setup();
    expect(await screen.findByText(/表头在第 1 行，数据 4 行/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /列映射 Column mapping/ }));
    const channel = screen.getByLabelText<HTMLSelectElement>('渠道代码');
    expect(channel.value).toBe('1');
    expect(screen.getByLabelText<HTMLSelectElement>('渠道自有保费').value).toBe('9');
  });

  it('grades the sheet, shows the counts and the band chart, and remembers the mapping', async () => {
    const { wb, host } = renderPane();
    const user = userEvent.setup();
    await screen.findByText(/数据 4 行/);
    await user.click(screen.getByRole('button', { name: '分级 Grade' }));
    expect(await screen.findByText(/已分级 3 个渠道，有问题 0 行，未参与 1 行/)).toBeTruthy();
    const chart = screen.getByRole('figure', { name: /各色带渠道数/ });
    expect(within(chart).getByLabelText('深蓝 2')).toBeTruthy();
    expect(within(chart).getByLabelText('深红 1')).toBeTruthy();
    expect(wb.sheets.has('分级汇总')).toBe(true);
    expect(JSON.parse(host.settings.get('qd.mapping.渠道') ?? '{}')).toMatchObject({ channelId: 1, ownPremium: 9 });
  });

  it('selects a problem row in the sheet when the user clicks it', async () => {
    const { host } = renderPane();
    const user = userEvent.setup();
    await screen.findByText(/数据 4 行/);
    await user.click(screen.getByRole('button', { name: '分级 Grade' }));
    const row = await screen.findByRole('button', { name: /第 5 行/ });
    await user.click(row);
    expect(host.selections).toEqual([{ sheet: '渠道', row: 5 }]);
  });

  it('asks for an unrecognised required column, keeps the recognised ones, and uses the column the user maps', async () => {
    const renamed = [['代码', ...HEADER.slice(1)], ...ROWS];
    const { wb } = renderPane('zh', renamed);
    const user = userEvent.setup();
    expect(await screen.findByText(/未识别的必需列：渠道代码，请在下方指定/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLSelectElement>('渠道自有保费').value).toBe('9');
    await user.selectOptions(screen.getByLabelText('渠道代码'), '1');
    await user.click(screen.getByRole('button', { name: '分级 Grade' }));
    expect(await screen.findByText(/已分级 3 个渠道/)).toBeTruthy();
    expect(wb.sheets.get('渠道')?.cells[0]).toContain('经营成本率');
  });

  it('says what is missing in a message bar when a required column has no mapping', async () => {
    const renamed = [['代码', ...HEADER.slice(1)], ...ROWS];
    renderPane('zh', renamed);
    const user = userEvent.setup();
    await screen.findByText(/表头/);
    await user.click(screen.getByRole('button', { name: '分级 Grade' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/缺少必需列：渠道代码/);
  });

  it('leaves the sheet untouched when the user cancels', async () => {
    const rows = [
      HEADER,
      ...Array.from({ length: 6000 }, (_, i) => [`C${i}`, 'x', '3301', 0.6, 0.1, 0.2, 1e6, 365, 5e7]),
    ];
    const { wb } = renderPane('zh', rows);
    const user = userEvent.setup();
    const before = JSON.stringify(wb.sheets.get('渠道')?.cells);
    await screen.findByText(/数据 6,000 行/);
    // Hold the data reads until the user has pressed Cancel, as a slow workbook would.
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const read = wb.readBlock.bind(wb);
    wb.readBlock = async (...args) => {
      if (args[1] > 1) await gate;
      return read(...args);
    };
    await user.click(screen.getByRole('button', { name: '分级 Grade' }));
    await user.click(await screen.findByRole('button', { name: '取消 Cancel' }));
    release();
    expect(await screen.findByText(/已取消，工作表未作任何改动/)).toBeTruthy();
    expect(JSON.stringify(wb.sheets.get('渠道')?.cells)).toBe(before);
    expect(wb.sheets.has('分级汇总')).toBe(false);
  });

  it('folds a mapping that needs nothing, so Grade is in sight without scrolling past sixteen selects', async () => {
    renderPane();
    await screen.findByText(/数据 4 行/);
    const folded = screen.getByRole('button', { name: /列映射 Column mapping/ });
    expect(folded.textContent).toMatch(/已识别 \d+ 列 ✓/);
    expect(folded.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByLabelText('渠道代码')).toBeNull();
    expect(screen.getByRole('button', { name: '分级 Grade' })).toBeTruthy();
  });

  it('opens the mapping when a required column is missing', async () => {
    renderPane('zh', [['代码', ...HEADER.slice(1)], ...ROWS]);
    expect(await screen.findByRole('button', { name: /列映射 Column mapping · 缺 1 列/ })).toBeTruthy();
    expect(screen.getByLabelText<HTMLSelectElement>('渠道代码').value).toBe('');
  });

  it('says an empty sheet is empty, not that eight columns are missing, and offers no Grade', async () => {
    renderPane('zh', []);
    expect(await screen.findByText(/此工作表为空/)).toBeTruthy();
    expect(screen.queryByText(/未识别的必需列/)).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '分级 Grade' }).disabled).toBe(true);
  });

  it('offers no Grade on a sheet of headers only, so no sheets are created for nothing', async () => {
    const { wb } = renderPane('zh', [HEADER]);
    expect(await screen.findByText(/只有表头，没有数据行/)).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: '分级 Grade' }).disabled).toBe(true);
    expect([...wb.sheets.keys()]).toEqual(['渠道']);
  });

  it('shows the channels per scale and the ↑/↓/=/新 counts beside the band chart', async () => {
    const rows = [
      [...HEADER, '上期分类'],
      [...(ROWS[0] ?? []), '深红-C-Ⅲ'],
      [...(ROWS[1] ?? []), '深蓝-A-Ⅰ'],
      [...(ROWS[2] ?? []), null],
    ];
    renderPane('zh', rows);
    const user = userEvent.setup();
    await screen.findByText(/数据 3 行/);
    await user.click(screen.getByRole('button', { name: '分级 Grade' }));
    const scales = await screen.findByRole('list', { name: /各规模渠道数/ });
    expect(scales.textContent).toMatch(/^规模 A scale A：\d+规模 B scale B：\d+规模 C scale C：\d+$/);
    // Row 2 was 深红 (now better), row 3 was 深蓝-A-Ⅰ, the best class (now worse), row 4 had none.
    const changes = screen.getByRole('list', { name: /分类变动/ });
    expect(changes.textContent).toBe('↑ 上升：1↓ 下降：1= 不变：0新 无上期分类：1');
  });

  it('shows a failed grading right below the Grade button, where the user is looking', async () => {
    renderPane('zh', [['代码', ...HEADER.slice(1)], ...ROWS]);
    const user = userEvent.setup();
    await screen.findByText(/表头/);
    const button = screen.getByRole('button', { name: '分级 Grade' });
    await user.click(button);
    const alert = await screen.findByRole('alert');
    expect(button.compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('offers the six kinds of grading in words and says the mode each grades in (RULES.md §5.1)', async () => {
    renderPane();
    const kind = await screen.findByRole<HTMLSelectElement>('combobox', { name: /分级类型/ });
    expect([...kind.options].map((o) => o.textContent)).toEqual([
      '年度 annual',
      '复评 recheck',
      '季度 quarter',
      '近三月 last three months',
      '月度 month',
      '预评 prospective',
    ]);
    expect(screen.getByLabelText('分级模式 Mode').textContent).toBe('模式 Mode：年度评价 Annual evaluation');
  });

  it('reads the rules saved in the workbook on reopening, grades with them and leaves 分级规则 as saved (RULES.md §10)', async () => {
    const first = renderPane();
    const user = userEvent.setup();
    await screen.findByText(/数据 4 行/);
    await user.click(screen.getByRole('tab', { name: '规则 Rules' }));
    fireEvent.change(screen.getByLabelText('cost.deepBlue.max'), { target: { value: '88%' } });
    await user.click(screen.getByRole('button', { name: '保存到工作簿 Save to workbook' }));
    await screen.findByText(/已写入“分级规则”工作表/);
    first.unmount();

    const again = renderPane('zh', [], first.wb);
    expect(await screen.findByText(/按本工作簿保存的规则“自定义规则 Custom rules”分级.*与默认规则不同/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '分级 Grade' }));
    await screen.findByText(/已分级 3 个渠道/);
    expect(again.workflow.rules().rules.parameters['cost.deepBlue.max']).toBe(0.88);
    const saved = again.wb.sheets.get('分级规则')?.cells.find((r) => r[0] === 'cost.deepBlue.max');
    expect(saved?.[1]).toBe(0.88);
    await user.click(screen.getByRole('tab', { name: '规则 Rules' }));
    expect(screen.getByLabelText<HTMLInputElement>('cost.deepBlue.max').value).toBe('88%');
  });

  it('leaves out rows that look like another channel’s unless the user keeps them (RULES.md §14)', async () => {
    const rows = [
      [...HEADER, '渠道类型'],
      ...ROWS.slice(0, 3).map((r) => [...r, '专业代理']),
      ['C009', '戊银行', '3301', 0.6, 0.1, 0.2, 1_000_000, 365, 50_000_000, '银行'],
    ];
    renderPane('zh', rows);
    const user = userEvent.setup();
    await screen.findByText(/数据 4 行/);
    await user.click(screen.getByRole('button', { name: '分级 Grade' }));
    expect(await screen.findByText(/疑似窜门 1 行未参与分级/)).toBeTruthy();
    await user.click(screen.getByRole('switch', { name: /保留疑似窜门渠道/ }));
    await user.click(screen.getByRole('button', { name: '分级 Grade' }));
    expect(await screen.findByText(/疑似窜门 1 行已按选择保留并分级/)).toBeTruthy();
    expect(screen.getByText(/已分级 4 个渠道/)).toBeTruthy();
  });

  it('shows the grading time in local time with its zone, and the mode in words', async () => {
    renderPane();
    const user = userEvent.setup();
    await screen.findByText(/数据 4 行/);
    await user.click(screen.getByRole('button', { name: '分级 Grade' }));
    const line = await screen.findByText(/分级时间 Graded at/);
    expect(line.textContent).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d（UTC[+−]\d+(:\d\d)?）/);
    expect(line.textContent).toMatch(/年度评价 Annual evaluation/);
    expect(line.textContent).not.toMatch(/annual\b|T\d\d:/);
  });

  it('speaks English first under an English Office', async () => {
    renderPane('en');
    expect(await screen.findByRole('tab', { name: 'Grade 分级' })).toBeTruthy();
    expect(await screen.findByText(/header row 1, 4 data rows/)).toBeTruthy();
  });
});
