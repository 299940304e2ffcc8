/**
 * The boundary between the core and Excel: data problems become Excel errors with a message, an
 * error value handed in is passed on, and typed exceptions (misuse, invalid rules) become #VALUE!
 * with theirs. Nothing is swallowed.
 *
 * @packageDocumentation
 */
import { QdError } from '../core/errors';
import { bilingual } from '../core/lang';
import { isProblem, type ExcelErrorCode, type Problem } from '../core/problem';

// CustomFunctions.ErrorCode's values are the error texts themselves ("#VALUE!" …), as ours are.
const CODES: Readonly<Record<ExcelErrorCode, CustomFunctions.ErrorCode>> = {
  '#VALUE!': '#VALUE!' as CustomFunctions.ErrorCode.invalidValue,
  '#DIV/0!': '#DIV/0!' as CustomFunctions.ErrorCode.divisionByZero,
  '#NUM!': '#NUM!' as CustomFunctions.ErrorCode.invalidNumber,
  '#N/A': '#N/A' as CustomFunctions.ErrorCode.notAvailable,
};

/** Excel's error for a data problem, with its message in Chinese and English. */
export function excelError(problem: Problem): CustomFunctions.Error {
  return new CustomFunctions.Error(CODES[problem.error], bilingual(problem.message));
}

// Errors a custom function may return; #REF!, #NAME? and newer ones (#SPILL!, #CALC!, …) may come in but not go out.
const RETURNABLE = new Set(['#VALUE!', '#DIV/0!', '#NUM!', '#N/A', '#NULL!']);
// Excel shows a custom message only with these two.
const WITH_MESSAGE = new Set(['#VALUE!', '#N/A']);

/**
 * The error for an element whose input cell holds the error `code` (RULES.md §11): the same error
 * where a function may return it, with the incoming message or one that says it came from an input;
 * #VALUE! with a message naming the error otherwise.
 */
export function passedOnError(code: string, message?: string): CustomFunctions.Error {
  const said = `输入单元格是错误值 ${code} (an input cell holds ${code})`;
  if (!RETURNABLE.has(code)) return new CustomFunctions.Error(CODES['#VALUE!'], said);
  const out = code as CustomFunctions.ErrorCode;
  return WITH_MESSAGE.has(code) ? new CustomFunctions.Error(out, message ?? said) : new CustomFunctions.Error(out);
}

/**
 * Thrown when an argument read as a whole (an aggregate's list, an option) holds an error value:
 * the boundary (`guard`) returns that error for the whole result, which depends on every cell.
 */
export class PassedOn extends Error {
  constructor(readonly error: CustomFunctions.Error) {
    super(`input error ${error.code}`);
    this.name = 'PassedOn';
  }
}

/**
 * Runs a function body: a returned problem becomes its Excel error; an error value read as a whole
 * is passed on; a thrown `QdError` becomes #VALUE! with its message; anything else is a bug and
 * propagates, so Excel shows it as #VALUE! and the developer console shows the stack.
 */
export function guard<T>(body: () => T | Problem): T | CustomFunctions.Error {
  try {
    const result = body();
    return isProblem(result) ? excelError(result) : result;
  } catch (e) {
    if (e instanceof PassedOn) return e.error;
    if (e instanceof QdError) return new CustomFunctions.Error(CODES['#VALUE!'], e.message);
    throw e;
  }
}

/**
 * `guard` for a function that spills: its metadata must say `any[][]` exactly (a union with Error
 * would make Excel treat it as a single value), so a whole-call error comes back as a 1 × 1 grid.
 */
export function guardGrid<T>(body: () => T[][] | Problem): (T | CustomFunctions.Error)[][] {
  const result = guard(body);
  return result instanceof CustomFunctions.Error ? [[result]] : result;
}
