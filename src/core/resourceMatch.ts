/**
 * Resource outcomes and management level of a class under a rule set (RULES.md §6).
 *
 * @packageDocumentation
 */
import { CLASS_COUNT } from './channelClass';
import type { CompiledRules } from './compileRules';
import { UsageError } from './errors';
import type { Bilingual } from './lang';
import type { ResourceItemNo } from './resourceItems';

function checkIndex(classIndex: number): void {
  if (!Number.isInteger(classIndex) || classIndex < 1 || classIndex > CLASS_COUNT) {
    throw new UsageError({
      zh: `分类序号 ${classIndex} 不在 1 至 45 之间`,
      en: `class index ${classIndex} is not 1..45`,
    });
  }
}

/** The outcome of one resource item for a class (first matching row of the matrix). */
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
