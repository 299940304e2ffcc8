/*
 * Formula-level behaviour: real formulas evaluated in HyperFormula with the QD.* functions
 * registered — ranges, spills, broadcasting, errors and a rules range (CONTRACT.md §1–§2).
 */
import { DetailedCellError, type HyperFormula } from 'hyperformula';
import { buildEngine, registerQdFunctions, setBlankConvention, type BlankConvention } from '../support/qdHyperFormula';

let hf: HyperFormula;
const at = (sheet: string, cell: string): unknown => {
  const address = hf.simpleCellAddressFromString(cell, hf.getSheetId(sheet) ?? 0);
  if (!address) throw new Error(cell);
  const v = hf.getCellValue(address);
  return v instanceof DetailedCellError ? v.value : v;
};
const messageAt = (sheet: string, cell: string): string | undefined => {
  const v = hf.getCellValue(hf.simpleCellAddressFromString(cell, hf.getSheetId(sheet) ?? 0)!);
  return v instanceof DetailedCellError ? v.message : undefined;
};

// RULES.md §11: the same workbook gives the same results on every Excel, whichever way it hands a blank.
describe.each<BlankConvention>(['web', 'desktop'])(
  'on Excel %s (blank cells as null on the web, 0 on desktop)',
  (convention) => {
    beforeAll(async () => {
      await registerQdFunctions();
      setBlankConvention(convention);
      hf = buildEngine({
        // A fixture sheet as an analyst keeps it: figures in columns, one channel a row.
        Data: [
          ['loss', 'market', 'nonMarket', 'premium', 'days', 'own', 'previous'],
          [0.55, 0.1, 0.25, 2_000_000, 73, 50_000_000, '蓝-A-Ⅱ'],
          [0.7, 0.2, 0.1, 3_000_000, 365, 10_000_000, '黄-B-Ⅰ'],
          ['85%', 0.15, 0.1, 500_000, 90, 1_000_000, null],
          [0.6, 'n/a', 0.1, 1_000_000, 365, 5_000_000, null],
          [0.62, 0.2, 0.18, 1_000_000, 0, 5_000_000, null],
        ],
        Rules: [
          ['key', 'value'],
          ['cost.deepBlue.max', 0.85],
          ['scale.A.min', 5_000_000],
        ],
        BadRules: [['cost.blue.max', 0.5]],
        Calc: [
          ['=QD.COSTRATE(Data!A2:A6, Data!B2:B6, Data!C2:C6)'],
          [],
          [],
          [],
          [],
          ['=QD.ANNUALSCALE(Data!D2:D6, Data!E2:E6)'],
          [],
          [],
          [],
          [],
          ['=QD.CLASSIFY(Data!A2:A6, Data!B2:B6, Data!C2:C6, Data!D2:D6, Data!E2:E6, Data!F2:F6)'],
          [],
          [],
          [],
          [],
          [
            '=QD.CHANNELCLASS(0.9, 10000000, 0.3)',
            '=QD.CHANNELCLASS(0.9, 10000000, 0.3, Rules!A1:B3)',
            '=QD.CHANNELCLASS(0.9, 1, 0.3, BadRules!A1:B1)',
          ],
          ['=QD.CLASSINDEX(QD.CHANNELCLASS(0.95, 2000000, 0.1))', '=QD.CLASSLABEL(46)', '=QD.CLASSLABEL(14, "en")'],
          [
            '=SUM(QD.COSTRATE(Data!A2:A3, Data!B2:B3, Data!C2:C3))',
            '=QD.HEADROOM(0.6, 0.1)',
            '=QD.HEADROOM(0.6, 0.1, "深红")',
          ],
          ['=QD.WINDOW("quarter", DATE(2026,4,10))'],
          ['=QD.RESOURCES(Data!G2:G3)'],
          [],
          [
            '=QD.CHECK(Data!A5, Data!B5, Data!C5, Data!D5, Data!E5, Data!F5)',
            '=QD.WEIGHTEDRATIO(Data!A2:A3, Data!D2:D3)',
            '=QD.GROUPDEPTH(Data!D2:D3, 50000000)',
          ],
          ['=QD.COSTBAND(Data!A2:A3 + Data!B2:B3 + Data!C2:C3)', '', '=QD.DEPTHBAND(Data!F2:F3 / 200000000, , "en")'],
          [],
          ['=QD.RULES()'],
        ],
      });
    });

    afterAll(() => {
      hf.destroy();
      setBlankConvention('web');
    });

    describe('formulas over ranges spill one result per row, each row its own value or error', () => {
      it('QD.COSTRATE over a column', () => {
        expect(['A1', 'A2', 'A3', 'A4', 'A5'].map((c) => at('Calc', c))).toEqual([0.9, 1, 1.1, '#VALUE!', 1]);
        expect(messageAt('Calc', 'A4')).toContain('市场费用率“n/a”');
      });

      it('QD.ANNUALSCALE over columns, with #DIV/0! for zero days', () => {
        expect(['A6', 'A7', 'A8', 'A9', 'A10'].map((c) => at('Calc', c))).toEqual([
          10_000_000,
          3_000_000,
          2_027_777.77777778,
          1_000_000,
          '#DIV/0!',
        ]);
      });

      it('QD.CLASSIFY from raw figures over a whole table', () => {
        expect(['A11', 'A12', 'A13', 'A14', 'A15'].map((c) => at('Calc', c))).toEqual([
          '深蓝-A-Ⅱ',
          '黄-B-Ⅰ',
          '#NUM!',
          '#VALUE!',
          '#DIV/0!',
        ]);
      });
    });

    describe('single formulas', () => {
      it('grades a channel at exactly 90% as deep blue, and with a rules range as blue', () => {
        expect(at('Calc', 'A16')).toBe('深蓝-A-Ⅰ');
        expect(at('Calc', 'B16')).toBe('蓝-A-Ⅰ');
      });

      it('refuses an invalid rules range with #VALUE! naming the key', () => {
        expect(at('Calc', 'C16')).toBe('#VALUE!');
        expect(messageAt('Calc', 'C16')).toContain('cost.blue.max');
      });

      it('nests: the index of a class computed in the same formula', () => {
        expect(at('Calc', 'A17')).toBe(14);
        expect(at('Calc', 'B17')).toBe('#NUM!');
        expect(at('Calc', 'C17')).toBe('Blue-B-II');
      });

      it('composes with built-in functions: SUM over a spilled result', () => {
        expect(at('Calc', 'A18')).toBe(1.9);
        expect(at('Calc', 'B18')).toBe(0.3);
        expect(at('Calc', 'C18')).toBe('#N/A');
      });

      it('spills a window as two dates', () => {
        expect([at('Calc', 'A19'), at('Calc', 'B19')]).toEqual([46023, 46112]);
      });

      it('spills eleven outcomes per class to the right', () => {
        expect(at('Calc', 'A20')).toBe('支持');
        // RULES.md §6: item 2 is 费用结算, item 11 单证出单 (第十六条–第十七条).
        expect(at('Calc', 'K20')).toBe('优先');
        expect(at('Calc', 'A21')).toBe('维持');
        expect(at('Calc', 'B21')).toBe('灵活·加快');
      });

      it('checks a row as text, weighs ratios and divides group scale', () => {
        expect(at('Calc', 'A22')).toBe(
          '市场费用率“n/a”不是数字或百分比 (Market expense ratio "n/a" is not a number or a percentage)',
        );
        expect(at('Calc', 'B22')).toBe(0.64);
        expect(at('Calc', 'C22')).toBe(0.1);
      });

      it('takes array expressions over ranges as ranges', () => {
        expect([at('Calc', 'A23'), at('Calc', 'A24')]).toEqual(['深蓝', '黄']);
        expect([at('Calc', 'C23'), at('Calc', 'C24')]).toEqual(['II', 'III']);
      });

      it('spills the default rule table, header first', () => {
        expect(at('Calc', 'A25')).toBe('键 key');
        expect([at('Calc', 'A26'), at('Calc', 'B26')]).toEqual(['cost.deepBlue.max', 0.9]);
        expect(at('Calc', 'A34')).toBe('premium.unit');
      });
    });
  },
);
