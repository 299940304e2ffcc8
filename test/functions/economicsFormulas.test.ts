/*
 * RULES.md §8–§9 from real formulas in HyperFormula: commissions, agent fees, the general agency,
 * agency pricing, stars and department standards, with ranges, spills and errors.
 */
import { DetailedCellError, type HyperFormula } from 'hyperformula';
import { buildEngine, registerQdFunctions, setBlankConvention, type BlankConvention } from '../support/qdHyperFormula';

let hf: HyperFormula;
const at = (cell: string, sheet = 'Calc'): unknown => {
  const address = hf.simpleCellAddressFromString(cell, hf.getSheetId(sheet) ?? 0);
  if (!address) throw new Error(cell);
  const v = hf.getCellValue(address);
  return v instanceof DetailedCellError ? v.value : v;
};
const row = (cells: string[]): unknown[] => cells.map((c) => at(c));

// RULES.md §11: the same workbook gives the same results on every Excel, whichever way it hands a blank.
describe.each<BlankConvention>(['web', 'desktop'])(
  'on Excel %s (blank cells as null on the web, 0 on desktop)',
  (convention) => {
    beforeAll(async () => {
      await registerQdFunctions();
      setBlankConvention(convention);
      hf = buildEngine({
        Agents: [
          ['tier', 'ratings'],
          ['省级', 80],
          ['省级', 81],
          ['市级', 41],
          ['特约', 3],
          ['国家级', 1],
        ],
        Outlets: [[100], [90], [80], [70], [60], [50], [40], [30], [20], [10]],
        // Three rated outlets among blank rows (a new outlet with no points yet, and a gap).
        Few: [[30], [null], [20], [10], [null]],
        Collections: [[200000], [300000], [500000]],
        Calc: [
          ['=QD.AGENTFEE(Agents!A2:A6, Agents!B2:B6)'],
          [],
          [],
          [],
          [],
          ['=QD.COMMISSIONDUE(10000000, 3%, 4000000, 90000, "institution")', '=QD.COMMISSIONDUE(100, 1%, 101, 0)'],
          ['=QD.COMMISSIONPLAN(1000000, 0.015, Collections!A1:A3, "individual")'],
          [],
          [],
          [],
          ['=QD.BREAKEVEN(60000, 15%)', '=QD.BREAKEVEN(60000, 0)'],
          ['=QD.AGENCYPRICE(1000, 1.5)'],
          ['=QD.STARS(Outlets!A1:A10, Outlets!A1:A10)'],
          [],
          [],
          [],
          [],
          [],
          [],
          [],
          [],
          [],
          ['=QD.STARS(100, Outlets!A1:A10, "是")'],
          ['=QD.DEPTCHECK("本部", 12000000, 1800000, 1290000, 8)'],
          ['=QD.DEPTCHECK("下级机构", 8320000, 1248000, 1040000, 4, TRUE(), TRUE())'],
          ['=QD.AGENCYPLAN(300000, 15%, 40000, 20000, 24, TRUE())'],
          ...Array.from({ length: 25 }, () => []),
          ['=QD.STARS(Few!A1:A5, Few!A1:A5)', '=QD.STARS(55, Outlets!A1:A10, TRUE())'],
          [],
          [],
          [],
          [],
          [
            '=QD.COMMISSIONPLAN(Collections!A1:A2, 0.015, Collections!A1:A3)',
            ...Array.from({ length: 6 }, () => null),
            '=QD.AGENCYPLAN(300000, Outlets!A1:A2, 40000, 20000, 12)',
          ],
        ],
      });
    });

    afterAll(() => {
      hf.destroy();
      setBlankConvention('web');
    });

    describe('§8 commissions and agency economics in formulas', () => {
      it('bills agent fees down a column: the 81st first-time rating of a province agent costs 1,000', () => {
        expect(row(['A1', 'A2', 'A3', 'A4', 'A5'])).toEqual([100_000, 101_000, 51_000, 3_000, '#VALUE!']);
      });

      it('computes commission due, and #NUM! for a collection above the contract total', () => {
        expect(row(['A6', 'B6'])).toEqual([30_000, '#NUM!']);
      });

      it('spills a commission schedule with its header and the 需特批 flag above the 1% cap', () => {
        expect(row(['A7', 'E7', 'F7'])).toEqual(['期次 Period', '本期应付 Payable', '特批 Approval']);
        expect(row(['A8', 'C8', 'E8', 'F8'])).toEqual([1, 200_000, 3_000, '需特批 needs special approval']);
        expect(row(['C10', 'D10', 'E10'])).toEqual([1_000_000, 15_000, 7_500]);
      });

      it('gives the break-even premium, and #DIV/0! at a zero rate', () => {
        expect(row(['A11', 'B11'])).toEqual([400_000, '#DIV/0!']);
      });

      it('spills a province agent’s price: national price, 1.5-point fee, net price', () => {
        expect(row(['A12', 'B12', 'C12'])).toEqual([1_000, 15, 985]);
      });

      it('spills a 24-month general agency plan under a header row', () => {
        expect(at('A26')).toBe('月份 Month');
        expect(row(['A27', 'C27', 'F27', 'I27', 'J27'])).toEqual([1, 45_000, 20_000, 5_000, 5_000]);
        expect(row(['A33', 'G33', 'I33'])).toEqual([7, 15_000, 0]);
        expect(row(['A39', 'H39', 'I39'])).toEqual([13, 15_000, -30_000]);
        expect(at('A50')).toBe(24);
      });
    });

    describe('§9 stars and department standards in formulas', () => {
      it('rates ten outlets 5, 4, 4, 3, 3, 3, 3, 2, 2, 2 by rank', () => {
        expect(row(['A13', 'A14', 'A15', 'A16', 'A17', 'A18', 'A19', 'A20', 'A21', 'A22'])).toEqual([
          5, 4, 4, 3, 3, 3, 3, 2, 2, 2,
        ]);
      });

      it('gives a vetoed outlet two stars', () => {
        expect(at('A23')).toBe(2);
      });

      it('says which standards a city head office meets and misses', () => {
        expect(at('A24')).toBe(
          '达标 met: 业务部年保费 Annual premium、人均年保费 Premium per head、业务部岗位编制 Headcount',
        );
        expect(at('B24')).toBe('未达标 missed: 客户经理最低产能 Account manager minimum (≥ 1300000; 1290000)');
      });

      it('applies the municipality +30% and first-year −20% together', () => {
        expect(at('B25')).toBe('全部达标 all met');
      });

      it('rates three outlets 3, 3, 2 by rank r of n (RULES.md §9), leaving blank rows unrated on every Excel', () => {
        expect(row(['A52', 'A53', 'A54', 'A55', 'A56'])).toEqual([3, '#N/A', 3, 2, '#N/A']);
      });

      it('refuses the veto of an outlet whose points are not in the list (RULES.md §9)', () => {
        expect(at('B52')).toBe('#VALUE!');
      });
    });

    describe('§8 a range where one value is expected', () => {
      it('is an error naming the argument, never its first cell used silently', () => {
        expect(row(['A57', 'H57'])).toEqual(['#VALUE!', '#VALUE!']);
      });
    });
  },
);
