import type { Lang, RollUp } from '../../core';

/** Props of the roll-up table: one row per 分公司 (or 三级机构), a column per colour band. */
export interface RollUpTableProps {
  readonly rollUps: readonly RollUp[];
  /** Caption and accessible name: which key the rows are. */
  readonly by: 'company' | 'branch';
  readonly lang: Lang;
}
