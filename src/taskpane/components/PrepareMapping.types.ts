import type { PrepareTableName, PrepareWorkflow } from '../workflow/prepareWorkflow.types';

/** Props of one table's column mapping in the Prepare step. */
export interface PrepareMappingProps {
  readonly workflow: PrepareWorkflow;
  readonly sheet: string;
  readonly table: PrepareTableName;
  /** The user's corrections (key → column). */
  readonly value: Readonly<Record<string, number>>;
  readonly onChange: (value: Readonly<Record<string, number>>) => void;
}
