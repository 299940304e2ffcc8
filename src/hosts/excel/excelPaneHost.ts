/**
 * The pane's Office services: the workbook port, the active sheet, selecting a row, and the
 * workbook's settings (where the column mapping is remembered). With ExcelWorkbook, the only code
 * that calls Office.
 */
import { WorkbookIoError } from '../../grading';
import type { PaneHost } from '../../taskpane/workflow/PaneWorkflow.types';
import { openExcelWorkbook } from './ExcelWorkbook';

/** The PaneHost over the workbook Excel has open. */
export function excelPaneHost(): PaneHost {
  const settings = (): Office.Settings => Office.context.document.settings;
  return {
    openPort: () => openExcelWorkbook(),
    activeSheet: () =>
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getActiveWorksheet();
        ws.load('name');
        await context.sync();
        return ws.name;
      }),
    selectRow: (sheet, row) =>
      Excel.run(async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(`${row}:${row}`).select();
        await context.sync();
      }),
    readSetting: (key) => {
      const value: unknown = settings().get(key);
      return Promise.resolve(typeof value === 'string' ? value : null);
    },
    writeSetting: (key, value) =>
      new Promise((resolve, reject) => {
        settings().set(key, value);
        settings().saveAsync((result) => {
          if (result.status === Office.AsyncResultStatus.Succeeded) resolve();
          else reject(WorkbookIoError.writing('workbook settings', result.error));
        });
      }),
    userName: () => '',
  };
}
