/**
 * The `CustomFunctions` global the QD.* functions expect (Excel's custom-functions runtime), as WPS
 * has none: an error value class, and `associate`, which the build's metadata plugin calls once per
 * function (`CustomFunctions.associate("COSTRATE", costRateFn)`) — here it records the pair, so the
 * WPS registration (`registerWpsFunctions`) registers exactly the functions Excel's build would.
 *
 * Imported for its effect before the functions' modules, so it is in place when they load.
 *
 * @packageDocumentation
 */

/** An error value a QD function returns for one element (as Excel's `CustomFunctions.Error`). */
export class WpsFunctionError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** The functions the build associated, by id, in the order the family files declare them. */
export const associated = new Map<string, (...args: never[]) => unknown>();

/** Installs the global unless a real custom-functions runtime already provides one. */
export function installCustomFunctionsShim(): void {
  const g = globalThis as { CustomFunctions?: unknown };
  if (g.CustomFunctions !== undefined) return;
  g.CustomFunctions = {
    Error: WpsFunctionError,
    ErrorCode: {
      invalidValue: '#VALUE!',
      notAvailable: '#N/A',
      divisionByZero: '#DIV/0!',
      invalidNumber: '#NUM!',
      nullReference: '#NULL!',
    },
    associate(id: string | Record<string, unknown>, fn?: (...args: never[]) => unknown): void {
      if (typeof id === 'string' && fn) associated.set(id, fn);
    },
  };
}

installCustomFunctionsShim();
