/*
 * Office.js as the end-to-end test serves it in place of Microsoft's CDN script: `Office` and
 * `Excel` over FakeExcel's in-memory workbook (with Excel's request limits), seeded with the rows
 * the test puts on `window.__QD_SEED__`. The test reads the workbook back through `window.__QD_STATE__`.
 */
import type { CellWrite } from '../../src/grading';
import { FakeExcelState } from '../support/FakeExcel';

interface Seed {
  readonly sheets: Record<string, CellWrite[][]>;
  readonly displayLanguage: string;
  /** Sheets the user has protected. */
  readonly protectedSheets?: readonly string[];
  /** Sheets an earlier session of the add-in created (marked with QD_OWNED), as on reopening. */
  readonly owned?: readonly string[];
  /** The workbook's settings as an earlier session saved them (the remembered mapping). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** ExcelApi versions this Excel lacks ("1.10"). */
  readonly missingSets?: readonly string[];
}

/** What the test reads back: every sheet's values, and the formats, charts, names and comments. */
export interface Snapshot {
  readonly sheets: { readonly name: string; readonly values: (string | number | boolean | null)[][] }[];
  readonly bands: number;
  /** The sheet of each band rule, in order (the data sheet's five, then any on the report sheet). */
  readonly bandSheets: string[];
  readonly charts: number;
  readonly names: string[];
  readonly comments: { readonly cell: string; readonly text: string }[];
  readonly validations: number;
  /** Sheets that carry the add-in's QD_OWNED mark. */
  readonly owned: string[];
}

const w = window as unknown as {
  __QD_SEED__?: Seed;
  __QD_STATE__?: FakeExcelState;
  __QD_SNAPSHOT__?: () => Snapshot;
  __QD_SETTINGS__?: Map<string, unknown>;
  Office?: unknown;
  Excel?: unknown;
};
const seed: Seed = w.__QD_SEED__ ?? { sheets: {}, displayLanguage: 'zh-CN' };
const state = new FakeExcelState(seed.sheets);
for (const sheet of seed.protectedSheets ?? []) state.protectedSheets.add(sheet);
for (const sheet of seed.owned ?? []) state.sheetScoped.set(sheet, new Map([['QD_OWNED', { visible: false }]]));
const settings = new Map<string, unknown>(Object.entries(seed.settings ?? {}));
w.__QD_STATE__ = state;
w.__QD_SNAPSHOT__ = () => ({
  sheets: state.sheets.map((sheet) => ({
    name: sheet.name,
    values: sheet.cells.map((row) => row.map((c) => c?.value ?? null)),
  })),
  bands: state.bands.length,
  bandSheets: state.bands.map((b) => b.sheet),
  charts: state.charts.length,
  names: [...state.names.keys()],
  comments: state.comments,
  validations: state.validations.length,
  owned: [...state.sheetScoped].filter(([, names]) => names.has('QD_OWNED')).map(([sheet]) => sheet),
});
w.__QD_SETTINGS__ = settings;

w.Office = {
  onReady: () => Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }),
  AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
  context: {
    displayLanguage: seed.displayLanguage,
    requirements: {
      isSetSupported: (name: string, version?: string) =>
        name !== 'ExcelApi' || !(seed.missingSets ?? []).includes(version ?? ''),
    },
    document: {
      settings: {
        get: (key: string) => settings.get(key) ?? null,
        set: (key: string, value: unknown) => void settings.set(key, value),
        saveAsync: (callback: (r: { status: string }) => void) => callback({ status: 'succeeded' }),
      },
    },
  },
};
w.Excel = { run: state.run };
