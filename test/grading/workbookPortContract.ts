/*
 * The WorkbookPort contract: one suite that every host runs (the in-memory reference, ExcelJS .xlsx,
 * and — in the task-pane issue — Office.js through office-addin-mock and a limit-enforcing fake).
 * A host passes when what it reads back after writing, and after committing and reopening, is what
 * the workflow expects.
 */
import type { CellValue, CellWrite, PrintLayout, WorkbookPort } from '../../src/grading';
import { SheetNotFoundError } from '../../src/grading';
import { SheetNotOwnedError } from '../../src/grading/WorkbookPort';

/** A host under test: a port over the given sheets, and a way to commit and reopen it. */
export interface PortHarness {
  /** Which optional capabilities the host has (a CSV has one sheet and no formats). */
  readonly capabilities: {
    readonly sheets: boolean;
    readonly formulas: boolean;
    /**
     * Whether the host lays a sheet out for printing (`setPrintLayout` returns true). Defaults to
     * `sheets`: only a host that declares it cannot (a CSV file) may return false.
     */
    readonly printLayout?: boolean;
  };
  /** The print layout the host holds for a sheet after reopening, where the harness can read it back. */
  printLayoutOf?(port: WorkbookPort, sheet: string): Promise<PrintLayout | undefined>;
  open(sheets: Record<string, CellWrite[][]>): Promise<WorkbookPort>;
  /** Commits and returns a fresh port over what was committed. */
  reopen(port: WorkbookPort): Promise<WorkbookPort>;
}

/** An A4 layout as the report sheet sets it (RULES.md §12): area, title rows, breaks, fit to width, footer. */
const A4: PrintLayout = {
  orientation: 'landscape',
  area: { firstRow: 1, firstColumn: 1, lastRow: 4, lastColumn: 3 },
  titleRows: { first: 1, last: 1 },
  breaksAfter: [2],
  fitToWidth: true,
  margins: { top: 0.6, bottom: 0.6, left: 0.4, right: 0.4 },
  footer: '第 &P 页 / 共 &N 页  Page &P of &N',
};

const DATA: CellWrite[][] = [
  ['渠道代码', '渠道名称', '金额'],
  ['C001', '甲', 1.5],
  ['C002', '=not a formula', 2],
  ['C003', null, 0.1],
];

/** Defines the contract tests for one host. */
export function describeWorkbookPortContract(name: string, harness: PortHarness): void {
  describe(`WorkbookPort contract: ${name}`, () => {
    it('lists its sheets and measures the used extent', async () => {
      const port = await harness.open({ Data: DATA });
      expect(await port.sheetNames()).toContain('Data');
      expect(await port.extent('Data')).toEqual({ rowCount: 4, columnCount: 3 });
    });

    it('throws SheetNotFoundError for an unknown sheet', async () => {
      const port = await harness.open({ Data: DATA });
      await expect(port.extent('Nope')).rejects.toBeInstanceOf(SheetNotFoundError);
    });

    it('reads a block with blanks as null, beyond the used range too', async () => {
      const port = await harness.open({ Data: DATA });
      const block = await port.readBlock('Data', 2, 2, 4, 3);
      expect(block.map((r) => r.map((v) => (typeof v === 'string' && /^\d/.test(v) ? Number(v) : v)))).toEqual([
        ['甲', 1.5, null],
        ['=not a formula', 2, null],
        [null, 0.1, null],
        [null, null, null],
      ]);
    });

    it('writes values beside the data and reads them back after reopening, inputs untouched', async () => {
      const port = await harness.open({ Data: DATA });
      await port.writeBlock('Data', 1, 4, [['经营成本率'], [0.9], ['=SUM(A1)'], [null]]);
      const again = await harness.reopen(port);
      const block: CellValue[][] = await again.readBlock('Data', 1, 1, 4, 4);
      // A CSV host writes formula-like text with a leading apostrophe (CONTRACT.md §5); the text is the same.
      const norm = block.map((r) =>
        r.map((v) =>
          typeof v === 'string' && /^[\d.]+$/.test(v)
            ? Number(v)
            : typeof v === 'string'
              ? v.replace(/^'(?=[=+\-@])/, '')
              : v,
        ),
      );
      expect(norm.map((r) => r.slice(0, 3))).toEqual(DATA.map((r) => r.map((v) => v ?? null)));
      expect(norm.map((r) => r[3])).toEqual(['经营成本率', 0.9, '=SUM(A1)', null]);
    });

    it('keeps text that looks like a formula as text', async () => {
      const port = await harness.open({ Data: DATA });
      await port.writeBlock('Data', 2, 4, [['+1 call'], ['@handle'], ['-dash']]);
      const again = await harness.reopen(port);
      const block = await again.readBlock('Data', 2, 4, 3, 1);
      expect(block.map((r) => String(r[0]).replace(/^'/, ''))).toEqual(['+1 call', '@handle', '-dash']);
    });

    if (harness.capabilities.sheets) {
      it('replaces a sheet and defines names over it', async () => {
        const port = await harness.open({ Data: DATA });
        await port.replaceSheet('分级规则', [
          ['key', 'value'],
          ['cost.deepBlue.max', 0.9],
        ]);
        await port.replaceSheet('分级规则', [
          ['key', 'value'],
          ['cost.deepBlue.max', 0.85],
        ]);
        await port.defineName('QD_RULES', '分级规则', 1, 1, 2, 2);
        const again = await harness.reopen(port);
        expect(await again.sheetNames()).toEqual(['Data', '分级规则']);
        expect(await again.readBlock('分级规则', 2, 1, 1, 2)).toEqual([['cost.deepBlue.max', 0.85]]);
      });

      it("refuses to replace the user's own sheet that carries the add-in's sheet name, and changes nothing", async () => {
        const mine: CellWrite[][] = [['我的汇总 my own summary'], ['keep', 42]];
        const port = await harness.open({ Data: DATA, 分级汇总: mine });
        await expect(port.replaceSheet('分级汇总', [['x']])).rejects.toBeInstanceOf(SheetNotOwnedError);
        await expect(port.replaceSheet('分级汇总', [['x']])).rejects.toThrow(/分级汇总/);
        const again = await harness.reopen(port);
        expect(await again.readBlock('分级汇总', 1, 1, 2, 2)).toEqual([
          ['我的汇总 my own summary', null],
          ['keep', 42],
        ]);
      });

      it("replaces, after reopening, a sheet it created itself (the sheet is marked as the add-in's)", async () => {
        const port = await harness.open({ Data: DATA });
        await port.replaceSheet('分级汇总', [['first']]);
        const again = await harness.reopen(port);
        await again.replaceSheet('分级汇总', [['second']]);
        const third = await harness.reopen(again);
        expect(await third.readBlock('分级汇总', 1, 1, 1, 1)).toEqual([['second']]);
        expect(await third.sheetNames()).toEqual(['Data', '分级汇总']);
      });

      it('adopts a summary sheet written by the previous round of the add-in (A1 is its own title)', async () => {
        const port = await harness.open({ Data: DATA, 分级汇总: [['渠道分级汇总 Channel grading summary'], ['old']] });
        await port.replaceSheet('分级汇总', [['渠道分级汇总 Channel grading summary'], ['new']]);
        const again = await harness.reopen(port);
        expect(await again.readBlock('分级汇总', 2, 1, 1, 1)).toEqual([['new']]);
      });
    }

    if (harness.capabilities.formulas) {
      it('writes a formula with its cached value, which a reader sees without recalculating', async () => {
        const port = await harness.open({ Data: DATA });
        await port.writeBlock('Data', 1, 5, [[{ formula: 'SUM(C2:C4)', result: 3.6 }]]);
        const again = await harness.reopen(port);
        expect(await again.readBlock('Data', 1, 5, 1, 1)).toEqual([[3.6]]);
      });
    }

    it('accepts formats and band colours on a column without changing values', async () => {
      const port = await harness.open({ Data: DATA });
      await port.writeBlock('Data', 2, 4, [['深蓝'], ['黄'], ['深红']]);
      await port.formatColumn('Data', 3, 2, 4, 'amount');
      await port.colourBands('Data', 4, 2, 4, [{ text: '深蓝', fill: '1F3A93', font: 'FFFFFF' }]);
      await port.colourBands('Data', 4, 2, 4, [{ text: '深蓝', fill: '1F3A93', font: 'FFFFFF' }]);
      const again = await harness.reopen(port);
      expect((await again.readBlock('Data', 2, 4, 3, 1)).map((r) => r[0])).toEqual(['深蓝', '黄', '深红']);
    });

    const prints = harness.capabilities.printLayout ?? harness.capabilities.sheets;
    if (prints) {
      it('lays a sheet of its own out for A4 with its title rows repeated and a page break, values unchanged', async () => {
        const port = await harness.open({ Data: DATA });
        await port.replaceSheet('报告', DATA);
        expect(await port.setPrintLayout('报告', A4)).toBe(true);
        const again = await harness.reopen(port);
        expect(await again.readBlock('报告', 1, 1, 4, 3)).toEqual(DATA);
        expect(await again.readBlock('Data', 1, 1, 4, 3)).toEqual(DATA);
        if (harness.printLayoutOf) {
          const held = await harness.printLayoutOf(again, '报告');
          expect(held).toMatchObject({
            orientation: 'landscape',
            area: A4.area,
            titleRows: A4.titleRows,
            breaksAfter: [2],
            fitToWidth: true,
          });
        }
      });

      it('throws SheetNotFoundError when laying out a sheet that does not exist', async () => {
        const port = await harness.open({ Data: DATA });
        await expect(port.setPrintLayout('Nope', A4)).rejects.toThrow(SheetNotFoundError);
      });
    } else {
      it('says it cannot lay a sheet out for printing (returns false), values unchanged', async () => {
        const port = await harness.open({ Data: DATA });
        const before = await port.readBlock('Data', 1, 1, 4, 3);
        expect(await port.setPrintLayout('Data', A4)).toBe(false);
        expect(await port.readBlock('Data', 1, 1, 4, 3)).toEqual(before);
      });
    }
  });
}
