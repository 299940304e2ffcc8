/*
 * The corpus of workbooks other programs wrote (test/fixtures/corpus, see its README) and the
 * independent checks the corpus tests make on qd-grade's output: openpyxl's reading of every cell
 * (scripts/corpus/cell_dump.py) and LibreOffice's (soffice --convert-to csv, every sheet).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { systemToolAvailable } from './systemTool';

/** Where the corpus and its generators are. */
export const FIXTURES = join(__dirname, '..', 'fixtures', 'corpus');
export const SCRIPTS = join(__dirname, '..', '..', 'scripts', 'corpus');

/** The sheet every corpus workbook carries for grading (scripts/corpus/channel_sheet.py). */
export const CHANNEL_SHEET = '渠道';

/** A corpus workbook: who wrote it, and what in it the tests name. */
export interface CorpusWorkbook {
  readonly file: string;
  readonly producer: string;
  /** What the user would miss if it were lost, for test names and part checks: part-name pattern → words. */
  readonly keeps: readonly { readonly parts: RegExp; readonly what: string }[];
}

const KEEPS: Record<string, CorpusWorkbook['keeps']> = {
  'excel-Book1.xlsx': [
    { parts: /^xl\/charts\/chart\d+\.xml$/, what: 'the two charts Excel saved' },
    { parts: /^xl\/media\//, what: 'the picture' },
    { parts: /^xl\/comments\d+\.xml$/, what: 'the comments' },
    { parts: /^xl\/tables\//, what: 'the table' },
  ],
  'excel-CalcChain.xlsx': [{ parts: /^xl\/calcChain\.xml$/, what: 'the calculation chain' }],
  'excel-SharedStrings.xlsx': [{ parts: /^xl\/worksheets\/sheet1\.xml$/, what: 'the sheet of shared strings' }],
  'excel-OverflowNumericCell.xlsx': [
    { parts: /^xl\/worksheets\/sheet1\.xml$/, what: 'the number beyond 15 digits of precision' },
  ],
  'excel-MergeCell.xlsx': [{ parts: /^xl\/worksheets\/sheet1\.xml$/, what: 'the merged cells' }],
  'xlsxwriter-features.xlsx': [
    { parts: /^xl\/charts\//, what: 'the column and line charts' },
    { parts: /^xl\/media\//, what: 'the picture' },
    { parts: /^xl\/comments\d+\.xml$/, what: 'the comments, one on an empty cell' },
    { parts: /^xl\/tables\//, what: 'the table' },
    {
      parts: /^xl\/worksheets\/sheet1\.xml$/,
      what: 'validations, conditional formats, hyperlinks, print settings and protection',
    },
    { parts: /^docProps\/core\.xml$/, what: 'the document properties' },
  ],
  'xlsxwriter-pivot.xlsx': [{ parts: /^xl\/pivot(Tables|Cache)\//, what: 'the pivot table on another sheet' }],
  'openpyxl-features.xlsx': [
    { parts: /^xl\/media\//, what: 'the picture openpyxl wrote' },
    { parts: /^xl\/comments\//, what: 'the comments' },
    { parts: /^xl\/tables\//, what: 'the table' },
  ],
  'libreoffice-calc.xlsx': [
    { parts: /^xl\/tables\//, what: 'the table LibreOffice wrote' },
    { parts: /^xl\/comments\d+\.xml$/, what: 'the comment' },
  ],
  'libreoffice-resaved.xlsx': [
    { parts: /^xl\/charts\//, what: 'the charts LibreOffice saved' },
    { parts: /^xl\/media\//, what: 'the picture' },
  ],
  'relocated-xlsxwriter-pivot.xlsx': [
    {
      parts: /^workbook\/pivot(Tables|Cache)\//,
      what: 'the pivot table of a workbook kept in a folder other than xl/',
    },
  ],
  'openpyxl-iso-dates.xlsx': [
    { parts: /^xl\/worksheets\/sheet2\.xml$/, what: 'the dates openpyxl saved as ISO date cells' },
  ],
  'office-extras.xlsx': [
    { parts: /^xl\/(threadedComments|persons)\//, what: 'the threaded comments and their people' },
    {
      parts: /^xl\/(cellimages\.xml|_rels\/cellimages\.xml\.rels|media\/cellimage1\.png)$/,
      what: 'the WPS cell image',
    },
    { parts: /^xl\/worksheets\/sheet3\.xml$/, what: 'the cell that shows the WPS cell image' },
    {
      parts: /^xl\/(printerSettings\/printerSettings1\.bin|worksheets\/_rels\/sheet1\.xml\.rels)$/,
      what: 'the printer settings of the graded sheet',
    },
  ],
  'libreoffice-pivot.xlsx': [{ parts: /^xl\/pivot(Tables|Cache)\//, what: 'the pivot table LibreOffice saved' }],
};

/** The gradable corpus workbooks (the encrypted, malformed and add-in-names ones are tested apart). */
export function corpusWorkbooks(): CorpusWorkbook[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.xlsx') && !/encrypted|malformed|addin-names/.test(f))
    .sort()
    .map((f) => ({
      file: join(FIXTURES, f),
      producer: f.startsWith('office-')
        ? 'XlsxWriter with Excel and WPS parts'
        : f.startsWith('relocated-')
          ? 'XlsxWriter, relocated'
          : f.startsWith('excel-')
            ? 'Excel'
            : f.startsWith('libreoffice-')
              ? 'LibreOffice'
              : f.startsWith('openpyxl-')
                ? 'openpyxl'
                : 'XlsxWriter',
      keeps: KEEPS[f] ?? [],
    }));
}

const PYTHON = '/usr/bin/python3';
const OPENPYXL = '/usr/lib/python3/dist-packages/openpyxl';
const SOFFICE = '/usr/bin/soffice';

/** Whether the openpyxl oracle can run (prints a notice, or throws under QD_REQUIRE_SYSTEM=1). */
export function openpyxlAvailable(): boolean {
  return (
    systemToolAvailable(PYTHON, 'python3', 'the openpyxl cell oracle') &&
    systemToolAvailable(OPENPYXL, 'python3-openpyxl', 'the openpyxl cell oracle')
  );
}

/** Whether LibreOffice can run (prints a notice, or throws under QD_REQUIRE_SYSTEM=1). */
export function libreOfficeAvailable(): boolean {
  return systemToolAvailable(SOFFICE, 'libreoffice-calc', 'opening the output in LibreOffice');
}

/** One cell as openpyxl reads it: value (a formula as "=..."), data type, raw style index, cached result. */
export type OracleCell = readonly [unknown, string, number, unknown];

/** Every cell of every sheet of a file, or the error openpyxl gave. */
export type OracleBook = Record<string, Record<string, OracleCell>> | { readonly error: string };

/** Reads files with the openpyxl oracle, all in one Python process. */
export function cellDump(files: readonly string[]): Record<string, OracleBook> {
  const out = execFileSync(PYTHON, [join(SCRIPTS, 'cell_dump.py'), ...files], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
  });
  return JSON.parse(out) as Record<string, OracleBook>;
}

/**
 * Has LibreOffice headless open each file and save every sheet as CSV (UTF-8), in one run; returns
 * file → sheet → CSV text. A file LibreOffice could not open has no entry.
 */
export function libreOfficeSheets(files: readonly string[], outDir: string): Map<string, Map<string, string>> {
  mkdirSync(outDir, { recursive: true });
  const profile = join(outDir, 'lo-profile');
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${profile}`,
      '--headless',
      '--norestore',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
      '--outdir',
      outDir,
      ...files,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  const result = new Map<string, Map<string, string>>();
  const written = readdirSync(outDir).filter((f) => f.endsWith('.csv'));
  for (const file of files) {
    const stem = basename(file, '.xlsx');
    const sheets = new Map<string, string>();
    for (const csv of written)
      if (csv.startsWith(`${stem}-`))
        sheets.set(csv.slice(stem.length + 1, -4), readFileSync(join(outDir, csv), 'utf8'));
    if (sheets.size > 0) result.set(file, sheets);
  }
  return result;
}

/** Whether the generators' Debian packages are present (XlsxWriter and openpyxl). */
export function generatorsAvailable(): boolean {
  return (
    openpyxlAvailable() &&
    systemToolAvailable('/usr/lib/python3/dist-packages/xlsxwriter', 'python3-xlsxwriter', 'the corpus generators')
  );
}

/** Whether a path exists (re-exported for tests that check fixtures). */
export const exists = existsSync;
