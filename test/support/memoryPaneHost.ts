/* A PaneHost over a MemoryWorkbook: the pane's workflow as the tests drive it, no Office. */
import type { PaneHost } from '../../src/grading/PaneHost';
import type { MemoryWorkbook } from './MemoryWorkbook';

export interface MemoryPaneHost extends PaneHost {
  readonly settings: Map<string, string>;
  readonly selections: { sheet: string; row: number }[];
}

export function memoryPaneHost(wb: MemoryWorkbook, user = '李分析'): MemoryPaneHost {
  const settings = new Map<string, string>();
  const selections: { sheet: string; row: number }[] = [];
  return {
    settings,
    selections,
    openPort: () => wb,
    activeSheet: () => Promise.resolve([...wb.sheets.keys()][0] ?? null),
    selectRow: (sheet, row) => {
      selections.push({ sheet, row });
      return Promise.resolve();
    },
    readSetting: (key) => Promise.resolve(settings.get(key) ?? null),
    writeSetting: (key, value) => {
      settings.set(key, value);
      return Promise.resolve();
    },
    userName: () => user,
    unsupported: () => [],
  };
}
