/**
 * The boundary between the core and Excel: data problems become Excel errors with a message, and
 * typed exceptions (misuse, invalid rules) become #VALUE! with theirs. Nothing is swallowed.
 *
 * @packageDocumentation
 */
import { QdError, bilingual, isProblem, type ExcelErrorCode, type Problem } from '../core';

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

/**
 * Runs a function body: a returned problem becomes its Excel error; a thrown `QdError` becomes
 * #VALUE! with its message; anything else is a bug and propagates, so Excel shows it as #VALUE!
 * and the developer console shows the stack.
 */
export function guard<T>(body: () => T | Problem): T | CustomFunctions.Error {
  try {
    const result = body();
    return isProblem(result) ? excelError(result) : result;
  } catch (e) {
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
