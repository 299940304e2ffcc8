/// <reference types="et-jsapi-declare" />
/**
 * The pane's WPS services: the workbook port, the active sheet, selecting a row, the workbook's
 * settings (the remembered mapping, kept in the workbook's custom properties so it travels with the
 * file) and who is using it. With WpsWorkbook, the only code that calls WPS.
 *
 * @packageDocumentation
 */
import { QdError } from '../../core';
import { SheetNotFoundError } from '../../grading/gradingErrors';
import type { PaneHost } from '../../grading/PaneHost';
import { readWorkbookSetting, writeWorkbookSetting } from './wpsSettings';
import { NoWorkbookError, openWpsWorkbook, type WpsWorkbookOptions } from './WpsWorkbook';
import { wpsError } from './wpsErrors';

/** Runs ET calls for the pane, WPS's refusals said as the port says them. */
function attempt<T>(sheet: string | null, calls: () => T): Promise<T> {
  return new Promise((resolve) => {
    try {
      resolve(calls());
    } catch (e) {
      throw e instanceof QdError ? e : wpsError(e, sheet);
    }
  });
}

/** The active workbook, or the message that none is open. */
function workbook(app: Et.Application): Et.Workbook {
  const wb = app.ActiveWorkbook as Et.Workbook | null | undefined;
  if (!wb) throw new NoWorkbookError();
  return wb;
}

/** The PaneHost over the workbook WPS has active; `app` is the global `Application` in the add-in. */
export function wpsPaneHost(app: Et.Application, options?: WpsWorkbookOptions): PaneHost {
  return {
    openPort: () => openWpsWorkbook(app, options),
    activeSheet: () =>
      attempt(null, () => {
        const ws = app.ActiveSheet as Et.Worksheet | null | undefined;
        return ws ? ws.Name : null;
      }),
    selectRow: (sheet, row) =>
      attempt(sheet, () => {
        const sheets = workbook(app).Worksheets;
        // Looked up by listing: ET throws for an unknown name, and the user should hear which sheet.
        let ws: Et.Worksheet | null = null;
        for (let i = 1; i <= sheets.Count && !ws; i++) {
          const candidate = sheets.Item(i) as Et.Worksheet;
          if (candidate.Name === sheet) ws = candidate;
        }
        if (!ws) throw new SheetNotFoundError(sheet);
        ws.Activate();
        ws.Range(`${row}:${row}`).Select();
      }),
    readSetting: (key) => attempt(null, () => readWorkbookSetting(workbook(app), key)),
    writeSetting: (key, value) => attempt(null, () => writeWorkbookSetting(workbook(app), key, value)),
    userName: () => {
      try {
        return app.UserName;
      } catch {
        // Only a stamp: without the user name the pane stamps without one, as under Excel.
        return '';
      }
    },
    // ET has every feature the pane uses (notes, conditional formats, validation, charts, page setup).
    unsupported: () => [],
  };
}
