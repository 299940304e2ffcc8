/*
 * What qd-grade writes opens in a real spreadsheet application: LibreOffice headless loads the graded
 * .xlsx with recalculation on load, and re-saves it; the values, the recomputed summary (after a
 * manager overrides a class by hand) and the conditional formats are then read back.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { main } from '../../../src/cli/qdGrade';
import { systemToolAvailable } from '../../support/systemTool';
import { tempDir, writeXlsx } from './tempFiles';

const SOFFICE = '/usr/bin/soffice';

/** A cell's value as a reader sees it: a formula's cached result, rich text as its text. */
function fromExcelJs(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined || typeof v !== 'object' || v instanceof Date) return v ?? null;
  if ('formula' in v || 'sharedFormula' in v) return v.result ?? null;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('error' in v) return v.error;
  return 'text' in v ? v.text : null;
}
const available = systemToolAvailable(SOFFICE, 'libreoffice-calc-nogui', 'the LibreOffice round-trip test');
const tmp = tempDir('qd-lo-');
afterAll(() => tmp.cleanup());

/** A throwaway LibreOffice profile that recalculates OOXML formulas on load (OOXMLRecalcMode 0 = always). */
function throwawayProfile(): string {
  const dir = tmp.path('profile');
  mkdirSync(`${dir}/user`, { recursive: true });
  writeFileSync(
    `${dir}/user/registrymodifications.xcu`,
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  return pathToFileURL(dir).href;
}

const HEADER = [
  '渠道代码',
  '服务区域代码',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
];
const ROWS = [
  ['C1', '3301', 0.55, 0.1, 0.25, 2_000_000, 73, 50_000_000],
  ['C2', '3301', 0.7, 0.25, 0.1, 3_000_000, 365, 10_000_000],
  ['C3', '3302', 0.6, 0.2, 0.1, 500_000, 90, 8_000_000],
  ['C4', null, 0.5, 0.1, 0.1, 1_000_000, 365, 5_000_000],
];

(available ? describe : describe.skip)('a graded workbook in LibreOffice', () => {
  let recalculated: ExcelJS.Workbook;

  beforeAll(async () => {
    const input = tmp.path('channels.xlsx');
    await writeXlsx(input, { 渠道: [HEADER, ...ROWS] });
    const graded = tmp.path('channels.graded.xlsx');
    const status = await main([input, '-o', graded, '--quiet'], {
      stdout: () => undefined,
      stderr: () => undefined,
      isTerminal: false,
    });
    expect(status).toBe(0);
    // A manager overrides C3's class by hand; the cached summary values now disagree until recalculation.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(graded);
    const ws = wb.getWorksheet('渠道') as ExcelJS.Worksheet;
    const classCol = (ws.getRow(1).values as unknown[]).indexOf('渠道分类');
    ws.getCell(4, classCol).value = '深红-C-Ⅲ';
    const overridden = tmp.path('overridden.xlsx');
    await wb.xlsx.writeFile(overridden);
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
        overridden,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    recalculated = new ExcelJS.Workbook();
    await recalculated.xlsx.readFile(`${outDir}/overridden.xlsx`);
  }, 180_000);

  it('keeps the sheets, the inputs and the graded values', () => {
    expect(recalculated.worksheets.map((w) => w.name)).toEqual(['渠道', '分级汇总', '分级规则']);
    const ws = recalculated.getWorksheet('渠道') as ExcelJS.Worksheet;
    // LibreOffice may save CJK text as rich text (font fallback): read cells as the host does.
    const at = (a: string): unknown => fromExcelJs(ws.getCell(a).value);
    expect(at('A2')).toBe('C1');
    expect(at('I2')).toBe(0.9);
    expect(at('J2')).toBe(10_000_000);
    expect(at('O2')).toBe('深蓝-A-Ⅱ');
  });

  it('recalculates the summary from the class column, so a hand override counts', () => {
    const summary = recalculated.getWorksheet('分级汇总') as ExcelJS.Worksheet;
    const result = (address: string): unknown => {
      const v = summary.getCell(address).value;
      return v !== null && typeof v === 'object' && 'result' in v ? v.result : v;
    };
    // Channels block: colour rows 5..9, scale-depth columns B..J (A-Ⅰ … C-Ⅲ), totals in K and row 10.
    expect(result('C5')).toBe(1); // 深蓝-A-Ⅱ: C1
    expect(result('J9')).toBe(1); // 深红-C-Ⅲ: C3 after the override
    expect(result('K10')).toBe(3); // three graded channels; C4 without a service-area code counts nowhere
    expect(result('K9')).toBe(1);
  });

  it('keeps the five conditional formats on the band column', () => {
    const ws = recalculated.getWorksheet('渠道') as ExcelJS.Worksheet;
    const cf = (
      ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[] }[] }[] }
    ).conditionalFormattings;
    const rules = cf.flatMap((c) => c.rules.map((r) => ({ ref: c.ref, formula: r.formulae?.[0] })));
    expect(rules.map((r) => r.formula)).toEqual(['"深蓝"', '"蓝"', '"黄"', '"浅红"', '"深红"']);
    expect(new Set(rules.map((r) => r.ref))).toEqual(new Set(['L2:L5']));
  });
});
