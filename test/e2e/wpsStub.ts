/*
 * WPS 表格 as the WPS end-to-end test gives it to the pane's page: the global `Application` (and
 * `wps`) over the fake ET object model (test/hosts/wps/FakeEt), seeded with the sheets the test
 * puts on `window.__QD_SEED__`, injected before the page's own script as WPS injects its JSAPI. The
 * test reads the workbook back through `window.__QD_SNAPSHOT__`.
 */
import { FakeApplication, type FakeSheet } from '../hosts/wps/FakeEt';

interface WpsSeed {
  readonly sheets: Record<string, unknown[][]>;
  /** Sheets the user has protected. */
  readonly protectedSheets?: readonly string[];
  /** Sheets an earlier session of the add-in created (they carry QD_OWNED). */
  readonly owned?: readonly string[];
  /** The workbook's custom document properties, as saved with the file. */
  readonly properties?: Readonly<Record<string, string>>;
  /** Workbook names, as saved with the file. */
  readonly names?: Readonly<Record<string, string>>;
}

/** What the test reads back. */
export interface WpsSnapshot {
  readonly sheets: { readonly name: string; readonly values: (string | number | boolean | null)[][] }[];
  /** Band rules by sheet. */
  readonly bands: Record<string, number>;
  readonly charts: number;
  readonly notes: { readonly sheet: string; readonly cell: string; readonly text: string }[];
  readonly validations: number;
  readonly owned: string[];
  readonly properties: Record<string, string>;
  readonly names: Record<string, string>;
  /** Confirmation dialogs WPS would have shown. */
  readonly prompts: number;
}

function values(ws: FakeSheet): (string | number | boolean | null)[][] {
  const used = ws.UsedRange;
  const rows = used.Row + used.Rows.Count - 1;
  const columns = used.Column + used.Columns.Count - 1;
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => ws.cell(r + 1, c + 1)?.value ?? null),
  );
}

const w = window as unknown as {
  __QD_SEED__?: WpsSeed;
  __QD_SNAPSHOT__?: () => WpsSnapshot;
  __QD_WPS__?: FakeApplication;
  Application?: unknown;
  wps?: unknown;
};
const seed: WpsSeed = w.__QD_SEED__ ?? { sheets: {} };
const app = new FakeApplication();
const book = app.ActiveWorkbook;
for (const [name, rows] of Object.entries(seed.sheets)) {
  const ws = book.withSheet(name, rows);
  if (seed.protectedSheets?.includes(name)) ws.ProtectContents = true;
  if (seed.owned?.includes(name)) ws.Names.Add('QD_OWNED', `='${name}'!$A$1`, false);
}
for (const [name, value] of Object.entries(seed.properties ?? {}))
  book.CustomDocumentProperties.Add(name, false, 4, value);
for (const [name, refersTo] of Object.entries(seed.names ?? {})) book.Names.Add(name, refersTo, true);

w.__QD_WPS__ = app;
w.__QD_SNAPSHOT__ = () => ({
  sheets: book.sheets.map((ws) => ({ name: ws.Name, values: values(ws) })),
  bands: Object.fromEntries(book.sheets.map((ws) => [ws.Name, ws.conditions.length])),
  charts: book.sheets.reduce((n, ws) => n + ws.charts.length, 0),
  notes: book.sheets.flatMap((ws) => [...ws.notes].map(([cell, text]) => ({ sheet: ws.Name, cell, text }))),
  validations: book.sheets.reduce((n, ws) => n + ws.validations.length, 0),
  owned: book.sheets.filter((ws) => ws.Names.items.some((n) => n.Name.endsWith('!QD_OWNED'))).map((ws) => ws.Name),
  properties: Object.fromEntries(book.CustomDocumentProperties.items.map((p) => [p.Name, String(p.Value)])),
  names: Object.fromEntries(book.Names.items.map((n) => [n.Name, n.RefersTo])),
  prompts: app.prompts,
});
w.Application = app;
w.wps = app;
