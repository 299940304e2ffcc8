/**
 * What the task pane needs from its host beyond the workbook port: the active sheet, selection,
 * workbook settings and who is using it. It sits beside `WorkbookPort` so that a host implements it
 * without knowing the screen (Excel: `hosts/excel/excelPaneHost`; tests: a memory host).
 *
 * @packageDocumentation
 */
import type { Bilingual } from '../core';
import type { WorkbookPort } from './WorkbookPort';

/** Office-specific services the pane needs beyond the port. */
export interface PaneHost {
  /** Opens the port for one job (Excel: a port over the open workbook). */
  openPort(): WorkbookPort;
  /** The active sheet's name, or null when unknown. */
  activeSheet(): Promise<string | null>;
  /** Selects a row of a sheet, so the user sees it. */
  selectRow(sheet: string, row: number): Promise<void>;
  /**
   * The sheet and first row of the user's selection (Excel: the active cell's), or null when there is
   * none; optional: without it the pane offers the row number and the channel search only.
   */
  selectedRow?(): Promise<{ readonly sheet: string; readonly row: number } | null>;
  /** Workbook settings (Excel: Office.context.document.settings). */
  readSetting(key: string): Promise<string | null>;
  writeSetting(key: string, value: string): Promise<void>;
  /** Who is using the pane, for stamps; empty when Office does not say. */
  userName(): string;
  /** Optional features this Excel lacks, each said as what the user loses (empty when none). */
  unsupported(): readonly Bilingual[];
}
