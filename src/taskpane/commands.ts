/*
 * The ribbon's function file (manifest FunctionFile). The only ribbon button opens the task pane,
 * which needs no code here; Office still requires the page to load Office.js and be ready.
 */
Office.onReady(() => undefined).catch((e: unknown) => {
  throw e;
});
