/* A PaneHost over a MemoryWorkbook: the pane's workflow as the tests drive it, no Office. */
import type { PaneHost } from '../../src/grading/PaneHost';
import type { MemoryWorkbook } from './MemoryWorkbook';

export interface MemoryPaneHost extends PaneHost {
  readonly settings: Map<string, string>;
  readonly selections: { sheet: string; row: number }[];
  /** The user's selection as a test sets it (the row the user clicked in the sheet); null: none. */
  selected: { sheet: string; row: number } | null;
}

export function memoryPaneHost(wb: MemoryWorkbook, user = '李分析'): MemoryPaneHost {
  const settings = new Map<string, string>();
  const selections: { sheet: string; row: number }[] = [];
  const host: MemoryPaneHost = {
    settings,
    selections,
    selected: null,
    selectedRow: () => Promise.resolve(host.selected),
    openPort: () => wb,
    activeSheet: () => Promise.resolve([...wb.sheets.keys()][0] ?? null),
    selectRow: (sheet, row) => {
      selections.push({ sheet, row });
      host.selected = { sheet, row };
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
  return host;
}
