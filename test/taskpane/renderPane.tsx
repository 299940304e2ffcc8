/* Renders the pane over a memory workbook, as the tests of every tab need it. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, type RenderResult } from '@testing-library/react';
import type { Lang } from '../../src/core';
import type { CellWrite } from '../../src/grading';
import { App } from '../../src/taskpane/components/App';
import { createPaneWorkflow } from '../../src/taskpane/workflow/createPaneWorkflow';
import type { PaneWorkflow } from '../../src/taskpane/workflow/PaneWorkflow.types';
import { MemoryWorkbook } from '../support/MemoryWorkbook';
import { memoryPaneHost, type MemoryPaneHost } from '../support/memoryPaneHost';

export const HEADER: CellWrite[] = [
  '渠道代码',
  '渠道名称',
  '服务区域代码',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
];

export const ROWS: CellWrite[][] = [
  ['C001', '甲经纪', '3301', 0.6, 0.1, 0.2, 1_000_000, 365, 50_000_000],
  ['C002', '乙代理', '3301', 0.5, 0.1, 0.1, 3_000_000, 365, 10_000_000],
  ['C003', '丙代理', '3302', 0.7, 0.2, 0.2, 2_000_000, 365, 5_000_000],
  ['C004', '丁代理', null, 0.7, 0.2, 0.2, 2_000_000, 365, 5_000_000],
];

export interface Pane extends RenderResult {
  readonly wb: MemoryWorkbook;
  readonly host: MemoryPaneHost;
  readonly workflow: PaneWorkflow;
}

/** The pane over a new workbook of `rows`, or over `reopen`, a workbook as an earlier session left it. */
export function renderPane(lang: Lang = 'zh', rows: CellWrite[][] = [HEADER, ...ROWS], reopen?: MemoryWorkbook): Pane {
  const wb = reopen ?? new MemoryWorkbook({ 渠道: rows.map((r) => [...r]) });
  const host = memoryPaneHost(wb);
  const workflow = createPaneWorkflow(host, lang);
  const result = render(
    <FluentProvider theme={webLightTheme}>
      <App workflow={workflow} />
    </FluentProvider>,
  );
  return { ...result, wb, host, workflow };
}
