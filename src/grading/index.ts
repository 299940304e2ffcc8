/**
 * The sheet workflow: columns → checks → grades → outputs, over a `WorkbookPort`.
 *
 * @packageDocumentation
 */
export * from './cellText';
export * from './columns';
export * from './gradeRow';
export * from './gradeSheet';
export * from './gradeSheet.types';
export * from './gradingErrors';
export * from './rulesSheet';
export * from './sheetLayout';
export * from './summarySheet';
export * from './WorkbookPort';
export * from './PaneHost';
export * from './readGraded';
export * from './scenarioSheet';
export * from './review';
export * from './economicsSheets';
export * from './uncalculatedCells';
export * from './readsToEnd';
export * from './writesRowsLater';
export * from './historySheet';
export * from './gradingMeta';
export * from './gradingRecord';
export * from './reportSheet';
export * from './movementSheet';
export * from './noticeSheets';
export * from './rollUpRows';
export * from './managerReport';
export * from './prepareColumns';
export * from './prepareSheet';
export * from './sheetWindow';
