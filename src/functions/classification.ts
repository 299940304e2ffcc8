/*
 * QD.* functions, family "classification" (RULES.md §2, §3, §7): bands, the 45 classes, their
 * explanation, the rule table and fee headroom. Each function's TSDoc is its metadata.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands a function numbers, text, logicals, blanks, errors or data types per cell; the metadata types "any" and any[][] need TypeScript's `any`. Each value goes through readCell (grid.ts) to a typed core reader. */
import { COLOUR_LABELS, COLOURS, DEPTH_LABELS, DEPTHS, SCALES } from '../core/bands';
import { ALL_CLASSES, classIndex, classIndexOf, labelOfIndex } from '../core/channelClass';
import { DEFAULT_COMPILED, colourOrdinal, depthOrdinal, scaleOrdinal } from '../core/compileRules';
import { explainGrade } from '../core/explainGrade';
import { measureChannel } from '../core/gradeChannel';
import { headroom } from '../core/headroom';
import { problems, type Problem } from '../core/problem';
import { readAmount, readNumber, readRatio } from '../core/readNumber';
import { rulesTableRows } from '../core/rulesTable';
import { classArg, ratioTriple, sayBlankToo, zeroIfBlank } from './args';
import { guardGrid } from './excelError';
import { elementwise, toGrid } from './grid';
import { langOption, rulesOption, targetBandOption } from './options';

// Custom enums: the metadata generator reads each initializer as JSON, so these keep double quotes.
// prettier-ignore
/**
 * Label language.
 * @customenum {string}
 */
export enum LabelLanguage {
  /** 中文标签（默认）Chinese labels (default) */
  zh = "zh",
  /** English labels */
  en = "en",
}

// prettier-ignore
/**
 * Target colour band for fee headroom.
 * @customenum {string}
 */
export enum TargetBand {
  /** 深蓝 Deep blue (≤ 90%) */
  DeepBlue = "深蓝",
  /** 蓝 Blue (≤ 95%) */
  Blue = "蓝",
  /** 黄 Yellow (≤ 100%, default) */
  Yellow = "黄",
  /** 浅红 Light red (≤ 105%) */
  LightRed = "浅红",
}

/**
 * Colour band of an operating cost ratio: 深蓝 蓝 黄 浅红 深红.
 * @customfunction COSTBAND
 * @helpurl https://localhost:3000/help.html#COSTBAND
 * @param costRate Operating cost ratio
 * @param [rules] Rules range (key and value columns); the default rules if omitted
 * @param [lang] Label language: zh (default) or en
 * @returns Colour band
 */
export function costBandFn(costRate: any[][], rules?: any[][], lang?: LabelLanguage): any[][] {
  return guardGrid(() => {
    const r = rulesOption(rules);
    const l = langOption(lang);
    if (typeof l !== 'string') return l;
    return elementwise([toGrid(costRate)], ([v]) => {
      const c = readRatio(v, 'costRate');
      return typeof c === 'number' ? COLOUR_LABELS[COLOURS[colourOrdinal(c, r)] ?? 'deepRed'][l] : c;
    });
  });
}

/**
 * Scale class of an annualized cooperation scale: A, B or C.
 * @customfunction SCALEBAND
 * @helpurl https://localhost:3000/help.html#SCALEBAND
 * @param annualScale Annualized cooperation scale
 * @param [rules] Rules range (key and value columns); the default rules if omitted
 * @returns Scale class
 */
export function scaleBandFn(annualScale: any[][], rules?: any[][]): any[][] {
  return guardGrid(() => {
    const r = rulesOption(rules);
    return elementwise([toGrid(annualScale)], ([v]) => {
      const s = readAmount(v, 'annualScale');
      return typeof s === 'number' ? (SCALES[scaleOrdinal(s, r)] ?? 'C') : s;
    });
  });
}

/**
 * Depth class of a cooperation depth: Ⅰ Ⅱ Ⅲ (en: I II III).
 * @customfunction DEPTHBAND
 * @helpurl https://localhost:3000/help.html#DEPTHBAND
 * @param depth Cooperation depth
 * @param [rules] Rules range (key and value columns); the default rules if omitted
 * @param [lang] Label language: zh (default) or en
 * @returns Depth class
 */
export function depthBandFn(depth: any[][], rules?: any[][], lang?: LabelLanguage): any[][] {
  return guardGrid(() => {
    const r = rulesOption(rules);
    const l = langOption(lang);
    if (typeof l !== 'string') return l;
    return elementwise([toGrid(depth)], ([v]) => {
      const d = readRatio(v, 'depth');
      if (typeof d !== 'number') return d;
      return d > 1 ? problems.depthAboveOne(d) : DEPTH_LABELS[DEPTHS[depthOrdinal(d, r)] ?? 'III'][l];
    });
  });
}

/**
 * Channel class from cost ratio, annualized scale and depth, e.g. 蓝-B-Ⅱ. Pass whole columns to
 * grade a sheet in one call.
 * @customfunction CHANNELCLASS
 * @helpurl https://localhost:3000/help.html#CHANNELCLASS
 * @param costRate Operating cost ratio
 * @param annualScale Annualized cooperation scale
 * @param depth Cooperation depth
 * @param [rules] Rules range (key and value columns); the default rules if omitted
 * @param [lang] Label language: zh (default) or en
 * @returns Channel class
 */
export function channelClassFn(
  costRate: any[][],
  annualScale: any[][],
  depth: any[][],
  rules?: any[][],
  lang?: LabelLanguage,
): any[][] {
  return guardGrid(() => {
    const r = rulesOption(rules);
    const l = langOption(lang);
    if (typeof l !== 'string') return l;
    return elementwise([toGrid(costRate), toGrid(annualScale), toGrid(depth)], (cells) => {
      const m = ratioTriple(cells);
      if (!Array.isArray(m)) return m;
      return labelOfIndex(classIndexOf(colourOrdinal(m[0], r), scaleOrdinal(m[1], r), depthOrdinal(m[2], r)), l);
    });
  });
}

/**
 * Channel class straight from the raw figures: the three measures, then the class.
 * @customfunction CLASSIFY
 * @helpurl https://localhost:3000/help.html#CLASSIFY
 * @param lossRatio Ultimate loss ratio
 * @param marketExpenseRatio Market expense ratio
 * @param nonMarketExpenseRatio Non-market expense ratio
 * @param premium Cooperation premium in the window
 * @param days Cooperation days (1 to 366; 365 or more keeps the premium as it is)
 * @param ownPremium The channel's own annual premium
 * @param [rules] Rules range (key and value columns); the default rules if omitted
 * @param [lang] Label language: zh (default) or en
 * @returns Channel class
 */
export function classifyFn(
  lossRatio: any[][],
  marketExpenseRatio: any[][],
  nonMarketExpenseRatio: any[][],
  premium: any[][],
  days: any[][],
  ownPremium: any[][],
  rules?: any[][],
  lang?: LabelLanguage,
): any[][] {
  return guardGrid(() => {
    const r = rulesOption(rules);
    const l = langOption(lang);
    if (typeof l !== 'string') return l;
    const grids = [lossRatio, marketExpenseRatio, nonMarketExpenseRatio, premium, days, ownPremium].map(toGrid);
    return elementwise(grids, ([a, b, c, p, d, o]) => {
      const m = measureChannel({
        lossRatio: a,
        marketExpenseRatio: b,
        nonMarketExpenseRatio: c,
        premium: p,
        days: zeroIfBlank(d),
        ownPremium: zeroIfBlank(o),
      });
      if (!m.ok) return sayBlankToo(m.problems[0] as Problem);
      const v = m.value;
      return labelOfIndex(
        classIndexOf(colourOrdinal(v.costRate, r), scaleOrdinal(v.annualScale, r), depthOrdinal(v.depth, r)),
        l,
      );
    });
  });
}

/**
 * Class index 1..45 of a class label in either language (深蓝-A-Ⅰ is 1, 深红-C-Ⅲ is 45).
 * @customfunction CLASSINDEX
 * @helpurl https://localhost:3000/help.html#CLASSINDEX
 * @param classLabel Class label, e.g. 蓝-B-Ⅱ or Blue-B-II
 * @returns Class index
 */
export function classIndexFn(classLabel: any[][]): any[][] {
  return guardGrid(() =>
    elementwise([toGrid(classLabel)], ([v]) => {
      const c = classArg(v);
      return 'code' in c ? c : classIndex(c);
    }),
  );
}

/**
 * Class label of an index 1..45.
 * @customfunction CLASSLABEL
 * @helpurl https://localhost:3000/help.html#CLASSLABEL
 * @param index Class index from 1 to 45
 * @param [lang] Label language: zh (default) or en
 * @returns Class label
 */
export function classLabelFn(index: any[][], lang?: LabelLanguage): any[][] {
  return guardGrid(() => {
    const l = langOption(lang);
    if (typeof l !== 'string') return l;
    return elementwise([toGrid(index)], ([v]) => {
      const i = readNumber(v, 'index');
      if (typeof i !== 'number') return i;
      if (!Number.isInteger(i) || i < 1 || i > ALL_CLASSES.length) {
        return {
          ...problems.unknownLabel('index', String(i), { zh: '1 至 45 的整数', en: 'a whole number from 1 to 45' }),
          error: '#NUM!',
        };
      }
      return labelOfIndex(i, l);
    });
  });
}

/**
 * One sentence: why the class is what it is, with the thresholds that decided each part.
 * @customfunction EXPLAIN
 * @helpurl https://localhost:3000/help.html#EXPLAIN
 * @param costRate Operating cost ratio
 * @param annualScale Annualized cooperation scale
 * @param depth Cooperation depth
 * @param [rules] Rules range (key and value columns); the default rules if omitted
 * @param [lang] Label language: zh (default) or en
 * @returns Explanation
 */
export function explainFn(
  costRate: any[][],
  annualScale: any[][],
  depth: any[][],
  rules?: any[][],
  lang?: LabelLanguage,
): any[][] {
  return guardGrid(() => {
    const r = rulesOption(rules);
    const l = langOption(lang);
    if (typeof l !== 'string') return l;
    return elementwise([toGrid(costRate), toGrid(annualScale), toGrid(depth)], (cells) => {
      const m = ratioTriple(cells);
      return Array.isArray(m) ? explainGrade(m[0], m[1], m[2], r, l) : m;
    });
  });
}

/**
 * The default rule table with a header row (key, value, description), ready to paste and edit as
 * a rules range.
 * @customfunction RULES
 * @helpurl https://localhost:3000/help.html#RULES
 * @param [lang] Label language: zh (default) or en
 * @returns Rule table
 */
export function rulesFn(lang?: LabelLanguage): any[][] {
  return guardGrid(() => {
    const l = langOption(lang);
    return typeof l === 'string' ? rulesTableRows(DEFAULT_COMPILED.rules, l) : l;
  });
}

/**
 * Fee headroom: the largest market expense ratio that keeps the channel in the target band or
 * better = band upper bound − loss ratio − non-market ratio; below 0 means none.
 * @customfunction HEADROOM
 * @helpurl https://localhost:3000/help.html#HEADROOM
 * @param lossRatio Ultimate loss ratio
 * @param nonMarketExpenseRatio Non-market expense ratio
 * @param [targetBand] Target band: 深蓝, 蓝, 黄 (default) or 浅红
 * @param [rules] Rules range (key and value columns); the default rules if omitted
 * @returns Largest market expense ratio in the band
 */
export function headroomFn(
  lossRatio: any[][],
  nonMarketExpenseRatio: any[][],
  targetBand?: TargetBand,
  rules?: any[][],
): any[][] {
  return guardGrid(() => {
    const r = rulesOption(rules);
    const band = targetBandOption(targetBand);
    if (typeof band !== 'string') return band;
    return elementwise([toGrid(lossRatio), toGrid(nonMarketExpenseRatio)], ([a, c]) => {
      const x = readRatio(a, 'lossRatio');
      const z = readRatio(c, 'nonMarketExpenseRatio');
      if (typeof x !== 'number') return x;
      if (typeof z !== 'number') return z;
      return headroom(x, z, band, r);
    });
  });
}
