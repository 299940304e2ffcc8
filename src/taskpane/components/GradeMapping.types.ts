import type { Lang } from '../../core';
import type { ColumnMapping } from '../../grading';
import type { SheetColumn } from '../workflow/PaneWorkflow.types';

/** Props of the Grade tab's column mapping (folded when nothing is missing). */
export interface GradeMappingProps {
  readonly lang: Lang;
  readonly columns: readonly SheetColumn[];
  readonly mapping: ColumnMapping;
  readonly onChange: (mapping: ColumnMapping) => void;
  /** Required inputs still without a column, as the header says them. */
  readonly unmapped: number;
  readonly mapped: number;
  readonly open: boolean;
  readonly onToggle: (open: boolean) => void;
  readonly disabled: boolean;
}
