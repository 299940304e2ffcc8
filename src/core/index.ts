/**
 * The rules engine: pure TypeScript, no Office, DOM, file system or spreadsheet library.
 * Everything the functions, the sheet workflow, the pane and the command line compute comes from here.
 *
 * @packageDocumentation
 */
export type { Arithmetic } from './arithmetic.types';
export * from './bands';
export * from './channelBoundary';
export { canonical, isCanonical } from './canonical';
export * from './channelClass';
export { nthSmallest } from './nthSmallest';
export * from './civilDate';
export * from './compileRules';
export * from './cooperationDays';
export * from './dataWindow';
export { decimalArithmetic } from './decimalArithmetic';
export * from './errors';
export { fastArithmetic } from './fastArithmetic';
export * from './explainGrade';
export * from './fields';
export * from './fingerprint';
export * from './gradeChannel';
export * from './gradeColumns';
export * from './groupMeasures';
export * from './headroom';
export * from './lang';
export * from './measures';
export * from './problem';
export * from './readDate';
export * from './readNumber';
export * from './resourceItems';
export * from './resourceMatch';
export * from './ruleSet';
export * from './rulesFromRange';
export * from './rulesTable';
export * from './schedule';
export * from './validateRuleSet';
export * from './weightedRatio';
export * from './scenario';
export * from './agencyPlan';
export * from './agencyPrice';
export * from './agentFee';
export * from './commission';
export * from './deptCheck';
export * from './stars';
export * from './migrateRules';
export * from './prepareChannels';
export * from './prepareExactSum';
export * from './prepareKinds';
export * from './prepareProspective';
export * from './prepareTables';
export * from './economicsDefaults';
export * from './classMovement';
export * from './measureDistribution';
export * from './snapshot';
export * from './history';
export * from './gradingState';
export * from './defaultMarks';
