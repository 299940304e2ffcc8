/**
 * @jest-environment jsdom
 */
/* The Rules tab's distribution of each measure and the impact of the thresholds being edited (RULES.md §13). */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Lang } from '../../src/core';
import type { CellWrite } from '../../src/grading';
import { RulesTab } from '../../src/taskpane/components/RulesTab';
import { createMeasuresWorkflow } from '../../src/taskpane/workflow/measuresWorkflow';
import { createPaneWorkflow } from '../../src/taskpane/workflow/createPaneWorkflow';
import { MemoryWorkbook } from '../support/MemoryWorkbook';
import { memoryPaneHost } from '../support/memoryPaneHost';
import { HEADER } from './renderPane';

/** The section reads, grades and waits for edits to rest: room for a machine busy with other suites. */
const WAIT = { timeout: 5000 };

/**
 * Twenty channels: cost ratios 85%, 87%, … 123% (loss ratio + 10% + 10%), premium 100万 × (i + 1),
 * depth 1 ÷ (5 + i mod 10). Under the default thresholds: 3 深蓝, 3 蓝, 2 黄, 3 浅红, 9 深红.
 */
const CHANNELS: CellWrite[][] = Array.from({ length: 20 }, (_, i) => {
  const premium = (i + 1) * 1_000_000;
  return [
    `Q${String(i + 1).padStart(3, '0')}`,
    `渠道${i + 1}`,
    '3301',
    Number((0.65 + 0.02 * i).toFixed(2)),
    0.1,
    0.1,
    premium,
    365,
    premium * (5 + (i % 10)),
  ];
});

function renderRules(
  rows: CellWrite[][] = [HEADER, ...CHANNELS],
  lang: Lang = 'zh',
  sheet?: string,
): { wb: MemoryWorkbook } {
  const wb = new MemoryWorkbook({ 渠道: rows.map((r) => [...r]) });
  const host = memoryPaneHost(wb);
  const workflow = createPaneWorkflow(host, lang);
  const measures = createMeasuresWorkflow(host, lang, () => workflow.rules());
  render(
    <FluentProvider theme={webLightTheme}>
      <RulesTab workflow={workflow} measures={measures} sheet={sheet} />
    </FluentProvider>,
  );
  return { wb };
}

describe('规则 Rules tab: thresholds from the company’s own data (RULES.md §13)', () => {
  it('draws the 90% threshold on the cost-ratio histogram, labelled with its band', async () => {
    renderRules();
    const line = await screen.findByTestId('threshold-costRate-0.9', {}, WAIT);
    expect(screen.getByTestId('label-costRate-0.9').textContent).toBe('深蓝 90%');
    expect(line.querySelector('title')?.textContent).toMatch(
      /深蓝上限（含） Deep blue upper bound \(inclusive\)：90\.00%/,
    );
    // The scale thresholds in 万元, as users read them.
    await screen.findByTestId('threshold-annualScale-10000000', {}, WAIT);
    expect(screen.getByTestId('label-annualScale-10000000').textContent).toBe('A 1,000万元');
  });

  it('keeps the labels of thresholds a point apart on separate rows, so both can be read', async () => {
    renderRules();
    await screen.findByTestId('label-costRate-0.95', {}, WAIT);
    fireEvent.change(screen.getByLabelText('cost.blue.max'), { target: { value: '91%' } });
    const blue = await screen.findByTestId('label-costRate-0.91', {}, WAIT);
    const deepBlue = screen.getByTestId('label-costRate-0.9');
    expect(blue.getAttribute('y')).not.toBe(deepBlue.getAttribute('y'));
  });

  it('gives each measure’s percentiles as users read them: ratios in percent, premium in 万元', async () => {
    renderRules();
    const lists = await screen.findAllByLabelText(/百分位/, {}, WAIT);
    expect(lists).toHaveLength(3);
    // Median of 85%…123% by 2 points is 104%; of 100万…2,000万 it is 1,050万元 (PERCENTILE.INC).
    expect(lists[0]?.textContent).toMatch(/中位数 Median104\.00%/);
    expect(lists[1]?.textContent).toMatch(/中位数 Median1,050万元/);
    expect(lists[1]?.textContent).toMatch(/最大 Max2,000万元/);
  });

  it('says how many channels lie in each band on its own, not cumulatively, the bound included as grading includes it', async () => {
    renderRules();
    expect((await screen.findByTestId('band-costRate-深蓝', {}, WAIT)).textContent).toBe(
      '深蓝 ≤ 90.00%：3 个渠道（15.00%）',
    );
    expect(screen.getByTestId('band-costRate-蓝').textContent).toBe('蓝 90.00%–95.00%：3 个渠道（15.00%）');
    expect(screen.getByTestId('band-annualScale-A').textContent).toBe('A ≥ 1,000万元：11 个渠道（55.00%）');
    expect(screen.getByTestId('band-annualScale-B').textContent).toBe('B 200万元–1,000万元：8 个渠道（40.00%）');
    expect(screen.getByTestId('band-depth-Ⅰ').textContent).toBe('Ⅰ ≥ 30.00%：0 个渠道（0.00%）');
  });

  it('describes the histogram to a screen reader with its counts, and lists them under it', async () => {
    renderRules();
    const img = await screen.findByTestId('histogram-costRate', {}, WAIT);
    expect(img.getAttribute('role')).toBe('img');
    expect(img.getAttribute('aria-label')).toMatch(
      /^经营成本率 Operating cost ratio直方图：共 20 个渠道；85\.00%–86\.90% 1 个；/,
    );
    expect(img.getAttribute('aria-label')).toMatch(/阈值 深蓝上限（含）/);
    const table = screen.getByLabelText(/经营成本率 Operating cost ratio各区间渠道数/);
    const counts = [...table.querySelectorAll('td')].map((c) => Number(c.textContent));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(20);
  });

  it('says no channel changes class while the thresholds are those in force', async () => {
    renderRules();
    expect(await screen.findByText(/按正在编辑的阈值，没有渠道改变分类/, {}, WAIT)).toBeTruthy();
  });

  it('says 2 channels and 1,100万元 would change class when the blue threshold moves to 92%', async () => {
    renderRules();
    await screen.findByTestId('threshold-costRate-0.95', {}, WAIT);
    fireEvent.change(screen.getByLabelText('cost.blue.max'), { target: { value: '92%' } });
    const impact = await screen.findByText(/2 个渠道、1,100万元年化保费将改变分类/, {}, WAIT);
    expect(impact).toBeTruthy();
    const panel = screen.getByTestId('threshold-impact');
    const blue = panel.querySelector('tr[data-band="blue"]') as HTMLElement;
    expect(blue.textContent).toMatch(/^蓝31 \(−2\)$/);
    const movers = within(panel).getByLabelText(/改变分类的渠道/);
    expect(
      within(movers)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Q006 渠道6：蓝-B-Ⅱ → 黄-B-Ⅱ ↓ · 600万元 ', 'Q005 渠道5：蓝-B-Ⅱ → 黄-B-Ⅱ ↓ · 500万元 ']);
    // The edited line is drawn, and the line in force beside it, dashed.
    expect(await screen.findByTestId('threshold-costRate-0.92', {}, WAIT)).toBeTruthy();
    const svg = screen.getByTestId('histogram-costRate');
    expect(svg.querySelector('line[data-in-force="true"]')?.getAttribute('data-threshold')).toBe('0.95');
  });

  it('lists a channel that would move into red first, flagged as RULES.md §12 flags it', async () => {
    renderRules();
    await screen.findByTestId('threshold-costRate-1', {}, WAIT);
    fireEvent.change(screen.getByLabelText('cost.yellow.max'), { target: { value: '98%' } });
    fireEvent.change(screen.getByLabelText('cost.blue.max'), { target: { value: '97%' } });
    await screen.findByText(/2 个渠道、1,500万元年化保费将改变分类/, {}, WAIT);
    const movers = within(screen.getByTestId('threshold-impact')).getByLabelText(/改变分类的渠道/);
    const items = within(movers).getAllByRole('listitem');
    expect(items[0]?.textContent).toMatch(/^Q008 渠道8：黄-B-Ⅲ → 浅红-B-Ⅲ ↓ · 800万元 进入红色 into red$/);
    expect(items[1]?.textContent).toMatch(/^Q007 渠道7：黄-B-Ⅲ → 蓝-B-Ⅲ ↑ · 700万元 $/);
    expect(screen.getByText(/1 个需关注/)).toBeTruthy();
  });

  it('compares with the saved rules once the edit is saved: then no channel changes class', async () => {
    renderRules();
    await screen.findByTestId('threshold-costRate-0.95', {}, WAIT);
    fireEvent.change(screen.getByLabelText('cost.blue.max'), { target: { value: '92%' } });
    await screen.findByText(/2 个渠道、1,100万元年化保费将改变分类/, {}, WAIT);
    fireEvent.click(screen.getByText('保存到工作簿 Save to workbook'));
    expect(await screen.findByText(/按正在编辑的阈值，没有渠道改变分类/, {}, WAIT)).toBeTruthy();
    // The line in force is now the saved 92%: no dashed line is left.
    expect(screen.getByTestId('histogram-costRate').querySelector('line[data-in-force="true"]')).toBeNull();
  });

  it('reads premium in 万元 where the headers say so, and still shows it in 万元', async () => {
    const header = HEADER.map((h) => (h === '合作保费' || h === '渠道自有保费' ? `${String(h)}（万元）` : h));
    const rows = CHANNELS.map((r) => r.map((v, i) => (i === 6 || i === 8 ? Number(v) / 10_000 : v)));
    renderRules([header, ...rows]);
    // In the sheet's unit the A bound is 1,000 (万元): drawn there, labelled as users read it.
    await screen.findByTestId('threshold-annualScale-1000', {}, WAIT);
    expect(screen.getByTestId('label-annualScale-1000').textContent).toBe('A 1,000万元');
    expect(screen.getByTestId('band-annualScale-A').textContent).toBe('A ≥ 1,000万元：11 个渠道（55.00%）');
  });

  it('shows channels per scale class before and after when the A bound moves to 1,500万, and no depth table', async () => {
    renderRules();
    await screen.findByTestId('threshold-annualScale-10000000', {}, WAIT);
    fireEvent.change(screen.getByLabelText('scale.A.min'), { target: { value: '15000000' } });
    await screen.findByText(/5 个渠道、6,000万元年化保费将改变分类/, {}, WAIT);
    const panel = screen.getByTestId('threshold-impact');
    const scales = within(panel).getByLabelText(/各规模类别渠道数/);
    expect(scales.querySelector('tr[data-band="A"]')?.textContent).toBe('A116 (−5)');
    expect(scales.querySelector('tr[data-band="B"]')?.textContent).toBe('B813 (+5)');
    expect(within(panel).queryByLabelText(/各深度类别渠道数/)).toBeNull();
  });

  it('says the thresholds are invalid instead of computing an impact', async () => {
    renderRules();
    await screen.findByTestId('threshold-costRate-0.9', {}, WAIT);
    fireEvent.change(screen.getByLabelText('cost.blue.max'), { target: { value: '85%' } });
    expect(await screen.findByText(/阈值有误，改正后再计算影响/, {}, WAIT)).toBeTruthy();
  });

  it('says a measure with fewer than 2 channels is too few to draw', async () => {
    renderRules([HEADER, CHANNELS[0] ?? []]);
    expect(await screen.findAllByText(/只有 1 个渠道，不足以画出分布/, {}, WAIT)).toHaveLength(3);
    expect(screen.queryByTestId('histogram-costRate')).toBeNull();
  });

  it('says which sheet is missing when the section cannot read it', async () => {
    renderRules(undefined, 'zh', '没有这张表');
    const alerts = await screen.findAllByRole('alert', {}, WAIT);
    expect(alerts.map((a) => a.textContent).join(' ')).toMatch(/没有这张表/);
    expect(alerts.map((a) => a.textContent).join(' ')).not.toMatch(/意外错误/);
  });

  it('puts English first under an English Office', async () => {
    renderRules(undefined, 'en');
    expect((await screen.findByTestId('histogram-costRate', {}, WAIT)).getAttribute('aria-label')).toMatch(
      /^histogram of Operating cost ratio 经营成本率: 20 channels/,
    );
    expect(
      await screen.findByText(/^With the thresholds being edited, no channel changes class\./, {}, WAIT),
    ).toBeTruthy();
    await screen.findByTestId('threshold-costRate-0.9', {}, WAIT);
    expect(screen.getByTestId('label-costRate-0.9').textContent).toBe('Deep blue 90%');
    expect(screen.getByTestId('band-costRate-Deep blue').textContent).toMatch(
      /^Deep blue ≤ 90\.00%: 3 channels? \(15\.00%\)$/,
    );
  });

  it('writes nothing to the workbook while the user looks and edits', async () => {
    const { wb } = renderRules();
    const before = JSON.stringify([...wb.sheets.entries()].map(([n, s]) => [n, s.cells]));
    await screen.findByTestId('threshold-costRate-0.9', {}, WAIT);
    fireEvent.change(screen.getByLabelText('cost.blue.max'), { target: { value: '92%' } });
    await screen.findByText(/2 个渠道、1,100万元年化保费将改变分类/, {}, WAIT);
    expect(JSON.stringify([...wb.sheets.entries()].map(([n, s]) => [n, s.cells]))).toBe(before);
  });

  it('is not shown when the tab is given no measures', async () => {
    const host = memoryPaneHost(new MemoryWorkbook({ 渠道: [HEADER, ...CHANNELS] }));
    render(
      <FluentProvider theme={webLightTheme}>
        <RulesTab workflow={createPaneWorkflow(host, 'zh')} />
      </FluentProvider>,
    );
    await screen.findByLabelText('cost.blue.max', {}, WAIT);
    expect(screen.queryByText(/本表渠道的指标分布/)).toBeNull();
  });
});
