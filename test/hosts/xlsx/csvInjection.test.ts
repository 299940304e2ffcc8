/*
 * CSV output neutralises every formula-looking cell (issue 22 point 7): text led by = + - @, also
 * after a tab, carriage return or space, and text led by a tab or carriage return at all, gets an
 * apostrophe; numbers, negative premiums too, stay numbers. LibreOffice (a reader nobody here wrote)
 * opening the written CSV with formulas evaluated reads every such field as text.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { inertCsvText } from '../../../src/hosts/xlsx/csvEncoding';
import { csvField } from '../../../src/hosts/xlsx/CsvWorkbook';
import { writeRowsCsv } from '../../../src/cli/prepareWorkbookFile';
import { parseNumberText } from '../../../src/core';
import { systemToolAvailable } from '../../support/systemTool';
import { tempDir } from './tempFiles';

const isNumber = (t: string): boolean => parseNumberText(t) !== null;
const HOSTILE = [
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
  '\t\t+1+1',
  ' =1+1',
  '\u3000=1+1',
  '\n=1+1',
  '\t',
  '\r',
  '\tplain',
  '-2+3|cmd',
  '=HYPERLINK("http://x","y")',
];

describe('formula-looking text in CSV output', () => {
  it.each(HOSTILE)('writes %j with a leading apostrophe', (text) => {
    expect(inertCsvText(text, isNumber)).toBe(`'${text}`);
  });

  it('keeps plain text and text that is a number as they are', () => {
    for (const t of ['杭州分公司', '-5', '+1.5', '-12.5%', "'=1", 'a=b', '渠道-A'])
      expect([t, inertCsvText(t, isNumber)]).toEqual([t, t]);
  });

  it('keeps a number written as a number a number, negative ones too, and neutralises a formula cell with text result', () => {
    expect(csvField(-1_250_000.5)).toBe('-1250000.5');
    expect(csvField({ formula: 'A1', result: -3 })).toBe('-3');
    expect(csvField({ formula: 'A1', result: '=1+1' })).toBe("'=1+1");
    expect(csvField('\t=1+1')).toBe("'\t=1+1");
    expect(csvField('\r=1+1')).toBe('"\'\r=1+1"');
  });
});

const SOFFICE = '/usr/bin/soffice';
const PYTHON = '/usr/bin/python3';
const available =
  systemToolAvailable(SOFFICE, 'libreoffice-calc-nogui', 'the CSV injection test in LibreOffice') &&
  systemToolAvailable(PYTHON, 'python3-openpyxl', 'the CSV injection test in LibreOffice');

(available ? describe : describe.skip)('the written CSV in LibreOffice', () => {
  const tmp = tempDir('qd-csv-inject-');
  afterAll(() => tmp.cleanup());

  it('reads every hostile field as text, none as a formula, and the negative premium as a number', async () => {
    const csv = tmp.path('out.csv');
    await writeRowsCsv(csv, [['text', 'premium'], ...HOSTILE.map((t, i) => [t, -(i + 1) * 1000])]);
    expect(readFileSync(csv, 'utf8')).toContain('-1000');
    const outDir = tmp.path('lo');
    // Import filter options: comma, double quote, UTF-8, line 1, "evaluate formulas" on (token 12).
    execFileSync(
      SOFFICE,
      [
        `-env:UserInstallation=${pathToFileURL(tmp.path('profile')).href}`,
        '--headless',
        '--norestore',
        '--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,false,true',
        '--convert-to',
        'xlsx',
        '--outdir',
        outDir,
        csv,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    const script = `
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
print(json.dumps([[c.data_type, c.value] for c in ws['A']][1:] + [[c.data_type, c.value] for c in ws['B']][1:]))
`;
    const cells = JSON.parse(execFileSync(PYTHON, ['-c', script, `${outDir}/out.xlsx`], { encoding: 'utf8' })) as [
      string,
      unknown,
    ][];
    const texts = cells.slice(0, HOSTILE.length);
    const premiums = cells.slice(HOSTILE.length);
    expect(texts.filter(([type]) => type === 'f')).toEqual([]);
    expect(texts.every(([type, v]) => type === 's' && typeof v === 'string' && v.startsWith("'"))).toBe(true);
    expect(premiums.map(([type, v]) => [type, v])).toEqual(HOSTILE.map((_, i) => ['n', -(i + 1) * 1000]));
  }, 180_000);
});
