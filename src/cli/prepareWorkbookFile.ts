/**
 * The prepared workbook as a file: a minimal .xlsx package (SpreadsheetML, inline strings) holding
 * the prepared channel sheet and the notes, written once and then graded by the ordinary .xlsx host,
 * or the prepared rows as a UTF-8 CSV with a BOM. Formula-like text stays text: an inline string is
 * never a formula, and the CSV writer of the CSV host makes it inert.
 *
 * @packageDocumentation
 */
import { writeFile } from 'node:fs/promises';
import type { CellWrite, NumberFormat } from '../grading';
import { WorkbookIoError } from '../grading';
import { csvField } from '../hosts/xlsx/CsvWorkbook';
import { columnName, escapeCellText, escapeXml } from '../hosts/xlsx/xmlText';
import { writeAtomically } from '../hosts/xlsx/atomicFile';
import { ZipWriter } from '../hosts/xlsx/zipPackage';

/** One sheet to write: its name, rows from A1, and number formats of columns below the header row. */
export interface SheetRows {
  readonly name: string;
  readonly rows: readonly (readonly CellWrite[])[];
  /** 1-based column → format, for every row after the first. */
  readonly formats?: ReadonlyMap<number, NumberFormat>;
}

// Built-in number formats (ECMA-376 §18.8.30): 0.00% is 10, #,##0.00 is 4, 0 is 1, @ is 49.
const STYLE_INDEX: Readonly<Record<NumberFormat, number>> = { percent: 1, amount: 2, integer: 3, text: 4 };
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

function cell(ref: string, v: CellWrite, style: number | undefined): string {
  if (v === null || v === undefined || v === '') return '';
  const s = style === undefined ? '' : ` s="${style}"`;
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : '';
  if (typeof v === 'boolean') return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  const text = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'object' ? String(v.result) : String(v);
  return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeCellText(text)}</t></is></c>`;
}

/** Writes `sheets` as a new .xlsx package at `path` (which must not exist yet). */
export async function writeRowsXlsx(path: string, sheets: readonly SheetRows[]): Promise<void> {
  const zip = new ZipWriter(path);
  const overrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  await zip.addDeflated(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${overrides}</Types>`,
  );
  await zip.addDeflated(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  await zip.addDeflated(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheets
      .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets></workbook>`,
  );
  await zip.addDeflated(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}">${sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  await zip.addDeflated('xl/styles.xml', STYLES);
  for (const [i, sheet] of sheets.entries()) {
    await zip.addStream(`xl/worksheets/sheet${i + 1}.xml`, async (emit) => {
      await emit(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>`);
      let batch = '';
      for (const [r, values] of sheet.rows.entries()) {
        const format = (j: number): number | undefined => {
          const f = r === 0 ? undefined : sheet.formats?.get(j + 1);
          return f === undefined ? undefined : STYLE_INDEX[f];
        };
        const cells = values.map((v, j) => cell(`${columnName(j + 1)}${r + 1}`, v, format(j))).join('');
        if (cells !== '') batch += `<row r="${r + 1}">${cells}</row>`;
        if (batch.length > 1 << 16) {
          await emit(batch);
          batch = '';
        }
      }
      await emit(`${batch}</sheetData></worksheet>`);
    });
  }
  await zip.finish();
}

/** Writes rows as a UTF-8 CSV with a BOM (CONTRACT.md §5), formula-like text made inert; atomically. */
export async function writeRowsCsv(path: string, rows: readonly (readonly CellWrite[])[]): Promise<void> {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const lines = rows.map((r) => Array.from({ length: width }, (_, j) => csvField(r[j] ?? null)).join(','));
  try {
    await writeAtomically(path, (temporary) => writeFile(temporary, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'));
  } catch (e) {
    throw WorkbookIoError.writing(path, e);
  }
}
