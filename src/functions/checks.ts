/*
 * QD.* functions, family "checks" (RULES.md §11): Excel shows a custom message only with #VALUE!
 * and #N/A, so every other error a QD function can return is explained here as text in the
 * workbook — the row's raw figures (CHECK), any measure, classification or resource formula
 * (MEASURECHECK), any economics formula (ECONCHECK), a data window (WINDOWCHECK) and a rules range
 * (RULESCHECK). Each function's TSDoc is its metadata.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands a function numbers, text, logicals, blanks, errors or data types per cell; the metadata types "any" and any[][] need TypeScript's `any`. Each value goes through readCell (grid.ts) to a typed core reader. */
import { InvalidRulesError } from '../core/errors';
import { measureChannel } from '../core/gradeChannel';
import { bilingual } from '../core/lang';
import { checkText, isProblem } from '../core/problem';
import { sayBlankToo, single, zeroIfBlank } from './args';
import {
  channelClassFn,
  classIndexFn,
  classLabelFn,
  classifyFn,
  costBandFn,
  depthBandFn,
  explainFn,
  headroomFn,
  scaleBandFn,
} from './classification';
import {
  agencyPlanFn,
  agencyPriceFn,
  agentFeeFn,
  breakEvenFn,
  commissionDueFn,
  commissionPlanFn,
  deptCheckFn,
  starsFn,
} from './economics';
import { excelError, guardGrid } from './excelError';
import { elementwise, toGrid, type Out } from './grid';
import {
  annualScaleFn,
  coopDaysFn,
  costRateFn,
  depthFn,
  groupCostRateFn,
  groupDepthFn,
  weightedRatioFn,
} from './measures';
import { matrixOption, rulesOption } from './options';
import { mgmtLevelFn, resourceFn, resourcesFn, reviewActionFn } from './resources';
import { windowRow } from './windows';

/**
 * OK, or every problem of the row as text (Excel shows a custom message only with #VALUE! and #N/A).
 * @customfunction CHECK
 * @helpurl https://localhost:3000/help.html#CHECK
 * @param lossRatio Ultimate loss ratio
 * @param marketExpenseRatio Market expense ratio
 * @param nonMarketExpenseRatio Non-market expense ratio
 * @param premium Cooperation premium in the window
 * @param days Cooperation days
 * @param ownPremium The channel's own annual premium
 * @returns OK or the problems
 */
export function checkFn(
  lossRatio: any[][],
  marketExpenseRatio: any[][],
  nonMarketExpenseRatio: any[][],
  premium: any[][],
  days: any[][],
  ownPremium: any[][],
): any[][] {
  const grids = [lossRatio, marketExpenseRatio, nonMarketExpenseRatio, premium, days, ownPremium].map(toGrid);
  return guardGrid(() =>
    elementwise(grids, ([a, b, c, p, d, o]): Out => {
      const m = measureChannel({
        lossRatio: a,
        marketExpenseRatio: b,
        nonMarketExpenseRatio: c,
        premium: p,
        days: zeroIfBlank(d),
        ownPremium: zeroIfBlank(o),
      });
      return checkText(m.ok ? null : m.problems.map(sayBlankToo));
    }),
  );
}

type AnyFn = (...args: any[]) => unknown;

/** The functions each check explains, by their QD name. */
const MEASURE_FUNCTIONS: Readonly<Record<string, AnyFn>> = {
  COSTRATE: costRateFn,
  COOPDAYS: coopDaysFn,
  ANNUALSCALE: annualScaleFn,
  DEPTH: depthFn,
  WEIGHTEDRATIO: weightedRatioFn,
  GROUPCOSTRATE: groupCostRateFn,
  GROUPDEPTH: groupDepthFn,
  COSTBAND: costBandFn,
  SCALEBAND: scaleBandFn,
  DEPTHBAND: depthBandFn,
  CHANNELCLASS: channelClassFn,
  CLASSIFY: classifyFn,
  CLASSINDEX: classIndexFn,
  CLASSLABEL: classLabelFn,
  EXPLAIN: explainFn,
  HEADROOM: headroomFn,
  RESOURCE: resourceFn,
  RESOURCES: resourcesFn,
  MGMTLEVEL: mgmtLevelFn,
  REVIEWACTION: reviewActionFn,
};
const ECON_FUNCTIONS: Readonly<Record<string, AnyFn>> = {
  COMMISSIONDUE: commissionDueFn,
  COMMISSIONPLAN: commissionPlanFn,
  AGENTFEE: agentFeeFn,
  BREAKEVEN: breakEvenFn,
  AGENCYPLAN: agencyPlanFn,
  AGENCYPRICE: agencyPriceFn,
  STARS: starsFn,
  DEPTCHECK: deptCheckFn,
};
// Tables with a header row: one check for the whole table.
const TABLES = new Set(['COMMISSIONPLAN', 'AGENCYPLAN']);

/** What an error shows in a check: its code and its message (the part Excel hides for #NUM! and #DIV/0!). */
function errorText(e: CustomFunctions.Error): string {
  return e.message ? `${e.code} ${e.message}` : e.code;
}

/**
 * The check of a call: the named function evaluated on the same arguments, one text per row of its
 * result — OK, or the first error of the row with its message.
 */
function explainCall(
  table: Readonly<Record<string, AnyFn>>,
  family: { zh: string; en: string },
  name: unknown,
  args: readonly unknown[],
): Out[][] {
  const cell = single(name, 'value');
  if (isProblem(cell)) return [[excelError(cell)]];
  const key = String(cell ?? '')
    .trim()
    .toUpperCase()
    .replace(/^=?QD\./, '');
  const fn = table[key];
  if (!fn) {
    return [
      [
        excelError({
          code: 'unknownLabel',
          field: 'value',
          error: '#VALUE!',
          message: {
            zh: `“${String(cell ?? '')}”不是${family.zh}函数，应为 ${Object.keys(table).join('、')}`,
            en: `"${String(cell ?? '')}" is not a ${family.en} function; expected ${Object.keys(table).join(', ')}`,
          },
        }),
      ],
    ];
  }
  // Omitted trailing arguments stay omitted, as Excel passes them to the function itself.
  let last = args.length;
  while (last > 0 && (args[last - 1] === undefined || args[last - 1] === null)) last--;
  const result = fn(...args.slice(0, last));
  const rows = Array.isArray(result) ? (result as unknown[][]) : [[result]];
  const texts = rows.map((row): Out => {
    const error = row.find((x): x is CustomFunctions.Error => x instanceof CustomFunctions.Error);
    return error ? errorText(error) : 'OK';
  });
  if (TABLES.has(key)) return [[texts.find((t) => t !== 'OK') ?? 'OK']];
  return texts.map((t) => [t]);
}

/**
 * Why a measure, class or resource formula gives an error: OK, or the error with its message, one
 * per row — for #NUM! and #DIV/0!, whose message Excel does not show. Same arguments as the function.
 * @customfunction MEASURECHECK
 * @helpurl https://localhost:3000/help.html#MEASURECHECK
 * @param functionName The function to check, e.g. DEPTH, COOPDAYS or CLASSLABEL
 * @param [arg1] Its first argument
 * @param [arg2] Its second argument
 * @param [arg3] Its third argument
 * @param [arg4] Its fourth argument
 * @param [arg5] Its fifth argument
 * @param [arg6] Its sixth argument
 * @param [arg7] Its seventh argument
 * @param [arg8] Its eighth argument
 * @returns OK or the error, per row
 */
export function measureCheckFn(
  functionName: any[][],
  arg1?: any[][],
  arg2?: any[][],
  arg3?: any[][],
  arg4?: any[][],
  arg5?: any[][],
  arg6?: any[][],
  arg7?: any[][],
  arg8?: any[][],
): any[][] {
  return guardGrid(() =>
    explainCall(MEASURE_FUNCTIONS, { zh: '测算或分级', en: 'measure or class' }, functionName, [
      arg1,
      arg2,
      arg3,
      arg4,
      arg5,
      arg6,
      arg7,
      arg8,
    ]),
  );
}

/**
 * Why a reference calculator (参考测算) gives an error: OK, or the error with its message, one per row
 * — for #NUM! and #DIV/0!, whose message Excel does not show. Same arguments as the function.
 * @customfunction ECONCHECK
 * @helpurl https://localhost:3000/help.html#ECONCHECK
 * @param functionName The function to check, e.g. AGENCYPRICE, COMMISSIONDUE or DEPTCHECK
 * @param [arg1] Its first argument
 * @param [arg2] Its second argument
 * @param [arg3] Its third argument
 * @param [arg4] Its fourth argument
 * @param [arg5] Its fifth argument
 * @param [arg6] Its sixth argument
 * @param [arg7] Its seventh argument
 * @returns OK or the error, per row
 */
export function econCheckFn(
  functionName: any[][],
  arg1?: any[][],
  arg2?: any[][],
  arg3?: any[][],
  arg4?: any[][],
  arg5?: any[][],
  arg6?: any[][],
  arg7?: any[][],
): any[][] {
  return guardGrid(() =>
    explainCall(ECON_FUNCTIONS, { zh: '参考测算', en: 'reference calculator' }, functionName, [
      arg1,
      arg2,
      arg3,
      arg4,
      arg5,
      arg6,
      arg7,
    ]),
  );
}

/**
 * Why QD.WINDOW gives an error: OK, or the problem with the kind or the judging date, per row.
 * @customfunction WINDOWCHECK
 * @helpurl https://localhost:3000/help.html#WINDOWCHECK
 * @param kind Window: annual, recheck, quarter, threemonths or month
 * @param judgingDate Judging date
 * @returns OK or the problem, per row
 */
export function windowCheckFn(kind: any[][], judgingDate: any[][]): any[][] {
  return guardGrid(() =>
    elementwise([toGrid(kind), toGrid(judgingDate)], ([k, d]) => {
      const w = windowRow(k ?? null, d ?? null);
      return isProblem(w) ? checkText([w]) : 'OK';
    }),
  );
}

/**
 * Whether a rules range (and a resource matrix range) can be used: OK, or every problem, naming the
 * key — what the functions' #VALUE! with "invalid rules" is about. Blank rows are skipped.
 * @customfunction RULESCHECK
 * @helpurl https://localhost:3000/help.html#RULESCHECK
 * @param rules Rules range (key and value columns)
 * @param [matrix] Resource matrix range
 * @returns OK or the problems
 */
export function rulesCheckFn(rules: any[][], matrix?: any[][]): any[][] {
  return guardGrid(() => {
    try {
      matrixOption(matrix, rulesOption(rules));
      return [['OK']];
    } catch (e) {
      if (!(e instanceof InvalidRulesError)) throw e;
      return [[e.problems.map((p) => `${p.field}: ${bilingual(p.message)}`).join('; ')]];
    }
  });
}
