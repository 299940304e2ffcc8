/*
 * Issue 22, the differential XML fuzz (test/hosts/xlsx/fuzz/differential.ts): the corpus workbooks
 * and generated ones, their parts re-spelled in every way XML allows (seeded through fast-check), read
 * by qd-grade's reader and by openpyxl; every cell must read the same. About two thousand re-spelled
 * parts here; `npm run fuzz -- BOOKS SEED` runs as many as asked.
 */
import { openpyxlAvailable } from '../../support/corpus';
import { runDifferential } from './fuzz/differential';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-xml-fuzz-');
afterAll(() => tmp.cleanup());

const available = openpyxlAvailable();
const maybe = available ? it : it.skip;

maybe(
  'reads every re-spelled shared-string table, workbook, styles, relationships, content types and sheet as openpyxl does',
  async () => {
    const report = await runDifferential({
      dir: tmp.path('cases'),
      seed: 22,
      variants: 2,
      generatedBooks: 70,
      sheetsPerBook: 20,
    });
    process.stdout.write(
      `xml fuzz: ${report.cases} re-spelled parts in ${report.workbooks} workbooks; ${report.disagreements.length} disagreements; openpyxl could not read ${report.oracleFailures.length}\n`,
    );
    expect(report.cases).toBeGreaterThan(2000);
    expect(report.disagreements).toEqual([]);
  },
  240_000,
);
