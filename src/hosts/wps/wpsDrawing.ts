/// <reference types="et-jsapi-declare" />
/**
 * The ET calls for what the port draws on a sheet beside its values: band colours as conditional
 * formats, the summary chart, the review drop-down and the print layout. Each takes the worksheet
 * and does one job; WpsWorkbook decides when (and whether the sheet is the add-in's).
 *
 * ET's enumerations exist only as types (`declare namespace Et`), not as objects at run time, so
 * their values are written here as the numbers ET documents, each named.
 *
 * @packageDocumentation
 */
import type { BandFill, ChartSpec, PrintLayout } from '../../grading';
import { blockAddress, comColour } from './etCells';

const XL_CELL_VALUE = 1 as Et.XlFormatConditionType;
const XL_EQUAL = 3;
const XL_COLUMN_CLUSTERED = 51 as Kso.XlChartType;
const XL_LINE = 4 as Kso.XlChartType;
const XL_COLUMNS = 2;
const XL_VALIDATE_LIST = 3 as Et.XlDVType;
const XL_VALID_ALERT_STOP = 1;
const XL_BETWEEN = 1;
const XL_PAPER_A4 = 9 as Et.XlPaperSize;
const XL_PORTRAIT = 1 as Et.XlPageOrientation;
const XL_LANDSCAPE = 2 as Et.XlPageOrientation;

/** Points per inch: `PrintLayout` margins are in inches, ET's page margins in points. */
const POINTS_PER_INCH = 72;

/** The rows a band column's rules cover: the whole column, so earlier rules over other rows go too. */
const SHEET_ROWS = 1_048_576;

/** A block of a worksheet by 1-based corners. */
export function block(ws: Et.Worksheet, r1: number, c1: number, r2: number, c2: number): Et.Range {
  return ws.Range(blockAddress(r1, c1, r2, c2));
}

/**
 * One "cell equals the text" rule per band on the rows, after the column's earlier rules (the
 * add-in's from an earlier run) are deleted: the rule count does not grow with the runs or rows.
 */
export function colourBandRules(
  ws: Et.Worksheet,
  column: number,
  firstRow: number,
  lastRow: number,
  fills: readonly BandFill[],
): void {
  block(ws, 1, column, SHEET_ROWS, column).FormatConditions.Delete();
  if (lastRow < firstRow) return;
  const conditions = block(ws, firstRow, column, lastRow, column).FormatConditions;
  for (const f of fills) {
    const rule = conditions.Add(XL_CELL_VALUE, XL_EQUAL, `="${f.text.replace(/"/g, '""')}"`) as Et.FormatCondition;
    rule.Interior.Color = comColour(f.fill);
    rule.Font.Color = comColour(f.font);
  }
}

/** A clustered column (or line) chart of the block, its top-left corner on the anchor cell, no legend. */
export function drawChart(ws: Et.Worksheet, chart: ChartSpec): void {
  const anchor = block(ws, chart.anchorRow, chart.anchorColumn, chart.anchorRow, chart.anchorColumn);
  const objects = ws.ChartObjects() as Et.ChartObjects;
  const made = objects.Add(anchor.Left, anchor.Top, 480, 288);
  const c = made.Chart;
  c.SetSourceData(block(ws, chart.firstRow, chart.firstColumn, chart.lastRow, chart.lastColumn), XL_COLUMNS);
  c.ChartType = chart.kind === 'line' ? XL_LINE : XL_COLUMN_CLUSTERED;
  c.HasTitle = true;
  c.ChartTitle.Text = chart.title;
  c.HasLegend = false;
}

/** A list rule with an in-cell drop-down, replacing the rows' earlier rule. */
export function listRule(
  ws: Et.Worksheet,
  column: number,
  firstRow: number,
  lastRow: number,
  values: readonly string[],
): void {
  const v = block(ws, firstRow, column, lastRow, column).Validation;
  v.Delete();
  v.Add(XL_VALIDATE_LIST, XL_VALID_ALERT_STOP, XL_BETWEEN, values.join(','));
  v.InCellDropdown = true;
}

/**
 * The page layout: A4, the orientation, the print area, the title rows, one page wide (any number
 * tall), the margins, the centre footer, and a manual break after each of `breaksAfter` (the
 * sheet's earlier manual breaks go first).
 */
export function layOutPage(ws: Et.Worksheet, layout: PrintLayout): void {
  const page = ws.PageSetup;
  page.PaperSize = XL_PAPER_A4;
  page.Orientation = layout.orientation === 'landscape' ? XL_LANDSCAPE : XL_PORTRAIT;
  const { area } = layout;
  page.PrintArea = blockAddress(area.firstRow, area.firstColumn, area.lastRow, area.lastColumn);
  page.PrintTitleRows = layout.titleRows ? `$${layout.titleRows.first}:$${layout.titleRows.last}` : '';
  if (layout.fitToWidth) {
    // Zoom must be off for the fit-to-pages settings to count; false pages tall is "as many as needed".
    page.Zoom = false;
    page.FitToPagesWide = 1;
    page.FitToPagesTall = false;
  }
  if (layout.margins) {
    page.TopMargin = layout.margins.top * POINTS_PER_INCH;
    page.BottomMargin = layout.margins.bottom * POINTS_PER_INCH;
    page.LeftMargin = layout.margins.left * POINTS_PER_INCH;
    page.RightMargin = layout.margins.right * POINTS_PER_INCH;
  }
  if (layout.footer !== undefined) page.CenterFooter = layout.footer;
  ws.ResetAllPageBreaks();
  // ET breaks before a range's top row: a break after row r sits on row r + 1.
  for (const r of layout.breaksAfter) ws.HPageBreaks.Add(block(ws, r + 1, area.firstColumn, r + 1, area.firstColumn));
}
