/**
 * A stand-in for the custom-functions runtime's global, enough for unit tests of the functions,
 * and the values real Excel hands a function whose metadata allows errors and data types.
 */
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

/**
 * What Excel hands for an error cell when the metadata sets allowErrorForDataTypeAny: an error
 * object with its code (a built-in error such as a failed lookup's #N/A carries no message).
 */
export const errorCell = (code: string, message?: string): StubCustomFunctionsError =>
  new StubCustomFunctionsError(code, message);

/** Excel.DoubleCellValue, as a data-type-aware call hands a plain number. */
export const doubleCell = (basicValue: number): object => ({ type: 'Double', basicType: 'Double', basicValue });

/** Excel.FormattedNumberCellValue: a number with its own number format. */
export const formattedNumberCell = (basicValue: number, numberFormat: string): object => ({
  type: 'FormattedNumber',
  basicType: 'Double',
  basicValue,
  numberFormat,
});

/** Excel.ErrorCellValue, an error in the data-type shape. */
export const errorCellValue = (basicValue: string, errorType: string): object => ({
  type: 'Error',
  basicType: 'Error',
  basicValue,
  errorType,
});

/**
 * Excel.EntityCellValue: a card of properties shown as `text`; its basic value is the error
 * #VALUE! unless the entity was given one (some linked entities have a number or text).
 */
export const entityCell = (text: string, basicValue?: number | string): object =>
  basicValue === undefined
    ? { type: 'Entity', text, properties: {}, basicType: 'Error', basicValue: '#VALUE!' }
    : {
        type: 'Entity',
        text,
        properties: {},
        basicType: typeof basicValue === 'number' ? 'Double' : 'String',
        basicValue,
      };
