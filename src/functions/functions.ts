/*
 * The QD.* worksheet functions: parse arguments → core → Excel errors. The TSDoc of each function is
 * its metadata (custom-functions-metadata-plugin reads it; only top-level `function` declarations
 * count). The functions are pure and call no Excel API.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands a function a number, text, logical or blank per cell; metadata type "any" needs TypeScript's `any`. Every such argument goes straight to a typed core reader. */
import {
  DEFAULT_COMPILED,
  InvalidRulesError,
  classIndex,
  classOf,
  compileRules,
  costRate,
  labelOfIndex,
  parseClassLabel,
  problems,
  readNumber,
  readRatio,
  rulesFromRange,
  type CellInput,
  type CompiledRules,
  type Lang,
  type Problem,
} from '../core';
import { guard } from './excelError';

const ruleCache = new Map<string, CompiledRules>();

/** The compiled rules of a rules range, parsed once per distinct content. */
function rulesOf(range: CellInput[][] | null | undefined): CompiledRules {
  if (!range || range.every((row) => row.every((v) => v === null || v === '' || v === undefined))) {
    return DEFAULT_COMPILED;
  }
  const key = JSON.stringify(range);
  const cached = ruleCache.get(key);
  if (cached) return cached;
  const v = rulesFromRange(range);
  if (!v.ok) throw new InvalidRulesError(v.problems);
  const compiled = compileRules(v.rules);
  ruleCache.set(key, compiled);
  return compiled;
}

function langOf(lang: CellInput): Lang | Problem {
  if (lang === null || lang === undefined || lang === '' || lang === 0) return 'zh';
  const t = String(lang).trim().toLowerCase();
  if (t === 'zh' || t === 'en') return t;
  return problems.unknownLabel('value', String(lang), { zh: '语言 zh 或 en', en: 'language zh or en' });
}

/**
 * 经营成本率 = 终极赔付率 + 市场费用率 + 非市场费用率（精确计算）。
 * Operating cost ratio = ultimate loss ratio + market expense ratio + non-market expense ratio, exact.
 * @customfunction COSTRATE
 * @param lossRatio 终极赔付率，如 55% (Ultimate loss ratio, e.g. 55%)
 * @param marketExpenseRatio 市场费用率 (Market expense ratio)
 * @param nonMarketExpenseRatio 非市场费用率 (Non-market expense ratio)
 * @returns 经营成本率 (Operating cost ratio)
 */
export function qdCostRate(
  lossRatio: any,
  marketExpenseRatio: any,
  nonMarketExpenseRatio: any,
): number | CustomFunctions.Error {
  return guard(() => {
    const a = readRatio(lossRatio as CellInput, 'lossRatio');
    const b = readRatio(marketExpenseRatio as CellInput, 'marketExpenseRatio');
    const c = readRatio(nonMarketExpenseRatio as CellInput, 'nonMarketExpenseRatio');
    if (typeof a !== 'number') return a;
    if (typeof b !== 'number') return b;
    if (typeof c !== 'number') return c;
    return costRate(a, b, c);
  });
}

/**
 * 由经营成本率、年化合作规模和合作深度得出渠道分类，如 蓝-B-Ⅱ。
 * The channel class from cost ratio, annualized scale and depth, e.g. Blue-B-II.
 * @customfunction CHANNELCLASS
 * @param costRateValue 经营成本率 (Operating cost ratio)
 * @param annualScaleValue 年化合作规模（元）(Annualized scale, yuan)
 * @param depthValue 合作深度 (Cooperation depth)
 * @param [rules] 规则区域（键、值两列），省略则用默认规则 (Rules range: key and value columns; default rules if omitted)
 * @param [lang] 返回标签的语言 "zh"（默认）或 "en" (Label language "zh", the default, or "en")
 * @returns 渠道分类 (Channel class)
 */
export function qdChannelClass(
  costRateValue: any,
  annualScaleValue: any,
  depthValue: any,
  rules?: any[][],
  lang?: any,
): string | CustomFunctions.Error {
  return guard(() => {
    const c = readRatio(costRateValue as CellInput, 'costRate');
    const s = readRatio(annualScaleValue as CellInput, 'annualScale');
    const d = readRatio(depthValue as CellInput, 'depth');
    const l = langOf(lang as CellInput);
    if (typeof c !== 'number') return c;
    if (typeof s !== 'number') return s;
    if (typeof d !== 'number') return d;
    if (typeof l !== 'string') return l;
    if (d > 1) return problems.depthAboveOne(d);
    return labelOfIndex(classIndex(classOf(c, s, d, rulesOf(rules as CellInput[][] | undefined))), l);
  });
}

/**
 * 渠道分类的序号 1..45（深蓝-A-Ⅰ 为 1，深红-C-Ⅲ 为 45）；中英文标签均可。
 * The class index 1..45 (DeepBlue-A-I is 1, DeepRed-C-III is 45); either language.
 * @customfunction CLASSINDEX
 * @param classLabel 渠道分类，如 蓝-B-Ⅱ 或 Blue-B-II (Class label)
 * @returns 分类序号 (Class index)
 */
export function qdClassIndex(classLabel: any): number | CustomFunctions.Error {
  return guard(() => {
    const text = typeof classLabel === 'string' ? classLabel : String(classLabel ?? '');
    const c = parseClassLabel(text);
    return c
      ? classIndex(c)
      : problems.unknownLabel('classLabel', text, { zh: '如 蓝-B-Ⅱ 的分类', en: 'a class such as Blue-B-II' });
  });
}

/**
 * 序号 1..45 对应的渠道分类标签。The class label of an index 1..45.
 * @customfunction CLASSLABEL
 * @param index 分类序号 1..45 (Class index 1..45)
 * @param [lang] 标签语言 "zh"（默认）或 "en" (Label language "zh", the default, or "en")
 * @returns 渠道分类 (Class label)
 */
export function qdClassLabel(index: any, lang?: any): string | CustomFunctions.Error {
  return guard(() => {
    const i = readNumber(index as CellInput, 'index');
    const l = langOf(lang as CellInput);
    if (typeof i !== 'number') return i;
    if (typeof l !== 'string') return l;
    if (!Number.isInteger(i) || i < 1 || i > 45) {
      return problems.unknownLabel('index', String(i), { zh: '1 至 45 的整数', en: 'a whole number from 1 to 45' });
    }
    return labelOfIndex(i, l);
  });
}
