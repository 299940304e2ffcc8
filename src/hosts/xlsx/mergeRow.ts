// A row's text with the add-in's cells merged in, in column order.
import { cellSpans, isPlainRow } from './sheetXml';
import { columnName } from './xmlText';

/** A row's text with the changes applied (cells in column order; null removes a cell). */
export function mergeRow(
  rowText: string,
  row: number,
  changes: ReadonlyMap<number, unknown>,
  cellFor: (row: number, column: number) => string,
  prefix: string,
  namespaces?: ReadonlyMap<string, string>,
): string {
  const gt = rowText.indexOf('>');
  const selfClosing = rowText.charCodeAt(gt - 1) === 47;
  const spans = selfClosing ? [] : cellSpans(rowText, prefix, isPlainRow(rowText) ? undefined : namespaces);
  const columns = [...changes.keys()].sort((a, b) => a - b);
  let cells = '';
  let i = 0;
  let min = Infinity;
  let max = 0;
  // The column of the cell written last: a cell without `r` is the one after it.
  let last = 0;
  const note = (c: number): void => {
    min = Math.min(min, c);
    max = Math.max(max, c);
    last = c;
  };
  const open = `<${prefix}c`;
  for (const span of spans) {
    while (i < columns.length && (columns[i] as number) < span.column) {
      const c = columns[i++] as number;
      const x = cellFor(row, c);
      if (x) {
        cells += x;
        note(c);
      }
    }
    if (i < columns.length && columns[i] === span.column) {
      const x = cellFor(row, span.column);
      i++;
      if (x) {
        cells += x;
        note(span.column);
      }
      continue;
    }
    const cell = rowText.slice(span.start, span.end);
    // An input cell without `r` takes its column from the cell before it: when a cell was put in or
    // taken out before it, it gets its reference written, so it stays in its column.
    const tag = cell.slice(0, cell.indexOf('>'));
    if (span.column !== last + 1 && !tag.includes(' r="') && !/\sr\s*=/.test(tag))
      cells += `${open} r="${columnName(span.column)}${row}"${cell.slice(open.length)}`;
    else cells += cell;
    note(span.column);
  }
  while (i < columns.length) {
    const c = columns[i++] as number;
    const x = cellFor(row, c);
    if (x) {
      cells += x;
      note(c);
    }
  }
  let rowOpen = selfClosing ? `${rowText.slice(0, gt - 1).trimEnd()}>` : rowText.slice(0, gt + 1);
  if (rowOpen.includes(' spans="'))
    rowOpen = rowOpen.replace(/\sspans="[^"]*"/, max > 0 ? ` spans="${min}:${max}"` : '');
  const lastEnd = spans.length > 0 ? (spans[spans.length - 1] as { end: number }).end : gt + 1;
  const rest = selfClosing ? '' : rowText.slice(lastEnd, rowText.lastIndexOf(`</${prefix}row`));
  return `${rowOpen}${cells}${rest}</${prefix}row>`;
}
