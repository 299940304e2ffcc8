/*
 * The Excel API as office-addin-mock models it, over the same state and limits as FakeExcel.
 *
 * Every object the host touches (context, workbook, sheets, ranges, used ranges, conditional
 * formats, charts, names) is an `OfficeMockObject`, so property access follows office-addin-mock's
 * rules: a property read before `load` and `context.sync()` gives its "not loaded" / "not synced"
 * error instead of a value. What the host sets or calls is replayed, in the order it happened, onto
 * FakeExcel's request queue at each `context.sync()`, so Excel's limits (5 MB a request, 5,000,000
 * cells a read) hold here too and syncs and payloads are counted the same way.
 *
 * Two things office-addin-mock cannot model are done by hand: collections' `load('items/name')`
 * (the mock cannot navigate into arrays) and values, which are the sheet's as the object was made
 * (the host never reads cells it wrote in the same request).
 */
import { OfficeMockObject } from 'office-addin-mock';
import type { ExcelRun } from '../../src/hosts/excel/ExcelWorkbook';
import {
  ExcelError,
  FakeContext,
  FakeRange,
  FakeWorksheet,
  FakeWorksheets,
  a1,
  type FakeExcelState,
} from './FakeExcel';

const NOT_SYNCED = 'Error, context.sync() was not called';

/** office-addin-mock's objects carry any property the host sets; this is how the replay reads them. */
type Mock = OfficeMockObject & Record<string, unknown>;

function mock(data: Record<string, unknown>): Mock {
  return new OfficeMockObject(data);
}

/** Lets office-addin-mock's own sync (which settles loaded values in promise callbacks) finish. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** An `ExcelRun` whose contexts are office-addin-mock objects over `state`. */
export function mockedExcelRun(state: FakeExcelState): ExcelRun {
  return <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    batch(new MockedContext(state).context as unknown as Excel.RequestContext);
}

class MockedContext {
  readonly context: Mock;
  private fake: FakeContext;
  /** What the host did since the last sync, replayed in order onto the fake's queue at sync. */
  private replay: (() => void)[] = [];
  private made: Mock[] = [];
  /** Hand-made loads, settled after the mock's own. */
  private readonly after: (() => void)[] = [];

  constructor(private readonly state: FakeExcelState) {
    this.fake = new FakeContext(state);
    this.context = mock({
      workbook: {
        worksheets: this.worksheets(),
        names: this.names(),
        protection: { protected: state.workbookProtected },
        comments: {
          add: (cell: Mock, text: string) =>
            this.replay.push(() => this.fakeComments().add((cell.fake as () => FakeRange)(), text)),
          // The thread on a cell: Excel answers ItemNotFound (at the sync) where there is none.
          getItemByCell: (cell: Mock) => {
            const at = (cell.fake as () => FakeRange)();
            const thread = state.comments.find((c) => c.cell === at.address());
            this.replay.push(() => void this.fakeComments().getItemByCell(at));
            return this.keep(
              mock({
                content: thread?.text ?? '',
                replies: {
                  add: (text: string) =>
                    this.replay.push(() => this.fakeComments().getItemByCell(at).replies.add(text)),
                },
              }),
            );
          },
        },
      },
      application: {
        suspendApiCalculationUntilNextSync: () => this.replay.push(() => void state.calculationSuspensions++),
      },
      runtime: { enableEvents: state.enableEvents },
      sync: () => this.sync(),
    });
    this.made.push(this.context);
  }

  private fakeComments(): {
    add: (r: FakeRange, t: string) => void;
    getItemByCell: (r: FakeRange) => { replies: { add: (t: string) => void } };
  } {
    return (
      this.fake.workbook as {
        comments: {
          add: (r: FakeRange, t: string) => void;
          getItemByCell: (r: FakeRange) => { replies: { add: (t: string) => void } };
        };
      }
    ).comments;
  }

  private keep(m: Mock): Mock {
    this.made.push(m);
    return m;
  }

  private async sync(): Promise<void> {
    const runtime = this.context.runtime as Mock;
    // Only a change reaches Excel (the mock keeps the last value set; off and on again is no change).
    if (typeof runtime.enableEvents === 'boolean' && runtime.enableEvents !== this.state.enableEvents) {
      const on = runtime.enableEvents;
      this.replay.push(() => (this.fake.runtime.enableEvents = on));
    }
    for (const step of this.replay.splice(0)) step();
    await this.fake.sync();
    // office-addin-mock's own sync (the context's `sync` is this method, so call the library's).
    for (const m of this.made) void OfficeMockObject.prototype.sync.call(m);
    await settle();
    for (const done of this.after.splice(0)) done();
  }

  private worksheets(): Record<string, unknown> {
    const sheets = new FakeWorksheets(this.fake);
    const collection: Record<string, unknown> = {
      items: [] as { name: string }[],
      getItem: (name: string) => {
        this.replay.push(() => void sheets.getItem(name));
        return this.worksheet(name, false);
      },
      getItemOrNullObject: (name: string) => this.worksheet(name, true),
      add: (name: string) => {
        this.replay.push(() => void sheets.add(name));
        return this.worksheet(name, false);
      },
    };
    // office-addin-mock cannot load `items/name` (it cannot navigate into an array): done by hand.
    const after = this.after;
    const replay = this.replay;
    collection.load = function (this: Mock): Mock {
      this.items = NOT_SYNCED;
      replay.push(() => void sheets.load());
      after.push(() => (this.items = sheets.items));
      return this;
    };
    return collection;
  }

  private names(): Record<string, unknown> {
    const state = this.state;
    const fakeNames = (): Record<string, (...args: unknown[]) => unknown> =>
      (this.fake.workbook as { names: Record<string, (...args: unknown[]) => unknown> }).names;
    const after = this.after;
    const replay = this.replay;
    return {
      items: [] as { name: string }[],
      // As for the sheets: office-addin-mock cannot load `items/name`.
      load: function (this: Mock): Mock {
        this.items = NOT_SYNCED;
        replay.push(() => void fakeNames().load?.());
        after.push(() => (this.items = (fakeNames() as unknown as { items: { name: string }[] }).items));
        return this;
      },
      getItem: (name: string) =>
        this.keep(
          mock({
            delete: () => this.replay.push(() => void (fakeNames().getItem?.(name) as { delete: () => void }).delete()),
          }),
        ),
      getItemOrNullObject: (name: string) => {
        const m = this.keep(
          mock({
            isNullObject: !state.names.has(name),
            delete: () => this.replay.push(() => void (fakeNames().getItem?.(name) as { delete: () => void }).delete()),
          }),
        );
        return m;
      },
      add: (name: string, range: Mock) =>
        this.replay.push(() => void fakeNames().add?.(name, (range.fake as () => FakeRange)())),
    };
  }

  /**
   * A sheet's page layout as an office-addin-mock object: the methods replay as they are called; the
   * properties the host sets are read at sync, in the order the layout was asked for.
   */
  private pageLayout(fake: FakeWorksheet): Mock {
    const target = (): Record<string, unknown> => fake.pageLayout;
    const page = this.keep(
      mock({
        setPrintArea: (range: Mock) =>
          this.replay.push(() => (target().setPrintArea as (r: FakeRange) => void)((range.fake as () => FakeRange)())),
        setPrintTitleRows: (rows: string) =>
          this.replay.push(() => (target().setPrintTitleRows as (r: string) => void)(rows)),
        headersFooters: { defaultForAllPages: { centerFooter: '' } },
      }),
    );
    const read = (key: string): unknown => (page as unknown as Record<string, unknown>)[key];
    this.replay.push(() => {
      const t = target();
      for (const key of ['paperSize', 'orientation', 'zoom'])
        if (read(key) !== undefined && typeof read(key) !== 'function') t[key] = read(key);
      for (const key of ['topMargin', 'bottomMargin', 'leftMargin', 'rightMargin'])
        if (typeof read(key) === 'number') t[key] = read(key);
      const footer: unknown = ((read('headersFooters') as Mock).defaultForAllPages as Mock).centerFooter;
      if (typeof footer === 'string' && footer !== '')
        (t.headersFooters as { defaultForAllPages: { centerFooter: string } }).defaultForAllPages.centerFooter = footer;
    });
    return page;
  }

  private worksheet(name: string, orNull: boolean): Mock {
    const fake = new FakeWorksheet(this.fake, name);
    let page: Mock | null = null;
    const m = this.keep(
      mock({
        name,
        isNullObject: orNull && this.state.sheet(name) === undefined,
        delete: () => this.replay.push(() => fake.delete()),
        getRangeByIndexes: (row: number, column: number, rows: number, columns: number) =>
          this.range(name, row, column, rows, columns),
        getUsedRangeOrNullObject: () => this.usedRange(name),
        names: {
          getItemOrNullObject: (scoped: string) => {
            const item = this.keep(mock({ isNullObject: !this.state.sheetScoped.get(name)?.has(scoped) }));
            this.replay.push(() => void fake.names.getItemOrNullObject(scoped));
            return item;
          },
          add: (scoped: string, reference: Mock) => {
            const item = this.keep(mock({ visible: true }));
            this.replay.push(() => {
              const added = fake.names.add(scoped, (reference.fake as () => FakeRange)());
              // Set after add in the host's batch: read when the request is replayed.
              added.visible = item.visible !== false;
            });
            return item;
          },
        },
        horizontalPageBreaks: {
          add: (at: Mock) => this.replay.push(() => fake.horizontalPageBreaks.add((at.fake as () => FakeRange)())),
          removePageBreaks: () => this.replay.push(() => fake.horizontalPageBreaks.removePageBreaks()),
        },
        charts: {
          add: (type: string, source: Mock) => {
            const chart = this.keep(
              mock({ title: { text: '' }, legend: { visible: true }, setPosition: (at: Mock) => (chart.at = at) }),
            );
            this.replay.push(() => {
              const c = fake.charts.add(type, (source.fake as () => FakeRange)(), 'Columns') as {
                title: { text: string };
                setPosition: (r: FakeRange) => void;
              };
              c.title.text = String((chart.title as Mock).text);
              if (chart.at) c.setPosition(((chart.at as Mock).fake as () => FakeRange)());
            });
            return chart;
          },
        },
      }),
    );
    // Made when the host first asks for it, so its properties replay after what came before.
    Object.defineProperty(m, 'pageLayout', { get: () => (page ??= this.pageLayout(fake)) });
    return m;
  }

  private usedRange(sheet: string): Mock {
    const cells = this.state.sheet(sheet)?.cells ?? [];
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    cells.forEach((r, i) =>
      r.forEach((c, j) => {
        if (c === undefined || c.value === '') return;
        top = Math.min(top, i);
        left = Math.min(left, j);
        bottom = Math.max(bottom, i);
        right = Math.max(right, j);
      }),
    );
    this.replay.push(() => this.fake.enqueue(64, 0, () => undefined));
    return this.keep(
      mock({
        isNullObject: bottom < 0,
        rowIndex: bottom < 0 ? 0 : top,
        columnIndex: bottom < 0 ? 0 : left,
        rowCount: bottom < 0 ? 0 : bottom - top + 1,
        columnCount: bottom < 0 ? 0 : right - left + 1,
      }),
    );
  }

  private range(sheet: string, row: number, column: number, rows: number, columns: number): Mock {
    const fakeRange = (): FakeRange => new FakeRange(this.fake, sheet, row, column, rows, columns);
    const s = this.state.sheet(sheet);
    // Whole-column ranges (for formats) are never read: only blocks the host can read get a snapshot.
    const readable = rows <= 100_000 && rows * columns <= 5_000_000;
    const values = readable
      ? Array.from({ length: rows }, (_, i) =>
          Array.from({ length: columns }, (_, j) => s?.cells[row + i]?.[column + j]?.value ?? ''),
        )
      : [];
    const conditionalFormats: Mock[] = [];
    let cleared = false;
    const after = this.after;
    const replay = this.replay;
    const merged = this.state.merged.filter(
      (a) =>
        a.sheet === sheet &&
        a.row < row + rows &&
        row < a.row + a.rows &&
        a.column < column + columns &&
        column < a.column + a.columns,
    );
    // The collection of rules on the range; `load` is done by hand (office-addin-mock cannot load items).
    const rules: Record<string, unknown> = {
      items: [],
      clearAll: () => this.replay.push(() => fakeRange().conditionalFormats.clearAll()),
      getItem: (id: string) => ({
        delete: () => this.replay.push(() => fakeRange().conditionalFormats.getItem(id).delete()),
      }),
      add: (type: string) => {
        const body = { format: { fill: { color: '' }, font: { color: '' } }, rule: { formula1: '', formula: '' } };
        const cf = this.keep(mock(type === 'Custom' ? { custom: body } : { cellValue: body }));
        conditionalFormats.push(cf);
        this.replay.push(() => {
          const target = fakeRange().conditionalFormats.add(type) as Record<
            string,
            { format: { fill: { color: string }; font: { color: string } }; rule: unknown }
          >;
          const key = type === 'Custom' ? 'custom' : 'cellValue';
          const from = cf[key] as Mock;
          const to = target[key] as { format: { fill: { color: string }; font: { color: string } }; rule: unknown };
          to.format.fill.color = String(((from.format as Mock).fill as Mock).color);
          to.format.font.color = String(((from.format as Mock).font as Mock).color);
          to.rule = from.rule;
        });
        return cf;
      },
    };
    rules.load = function (this: Mock): Mock {
      this.items = NOT_SYNCED;
      const at = fakeRange();
      replay.push(() => void at.conditionalFormats.load());
      after.push(() => (this.items = at.conditionalFormats.items));
      return this;
    };
    const m = this.keep(
      mock({
        values,
        format: { columnWidth: 0 },
        dataValidation: {
          clear: () => void (cleared = true),
          rule: {},
        },
        conditionalFormats: rules,
        getMergedAreasOrNullObject: () => {
          this.replay.push(() => void fakeRange().getMergedAreasOrNullObject());
          return this.keep(
            mock({ isNullObject: merged.length === 0, address: merged.map((a) => `${sheet}!${a1(a)}`).join(',') }),
          );
        },
        fake: fakeRange,
      }),
    );
    // What the host sets on the range is read at sync, in the order the range was made.
    this.replay.push(() => {
      const target = fakeRange();
      if (m.values === NOT_SYNCED) {
        if (rows * columns > 5_000_000) throw new ExcelError('RangeExceedsLimit', 'read exceeds 5,000,000 cells');
        target.load();
      }
      if (Array.isArray(m.formulas)) target.formulas = m.formulas as unknown[][];
      if (Array.isArray(m.numberFormat)) target.numberFormat = m.numberFormat as unknown[][];
      const rule: unknown = (m.dataValidation as Mock).rule;
      if (cleared) fakeRange().dataValidation.clear();
      if (typeof rule === 'object' && rule !== null && 'list' in rule) fakeRange().dataValidation.rule = rule;
      const width: unknown = (m.format as Mock).columnWidth;
      if (typeof width === 'number' && width > 0) target.format.columnWidth = width;
    });
    return m;
  }
}
