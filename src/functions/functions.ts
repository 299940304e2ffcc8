/*
 * The QD.* worksheet functions: arguments → core → Excel errors. Each function's TSDoc is its
 * metadata (custom-functions-metadata reads top-level `function` declarations only; the Chinese
 * text comes from translations.zh-cn.json at build). Every value argument may be a cell or a range:
 * ranges of one shape compute element by element and spill; a single value broadcasts; one call over
 * 5,000 rows is how a sheet grades thousands of channels. The functions are pure, call no Excel API
 * and run in the JavaScript-only custom-functions runtime.
 */
/*
 * Double quotes here (see .prettierrc.json): custom-functions-metadata reads custom-enum initializers as JSON.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands a function numbers, text, logicals or blanks per cell; the metadata types "any" and any[][] need TypeScript's `any`. Each value goes straight to a typed core reader. */
import {
  ALL_CLASSES,
  COLOUR_LABELS,
  COLOURS,
  DEFAULT_COMPILED,
  DEPTH_LABELS,
  DEPTHS,
  SCALES,
  annualScale as annualize,
  checkText,
  classIndex,
  classIndexOf,
  colourOrdinal,
  cooperationDays,
  costRate as sumCostRate,
  dataWindow,
  depth as depthOf,
  depthOrdinal,
  explainGrade,
  groupMeasures,
  headroom,
  labelOfIndex,
  managementLevel,
  measureChannel,
  parseClassLabel,
  problems,
  readAmount,
  readDate,
  readDays,
  readNumber,
  readOwnPremium,
  readRatio,
  resourceOutcome,
  resourceOutcomes,
  rulesTableRows,
  scaleOrdinal,
  toExcelSerial,
  weightedRatio,
  type CellInput,
  type ChannelClass,
  type Problem,
} from "../core";
import { guard, guardGrid } from "./excelError";
import { elementwise, flatten, rowwise, toGrid, type Out } from "./grid";
import { itemOption, langOption, matrixOption, rulesOption, targetBandOption, windowKindOption } from "./options";

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

/**
 * Resource item (RULES.md §6).
 * @customenum {string}
 */
export enum ResourceItemName {
  /** 1 市场费用比例 Market expense ratio */
  MarketExpenseRatio = "市场费用比例",
  /** 2 结算方式 Settlement method */
  SettlementMethod = "结算方式",
  /** 3 结算周期 Settlement cycle */
  SettlementCycle = "结算周期",
  /** 4 承保政策 Underwriting policy */
  UnderwritingPolicy = "承保政策",
  /** 5 核保自动化程度 Underwriting automation */
  UnderwritingAutomation = "核保自动化程度",
  /** 6 两线管理 Two-line management */
  TwoLineManagement = "两线管理",
  /** 7 人力配置 Staffing */
  Staffing = "人力配置",
  /** 8 培训服务 Training and service */
  TrainingAndService = "培训服务",
  /** 9 营销支持 Marketing support */
  MarketingSupport = "营销支持",
  /** 10 系统对接 System integration */
  SystemIntegration = "系统对接",
  /** 11 合作检视 Cooperation review */
  CooperationReview = "合作检视",
}

/**
 * Data window kind (RULES.md §5).
 * @customenum {string}
 */
export enum WindowKindName {
  /** 年度评价：上一自然年度 Annual evaluation: previous calendar year */
  annual = "annual",
  /** 年度内重新评判：本年1月1日至上月末 Re-evaluation: 1 January to end of last month */
  recheck = "recheck",
  /** 年度内运用：上一完整季度 In-year: previous complete quarter */
  quarter = "quarter",
  /** 季度内评判：前三个整月 Ad hoc: three whole months before */
  threemonths = "threemonths",
  /** 按月调整：上一整月 Monthly: previous whole month */
  month = "month",
}

/**
 * Target colour band for fee headroom (RULES.md §7).
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

function classArg(v: CellInput): ChannelClass | Problem {
  const text = v === null || v === undefined ? "" : String(v);
  if (text.trim() === "") return problems.blank("classLabel");
  return (
    parseClassLabel(text) ??
    problems.unknownLabel("classLabel", text, { zh: "如 蓝-B-Ⅱ 的分类", en: "a class such as Blue-B-II" })
  );
}

function ratioTriple(cells: CellInput[]): [number, number, number] | Problem {
  const a = readRatio(cells[0], "costRate");
  const s = readAmount(cells[1], "annualScale");
  const d = readRatio(cells[2], "depth");
  if (typeof a !== "number") return a;
  if (typeof s !== "number") return s;
  if (typeof d !== "number") return d;
  return d > 1 ? problems.depthAboveOne(d) : [a, s, d];
}

/**
 * Operating cost ratio = ultimate loss ratio + market expense ratio + non-market expense ratio, exact
 * (RULES.md §1). Cells or ranges; ranges spill one result per row.
 * @customfunction COSTRATE
 * @helpurl https://localhost:3000/help.html#COSTRATE
 * @param lossRatio Ultimate loss ratio, e.g. 55% or 0.55
 * @param marketExpenseRatio Market expense ratio
 * @param nonMarketExpenseRatio Non-market expense ratio
 * @returns Operating cost ratio
 */
export function costRateFn(lossRatio: any[][], marketExpenseRatio: any[][], nonMarketExpenseRatio: any[][]): any[][] {
  return elementwise([toGrid(lossRatio), toGrid(marketExpenseRatio), toGrid(nonMarketExpenseRatio)], ([a, b, c]) => {
    const x = readRatio(a, "lossRatio");
    const y = readRatio(b, "marketExpenseRatio");
    const z = readRatio(c, "nonMarketExpenseRatio");
    if (typeof x !== "number") return x;
    if (typeof y !== "number") return y;
    if (typeof z !== "number") return z;
    return sumCostRate(x, y, z);
  });
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
  return elementwise([toGrid(startDate), toGrid(endDate)], ([a, b]) => cooperationDays(a, b));
}

/**
 * Annualized cooperation scale = premium ÷ days × 365; with 365 or 366 days the premium as it is
 * (RULES.md §1).
 * @customfunction ANNUALSCALE
 * @helpurl https://localhost:3000/help.html#ANNUALSCALE
 * @param premium Cooperation premium in the data window
 * @param days Cooperation days, a whole number from 1 to 366
 * @returns Annualized cooperation scale
 */
export function annualScaleFn(premium: any[][], days: any[][]): any[][] {
  return elementwise([toGrid(premium), toGrid(days)], ([p, d]) => {
    const x = readAmount(p, "premium");
    const n = readDays(d);
    if (typeof x !== "number") return x;
    if (typeof n !== "number") return n;
    return annualize(x, n);
  });
}

/**
 * Cooperation depth = annualized cooperation scale ÷ the channel's own annual premium; above 100%
 * is a data error (RULES.md §1).
 * @customfunction DEPTH
 * @helpurl https://localhost:3000/help.html#DEPTH
 * @param cooperationPremium Annualized cooperation scale with us
 * @param ownPremium The channel's own annual premium
 * @returns Cooperation depth
 */
export function depthFn(cooperationPremium: any[][], ownPremium: any[][]): any[][] {
  return elementwise([toGrid(cooperationPremium), toGrid(ownPremium)], ([p, o]) => {
    const x = readAmount(p, "annualScale");
    const own = readOwnPremium(o);
    if (typeof x !== "number") return x;
    if (typeof own !== "number") return own;
    const d = depthOf(x, own);
    return d > 1 ? problems.depthAboveOne(d) : d;
  });
}

/**
 * Colour band of an operating cost ratio: 深蓝 蓝 黄 浅红 深红 (RULES.md §2).
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
    if (typeof l !== "string") return l;
    return elementwise([toGrid(costRate)], ([v]) => {
      const c = readRatio(v, "costRate");
      return typeof c === "number" ? COLOUR_LABELS[COLOURS[colourOrdinal(c, r)] ?? "deepRed"][l] : c;
    });
  });
}

/**
 * Scale class of an annualized cooperation scale: A, B or C (RULES.md §2).
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
      const s = readAmount(v, "annualScale");
      return typeof s === "number" ? (SCALES[scaleOrdinal(s, r)] ?? "C") : s;
    });
  });
}

/**
 * Depth class of a cooperation depth: Ⅰ Ⅱ Ⅲ (en: I II III) (RULES.md §2).
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
    if (typeof l !== "string") return l;
    return elementwise([toGrid(depth)], ([v]) => {
      const d = readRatio(v, "depth");
      if (typeof d !== "number") return d;
      return d > 1 ? problems.depthAboveOne(d) : DEPTH_LABELS[DEPTHS[depthOrdinal(d, r)] ?? "III"][l];
    });
  });
}

/**
 * Channel class from cost ratio, annualized scale and depth, e.g. 蓝-B-Ⅱ (RULES.md §3). Pass
 * whole columns to grade a sheet in one call.
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
    if (typeof l !== "string") return l;
    return elementwise([toGrid(costRate), toGrid(annualScale), toGrid(depth)], (cells) => {
      const m = ratioTriple(cells);
      if (!Array.isArray(m)) return m;
      return labelOfIndex(classIndexOf(colourOrdinal(m[0], r), scaleOrdinal(m[1], r), depthOrdinal(m[2], r)), l);
    });
  });
}

/**
 * Channel class straight from the raw figures: measures, then class (RULES.md §1–§3).
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
    if (typeof l !== "string") return l;
    const grids = [lossRatio, marketExpenseRatio, nonMarketExpenseRatio, premium, days, ownPremium].map(toGrid);
    return elementwise(grids, ([a, b, c, p, d, o]) => {
      const m = measureChannel({
        lossRatio: a,
        marketExpenseRatio: b,
        nonMarketExpenseRatio: c,
        premium: p,
        days: d,
        ownPremium: o,
      });
      if (!m.ok) return m.problems[0] as Problem;
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
  return elementwise([toGrid(classLabel)], ([v]) => {
    const c = classArg(v);
    return "code" in c ? c : classIndex(c);
  });
}

/**
 * Class label of an index 1..45 (RULES.md §3).
 * @customfunction CLASSLABEL
 * @helpurl https://localhost:3000/help.html#CLASSLABEL
 * @param index Class index from 1 to 45
 * @param [lang] Label language: zh (default) or en
 * @returns Class label
 */
export function classLabelFn(index: any[][], lang?: LabelLanguage): any[][] {
  return guardGrid(() => {
    const l = langOption(lang);
    if (typeof l !== "string") return l;
    return elementwise([toGrid(index)], ([v]) => {
      const i = readNumber(v, "index");
      if (typeof i !== "number") return i;
      if (!Number.isInteger(i) || i < 1 || i > ALL_CLASSES.length) {
        return {
          ...problems.unknownLabel("index", String(i), { zh: "1 至 45 的整数", en: "a whole number from 1 to 45" }),
          error: "#NUM!",
        };
      }
      return labelOfIndex(i, l);
    });
  });
}

/**
 * Outcome of one resource item for a class (RULES.md §6), from the resource matrix.
 * @customfunction RESOURCE
 * @helpurl https://localhost:3000/help.html#RESOURCE
 * @param classLabel Class label, e.g. 蓝-B-Ⅱ
 * @param item Resource item: 1 to 11 or its name
 * @param [matrix] Resource matrix range (item, colours, scales, depths, outcome); the default if omitted
 * @param [lang] Label language: zh (default) or en
 * @returns Resource outcome
 */
export function resourceFn(
  classLabel: any[][],
  item: ResourceItemName,
  matrix?: any[][],
  lang?: LabelLanguage,
): any[][] {
  return guardGrid(() => {
    const r = matrixOption(matrix);
    const l = langOption(lang);
    const it = itemOption(toGrid(item)[0]?.[0] ?? null);
    if (typeof l !== "string") return l;
    if ("code" in it) return it;
    return elementwise([toGrid(classLabel)], ([v]) => {
      const c = classArg(v);
      return "code" in c ? c : resourceOutcome(classIndex(c), it.no, r)[l];
    });
  });
}

/**
 * All eleven resource outcomes of a class as a row, spilling to the right; a column of classes
 * spills one row each (RULES.md §6).
 * @customfunction RESOURCES
 * @helpurl https://localhost:3000/help.html#RESOURCES
 * @param classLabel Class label, or a column of them
 * @param [matrix] Resource matrix range (item, colours, scales, depths, outcome); the default if omitted
 * @param [lang] Label language: zh (default) or en
 * @returns Eleven outcomes per class
 */
export function resourcesFn(classLabel: any[][], matrix?: any[][], lang?: LabelLanguage): any[][] {
  return guardGrid(() => {
    const r = matrixOption(matrix);
    const l = langOption(lang);
    if (typeof l !== "string") return l;
    return rowwise([toGrid(classLabel)], 11, ([v]) => {
      const c = classArg(v);
      return "code" in c ? c : resourceOutcomes(classIndex(c), r).map((o) => o[l]);
    });
  });
}

/**
 * Responsible management level of a class: head office, branch or central/sub-branch (RULES.md §6).
 * @customfunction MGMTLEVEL
 * @helpurl https://localhost:3000/help.html#MGMTLEVEL
 * @param classLabel Class label, e.g. 深红-A-Ⅰ
 * @param [lang] Label language: zh (default) or en
 * @returns Management level
 */
export function mgmtLevelFn(classLabel: any[][], lang?: LabelLanguage): any[][] {
  return guardGrid(() => {
    const l = langOption(lang);
    if (typeof l !== "string") return l;
    return elementwise([toGrid(classLabel)], ([v]) => {
      const c = classArg(v);
      return "code" in c ? c : managementLevel(classIndex(c), DEFAULT_COMPILED)[l];
    });
  });
}

/**
 * Fee headroom: the largest market expense ratio that keeps the channel in the target band or
 * better = band upper bound − loss ratio − non-market ratio; below 0 means none (RULES.md §7).
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
    if (typeof band !== "string") return band;
    return elementwise([toGrid(lossRatio), toGrid(nonMarketExpenseRatio)], ([a, c]) => {
      const x = readRatio(a, "lossRatio");
      const z = readRatio(c, "nonMarketExpenseRatio");
      if (typeof x !== "number") return x;
      if (typeof z !== "number") return z;
      return headroom(x, z, band, r);
    });
  });
}

/**
 * Premium-weighted mean of per-policy ratios: Σ(ratio × premium) ÷ Σ premium, exact (how a
 * channel's loss or market ratio is built, RULES.md §1).
 * @customfunction WEIGHTEDRATIO
 * @helpurl https://localhost:3000/help.html#WEIGHTEDRATIO
 * @param ratios Per-policy ratios
 * @param premiums Per-policy premiums, the weights
 * @returns Weighted ratio
 */
export function weightedRatioFn(ratios: any[][], premiums: any[][]): number | CustomFunctions.Error {
  return guard(() =>
    weightedRatio(flatten(toGrid(ratios)), flatten(toGrid(premiums)), { value: "value", weight: "premium" }),
  );
}

/**
 * A group's cost ratio: members' cost ratios weighted by their annualized scale (RULES.md §4).
 * @customfunction GROUPCOSTRATE
 * @helpurl https://localhost:3000/help.html#GROUPCOSTRATE
 * @param costRates Members' operating cost ratios
 * @param annualScales Members' annualized cooperation scales
 * @returns Group operating cost ratio
 */
export function groupCostRateFn(costRates: any[][], annualScales: any[][]): number | CustomFunctions.Error {
  return guard(() =>
    weightedRatio(flatten(toGrid(costRates)), flatten(toGrid(annualScales)), {
      value: "costRate",
      weight: "annualScale",
    }),
  );
}

/**
 * A group's cooperation depth: Σ members' annualized scale ÷ the group's whole own premium (RULES.md §4).
 * @customfunction GROUPDEPTH
 * @helpurl https://localhost:3000/help.html#GROUPDEPTH
 * @param annualScales Members' annualized cooperation scales
 * @param groupOwnPremium The group's whole own premium
 * @returns Group cooperation depth
 */
export function groupDepthFn(annualScales: any[][], groupOwnPremium: any): number | CustomFunctions.Error {
  return guard(() => {
    const own = readOwnPremium(toGrid(groupOwnPremium)[0]?.[0] ?? null, "groupOwnPremium");
    if (typeof own !== "number") return own;
    const members: { costRate: number; annualScale: number }[] = [];
    for (const v of flatten(toGrid(annualScales))) {
      if (v === null || v === undefined || v === "") continue;
      const s = readAmount(v, "annualScale");
      if (typeof s !== "number") return s;
      members.push({ costRate: 0, annualScale: s });
    }
    const g = groupMeasures(members, own);
    return g.ok ? g.value.depth : (g.problems[0] as Problem);
  });
}

/**
 * First and last day of the data window for a judging date, as a 1 × 2 row of dates (RULES.md §5).
 * @customfunction WINDOW
 * @helpurl https://localhost:3000/help.html#WINDOW
 * @param kind Window: annual, recheck, quarter, threemonths or month
 * @param judgingDate Judging date
 * @returns First and last day
 */
export function windowFn(kind: WindowKindName, judgingDate: any[][]): any[][] {
  return guardGrid(() => {
    const k = windowKindOption(kind);
    if (typeof k !== "string") return k;
    return rowwise([toGrid(judgingDate)], 2, ([v]) => {
      const date = readDate(v, "judgingDate");
      if ("code" in date) return date;
      const w = dataWindow(k, date);
      return "code" in w ? w : [toExcelSerial(w.start), toExcelSerial(w.end)];
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
    if (typeof l !== "string") return l;
    return elementwise([toGrid(costRate), toGrid(annualScale), toGrid(depth)], (cells) => {
      const m = ratioTriple(cells);
      return Array.isArray(m) ? explainGrade(m[0], m[1], m[2], r, l) : m;
    });
  });
}

/**
 * The default rule table with a header row (key, value, description), ready to paste and edit as
 * a rules range (CONTRACT.md §2).
 * @customfunction RULES
 * @helpurl https://localhost:3000/help.html#RULES
 * @param [lang] Label language: zh (default) or en
 * @returns Rule table
 */
export function rulesFn(lang?: LabelLanguage): any[][] {
  return guardGrid(() => {
    const l = langOption(lang);
    return typeof l === "string" ? rulesTableRows(DEFAULT_COMPILED.rules, l) : l;
  });
}

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
  return elementwise(grids, ([a, b, c, p, d, o]): Out => {
    const m = measureChannel({
      lossRatio: a,
      marketExpenseRatio: b,
      nonMarketExpenseRatio: c,
      premium: p,
      days: d,
      ownPremium: o,
    });
    return checkText(m.ok ? null : m.problems);
  });
}
