// The head of a sheet with its <dimension> grown and the add-in's output columns' widths set.
import { columnName, columnOfRef } from './xmlText';

/** The head with `<dimension>` grown to cover rows and columns up to the given ones. */
export function headWithDimension(head: string, prefix: string, lastRow: number, lastColumn: number): string {
  if (lastRow === 0) return head;
  return head.replace(
    new RegExp(`(<${prefix}dimension\\b[^>]*\\bref=")([^"]*)(")`),
    (_, a: string, ref: string, b: string) => {
      const [first = 'A1', last = first] = ref.split(':');
      const m = /^([A-Z]+)(\d+)$/.exec(last);
      const oldColumn = m ? columnOfRef(m[1] as string) : 1;
      const oldRow = m ? Number(m[2]) : 1;
      return `${a}${first}:${columnName(Math.max(oldColumn, lastColumn))}${Math.max(oldRow, lastRow)}${b}`;
    },
  );
}

/** Width of the add-in's output columns, in characters (Chinese labels and percentages fit). */
export const OUTPUT_COLUMN_WIDTH = 14;

/**
 * The head with a width for the add-in's columns `first`..`last` that no `<col>` covers yet (the
 * user's column settings stay as they are; on a re-run the add-in's own are already there). A new
 * `<cols>` goes after `<sheetFormatPr>`, before `<sheetData>` (CT_Worksheet order).
 */
export function headWithColumns(head: string, prefix: string, first: number, last: number): string {
  if (!(first <= last)) return head;
  const covered: [number, number][] = [];
  for (const m of head.matchAll(new RegExp(`<${prefix}col\\b[^>]*>`, 'g'))) {
    const min = Number(/\smin="(\d+)"/.exec(m[0])?.[1] ?? '0');
    const max = Number(/\smax="(\d+)"/.exec(m[0])?.[1] ?? '0');
    covered.push([min, max]);
  }
  const ranges: [number, number][] = [];
  for (let c = first; c <= last; c++) {
    if (covered.some(([a, b]) => c >= a && c <= b)) continue;
    const lastRange = ranges[ranges.length - 1];
    if (lastRange && lastRange[1] === c - 1) lastRange[1] = c;
    else ranges.push([c, c]);
  }
  if (ranges.length === 0) return head;
  const col = ([a, b]: [number, number]): string =>
    `<${prefix}col min="${a}" max="${b}" width="${OUTPUT_COLUMN_WIDTH}" customWidth="1"/>`;
  const close = `</${prefix}cols>`;
  const at = head.lastIndexOf(close);
  if (at >= 0) {
    // Each new range goes before the first existing <col> that starts after it, keeping them in order.
    let out = head;
    for (const r of ranges.reverse()) {
      const colsStart = out.search(new RegExp(`<${prefix}cols[\\s>]`));
      let insertAt = out.lastIndexOf(close);
      for (const m of out.slice(colsStart).matchAll(new RegExp(`<${prefix}col\\b[^>]*>`, 'g'))) {
        const min = Number(/\smin="(\d+)"/.exec(m[0])?.[1] ?? '0');
        if (min > r[1]) {
          insertAt = colsStart + (m.index ?? 0);
          break;
        }
      }
      out = out.slice(0, insertAt) + col(r) + out.slice(insertAt);
    }
    return out;
  }
  return `${head}<${prefix}cols>${ranges.map(col).join('')}${close}`;
}
