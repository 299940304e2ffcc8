/**
 * Typed exceptions for misuse and I/O failure. Data problems are never thrown (see `problem.ts`);
 * these are, and each boundary (function, pane, command line) turns them into a message.
 *
 * @packageDocumentation
 */
import { bilingual, type Bilingual } from './lang';

/** Base of every exception the add-in throws on purpose. */
export class QdError extends Error {
  /** The message in both languages. */
  readonly text: Bilingual;

  constructor(text: Bilingual, options?: { cause?: unknown }) {
    super(bilingual(text), options);
    this.name = new.target.name;
    this.text = text;
  }
}

/** One field of a rule set that failed validation, named by its key (RULES.md §10). */
export interface RuleProblem {
  /** The key or path, e.g. `cost.blue.max` or `resources[3].colours`. */
  readonly field: string;
  readonly message: Bilingual;
}

/** A rule set was invalid where a valid one was required: it grades nothing. */
export class InvalidRulesError extends QdError {
  readonly problems: readonly RuleProblem[];

  constructor(problems: readonly RuleProblem[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (+${problems.length - 1})` : '';
    super({
      zh: `规则无效：${first ? `${first.field} ${first.message.zh}` : ''}${more}`,
      en: `invalid rules: ${first ? `${first.field} ${first.message.en}` : ''}${more}`,
    });
    this.problems = problems;
  }
}

/** A caller broke a function's contract (a programming error, not a data problem). */
export class UsageError extends QdError {}
