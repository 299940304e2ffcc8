/*
 * QD.* functions, family "measures and groups" (RULES.md §1, §4): cost ratio, cooperation days,
 * annualized scale, depth, and the premium- or scale-weighted figures of a channel or a group.
 * Each function's TSDoc is its metadata (custom-functions-metadata reads top-level `function`
 * declarations only; the Chinese text comes from translations.zh-cn.json at build).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands a function numbers, text, logicals, blanks, errors or data types per cell; the metadata types "any" and any[][] need TypeScript's `any`. Each value goes through readCell (grid.ts) to a typed core reader. */
import { cooperationDays } from '../core/cooperationDays';
import { groupMeasures } from '../core/groupMeasures';
import { annualScale as annualize, costRate as sumCostRate, depth as depthOf } from '../core/measures';
import { isProblem, problems, type Problem } from '../core/problem';
import { readAmount, readDays, readOwnPremium, readRatio } from '../core/readNumber';
import { weightedRatio } from '../core/weightedRatio';
import { sayBlankToo, single, zeroIfBlank } from './args';
import { guard, guardGrid } from './excelError';
import { blankOrZero, elementwise, flatten, toGrid } from './grid';

/**
 * Operating cost ratio = ultimate loss ratio + market expense ratio + non-market expense ratio,
 * exact. Cells or ranges; ranges spill one result per row.
 * @customfunction COSTRATE
 * @helpurl https://localhost:3000/help.html#COSTRATE
 * @param lossRatio Ultimate loss ratio, e.g. 55% or 0.55
 * @param marketExpenseRatio Market expense ratio
 * @param nonMarketExpenseRatio Non-market expense ratio
 * @returns Operating cost ratio
 */
export function costRateFn(lossRatio: any[][], marketExpenseRatio: any[][], nonMarketExpenseRatio: any[][]): any[][] {
  return guardGrid(() =>
    elementwise([toGrid(lossRatio), toGrid(marketExpenseRatio), toGrid(nonMarketExpenseRatio)], ([a, b, c]) => {
      const x = readRatio(a, 'lossRatio');
      const y = readRatio(b, 'marketExpenseRatio');
      const z = readRatio(c, 'nonMarketExpenseRatio');
      if (typeof x !== 'number') return x;
      if (typeof y !== 'number') return y;
      if (typeof z !== 'number') return z;
      return sumCostRate(x, y, z);
    }),
  );
}

/**
 * Cooperation days from start to end date, both days counted (1 Jan to 31 Dec is 365).
 * @customfunction COOPDAYS
 * @helpurl https://localhost:3000/help.html#COOPDAYS
 * @param startDate Start date of cooperation (a date or text such as 2026-01-01)
 * @param endDate End date of the data (a date)
 * @returns Cooperation days
 */
export function coopDaysFn(startDate: any[][], endDate: any[][]): any[][] {
  return guardGrid(() => elementwise([toGrid(startDate), toGrid(endDate)], ([a, b]) => cooperationDays(a, b)));
}

/**
 * Annualized cooperation scale = premium ÷ days × 365; with 365 or 366 days the premium as it is.
 * @customfunction ANNUALSCALE
 * @helpurl https://localhost:3000/help.html#ANNUALSCALE
 * @param premium Cooperation premium in the data window
 * @param days Cooperation days, a whole number from 1 to 366 (blank counts as 0)
 * @returns Annualized cooperation scale
 */
export function annualScaleFn(premium: any[][], days: any[][]): any[][] {
  return guardGrid(() =>
    elementwise([toGrid(premium), toGrid(days)], ([p, d]) => {
      const x = readAmount(p, 'premium');
      const n = readDays(zeroIfBlank(d));
      if (typeof x !== 'number') return x;
      if (typeof n !== 'number') return sayBlankToo(n);
      return annualize(x, n);
    }),
  );
}

/**
 * Cooperation depth = annualized cooperation scale ÷ the channel's own annual premium; above 100%
 * is a data error.
 * @customfunction DEPTH
 * @helpurl https://localhost:3000/help.html#DEPTH
 * @param cooperationPremium Annualized cooperation scale with us
 * @param ownPremium The channel's own annual premium (blank counts as 0)
 * @returns Cooperation depth
 */
export function depthFn(cooperationPremium: any[][], ownPremium: any[][]): any[][] {
  return guardGrid(() =>
    elementwise([toGrid(cooperationPremium), toGrid(ownPremium)], ([p, o]) => {
      const x = readAmount(p, 'annualScale');
      const own = readOwnPremium(zeroIfBlank(o));
      if (typeof x !== 'number') return x;
      if (typeof own !== 'number') return sayBlankToo(own);
      const d = depthOf(x, own);
      return d > 1 ? problems.depthAboveOne(d) : d;
    }),
  );
}

/**
 * Premium-weighted mean of per-policy ratios: Σ(ratio × premium) ÷ Σ premium, exact (how a
 * channel's loss or market ratio is built). Blank pairs are skipped; desktop Excel hands a blank
 * cell as 0, so there a half-blank pair counts its blank as 0 instead of being refused.
 * @customfunction WEIGHTEDRATIO
 * @helpurl https://localhost:3000/help.html#WEIGHTEDRATIO
 * @param ratios Per-policy ratios
 * @param premiums Per-policy premiums, the weights
 * @returns Weighted ratio
 */
export function weightedRatioFn(ratios: any[][], premiums: any[][]): number | CustomFunctions.Error {
  return guard(() =>
    weightedRatio(flatten(toGrid(ratios)), flatten(toGrid(premiums)), { value: 'value', weight: 'premium' }),
  );
}

/**
 * A group's cost ratio: members' cost ratios weighted by their annualized scale. Desktop Excel hands
 * a blank cell as 0, so there a blank ratio or scale counts as 0 instead of being refused.
 * @customfunction GROUPCOSTRATE
 * @helpurl https://localhost:3000/help.html#GROUPCOSTRATE
 * @param costRates Members' operating cost ratios
 * @param annualScales Members' annualized cooperation scales
 * @returns Group operating cost ratio
 */
export function groupCostRateFn(costRates: any[][], annualScales: any[][]): number | CustomFunctions.Error {
  return guard(() =>
    weightedRatio(flatten(toGrid(costRates)), flatten(toGrid(annualScales)), {
      value: 'costRate',
      weight: 'annualScale',
    }),
  );
}

/**
 * A group's cooperation depth: Σ members' annualized scale ÷ the group's whole own premium (one
 * cell). Blank members are skipped.
 * @customfunction GROUPDEPTH
 * @helpurl https://localhost:3000/help.html#GROUPDEPTH
 * @param annualScales Members' annualized cooperation scales
 * @param groupOwnPremium The group's whole own premium, one cell
 * @returns Group cooperation depth
 */
export function groupDepthFn(annualScales: any[][], groupOwnPremium: any[][]): number | CustomFunctions.Error {
  return guard(() => {
    const cell = single(groupOwnPremium, 'groupOwnPremium');
    if (isProblem(cell)) return cell;
    const own = readOwnPremium(zeroIfBlank(cell), 'groupOwnPremium');
    if (typeof own !== 'number') return sayBlankToo(own);
    const members: { costRate: number; annualScale: number }[] = [];
    for (const v of flatten(toGrid(annualScales))) {
      // A blank member (null on the web, 0 on desktop) adds nothing either way.
      if (blankOrZero(v)) continue;
      const s = readAmount(v, 'annualScale');
      if (typeof s !== 'number') return s;
      members.push({ costRate: 0, annualScale: s });
    }
    const g = groupMeasures(members, own);
    return g.ok ? g.value.depth : (g.problems[0] as Problem);
  });
}
