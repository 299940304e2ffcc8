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
  NEEDS_APPROVAL,
  agencyPlan,
  agencyPrice,
  agentFee,
  breakEvenPremium,
  commissionDue,
  commissionPlan,
  deptCheck,
  readAgentTier,
  readAllPoints,
  readVeto,
  showNumber,
  stars,
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

/**
 * Who a commission is paid to, for its cap (RULES.md §8).
 * @customenum {string}
 */
export enum PayeeTypeName {
  /** 个人渠道：不超过合同总额的 1% Individual: at most 1% of the contract total */
  individual = "individual",
  /** 机构渠道：不超过合同总额的 3% Institution: at most 3% of the contract total */
  institution = "institution",
}

/**
 * Commission payable now on collection: contract total × rate × collected ÷ contract total − already
 * paid (RULES.md §8). Negative: the amount to deduct from the next payment (a cancelled contract
 * earns nothing: pass 0 collected). Before signing, deposit and first payment nothing is collected,
 * so nothing is due. A rate above the cap (individual 1%, institution 3%) is computed as given, not
 * capped; QD.COMMISSIONPLAN shows its 需特批 flag.
 * @customfunction COMMISSIONDUE
 * @helpurl https://localhost:3000/help.html#COMMISSIONDUE
 * @param contractTotal Contract total
 * @param rate Commission rate, e.g. 3%
 * @param collected Collected from the customer to date
 * @param alreadyPaid Commission already paid
 * @param [payeeType] individual or institution (for the cap)
 * @returns Commission payable now
 */
export function commissionDueFn(
  contractTotal: any[][],
  rate: any[][],
  collected: any[][],
  alreadyPaid: any[][],
  payeeType?: PayeeTypeName,
): any[][] {
  return guardGrid(() =>
    elementwise([contractTotal, rate, collected, alreadyPaid].map(toGrid), ([t, r, c, p]) => {
      const due = commissionDue({
        contractTotal: t,
        rate: r,
        collected: c,
        alreadyPaid: p,
        payeeType: payeeType ?? null,
      });
      return "code" in due ? due : due.due;
    }),
  );
}

/**
 * The year's agent fee by tier: yearly fee plus 1,000 for each first-time rating beyond the free
 * ones — province 100,000 with 80 free, city 50,000 with 40 free, county 20,000 with 15 free
 * (default), special no yearly fee (RULES.md §8).
 * @customfunction AGENTFEE
 * @helpurl https://localhost:3000/help.html#AGENTFEE
 * @param tier 省级 province, 市级 city, 县级 county or 特约 special
 * @param firstTimeRatings First-time ratings this year
 * @returns Agent fee in yuan
 */
export function agentFeeFn(tier: any[][], firstTimeRatings: any[][]): any[][] {
  return guardGrid(() =>
    elementwise([toGrid(tier), toGrid(firstTimeRatings)], ([t, n]) => {
      const tierOf = readAgentTier(t);
      return typeof tierOf === "string" ? agentFee(tierOf, n) : tierOf;
    }),
  );
}

/**
 * The commission payment schedule for a column of collections, with a header row: each collection,
 * the cumulative collected, commission earned to date, the payment due, and 需特批 where the rate is
 * above the payee's cap (RULES.md §8).
 * @customfunction COMMISSIONPLAN
 * @helpurl https://localhost:3000/help.html#COMMISSIONPLAN
 * @param contractTotal Contract total
 * @param rate Commission rate, e.g. 3%
 * @param collections Collections in order, one per cell
 * @param [payeeType] individual or institution (for the cap)
 * @returns Payment schedule
 */
export function commissionPlanFn(
  contractTotal: any[][],
  rate: any[][],
  collections: any[][],
  payeeType?: PayeeTypeName,
): any[][] {
  return guardGrid(() => {
    const cells = flatten(toGrid(collections)).filter((v) => v !== null && v !== undefined && v !== "");
    const plan = commissionPlan(
      toGrid(contractTotal)[0]?.[0] ?? null,
      toGrid(rate)[0]?.[0] ?? null,
      cells,
      payeeType ?? null,
    );
    if ("code" in plan) return plan;
    return [
      [
        "期次 Period",
        "本期回款 Collected",
        "累计回款 Cumulative",
        "累计应得佣金 Earned",
        "本期应付 Payable",
        "特批 Approval",
      ],
      ...plan.map((p) => [
        p.period,
        p.collected,
        p.cumulative,
        p.earned,
        p.due,
        p.needsApproval ? `${NEEDS_APPROVAL.zh} ${NEEDS_APPROVAL.en}` : "",
      ]),
    ];
  });
}

/**
 * Break-even premium = costs ÷ commission rate (RULES.md §8).
 * @customfunction BREAKEVEN
 * @helpurl https://localhost:3000/help.html#BREAKEVEN
 * @param costs Costs for the period (staff, social insurance, other and office costs)
 * @param commissionRate Commission rate, e.g. 15%
 * @returns Break-even premium
 */
export function breakEvenFn(costs: any[][], commissionRate: any[][]): any[][] {
  return guardGrid(() => elementwise([toGrid(costs), toGrid(commissionRate)], ([c, r]) => breakEvenPremium(c, r)));
}

/**
 * The internal regional general agency month by month, with a header row: premium, commission
 * income, costs, the branch's office support (months 1–6), loan support (months 7–12, when income
 * falls short), repayment (six instalments, months 13–18), the month's and the cumulative result, and
 * the months that break even (RULES.md §8).
 * @customfunction AGENCYPLAN
 * @helpurl https://localhost:3000/help.html#AGENCYPLAN
 * @param monthlyPremium Premium a month: one value, or one per month
 * @param commissionRate Commission rate, e.g. 15%
 * @param monthlyCosts Staff base pay, social insurance and other costs a month
 * @param officeCosts Premises and office costs a month
 * @param months Months to plan, 12 to 36
 * @returns Month-by-month plan
 */
export function agencyPlanFn(
  monthlyPremium: any[][],
  commissionRate: any[][],
  monthlyCosts: any[][],
  officeCosts: any[][],
  months: any[][],
): any[][] {
  return guardGrid(() => {
    const first = (g: any[][]): CellInput => toGrid(g)[0]?.[0] ?? null;
    const plan = agencyPlan({
      monthlyPremium: flatten(toGrid(monthlyPremium)).filter((v) => v !== null && v !== undefined && v !== ""),
      commissionRate: first(commissionRate),
      monthlyCosts: first(monthlyCosts),
      officeCosts: first(officeCosts),
      months: first(months),
    });
    if ("code" in plan) return plan;
    return [
      [
        "月份 Month",
        "保费 Premium",
        "佣金收入 Income",
        "人员及其他成本 Costs",
        "职场办公费 Office",
        "分公司支持 Branch support",
        "借款 Loan",
        "还款 Repayment",
        "当月结果 Result",
        "累计结果 Cumulative",
        "盈亏平衡 Break-even",
      ],
      ...plan.months.map((m) => [
        m.month,
        m.premium,
        m.income,
        m.costs,
        m.officeCosts,
        m.support,
        m.loan,
        m.repayment,
        m.result,
        m.cumulative,
        m.breaksEven ? "是 yes" : "",
      ]),
    ];
  });
}

/**
 * A province agent's price under three-tier pricing, as a 1 × 3 row: the national price (what city
 * agents pay), the management fee of 1–2 points, and the province agent's net price (RULES.md §8).
 * @customfunction AGENCYPRICE
 * @helpurl https://localhost:3000/help.html#AGENCYPRICE
 * @param nationalPrice National agency price
 * @param managementPoints Management fee in points, 1 to 2
 * @returns National price, management fee, net price
 */
export function agencyPriceFn(nationalPrice: any[][], managementPoints: any[][]): any[][] {
  return guardGrid(() =>
    rowwise([toGrid(nationalPrice), toGrid(managementPoints)], 3, ([p, m]) => {
      const r = agencyPrice(p, m);
      return "code" in r ? r : [r.nationalPrice, r.managementFee, r.netPrice];
    }),
  );
}

/**
 * Stars 2–5 by rank among all outlets' points: top 10% 5, next 20% 4, next 40% 3, the rest 2;
 * ties share the better rank; a veto item gives 2 (RULES.md §9; shares are defaults).
 * @customfunction STARS
 * @helpurl https://localhost:3000/help.html#STARS
 * @param points The outlet's points
 * @param allPoints Every rated outlet's points
 * @param [veto] 是 / TRUE when a veto item (serious violation) applies
 * @returns Stars
 */
export function starsFn(points: any[][], allPoints: any[][], veto?: any[][]): any[][] {
  return guardGrid(() => {
    const all = readAllPoints(flatten(toGrid(allPoints)));
    if (!Array.isArray(all)) return all;
    return elementwise([toGrid(points), toGrid(veto ?? null)], ([p, v]) => {
      const x = readNumber(p, "points");
      if (typeof x !== "number") return x;
      const vetoed = readVeto(v);
      return typeof vetoed === "boolean" ? stars(x, all, vetoed) : vetoed;
    });
  });
}

/**
 * Which establishment standards of table 1 a business department meets and misses, as a 1 × 2 row
 * (RULES.md §9): units under a central sub-branch −20%, municipality city branches +30%, first year −20%.
 * @customfunction DEPTCHECK
 * @helpurl https://localhost:3000/help.html#DEPTCHECK
 * @param unitType 营业总部, 中心支公司, 下属机构, 本部 or 下级机构
 * @param annualPremium The department's annual premium (yuan)
 * @param perHead Premium per head (yuan)
 * @param minAccountManager The lowest account manager's premium (yuan)
 * @param headcount Department headcount
 * @param [municipality] TRUE for a municipality directly under the central government (city branches)
 * @param [firstYear] TRUE in the unit's first year
 * @returns Standards met, standards missed
 */
export function deptCheckFn(
  unitType: any[][],
  annualPremium: any[][],
  perHead: any[][],
  minAccountManager: any[][],
  headcount: any[][],
  municipality?: boolean,
  firstYear?: boolean,
): any[][] {
  return guardGrid(() =>
    rowwise([unitType, annualPremium, perHead, minAccountManager, headcount].map(toGrid), 2, ([u, a, p, m, h]) => {
      const checks = deptCheck(
        u,
        { annualPremium: a, perHead: p, accountManager: m, headcount: h },
        { municipality: municipality === true, firstYear: firstYear === true },
      );
      if (!Array.isArray(checks)) return checks;
      const required = (c: (typeof checks)[number]): string =>
        typeof c.required === "number" ? `≥ ${showNumber(c.required)}` : `(${c.required.min}, ${c.required.max}]`;
      const met = checks.filter((c) => c.met).map((c) => `${c.label.zh} ${c.label.en}`);
      const missed = checks
        .filter((c) => !c.met)
        .map((c) => `${c.label.zh} ${c.label.en} (${required(c)}; ${showNumber(c.actual)})`);
      return [
        met.length > 0 ? `达标 met: ${met.join("、")}` : "",
        missed.length > 0 ? `未达标 missed: ${missed.join("、")}` : "全部达标 all met",
      ];
    }),
  );
}
