/*
 * What real Excel hands a custom function, and what the user sees back (issue 14; RULES.md §11;
 * CONTRACT.md §1): an error cell arrives as an error object and is passed on for its row only; a
 * data-type cell arrives as an object and gives its basic value (or that element is refused with a
 * message); a blank arrives as null on the web and 0 on desktop; a range where one value is
 * expected is refused; every #NUM! and #DIV/0! is explained in the workbook by a check function.
 */
import { DetailedCellError, type HyperFormula } from 'hyperformula';
import * as fn from '../../src/functions/functions';
import {
  StubCustomFunctionsError,
  doubleCell,
  entityCell,
  errorCell,
  errorCellValue,
  formattedNumberCell,
} from '../support/customFunctionsStub';
import { buildEngine, registerQdFunctions, setBlankConvention, type BlankConvention } from '../support/qdHyperFormula';

type Grid = unknown[][];

/** What a cell shows: a value, or an error's code. */
const shown = (x: unknown): unknown => (x instanceof StubCustomFunctionsError ? x.code : x);
const cells = (g: unknown): unknown[][] => (Array.isArray(g) ? (g as Grid).map((r) => r.map(shown)) : [[shown(g)]]);
const message = (g: unknown, r = 0, c = 0): string | undefined => {
  const x = Array.isArray(g) ? (g as Grid)[r]?.[c] : g;
  return x instanceof StubCustomFunctionsError ? x.message : undefined;
};
const col = (...xs: unknown[]): Grid => xs.map((x) => [x]);

describe('an error cell in an input range (RULES.md §11: the error is passed on for that row)', () => {
  it('grades the other rows of a column holding a #N/A from a lookup', () => {
    const out = fn.costBandFn(col(0.9, errorCell('#N/A'), 0.93));
    expect(cells(out)).toEqual([['深蓝'], ['#N/A'], ['蓝']]);
    expect(message(out, 1)).toBe('输入单元格是错误值 #N/A (an input cell holds #N/A)');
  });

  it('passes on a failed QD.COSTRATE feeding QD.COSTBAND with its own message', () => {
    const rates = fn.costRateFn(col(0.5, 'abc', 0.7), [[0.2]], [[0.1]]);
    const out = fn.costBandFn(rates);
    expect(cells(out)).toEqual([['深蓝'], ['#VALUE!'], ['黄']]);
    expect(message(out, 1)).toBe(message(rates, 1));
  });

  it('passes on #DIV/0! and #NUM! as they are, and turns #REF! (which a function may not return) into #VALUE! naming it', () => {
    const out = fn.channelClassFn(col(errorCell('#DIV/0!'), 0.9, 0.9), col(1, errorCell('#NUM!'), 1), [
      [errorCell('#REF!')],
    ]);
    expect(cells(out)).toEqual([['#DIV/0!'], ['#NUM!'], ['#VALUE!']]);
    const ref = fn.costRateFn([[0.5]], [[errorCell('#REF!')]], [[0.1]]);
    expect(message(ref)).toBe('输入单元格是错误值 #REF! (an input cell holds #REF!)');
  });

  it('reads an error given as an ErrorCellValue data type too', () => {
    const out = fn.depthFn(col(1_000_000, errorCellValue('#N/A', 'NotAvailable')), [[10_000_000]]);
    expect(cells(out)).toEqual([[0.1], ['#N/A']]);
  });

  it('fills a spilled row with the error of its input (QD.RESOURCES, QD.WINDOW)', () => {
    expect(cells(fn.resourcesFn(col('黄-C-Ⅲ', errorCell('#N/A'))))[1]).toEqual(Array(11).fill('#N/A'));
    expect(cells(fn.windowFn([['month']], col(errorCell('#VALUE!'), 46122)))).toEqual([
      ['#VALUE!', '#VALUE!'],
      [46082, 46112],
    ]);
  });

  it('gives an aggregate the error of any of its cells, since its one result depends on them all', () => {
    expect(shown(fn.weightedRatioFn(col(0.5, errorCell('#N/A')), col(100, 300)))).toBe('#N/A');
    expect(cells(fn.starsFn([[90]], col(100, errorCell('#N/A'), 80)))).toEqual([['#N/A']]);
  });

  it('gives the error of a rules range to the whole call, which cannot choose rules without it', () => {
    const rules = [
      ['key', 'value'],
      ['cost.deepBlue.max', errorCell('#N/A')],
    ];
    expect(cells(fn.costBandFn(col(0.9, 1), rules))).toEqual([['#N/A']]);
  });
});

describe('data-type cells (RULES.md §11: the basic value is used)', () => {
  it('grades a formatted number or a double by its basic value, never failing the call', () => {
    expect(cells(fn.costBandFn(col(0.9, doubleCell(0.93))))).toEqual([['深蓝'], ['蓝']]);
    const formatted = formattedNumberCell(0.97, '0.0%');
    expect(cells(fn.costBandFn([[formatted]]))).toEqual([['黄']]);
    expect(cells(fn.classIndexFn([[{ type: 'String', basicValue: '蓝-B-Ⅱ' }]]))).toEqual([[14]]);
  });

  it('refuses an entity with no single value for its element only, saying to refer to a field', () => {
    const entity = entityCell('渠道甲');
    const out = fn.costBandFn(col(0.9, entity, 1.2));
    expect(cells(out)).toEqual([['深蓝'], ['#VALUE!'], ['深红']]);
    expect(message(out, 1)).toContain('Entity');
    expect(message(out, 1)).toContain('渠道甲');
  });

  it('uses an entity’s basic value when it has one', () => {
    expect(cells(fn.scaleBandFn([[entityCell('渠道乙', 12_000_000)]]))).toEqual([['A']]);
  });
});

describe('ranges where the contract says so (issue 14 point 5)', () => {
  it('takes a column of window kinds beside a column of dates', () => {
    const kinds = col('quarter', 'month');
    expect(cells(fn.windowFn(kinds, col(46122, 46122)))).toEqual([
      [46023, 46112],
      [46082, 46112],
    ]);
  });

  it('takes a column of payee types for commissions due', () => {
    const payees = col('individual', 'institution', 'nobody') as fn.PayeeTypeName[][];
    expect(cells(fn.commissionDueFn([[1_000_000]], [[0.01]], [[1_000_000]], [[0]], payees))).toEqual([
      [10_000],
      [10_000],
      ['#VALUE!'],
    ]);
  });

  it('takes a column of municipality and first-year flags for department standards', () => {
    const out = cells(
      fn.deptCheckFn(
        [['下级机构']],
        [[8_320_000]],
        [[1_248_000]],
        [[1_040_000]],
        [[4]],
        col(true, false),
        col(true, '否'),
      ),
    );
    expect(out[0]?.[1]).toBe('全部达标 all met');
    expect(out[1]?.[1]).toBe('全部达标 all met');
    expect(cells(fn.deptCheckFn([['本部']], [[1]], [[1]], [[1]], [[5]], [['maybe']]))[0]).toEqual([
      '#VALUE!',
      '#VALUE!',
    ]);
  });

  it('refuses a range for a group’s one own premium, naming it', () => {
    const out = fn.groupDepthFn(col(3_000_000), col(20_000_000, 10_000_000));
    expect(shown(out)).toBe('#VALUE!');
    expect(message(out)).toBe(
      '集团自有保费应为一个单元格，而不是 2 行 × 1 列的区域 (Group own premium must be one cell, not a range of 2 × 1)',
    );
  });

  it('refuses a range where a schedule or a plan takes one value, instead of using its first cell', () => {
    const plan = fn.commissionPlanFn(col(1_000_000, 2_000_000), [[0.01]], col(500_000));
    expect(cells(plan)).toEqual([['#VALUE!']]);
    expect(message(plan)).toContain('合同总额应为一个单元格');
    const agency = fn.agencyPlanFn([[300_000]], [[0.15]], [[40_000, 1]], [[20_000]], [[12]]);
    expect(message(agency)).toContain('Monthly staff and other costs must be one cell');
  });
});

describe('blank cells: null on the web, 0 on desktop (RULES.md §11: same workbook, same result)', () => {
  const blanks = { web: null, desktop: 0 } as const;

  it.each(Object.entries(blanks))('skips blank rows in a rules range on Excel %s', (_, blank) => {
    const rules = [
      ['key', 'value'],
      [blank, blank],
      ['cost.deepBlue.max', 0.85],
      [blank, blank],
    ];
    expect(cells(fn.costBandFn(col(0.86, 0.85), rules))).toEqual([['蓝'], ['深蓝']]);
  });

  it.each(Object.entries(blanks))(
    'leaves blank points unrated in STARS on Excel %s, the same stars either way',
    (_, blank) => {
      const all = col(30, blank, 20, 10, blank);
      expect(cells(fn.starsFn(all, all))).toEqual([[3], ['#N/A'], [3], [2], ['#N/A']]);
    },
  );

  it.each(Object.entries(blanks))('skips blank members of a group on Excel %s', (_, blank) => {
    expect(fn.groupDepthFn(col(3_000_000, blank, 1_000_000), [[20_000_000]])).toBe(0.2);
  });

  it.each(Object.entries(blanks))(
    'gives blank days or own premium the same error as 0 on Excel %s, saying "0 or blank"',
    (_, blank) => {
      const scale = fn.annualScaleFn([[1_000]], [[blank]]);
      expect([shown((scale as Grid)[0]?.[0]), message(scale)]).toEqual([
        '#DIV/0!',
        '合作天数为 0 或空白，无法年化 (Cooperation days is 0 or blank: cannot annualize)',
      ]);
      const depth = fn.depthFn([[1_000]], [[blank]]);
      expect([shown((depth as Grid)[0]?.[0]), message(depth)]).toEqual([
        '#DIV/0!',
        '渠道自有保费为 0 或空白，无法计算合作深度 (Own premium is 0 or blank: depth cannot be computed)',
      ]);
      expect(cells(fn.classifyFn([[0.5]], [[0.1]], [[0.1]], [[1000]], [[blank]], [[10_000]]))).toEqual([['#DIV/0!']]);
      expect(cells(fn.checkFn([[0.5]], [[0.1]], [[0.1]], [[1000]], [[365]], [[blank]]))[0]?.[0]).toContain('0 或空白');
      expect(shown(fn.groupDepthFn(col(1), [[blank]]))).toBe('#DIV/0!');
    },
  );

  it('says in a message that 0 or blank points are not rated', () => {
    expect(message(fn.starsFn([[0]], col(10, 20)))).toBe(
      '积分为空或 0：视为未评级（新网点为一星，不参加评定） (Points blank or 0: taken as not rated (new outlets are 1 star and not rated))',
    );
  });
});

describe('STARS by rank r of n (RULES.md §9)', () => {
  it('gives 3 outlets 3, 3, 2 and 10 outlets 5, 4, 4, 3, 3, 3, 3, 2, 2, 2', () => {
    expect(cells(fn.starsFn(col(30, 20, 10), col(30, 20, 10))).flat()).toEqual([3, 3, 2]);
    const ten = col(100, 90, 80, 70, 60, 50, 40, 30, 20, 10);
    expect(cells(fn.starsFn(ten, ten)).flat()).toEqual([5, 4, 4, 3, 3, 3, 3, 2, 2, 2]);
  });

  it('lets tied outlets share the best rank of their tie', () => {
    const all = col(100, 90, 90, 80, 70, 60, 50, 40, 30, 20);
    expect(cells(fn.starsFn(all, all)).flat()).toEqual([5, 4, 4, 3, 3, 3, 3, 2, 2, 2]);
  });

  it('refuses the veto of an outlet whose points are not in the list, and gives a listed vetoed outlet 2', () => {
    const all = col(100, 90, 80);
    const out = fn.starsFn(col(95, 100), all, col(true, true));
    expect(cells(out)).toEqual([['#VALUE!'], [2]]);
    expect(message(out)).toContain('不在全部网点积分中');
  });
});

describe('every #NUM! and #DIV/0! explained in the workbook (RULES.md §11)', () => {
  it('ECONCHECK says why a reference calculator gives #NUM!, row by row', () => {
    expect(cells(fn.agencyPriceFn(col(1_000, 1_000), col(1.5, 3)))[1]).toEqual(['#NUM!', '#NUM!', '#NUM!']);
    const why = cells(fn.econCheckFn([['AGENCYPRICE']], col(1_000, 1_000), col(1.5, 3)));
    expect(why[0]).toEqual(['OK']);
    expect(String(why[1]?.[0])).toMatch(/^#NUM! 管理费点数/);
    expect(cells(fn.econCheckFn([['qd.commissiondue']], [[100]], [[0.01]], [[101]], [[0]]))[0]?.[0]).toMatch(/^#NUM! /);
    expect(cells(fn.econCheckFn([['AGENCYPLAN']], [[1]], [[0.1]], [[1]], [[1]], [[99]]))).toEqual([
      [expect.stringMatching(/^#NUM! /)],
    ]);
  });

  it('MEASURECHECK says why a measure or class gives #NUM! or #DIV/0!', () => {
    expect(cells(fn.measureCheckFn([['CLASSLABEL']], col(14, 46)))).toEqual([
      ['OK'],
      [expect.stringMatching(/^#NUM! 分类序号“46”无法识别/)],
    ]);
    expect(cells(fn.measureCheckFn([['DEPTH']], [[1_000]], [[0]]))[0]?.[0]).toMatch(/^#DIV\/0! .*为 0/);
    expect(cells(fn.measureCheckFn([['GROUPDEPTH']], col(1), [[0]]))[0]?.[0]).toMatch(/^#DIV\/0! /);
  });

  it('refuses a function that is not of the family, listing those that are', () => {
    const out = fn.econCheckFn([['COSTRATE']], [[1]]);
    expect(cells(out)).toEqual([['#VALUE!']]);
    expect(message(out)).toContain('AGENCYPRICE');
  });

  it('WINDOWCHECK says what is wrong with a kind or a date, row by row', () => {
    expect(cells(fn.windowCheckFn(col('quarter', 'weekly', 'recheck'), col(46122, 46122, '2026-01-10')))).toEqual([
      ['OK'],
      [expect.stringContaining('weekly')],
      [expect.stringMatching(/./)],
    ]);
  });

  it('RULESCHECK lists every problem of a rules range, naming the key, and OK for good rules', () => {
    expect(cells(fn.rulesCheckFn([['cost.deepBlue.max', 0.85]]))).toEqual([['OK']]);
    const bad = cells(fn.rulesCheckFn([['cost.blue.max', 0.5]]))[0]?.[0];
    expect(bad).toContain('cost');
    expect(bad).not.toBe('OK');
  });
});

describe.each<BlankConvention>(['web', 'desktop'])(
  'real formulas on Excel %s (HyperFormula, cells handed over as Excel does)',
  (convention) => {
    let hf: HyperFormula;
    const at = (cell: string): unknown => {
      const v = hf.getCellValue(hf.simpleCellAddressFromString(cell, hf.getSheetId('Calc') ?? 0)!);
      return v instanceof DetailedCellError ? v.value : v;
    };
    const messageAt = (cell: string): string | undefined => {
      const v = hf.getCellValue(hf.simpleCellAddressFromString(cell, hf.getSheetId('Calc') ?? 0)!);
      return v instanceof DetailedCellError ? v.message : undefined;
    };

    beforeAll(async () => {
      await registerQdFunctions();
      setBlankConvention(convention);
      hf = buildEngine({
        Lookup: [
          ['甲', 0.9],
          ['乙', 0.97],
        ],
        Input: [
          ['=VLOOKUP("甲", Lookup!A1:B2, 2, FALSE())'],
          ['=VLOOKUP("丙", Lookup!A1:B2, 2, FALSE())'],
          ['=1/0'],
          ['=VLOOKUP("乙", Lookup!A1:B2, 2, FALSE())'],
        ],
        // A rules range with a blank row in it, as users leave them.
        Rules: [
          ['key', 'value'],
          [null, null],
          ['cost.deepBlue.max', 0.85],
          [null, null],
        ],
        Outlets: [[30], [null], [20], [10], [null]],
        Calc: [
          ['=QD.COSTBAND(Input!A1:A4)', '=QD.COSTBAND(0.86, Rules!A1:B4)', '=QD.STARS(Outlets!A1:A5, Outlets!A1:A5)'],
          [],
          [],
          [],
          [null, '=QD.RULESCHECK(Rules!A1:B4)', null],
        ],
      });
    });

    afterAll(() => {
      hf.destroy();
      setBlankConvention('web');
    });

    it('grades every row of a looked-up column but the one whose lookup failed, which keeps its error', () => {
      expect(['A1', 'A2', 'A3', 'A4'].map(at)).toEqual(['深蓝', '#N/A', '#DIV/0!', '黄']);
      expect(messageAt('A2')).toBe('输入单元格是错误值 #N/A (an input cell holds #N/A)');
    });

    it('skips the blank rows of a rules range', () => {
      expect(at('B1')).toBe('蓝');
      expect(at('B5')).toBe('OK');
    });

    it('leaves blank points unrated and rates the three others 3, 3, 2', () => {
      expect(['C1', 'C2', 'C3', 'C4', 'C5'].map(at)).toEqual([3, '#N/A', 3, 2, '#N/A']);
    });
  },
);

describe('text with more than 15 significant digits (RULES.md §1: text is parsed exactly)', () => {
  it('grades "0.90000000000000000001" as blue, just above the 90% line, not deep blue', () => {
    expect(cells(fn.costBandFn([['0.90000000000000000001'], ['0.89999999999999999999']]))).toEqual([['蓝'], ['深蓝']]);
  });
});
