import type { CellWrite, PrintLayout, WorkbookPort } from '../../../src/grading';
import { WpsWorkbook } from '../../../src/hosts/wps/WpsWorkbook';
import { describeWorkbookPortContract } from '../../grading/workbookPortContract';
import { FakeApplication, type FakeSheet } from './FakeEt';

const apps = new WeakMap<WorkbookPort, FakeApplication>();
const instantly = (): Promise<void> => Promise.resolve();

/** The layout a sheet holds in the fake, read back into the port's terms. */
function printLayoutOf(ws: FakeSheet | undefined): PrintLayout | undefined {
  const p = ws?.PageSetup;
  if (!ws || !p?.PrintArea) return undefined;
  const area = /^\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(p.PrintArea);
  const col = (s: string): number => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const title = /^\$(\d+):\$(\d+)$/.exec(p.PrintTitleRows ?? '');
  return {
    orientation: p.Orientation === 2 ? 'landscape' : 'portrait',
    area: {
      firstRow: Number(area?.[2]),
      firstColumn: col(area?.[1] ?? ''),
      lastRow: Number(area?.[4]),
      lastColumn: col(area?.[3] ?? ''),
    },
    titleRows: title ? { first: Number(title[1]), last: Number(title[2]) } : undefined,
    breaksAfter: [...ws.breaks].sort((a, b) => a - b).map((r) => r - 1),
    fitToWidth: p.FitToPagesWide === 1 && p.Zoom === false,
    footer: p.CenterFooter,
  };
}

describeWorkbookPortContract('WPS host over a fake ET object model', {
  // WPS computes formulas itself; the fake does not evaluate them, so that check is WPS's.
  capabilities: { sheets: true, formulas: false },
  printLayoutOf: (port, sheet) =>
    Promise.resolve(printLayoutOf(apps.get(port)?.ActiveWorkbook.sheets.find((s) => s.Name === sheet))),
  open(sheets: Record<string, CellWrite[][]>) {
    const app = new FakeApplication();
    for (const [name, rows] of Object.entries(sheets)) app.ActiveWorkbook.withSheet(name, rows);
    const port = new WpsWorkbook(app.asEt.ActiveWorkbook, { yieldToPage: instantly });
    apps.set(port, app);
    return Promise.resolve(port);
  },
  async reopen(port) {
    await port.commit();
    const app = apps.get(port) as FakeApplication;
    const again = new WpsWorkbook(app.asEt.ActiveWorkbook, { yieldToPage: instantly });
    apps.set(again, app);
    return again;
  },
});
