/*
 * A channel workbook of any size without holding it in memory: the demo's seeded rows, written in
 * batches as one streamed sheet part (inline strings) with the package host's zip writer. For the
 * 1,000,000-row figure, where building the file through ExcelJS would need gigabytes.
 */
import { DEMO_HEADER, demoRows } from '../examples/makeDemoWorkbook';
import { cellXml } from '../src/hosts/xlsx/cellXml';
import { columnName } from '../src/hosts/xlsx/xmlText';
import { ZipWriter } from '../src/hosts/xlsx/zipPackage';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** Writes `rows` channel rows (after a header) to `file`. */
export async function writeBigWorkbook(file: string, rows: number): Promise<void> {
  const w = new ZipWriter(file);
  await w.addDeflated(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  );
  await w.addDeflated(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  await w.addDeflated(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="渠道数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  await w.addDeflated(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  const row = (r: number, values: readonly (string | number | null)[]): string =>
    `<row r="${r}">${values.map((v, j) => cellXml(`${columnName(j + 1)}${r}`, v, undefined, 0, false)).join('')}</row>`;
  await w.addStream('xl/worksheets/sheet1.xml', async (emit) => {
    await emit(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>${row(1, DEMO_HEADER)}`,
    );
    let r = 2;
    for (let batch = 0; r <= rows + 1; batch++) {
      const n = Math.min(10_000, rows + 2 - r);
      await emit(
        demoRows(n, 20261123 + batch)
          .slice(0, n)
          .map((values) => row(r++, values))
          .join(''),
      );
    }
    await emit('</sheetData></worksheet>');
  });
  await w.finish();
}
