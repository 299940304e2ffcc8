/**
 * Runs a host operation so that a throw becomes a rejected promise, as the WorkbookPort contract
 * says every failure is (Office.js is asynchronous; file hosts must behave the same).
 */
export function attempt<T>(operation: () => T): Promise<T> {
  return new Promise((resolve) => resolve(operation()));
}
