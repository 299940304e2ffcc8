/*
 * QD.* functions, family "resources" (RULES.md §6): the eleven resource items' outcomes of a class,
 * its management level and its review action. Each function's TSDoc is its metadata.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands a function numbers, text, logicals, blanks, errors or data types per cell; the metadata types "any" and any[][] need TypeScript's `any`. Each value goes through readCell (grid.ts) to a typed core reader. */
import { classIndex } from '../core/channelClass';
import { DEFAULT_COMPILED } from '../core/compileRules';
import { managementLevel, resourceOutcome, resourceOutcomes, reviewAction } from '../core/resourceMatch';
import { classArg } from './args';
import { guardGrid } from './excelError';
import { elementwise, rowwise, toGrid } from './grid';
import { itemOption, langOption, matrixOption } from './options';

// Custom enums: the metadata generator reads each initializer as JSON, so these keep double quotes.
// An enum is read per source file, so this family has its own language enum (same values as LabelLanguage).
// prettier-ignore
/**
 * Label language of resource outcomes.
 * @customenum {string}
 */
export enum OutcomeLanguage {
  /** 中文标签（默认）Chinese labels (default) */
  zh = "zh",
  /** English labels */
  en = "en",
}

/**
 * Outcome of one resource item for a class, from the resource matrix. Class and item may both be
 * ranges (one item per row, or one item for a column of classes).
 * @customfunction RESOURCE
 * @helpurl https://localhost:3000/help.html#RESOURCE
 * @param classLabel Class label, e.g. 蓝-B-Ⅱ
 * @param item Resource item: 1 to 11 or its name (1 市场费用比例, 2 费用结算, 3 承保政策, 4 核保自动化程度, 5 两线管理, 6 人力配置, 7 职场驻点, 8 培训服务, 9 营销支持, 10 系统对接, 11 单证出单)
 * @param [matrix] Resource matrix range (item, colours, scales, depths, outcome); the default if omitted
 * @param [lang] Label language: zh (default) or en
 * @returns Resource outcome
 */
export function resourceFn(classLabel: any[][], item: any[][], matrix?: any[][], lang?: OutcomeLanguage): any[][] {
  return guardGrid(() => {
    const r = matrixOption(matrix);
    const l = langOption(lang);
    if (typeof l !== 'string') return l;
    return elementwise([toGrid(classLabel), toGrid(item)], ([v, i]) => {
      const c = classArg(v);
      if ('code' in c) return c;
      const it = itemOption(i ?? null);
      return 'code' in it ? it : resourceOutcome(classIndex(c), it.no, r)[l];
    });
  });
}

/**
 * All eleven resource outcomes of a class as a row, spilling to the right (1 市场费用比例 … 11
 * 单证出单); a column of classes spills one row each.
 * @customfunction RESOURCES
 * @helpurl https://localhost:3000/help.html#RESOURCES
 * @param classLabel Class label, or a column of them
 * @param [matrix] Resource matrix range (item, colours, scales, depths, outcome); the default if omitted
 * @param [lang] Label language: zh (default) or en
 * @returns Eleven outcomes per class
 */
export function resourcesFn(classLabel: any[][], matrix?: any[][], lang?: OutcomeLanguage): any[][] {
  return guardGrid(() => {
    const r = matrixOption(matrix);
    const l = langOption(lang);
    if (typeof l !== 'string') return l;
    return rowwise([toGrid(classLabel)], 11, ([v]) => {
      const c = classArg(v);
      return 'code' in c ? c : resourceOutcomes(classIndex(c), r).map((o) => o[l]);
    });
  });
}

/**
 * Responsible management level of a class: head office, branch or central/sub-branch.
 * @customfunction MGMTLEVEL
 * @helpurl https://localhost:3000/help.html#MGMTLEVEL
 * @param classLabel Class label, e.g. 深红-A-Ⅰ
 * @param [lang] Label language: zh (default) or en
 * @returns Management level
 */
export function mgmtLevelFn(classLabel: any[][], lang?: OutcomeLanguage): any[][] {
  return guardGrid(() => {
    const l = langOption(lang);
    if (typeof l !== 'string') return l;
    return elementwise([toGrid(classLabel)], ([v]) => {
      const c = classArg(v);
      return 'code' in c ? c : managementLevel(classIndex(c), DEFAULT_COMPILED)[l];
    });
  });
}

/**
 * Review action 检视措施 of a class (execution and review of the Measures; not one of the eleven
 * items): deep red → 清理评估 exit review, light red → 整改 improvement plan, else 常规 regular (defaults).
 * @customfunction REVIEWACTION
 * @helpurl https://localhost:3000/help.html#REVIEWACTION
 * @param classLabel Class label, or a column of them
 * @param [matrix] Resource matrix range with its review rows; the default if omitted
 * @param [lang] Label language: zh (default) or en
 * @returns Review action
 */
export function reviewActionFn(classLabel: any[][], matrix?: any[][], lang?: OutcomeLanguage): any[][] {
  return guardGrid(() => {
    const r = matrixOption(matrix);
    const l = langOption(lang);
    if (typeof l !== 'string') return l;
    return elementwise([toGrid(classLabel)], ([v]) => {
      const c = classArg(v);
      return 'code' in c ? c : reviewAction(classIndex(c), r)[l];
    });
  });
}
