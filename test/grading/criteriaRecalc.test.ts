/*
 * Criteria escaping checked by recalculation (issue 22 point 6): qd-grade grades a workbook whose
 * 分公司 and 三级机构 texts hold `* ? ~ = < >`, quotes, leading spaces, case twins, numbers and a
 * 300-character name; LibreOffice headless (a reader nobody here wrote) loads the graded file with
 * recalculation on load (OOXMLRecalcMode 0 in a throwaway profile) and saves it again; openpyxl reads
 * every formula cell's cached value from both files. Every recalculated value equals the one
 * qd-grade cached.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { main } from '../../src/cli/qdGrade';
import { COLOURS, COLOUR_LABELS, DEFAULT_RULES, labelOfIndex } from '../../src/core';
import { caseClashes, caseFold, countIf, sumIf, type Condition } from '../../src/grading/criteria';
import type { CellWrite } from '../../src/grading/WorkbookPort';
import { systemToolAvailable } from '../support/systemTool';
import { tempDir, writeXlsx } from '../hosts/xlsx/tempFiles';

const SOFFICE = '/usr/bin/soffice';
const PYTHON = '/usr/bin/python3';
const available =
  systemToolAvailable(SOFFICE, 'libreoffice-calc-nogui', 'the criteria recalculation test') &&
  systemToolAvailable(PYTHON, 'python3-openpyxl', 'the criteria recalculation test');
const tmp = tempDir('qd-criteria-');
afterAll(() => tmp.cleanup());

function throwawayProfile(): string {
  const dir = tmp.path('profile');
  mkdirSync(`${dir}/user`, { recursive: true });
  writeFileSync(
    `${dir}/user/registrymodifications.xcu`,
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return pathToFileURL(dir).href;
}

/** Every formula cell of every sheet: its formula and the value cached with it, as openpyxl reads them. */
const READ_FORMULAS = `
import json, sys, openpyxl
f = openpyxl.load_workbook(sys.argv[1], data_only=False)
v = openpyxl.load_workbook(sys.argv[1], data_only=True)
out = {}
for ws in f.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == 'f':
                out[ws.title + '!' + c.coordinate] = [str(c.value), v[ws.title][c.coordinate].value]
print(json.dumps(out, ensure_ascii=False))
`;

function formulaCells(file: string): Record<string, [string, unknown]> {
  return JSON.parse(execFileSync(PYTHON, ['-c', READ_FORMULAS, file], { encoding: 'utf8' })) as Record<
    string,
    [string, unknown]
  >;
}

const HEADER = [
  '渠道代码',
  '分公司',
  '三级机构',
  '服务区域代码',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
];
const LONG = `长${'名'.repeat(299)}`;
/** Branch texts a criterion would misread, each beside the text it would wrongly count. */
const KEYS: [string | number, string | number][] = [
  ['杭州*', '杭州分公司'],
  ['杭?', '杭州'],
  ['杭~州', '杭~~州'],
  ['=杭州', '杭州'],
  ['<未分配>', '未分配'],
  ['>宁波', '温州'],
  ['<>', '宁波'],
  [' 温州', '温州'],
  ['Ningbo', 'NINGBO'],
  ['ａｂｃ', 'abc'],
  ['第1营业部', '1'],
  [3301, '3301'],
  ['TRUE', '#N/A'],
  ['引号"分公司', '1/2'],
  [LONG, `${LONG}*`],
  ['  ', '~'],
];

/** Review actions (检视措施) per colour band, as a user's rules may word them: each a criterion would misread. */
const REVIEW = (
  [
    ['deepBlue', 'KEEP'],
    ['blue', 'keep'],
    ['yellow', ' 常规?'],
    ['lightRed', '=整改<>'],
    ['deepRed', '*清理~*'],
  ] as const
).map(([colour, text]) => ({
  colours: colour === 'deepRed' ? '*' : [colour],
  scales: '*',
  depths: '*',
  outcome: { zh: text, en: text },
  basis: 'default',
}));

/** Pieces of names a criterion would misread: wildcards, operators, numbers, dates, booleans, errors, case and width. */
const PIECES = ['*', '?', '~', '=', '<', '>', '"', "'", '#', '1', '0', '.', '/', '-', '%', 'e', 'a', 'A', 'ａ'];
const MORE = ['杭', '州', '年', '月', ' ', '\u3000', 'TRUE', 'N/A', '$', '(', '+', '@', ',', ':', '<>'];

/**
 * Seeded random names over those pieces, in a sheet of 400 rows, and for every name a count, a
 * count with a colour band, and a sum with it, as the criteria module writes them, each cached with
 * the value counted here exactly.
 */
function fuzzWorkbook(): { data: CellWrite[][]; checks: CellWrite[][]; cells: number } {
  const names = fc.sample(
    fc.array(fc.constantFrom(...PIECES, ...MORE), { minLength: 1, maxLength: 5 }).map((p) => p.join('')),
    { seed: 22, numRuns: 120 },
  );
  const pool = [...new Set(names)];
  const labels = Array.from({ length: 45 }, (_, i) => labelOfIndex(i + 1, 'zh'));
  const rows = Array.from({ length: 400 }, (_, i) => ({
    key: pool[(i * 7919) % pool.length] ?? '',
    label: labels[(i * 31) % 45] ?? '',
    amount: ((i * 104_729) % 1000) * 1000 + 0.25,
  }));
  const data: CellWrite[][] = [['名称', '分类', '保费'], ...rows.map((r) => [r.key, r.label, r.amount])];
  const clashes = caseClashes(pool);
  const range = (c: string): string => `'数据'!$${c}$2:$${c}$${rows.length + 1}`;
  const checks: CellWrite[][] = [];
  let cells = 0;
  for (const key of pool) {
    const k: Condition = { range: range('A'), exact: [key], caseClash: clashes.has(caseFold(key)) };
    const colour = COLOUR_LABELS[COLOURS[key.length % COLOURS.length] ?? 'deepRed'].zh;
    const band: Condition = { range: range('B'), like: [`${colour}-`, ''] };
    const mine = rows.filter((r) => r.key === key);
    const inBand = mine.filter((r) => r.label.startsWith(`${colour}-`));
    const cell = (formula: string | null, result: number): CellWrite => {
      if (formula === null) throw new Error(`no formula for ${key}`);
      cells++;
      return { formula, result };
    };
    checks.push([
      key,
      cell(countIf([k]), mine.length),
      cell(countIf([k, band]), inBand.length),
      cell(
        sumIf(range('C'), [k, band]),
        inBand.reduce((a, r) => a + r.amount, 0),
      ),
    ]);
  }
  return { data, checks, cells };
}

(available ? describe : describe.skip)('criteria after recalculation in LibreOffice', () => {
  let before: Record<string, [string, unknown]>;
  let after: Record<string, [string, unknown]>;
  let fuzzBefore: Record<string, [string, unknown]>;
  let fuzzAfter: Record<string, [string, unknown]>;
  let fuzzCells = 0;

  beforeAll(async () => {
    const rows: (string | number | null)[][] = [HEADER];
    let n = 0;
    KEYS.forEach(([a, b], k) =>
      [a, b, a].forEach((key, j) => {
        n++;
        // Costs and premiums spread the channels over several bands and scales.
        rows.push([
          `C${n}`,
          key,
          typeof key === 'string' ? `${key}-${j}` : key,
          '3301',
          0.4 + (n % 7) * 0.1,
          0.1,
          0.1,
          200_000 * (1 + ((k * 7 + j) % 9)) ** 2,
          365,
          10_000_000,
        ]);
      }),
    );
    const input = tmp.path('hostile.xlsx');
    await writeXlsx(input, { 渠道: rows });
    const graded = tmp.path('hostile.graded.xlsx');
    const rules = tmp.path('rules.json');
    writeFileSync(rules, JSON.stringify({ ...DEFAULT_RULES, review: REVIEW }));
    let said = '';
    const status = await main([input, '-o', graded, '--rules', rules, '--quiet'], {
      stdout: () => undefined,
      stderr: (s) => {
        said += s;
      },
      isTerminal: false,
    });
    expect({ status, said }).toEqual({ status: 0, said: '' });
    const fuzz = fuzzWorkbook();
    fuzzCells = fuzz.cells;
    const fuzzFile = tmp.path('fuzz.xlsx');
    await writeXlsx(fuzzFile, { 数据: fuzz.data, 计: fuzz.checks });
    const outDir = tmp.path('lo-out');
    execFileSync(
      SOFFICE,
      [
        `-env:UserInstallation=${throwawayProfile()}`,
        '--headless',
        '--norestore',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        outDir,
        graded,
        fuzzFile,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    before = formulaCells(graded);
    after = formulaCells(`${outDir}/hostile.graded.xlsx`);
    fuzzBefore = formulaCells(fuzzFile);
    fuzzAfter = formulaCells(`${outDir}/fuzz.xlsx`);
  }, 240_000);

  it('writes the roll-ups as formulas, literal criteria where they match exactly and EXACT where they cannot', () => {
    const formulas = Object.values(before).map(([f]) => f);
    expect(formulas.length).toBeGreaterThan(500);
    expect(formulas.some((f) => f.includes('"=杭州~*"'))).toBe(true);
    expect(formulas.some((f) => f.includes('"=<未分配>"'))).toBe(true);
    expect(formulas.some((f) => f.includes('EXACT(') && f.includes('" 温州"'))).toBe(true);
    expect(formulas.some((f) => f.includes('EXACT(') && f.includes('"Ningbo"'))).toBe(true);
    expect(formulas.some((f) => f.includes('"=~*清理~~~*"'))).toBe(true);
    expect(formulas.some((f) => f.includes('EXACT(') && f.includes('"KEEP"'))).toBe(true);
  });

  it('gives every formula cell the value qd-grade cached once LibreOffice recalculates', () => {
    expect(differing(before, after)).toEqual([]);
    expect(Object.keys(after)).toEqual(expect.arrayContaining(Object.keys(before)));
  });

  it('counts and sums seeded random names of wildcards, operators, digits, case and width twins exactly', () => {
    expect(Object.keys(fuzzBefore)).toHaveLength(fuzzCells);
    expect(fuzzCells).toBeGreaterThan(250);
    expect(differing(fuzzBefore, fuzzAfter)).toEqual([]);
  });
});

/** The formula cells whose recalculated value is not the cached one (numbers to 1e-9 relative). */
function differing(
  cached: Record<string, [string, unknown]>,
  recalculated: Record<string, [string, unknown]>,
): { address: string; formula: string; cached: unknown; recalculated: unknown }[] {
  return Object.entries(cached).flatMap(([address, [formula, was]]) => {
    const now = recalculated[address]?.[1];
    const same =
      typeof was === 'number' && typeof now === 'number'
        ? Math.abs(was - now) <= 1e-9 * Math.max(1, Math.abs(was))
        : was === now;
    return same ? [] : [{ address, formula, cached: was, recalculated: now }];
  });
}
