/*
 * The corpus tests' own instruments catch what they are meant to: the zip reader reads what other
 * programs wrote, and the additions-only checks see a lost name, style, merge or row setting.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from '../../support/corpus';
import {
  addinMayChange,
  diffPackages,
  lostAppProperties,
  lostAroundCells,
  lostContent,
  partText,
  readZip,
  sheetPart,
  workbookPart,
} from '../../support/packageDiff';

describe('the package comparison the corpus tests use', () => {
  it('reads the parts of a package Excel saved and finds the workbook and sheets through the relationships', () => {
    const zip = readZip(readFileSync(join(FIXTURES, 'excel-Book1.xlsx')));
    expect(zip.entries.size).toBe(27);
    expect(workbookPart(zip)).toBe('xl/workbook.xml');
    expect(sheetPart(zip, '渠道')).toBe('xl/worksheets/sheet3.xml');
    expect(partText(zip, 'xl/worksheets/sheet3.xml')).toContain('渠道代码');
  });

  it('finds a workbook kept outside xl/', () => {
    const zip = readZip(readFileSync(join(FIXTURES, 'relocated-xlsxwriter-pivot.xlsx')));
    expect(workbookPart(zip)).toBe('workbook/workbook.xml');
    expect(sheetPart(zip, '透视表')).toBe('workbook/worksheets/sheet2.xml');
  });

  it('sees no difference between a package and itself, and lets the add-in own only its parts', () => {
    const zip = readZip(readFileSync(join(FIXTURES, 'xlsxwriter-features.xlsx')));
    const diff = diffPackages(zip, zip);
    expect(diff.changed).toEqual([]);
    expect(diff.same).toHaveLength(zip.entries.size);
    const owns = addinMayChange(zip, '渠道');
    expect(owns('xl/worksheets/sheet4.xml')).toBe(true);
    expect(owns('xl/styles.xml')).toBe(true);
    expect(owns('xl/worksheets/sheet9.xml')).toBe(true); // a new part
    expect(owns('xl/worksheets/sheet1.xml')).toBe(false);
    expect(owns('xl/charts/chart1.xml')).toBe(false);
    expect(owns('docProps/core.xml')).toBe(false);
  });

  it('accepts additions and grown counts, and names what a shared part lost', () => {
    const before =
      '<workbook><sheets><sheet name="a" sheetId="1"/></sheets><definedNames><definedName name="x" localSheetId="0">a!$A$1</definedName></definedNames></workbook>';
    const added =
      '<workbook><sheets><sheet name="a" sheetId="1"/><sheet name="分级汇总" sheetId="2"/></sheets><definedNames><definedName name="x" localSheetId="0">a!$A$1</definedName><definedName name="QD_RULES">b!$A$1</definedName></definedNames></workbook>';
    expect(lostContent(before, added)).toEqual([]);
    expect(
      lostContent(
        '<cellXfs count="1"><xf numFmtId="0"/></cellXfs>',
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="10"/></cellXfs>',
      ),
    ).toEqual([]);
    const global = before.replace(' localSheetId="0"', '');
    expect(lostContent(before, global)).toEqual(['<definedName name="x" localSheetId="0">']);
  });

  it('lets app.xml list new sheets but sees a lost company', () => {
    const before =
      '<Properties><Application>Microsoft Excel</Application><TitlesOfParts><vt:vector size="1"><vt:lpstr>Sheet1</vt:lpstr></vt:vector></TitlesOfParts><Company>甲保险</Company></Properties>';
    const listed = before.replace(
      'size="1"><vt:lpstr>Sheet1</vt:lpstr>',
      'size="2"><vt:lpstr>Sheet1</vt:lpstr><vt:lpstr>分级汇总</vt:lpstr>',
    );
    expect(lostAppProperties(before, listed)).toEqual([]);
    expect(lostAppProperties(before, listed.replace('<Company>甲保险</Company>', ''))).toEqual(['<Company>', '甲保险']);
  });

  it('sees a lost merge or a changed row height on the graded sheet, but not new cells or a new dimension', () => {
    const before =
      '<worksheet><dimension ref="A1:B2"/><sheetData><row r="1" spans="1:2" ht="30" customHeight="1"><c r="A1"/></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>';
    const graded =
      '<worksheet><dimension ref="A1:Z2"/><sheetData><row r="1" spans="1:26" ht="30" customHeight="1"><c r="A1"/><c r="K1" t="inlineStr"><is><t>经营成本率</t></is></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells><conditionalFormatting sqref="N2"/></worksheet>';
    expect(lostAroundCells(before, graded)).toEqual([]);
    expect(
      lostAroundCells(before, graded.replace('<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>', '')),
    ).toEqual(['<mergeCells>', '<mergeCell ref="A1:B1">']);
    expect(lostAroundCells(before, graded.replace(' ht="30"', ''))).toEqual(['<row r="1" ht="30" customHeight="1">']);
  });
});
