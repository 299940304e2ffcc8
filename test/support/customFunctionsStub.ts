/** A stand-in for the custom-functions runtime's global, enough for unit tests of the functions. */
export class StubCustomFunctionsError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

/** Installs the global `CustomFunctions` the functions module expects. */
export function installCustomFunctionsStub(): void {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
    Error: StubCustomFunctionsError,
    associate: () => undefined,
  };
}
