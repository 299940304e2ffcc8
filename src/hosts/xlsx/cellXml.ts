/**
 * The XML of the cells and sheets the add-in writes (ECMA-376 §18.3.1.4 `c`, §18.3.1.99 CT_Worksheet).
 * New text is an inline string (`t="inlineStr"`), so the shared-string table is left as it was; text
 * that looks like a formula is text, never a formula; a formula carries its cached result.
 *
 * @packageDocumentation
 */
import type { CellWrite, ChartSpec, PrintLayout } from '../../grading';
import { serialOfDate } from './sheetXml';
import { columnName, escapeCellText, escapeXml } from './xmlText';
import type { Namespaces } from './namespaces';

/** A number as the sheet stores it (xsd:double; non-finite numbers cannot be stored). */
function numberText(n: number): string {
  return String(n);
}

// The output block repeats a few dozen texts (bands, classes, outcomes, OK) in every row: each is
// escaped once. Bounded, so a sheet of distinct texts cannot grow it without end.
const INLINE_STRINGS = new Map<string, string>();
const INLINE_STRINGS_LIMIT = 10_000;

/** A string cell's type and content, from ` t="inlineStr"` to `</c>` (the text escaped once per run). */
export function inlineString(value: string, prefix: string): string {
  const key = prefix === '' ? value : `${prefix}\u0000${value}`;
  let xml = INLINE_STRINGS.get(key);
  if (xml === undefined) {
    const space = /^\s|\s$|\n/.test(value) ? ' xml:space="preserve"' : '';
    xml = `t="inlineStr"><${prefix}is><${prefix}t${space}>${escapeCellText(value)}</${prefix}t></${prefix}is></${prefix}c>`;
    if (INLINE_STRINGS.size >= INLINE_STRINGS_LIMIT) INLINE_STRINGS.clear();
    INLINE_STRINGS.set(key, xml);
  }
  return xml;
}

/**
 * One cell's XML, or '' for a blank. `style` is the cellXfs index to use (undefined: none);
 * `dateStyle` the one for a Date without a number format of its own.
 */
export function cellXml(
  ref: string,
  value: CellWrite,
  style: number | undefined,
  dateStyle: number,
  date1904: boolean,
  prefix = '',
): string {
  if (value === null || value === undefined) return '';
  const c = `${prefix}c`;
  const s = style === undefined ? '' : ` s="${style}"`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `<${c} r="${ref}"${s} t="e"><${prefix}v>#NUM!</${prefix}v></${c}>`;
    return `<${c} r="${ref}"${s}><${prefix}v>${numberText(value)}</${prefix}v></${c}>`;
  }
  if (typeof value === 'string') {
    if (value === '') return '';
    return `<${c} r="${ref}"${s} ${inlineString(value, prefix)}`;
  }
  if (typeof value === 'boolean') return `<${c} r="${ref}"${s} t="b"><${prefix}v>${value ? 1 : 0}</${prefix}v></${c}>`;
  if (value instanceof Date) {
    const ds = ` s="${style ?? dateStyle}"`;
    return `<${c} r="${ref}"${ds}><${prefix}v>${numberText(serialOfDate(value, date1904))}</${prefix}v></${c}>`;
  }
  const f = `<${prefix}f>${escapeXml(value.formula.replace(/^=/, ''))}</${prefix}f>`;
  if (typeof value.result === 'number')
    return `<${c} r="${ref}"${s}>${f}<${prefix}v>${numberText(value.result)}</${prefix}v></${c}>`;
  return `<${c} r="${ref}"${s} t="str">${f}<${prefix}v>${escapeCellText(value.result)}</${prefix}v></${c}>`;
}

/** Where a number format applies on a sheet the add-in writes: a column's rows, and the style index. */
export interface ColumnStyle {
  readonly column: number;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly style: number;
}

/** The style of a cell from the formats set on its column, if any (the last one set wins). */
export function styleAt(styles: readonly ColumnStyle[], row: number, column: number): number | undefined {
  for (let i = styles.length - 1; i >= 0; i--) {
    const f = styles[i] as ColumnStyle;
    if (f.column === column && row >= f.firstRow && row <= f.lastRow) return f.style;
  }
  return undefined;
}

export { STRICT, TRANSITIONAL, type Namespaces } from './namespaces';

/** A sheet the add-in owns, as it writes it. */
export interface OwnSheetContent {
  readonly rows: readonly (readonly CellWrite[])[];
  readonly widths: readonly number[];
  readonly styles: readonly ColumnStyle[];
  /** The relationship id of the sheet's drawing, when it has charts. */
  readonly drawingRelId: string | undefined;
  /** How the sheet prints, when the workflow laid it out for A4. */
  readonly print?: PrintLayout | undefined;
}

/** Excel's "normal" margins, in inches. */
const NORMAL_MARGINS = { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75 };

/**
 * The print elements of a sheet, in CT_Worksheet order (ECMA-376 Part 1 §18.3.1.99: printOptions
 * §18.3.1.70, pageMargins §18.3.1.62, pageSetup §18.3.1.63, headerFooter §18.3.1.46, rowBreaks
 * §18.3.1.73). Paper 9 is A4 (§18.3.1.63 paperSize); fitting to one page wide leaves the height free
 * (fitToHeight 0), which `sheetPr/pageSetUpPr@fitToPage` switches on. A break's `id` is the 1-based
 * row after which the page ends (the 0-based id of the row a new page starts on).
 */
export function printXml(print: PrintLayout | undefined): { sheetPr: string; elements: string } {
  const m = { ...NORMAL_MARGINS, ...(print?.margins ?? {}) };
  const margins = `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="0.3" footer="0.3"/>`;
  if (!print) return { sheetPr: '', elements: margins };
  const fit = print.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : '';
  const footer =
    print.footer !== undefined && print.footer !== ''
      ? `<headerFooter><oddFooter>${escapeXml(`&C${print.footer}`)}</oddFooter></headerFooter>`
      : '';
  const breaks = [...new Set(print.breaksAfter)].filter((r) => r > 0).sort((a, b) => a - b);
  const rowBreaks =
    breaks.length > 0
      ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks
          .map((r) => `<brk id="${r}" max="16383" man="1"/>`)
          .join('')}</rowBreaks>`
      : '';
  return {
    sheetPr: print.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '',
    elements:
      `<printOptions horizontalCentered="1"/>${margins}` +
      `<pageSetup paperSize="9" orientation="${print.orientation}"${fit}/>${footer}${rowBreaks}`,
  };
}

/**
 * A whole worksheet part for a sheet the add-in owns, its elements in CT_Worksheet order
 * (ECMA-376 Part 1 §18.3.1.99: sheetPr, dimension, sheetViews, sheetFormatPr, cols, sheetData,
 * printOptions, pageMargins, pageSetup, headerFooter, rowBreaks, drawing).
 */
export function ownSheetXml(content: OwnSheetContent, ns: Namespaces, dateStyle: number, date1904: boolean): string {
  let lastRow = 0;
  let lastColumn = 0;
  const rows: string[] = [];
  content.rows.forEach((values, i) => {
    const r = i + 1;
    let cells = '';
    values.forEach((v, j) => {
      const x = cellXml(`${columnName(j + 1)}${r}`, v, styleAt(content.styles, r, j + 1), dateStyle, date1904);
      if (x) {
        cells += x;
        lastColumn = Math.max(lastColumn, j + 1);
      }
    });
    if (cells) {
      rows.push(`<row r="${r}">${cells}</row>`);
      lastRow = r;
    }
  });
  const dimension = lastRow > 0 ? `A1:${columnName(Math.max(1, lastColumn))}${lastRow}` : 'A1';
  const cols =
    content.widths.length > 0
      ? `<cols>${content.widths
          .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
          .join('')}</cols>`
      : '';
  const drawing = content.drawingRelId ? `<drawing r:id="${content.drawingRelId}"/>` : '';
  const print = printXml(content.print);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${ns.main}" xmlns:r="${ns.rel}">${print.sheetPr}` +
    `<dimension ref="${dimension}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${rows.join('')}</sheetData>` +
    `${print.elements}${drawing}</worksheet>`
  );
}

/** The range text of a chart's series (`'Sheet'!$B$3:$B$7`). */
export function chartRange(sheet: string, column: number, firstRow: number, lastRow: number): string {
  const c = columnName(column);
  return `'${sheet.replace(/'/g, "''")}'!$${c}$${firstRow}:$${c}$${lastRow}`;
}

/** The part of a chart spec the drawing needs. */
export type ChartPlacement = Pick<ChartSpec, 'anchorRow' | 'anchorColumn'>;
