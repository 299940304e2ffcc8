import type { Lang } from '../../core';
import type { ChannelRow } from '../workflow/PaneWorkflow.types';

/** Props of the review's row picker: a row number, Excel's selected row, or a channel found by code or name. */
export interface ReviewRowPickerProps {
  readonly lang: Lang;
  /** The sheet under review. */
  readonly sheet: string;
  /** The row as typed or picked (text, as the field holds it). */
  readonly row: string;
  readonly onRow: (row: string) => void;
  /** The sheet's rows by channel, once read; null while reading. */
  readonly channels: readonly ChannelRow[] | null;
  /** Reads Excel's selection: its sheet and row, or null. Absent when this host cannot say. */
  readonly readSelection?: (() => Promise<{ readonly sheet: string; readonly row: number } | null>) | undefined;
  readonly onError: (e: unknown) => void;
}
