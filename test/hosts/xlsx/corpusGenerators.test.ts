/*
 * The corpus generators (scripts/corpus, Debian python3-xlsxwriter, python3-openpyxl and LibreOffice)
 * still make the workbooks committed in test/fixtures/corpus: the same parts, a pivot table where
 * there should be one, and the channel sheet in each. Skips with a notice where a package is absent;
 * fails instead under QD_REQUIRE_SYSTEM=1 (CI).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, SCRIPTS, generatorsAvailable, libreOfficeAvailable } from '../../support/corpus';
import { readZip, sheetPart } from '../../support/packageDiff';
import { tempDir } from './tempFiles';

const tmp = tempDir('qd-corpus-gen-');
afterAll(() => tmp.cleanup());

const canGenerate = generatorsAvailable();
const withLibreOffice = canGenerate && libreOfficeAvailable();

const GENERATED = [
  'xlsxwriter-features.xlsx',
  'openpyxl-features.xlsx',
  'xlsxwriter-pivot.xlsx',
  'openpyxl-iso-dates.xlsx',
  'xlsxwriter-far-cell.xlsx',
  'relocated-xlsxwriter-pivot.xlsx',
  'xlsxwriter-addin-names.xlsx',
  'office-extras.xlsx',
  ...(withLibreOffice ? ['libreoffice-calc.xlsx', 'libreoffice-resaved.xlsx', 'libreoffice-pivot.xlsx'] : []),
];

(canGenerate ? describe : describe.skip)('the corpus generators', () => {
  beforeAll(() => {
    execFileSync(
      '/usr/bin/python3',
      [join(SCRIPTS, 'make_corpus.py'), tmp.path('out'), ...(withLibreOffice ? [] : ['--no-libreoffice'])],
      { stdio: 'ignore', timeout: 120_000 },
    );
  }, 130_000);

  it.each(GENERATED)('make %s with the parts of the committed fixture and a channel sheet', (name) => {
    const made = readZip(readFileSync(tmp.path(`out/${name}`)));
    const committed = readZip(readFileSync(join(FIXTURES, name)));
    expect([...made.entries.keys()].sort()).toEqual([...committed.entries.keys()].sort());
    expect(sheetPart(made, '渠道')).toMatch(/worksheets\/sheet\d+\.xml$/);
  });

  it.each(GENERATED.filter((n) => n.includes('pivot')))('put a pivot table in %s', (name) => {
    const made = readZip(readFileSync(tmp.path(`out/${name}`)));
    expect([...made.entries.keys()].filter((p) => /(^|\/)pivotTables\/pivotTable\d+\.xml$/.test(p))).not.toEqual([]);
    expect(
      [...made.entries.keys()].filter((p) => /(^|\/)pivotCache\/pivotCacheDefinition\d+\.xml$/.test(p)),
    ).not.toEqual([]);
  });
});
