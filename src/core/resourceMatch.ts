/**
 * Resource outcomes and management level of a class under a rule set (RULES.md §6).
 *
 * @packageDocumentation
 */
import { CLASS_COUNT } from './channelClass';
import type { CompiledRules } from './compileRules';
import { UsageError } from './errors';
import type { Bilingual } from './lang';
import { parseResourceItem, type ResourceItemNo } from './resourceItems';

function checkIndex(classIndex: number): void {
  if (!Number.isInteger(classIndex) || classIndex < 1 || classIndex > CLASS_COUNT) {
    throw new UsageError({
      zh: `分类序号 ${classIndex} 不在 1 至 45 之间`,
      en: `class index ${classIndex} is not 1..45`,
    });
  }
}

/** The outcome of one resource item (RULES.md §6 numbering) for a class (first matching row of the matrix). */
export function resourceOutcome(classIndex: number, item: ResourceItemNo, rules: CompiledRules): Bilingual {
  checkIndex(classIndex);
  return (rules.outcomes[classIndex - 1] as readonly Bilingual[])[item - 1] as Bilingual;
}

/** All eleven outcomes of a class, in item order. */
export function resourceOutcomes(classIndex: number, rules: CompiledRules): readonly Bilingual[] {
  checkIndex(classIndex);
  return rules.outcomes[classIndex - 1] as readonly Bilingual[];
}

/** The responsible management level of a class (RULES.md §6, 第十四条). */
export function managementLevel(classIndex: number, rules: CompiledRules): Bilingual {
  checkIndex(classIndex);
  return rules.management[classIndex - 1] as Bilingual;
}

function checkItem(item: number): ResourceItemNo {
  const found = parseResourceItem(item);
  if (!found) {
    throw new UsageError({ zh: `资源项目 ${item} 不在 1 至 11 之间`, en: `resource item ${item} is not 1..11` });
  }
  return found.no;
}

/**
 * The concrete action text of one resource item for a class (RULES.md §6 "Concrete actions",
 * [default, editable]): the action of the matrix row that gives the class its outcome, or null when
 * that row carries none. E.g. 费用结算 `灵活·加快` → 每月结算两次 under the shipped rules.
 */
export function resourceAction(classIndex: number, item: number, rules: CompiledRules): Bilingual | null {
  checkIndex(classIndex);
  const no = checkItem(item);
  return (rules.actions[classIndex - 1] as readonly (Bilingual | null)[])[no - 1] ?? null;
}

/**
 * The review action 检视措施 of a class (RULES.md §6, 第四章第三节 执行与检视; rule [default]): under the
 * shipped rules deep red → 清理评估 (exit review), light red → 整改 (improvement plan), else 常规
 * (regular). Not one of the eleven resource items.
 */
export function reviewAction(classIndex: number, rules: CompiledRules): Bilingual {
  checkIndex(classIndex);
  return rules.review[classIndex - 1] as Bilingual;
}
