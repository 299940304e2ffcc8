import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { CellWrite } from '../../../src/grading';

/** A temporary folder removed after the suite. */
export function tempDir(prefix: string): { path: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes sheets of values to an .xlsx file with ExcelJS. */
export async function writeXlsx(file: string, sheets: Record<string, CellWrite[][]>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    rows.forEach((r, i) =>
      r.forEach((v, j) => {
        if (v !== null && v !== undefined)
          ws.getCell(i + 1, j + 1).value =
            typeof v === 'object' && !(v instanceof Date) ? { formula: v.formula, result: v.result } : v;
      }),
    );
  }
  await wb.xlsx.writeFile(file);
}
