import * as fn from '../../src/functions/functions';
import { StubCustomFunctionsError } from '../support/customFunctionsStub';

type Grid = unknown[][];

/** What a cell shows: a value, or an error's code. */
function shown(x: unknown): unknown {
  return x instanceof StubCustomFunctionsError ? x.code : x;
}

function cells(g: unknown): unknown[][] {
  if (!Array.isArray(g)) return [[shown(g)]];
  return (g as Grid).map((row) => row.map(shown));
}

function message(g: unknown, r = 0, c = 0): string | undefined {
  const x = Array.isArray(g) ? (g as Grid)[r]?.[c] : g;
  return x instanceof StubCustomFunctionsError ? x.message : undefined;
}

const col = (...xs: unknown[]): Grid => xs.map((x) => [x]);

// RULES.md §11: Excel on the web hands a function a blank cell as null, Excel desktop as 0; every
// test runs under both, and the results differ only where 0 is a valid value (as the help says).
describe.each(['web', 'desktop'] as const)('on Excel %s', (convention) => {
  const web = convention === 'web';
  const blank = web ? null : 0;

  describe('QD.COSTRATE (CONTRACT.md §1, RULES.md §1)', () => {
    it('adds 55% + 10% + 25% to exactly 90% for a single cell', () => {
      expect(cells(fn.costRateFn([[0.55]], [[0.1]], [[0.25]]))).toEqual([[0.9]]);
      expect(cells(fn.costRateFn([['55%']], [['10%']], [['25%']]))).toEqual([[0.9]]);
    });

    it('computes a column element by element and spills a column', () => {
      expect(cells(fn.costRateFn(col(0.5, 0.6, 0.7), col(0.2, 0.2, 0.2), col(0.1, 0.1, 0.1)))).toEqual([
        [0.8],
        [0.9],
        [1],
      ]);
    });

    it('broadcasts a single value against a range', () => {
      expect(cells(fn.costRateFn(col(0.5, 0.6), [[0.2]], [[0.1]]))).toEqual([[0.8], [0.9]]);
    });

    it('gives each bad row its own error and still computes the good ones', () => {
      const out = fn.costRateFn(col(0.5, 'abc', blank, -0.1), [[0.2]], [[0.1]]);
      // A blank loss ratio: the web says so; desktop hands 0, a valid ratio (RULES.md §1, §11).
      expect(cells(out)).toEqual([[0.8], ['#VALUE!'], [web ? '#VALUE!' : 0.3], ['#VALUE!']]);
      expect(message(out, 1)).toBe(
        '终极赔付率“abc”不是数字或百分比 (Ultimate loss ratio "abc" is not a number or a percentage)',
      );
      if (web) expect(message(out, 2)).toBe('终极赔付率为空 (Ultimate loss ratio is blank)');
      expect(message(out, 3)).toContain('不能为负数');
    });

    it('takes a blank that Excel desktop hands over as 0 as the number 0', () => {
      expect(cells(fn.costRateFn([[0]], [[0.2]], [[0.1]]))).toEqual([[0.3]]);
    });

    it('gives #N/A where ranges of different sizes do not cover each other, as Excel does', () => {
      expect(cells(fn.costRateFn(col(0.5, 0.6, 0.7), col(0.1, 0.1), [[0]]))).toEqual([[0.6], [0.7], ['#N/A']]);
    });

    it('spreads a row against a column into a table, as Excel broadcasting does', () => {
      expect(cells(fn.costRateFn(col(0.5, 0.6), [[0.1, 0.2]], [[0]]))).toEqual([
        [0.6, 0.7],
        [0.7, 0.8],
      ]);
    });
  });

  describe('QD.COOPDAYS, QD.ANNUALSCALE, QD.DEPTH (RULES.md §1)', () => {
    it('counts both days: 1 January to 31 December 2026 is 365', () => {
      expect(cells(fn.coopDaysFn([[46023]], [[46387]]))).toEqual([[365]]);
      expect(cells(fn.coopDaysFn([['2026-01-01']], [['2026-03-31']]))).toEqual([[90]]);
    });

    it('refuses an end before the start (#NUM!) and text that is not a date (#VALUE!)', () => {
      expect(cells(fn.coopDaysFn([[46387]], [[46023]]))).toEqual([['#NUM!']]);
      expect(cells(fn.coopDaysFn([['soon']], [[46023]]))).toEqual([['#VALUE!']]);
    });

    it('annualizes 2,000,000 over 73 days to exactly 10,000,000 and keeps 365 and 366 days as is', () => {
      expect(cells(fn.annualScaleFn(col(2_000_000, 1_234_567, 1_234_567), col(73, 365, 366)))).toEqual([
        [10_000_000],
        [1_234_567],
        [1_234_567],
      ]);
    });

    it('gives #DIV/0! for zero days and #NUM! for days outside 1..366', () => {
      expect(cells(fn.annualScaleFn([[1]], col(0, 367, 30.5)))).toEqual([['#DIV/0!'], ['#NUM!'], ['#NUM!']]);
    });

    it('gives depth, #DIV/0! for a zero own premium and #NUM! above 100%', () => {
      expect(cells(fn.depthFn(col(3_000_000, 1, 2), col(10_000_000, 0, 1)))).toEqual([[0.3], ['#DIV/0!'], ['#NUM!']]);
    });
  });

  describe('QD.COSTBAND, QD.SCALEBAND, QD.DEPTHBAND (RULES.md §2)', () => {
    it('bands cost ratios with inclusive upper bounds, in either language', () => {
      expect(cells(fn.costBandFn(col(0.9, 0.95, 1, 1.05, 1.06)))).toEqual([
        ['深蓝'],
        ['蓝'],
        ['黄'],
        ['浅红'],
        ['深红'],
      ]);
      expect(cells(fn.costBandFn([[0.9]], undefined, fn.LabelLanguage.en))).toEqual([['DeepBlue']]);
    });

    it('classes scale with inclusive lower bounds', () => {
      expect(cells(fn.scaleBandFn(col(10_000_000, 9_999_999.99, 2_000_000, 0)))).toEqual([['A'], ['B'], ['B'], ['C']]);
    });

    it('classes depth in Roman numerals, ASCII in English', () => {
      expect(cells(fn.depthBandFn(col(0.3, 0.1, 0.05)))).toEqual([['Ⅰ'], ['Ⅱ'], ['Ⅲ']]);
      expect(cells(fn.depthBandFn(col(0.3), undefined, fn.LabelLanguage.en))).toEqual([['I']]);
    });

    it('refuses an unknown language with #VALUE!', () => {
      expect(cells(fn.costBandFn([[0.9]], undefined, 'fr' as fn.LabelLanguage))).toEqual([['#VALUE!']]);
    });
  });

  describe('QD.CHANNELCLASS and QD.CLASSIFY (RULES.md §3)', () => {
    it('grades a channel at exactly 90% as deep blue', () => {
      expect(cells(fn.channelClassFn([[0.9]], [[10_000_000]], [[0.3]]))).toEqual([['深蓝-A-Ⅰ']]);
      expect(cells(fn.channelClassFn([[0.9]], [[10_000_000]], [[0.3]], undefined, fn.LabelLanguage.en))).toEqual([
        ['DeepBlue-A-I'],
      ]);
    });

    it('grades 5,000 rows in one call, each row its own value or error', () => {
      const n = 5000;
      const cost = Array.from({ length: n }, (_, i) => [i === 17 ? 'n/a' : 0.8 + (i % 40) / 100]);
      const scale = Array.from({ length: n }, (_, i) => [i * 5000]);
      const depth = Array.from({ length: n }, (_, i) => [(i % 10) / 10]);
      const out = cells(fn.channelClassFn(cost, scale, depth));
      expect(out).toHaveLength(n);
      expect(out[0]).toEqual(['深蓝-C-Ⅲ']);
      expect(out[17]).toEqual(['#VALUE!']);
      expect(out[4999]).toEqual(['深红-A-Ⅰ']);
    });

    it('grades with a rules range, parsed once per content (CONTRACT.md §2)', () => {
      const rules = [
        ['key', 'value', 'note'],
        ['cost.deepBlue.max', '85%', 'tighter'],
      ];
      expect(cells(fn.channelClassFn([[0.9]], [[1]], [[0.3]], rules))).toEqual([['蓝-C-Ⅰ']]);
      expect(cells(fn.channelClassFn([[0.85]], [[1]], [[0.3]], rules))).toEqual([['深蓝-C-Ⅰ']]);
    });

    it('returns #VALUE! naming the key of an unknown key or out-of-order thresholds', () => {
      const unknown = fn.channelClassFn([[0.9]], [[1]], [[0.3]], [['cost.purple.max', 1]]);
      expect(cells(unknown)).toEqual([['#VALUE!']]);
      expect(message(unknown)).toContain('cost.purple.max');
      const disordered = fn.channelClassFn([[0.9]], [[1]], [[0.3]], [['cost.blue.max', 0.5]]);
      expect(message(disordered)).toContain('cost.blue.max');
    });

    it('classifies from raw figures and reports the first problem of a bad row', () => {
      expect(cells(fn.classifyFn([[0.55]], [[0.1]], [[0.25]], col(2_000_000, 1), col(73, 0), [[50_000_000]]))).toEqual([
        ['深蓝-A-Ⅱ'],
        ['#DIV/0!'],
      ]);
    });
  });

  describe('QD.CLASSINDEX and QD.CLASSLABEL (RULES.md §3)', () => {
    it('maps labels in either language to 1..45 and back', () => {
      expect(cells(fn.classIndexFn(col('深蓝-A-Ⅰ', 'DeepRed-C-III', '蓝-B-Ⅱ')))).toEqual([[1], [45], [14]]);
      expect(cells(fn.classLabelFn(col(1, 14, 45)))).toEqual([['深蓝-A-Ⅰ'], ['蓝-B-Ⅱ'], ['深红-C-Ⅲ']]);
      expect(cells(fn.classLabelFn([[14]], fn.LabelLanguage.en))).toEqual([['Blue-B-II']]);
    });

    it('refuses an unknown label (#VALUE!) and an index outside 1..45 (#NUM!)', () => {
      expect(cells(fn.classIndexFn(col('紫-A-Ⅰ', blank)))).toEqual([['#VALUE!'], ['#VALUE!']]);
      expect(cells(fn.classLabelFn(col(0, 46, 1.5)))).toEqual([['#NUM!'], ['#NUM!'], ['#NUM!']]);
    });
  });

  describe('QD.RESOURCE, QD.RESOURCES, QD.MGMTLEVEL, QD.REVIEWACTION (RULES.md §6, 第十四条–第十七条)', () => {
    it('gives one item by name or number, item 2 being 费用结算 (第十六条: 市场费用比例和费用结算两项)', () => {
      expect(cells(fn.resourceFn(col('黄-B-Ⅲ', '黄-C-Ⅲ'), [['费用结算']]))).toEqual([['灵活·加快'], ['严格·维持']]);
      expect(cells(fn.resourceFn([['深蓝-A-Ⅰ']], [[1]], undefined, fn.OutcomeLanguage.en))).toEqual([['support']]);
      expect(cells(fn.resourceFn([['深红-C-Ⅲ']], [[11]]))).toEqual([['审批']]);
    });

    it('takes a column of items beside a column of classes, one outcome per row', () => {
      const items = col(1, '费用结算', '单证出单');
      expect(cells(fn.resourceFn(col('深蓝-A-Ⅰ', '黄-C-Ⅲ', '深红-C-Ⅲ'), items))).toEqual([
        ['支持'],
        ['严格·维持'],
        ['审批'],
      ]);
    });

    it('refuses an unknown item, and 合作检视, which is the review action and not an item', () => {
      expect(cells(fn.resourceFn([['深蓝-A-Ⅰ']], [['12']]))).toEqual([['#VALUE!']]);
      const review = fn.resourceFn([['深蓝-A-Ⅰ']], [['合作检视']]);
      expect(cells(review)).toEqual([['#VALUE!']]);
      expect(message(review)).toContain('QD.REVIEWACTION');
    });

    it('spills eleven outcomes to the right, 2 + 3 + 6 as the Measures group them, one row per class', () => {
      const out = cells(fn.resourcesFn(col('深红-C-Ⅲ', 'bad')));
      expect(out[0]).toEqual([
        '管控',
        '严格·维持',
        '收紧',
        '降低',
        '限制',
        '共享',
        '不设',
        '标准',
        '减少',
        '标准',
        '审批',
      ]);
      expect(out[1]).toEqual(Array(11).fill('#VALUE!'));
    });

    it('uses a matrix range when one is given', () => {
      const matrix = [
        ['item', 'colours', 'scales', 'depths', 'outcome'],
        [1, '*', '*', '*', '统一'],
        ...[2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => [i, '*', '*', '*', '标准']),
      ];
      expect(cells(fn.resourceFn([['深蓝-A-Ⅰ']], [['市场费用比例']], matrix))).toEqual([['统一']]);
      const broken = fn.resourceFn([['深蓝-A-Ⅰ']], [['市场费用比例']], matrix.slice(0, 3));
      expect(message(broken)).toContain('item 3');
    });

    it('names the management level', () => {
      expect(cells(fn.mgmtLevelFn(col('深红-C-Ⅲ', '浅红-C-Ⅲ', '黄-C-Ⅰ')))).toEqual([
        ['总公司'],
        ['分公司'],
        ['中心支/支公司'],
      ]);
    });

    it('gives the review action 检视措施 (第四章第三节 执行与检视): deep red exit review, light red improvement plan', () => {
      expect(cells(fn.reviewActionFn(col('深红-C-Ⅲ', '浅红-B-Ⅲ', '黄-C-Ⅲ', '?')))).toEqual([
        ['清理评估'],
        ['整改'],
        ['常规'],
        ['#VALUE!'],
      ]);
      expect(cells(fn.reviewActionFn([['DeepRed-A-I']], undefined, fn.OutcomeLanguage.en))).toEqual([['exit review']]);
    });
  });

  describe('QD.HEADROOM (RULES.md §7)', () => {
    it('is the band bound minus loss and non-market ratios, default yellow', () => {
      expect(cells(fn.headroomFn(col(0.6, 0.8), [[0.1]]))).toEqual([[0.3], [0.1]]);
      expect(cells(fn.headroomFn([[0.8]], [[0.15]], fn.TargetBand.DeepBlue))).toEqual([[-0.05]]);
    });

    it('refuses deep red, which has no upper bound, with #N/A', () => {
      const out = fn.headroomFn([[0.5]], [[0.1]], '深红' as fn.TargetBand);
      expect(cells(out)).toEqual([['#N/A']]);
      expect(message(out)).toBe(
        '深红色带没有上限，无费用空间可算 (Deep red has no upper bound: no headroom to compute)',
      );
    });
  });

  describe('QD.WEIGHTEDRATIO, QD.GROUPCOSTRATE, QD.GROUPDEPTH (RULES.md §1, §4)', () => {
    it('weighs ratios by premium exactly and skips blank pairs', () => {
      expect(fn.weightedRatioFn(col(0.5, 0.7, blank), col(100, 300, blank))).toBe(0.65);
    });

    it('gives #DIV/0! when the weights sum to zero and #VALUE! for a half-blank pair (desktop: weight 0, as its help says)', () => {
      expect(shown(fn.weightedRatioFn(col(0.5), col(0)))).toBe('#DIV/0!');
      expect(shown(fn.weightedRatioFn(col(0.5, 0.6), col(1, blank)))).toBe(web ? '#VALUE!' : 0.5);
    });

    it('weighs a group cost ratio by scale and divides the group scale by its own premium', () => {
      expect(fn.groupCostRateFn(col(0.9, 1.0), col(3_000_000, 1_000_000))).toBe(0.925);
      expect(fn.groupDepthFn(col(3_000_000, 1_000_000), [[20_000_000]])).toBe(0.2);
      expect(shown(fn.groupDepthFn(col(3_000_000), [[0]]))).toBe('#DIV/0!');
    });
  });

  describe('QD.WINDOW (RULES.md §5)', () => {
    it('spills the first and last day of the window as date serials', () => {
      // 2026-04-10 is serial 46122; the previous quarter is 2026-01-01 (46023) to 2026-03-31 (46112).
      expect(cells(fn.windowFn([['quarter']], [[46122]]))).toEqual([[46023, 46112]]);
      expect(cells(fn.windowFn([['annual']], col('2026-01-15', '2025-06-30')))).toEqual([
        [45658, 46022],
        [45292, 45657],
      ]);
    });

    it('has no window for a January re-evaluation (#N/A) and refuses an unknown kind', () => {
      expect(cells(fn.windowFn([['recheck']], [['2026-01-10']]))).toEqual([['#N/A', '#N/A']]);
      expect(cells(fn.windowFn([['weekly']], [[46122]]))).toEqual([['#VALUE!', '#VALUE!']]);
    });
  });

  describe('QD.EXPLAIN, QD.RULES, QD.CHECK', () => {
    it('explains a class with the thresholds that decided it', () => {
      expect(cells(fn.explainFn([[0.92]], [[5_000_000]], [[0.2]]))).toEqual([
        [
          '蓝-B-Ⅱ：经营成本率 92%（> 90% 且 ≤ 95%）为蓝；年化合作规模 5000000（≥ 2000000 且 < 10000000）为 B 类；合作深度 20%（≥ 10% 且 < 30%）为 Ⅱ 类',
        ],
      ]);
      expect(cells(fn.explainFn([[1.2]], [[1]], [[0.01]], undefined, fn.LabelLanguage.en))[0]?.[0]).toBe(
        'DeepRed-C-III: cost ratio 120% (> 105%) is DeepRed; annualized scale 1 (< 2000000) is C; depth 1% (< 10%) is III',
      );
    });

    it('spills the default rule table with a header row that reads back as rules', () => {
      const table = fn.rulesFn() as unknown[][];
      expect(table[0]).toEqual(['键 key', '值 value', '说明 description']);
      expect(table).toHaveLength(10);
      expect(table[1]?.slice(0, 2)).toEqual(['cost.deepBlue.max', 0.9]);
      expect(cells(fn.channelClassFn([[0.9]], [[1]], [[0.3]], table))).toEqual([['深蓝-C-Ⅰ']]);
    });

    it('checks a row: OK, or every problem as text', () => {
      expect(cells(fn.checkFn([[0.5]], [[0.1]], [[0.1]], [[1000]], [[365]], [[10_000]]))).toEqual([['OK']]);
      expect(cells(fn.checkFn([['x']], [[blank]], [[0.1]], [[1000]], [[blank]], [[10_000]]))).toEqual([
        [
          `终极赔付率“x”不是数字或百分比 (Ultimate loss ratio "x" is not a number or a percentage); ${web ? '市场费用率为空 (Market expense ratio is blank); ' : ''}合作天数为 0 或空白，无法年化 (Cooperation days is 0 or blank: cannot annualize)`,
        ],
      ]);
    });
  });
});
