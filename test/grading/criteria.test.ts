/* Criteria that match text literally (issue 22 point 6): the formulas the roll-ups and the summary write. */
import {
  caseClashes,
  countIf,
  escapeWildcards,
  formulaText,
  literalCriterion,
  mayReadAsValue,
  sumIf,
} from '../../src/grading/criteria';

describe('literal criteria', () => {
  it('escapes the wildcards * ? ~ and prefixes = so a leading < > = is text', () => {
    expect(escapeWildcards('杭州*?~')).toBe('杭州~*~?~~');
    expect(literalCriterion('杭州*')).toBe('=杭州~*');
    expect(literalCriterion('<未分配>')).toBe('=<未分配>');
    expect(literalCriterion('=杭州')).toBe('==杭州');
    expect(literalCriterion('>宁波')).toBe('=>宁波');
  });

  it('gives no criterion for empty text, text over 255 characters, or text that reads as a value', () => {
    expect(literalCriterion('')).toBeNull();
    expect(literalCriterion('名'.repeat(254))).toBe(`=${'名'.repeat(254)}`);
    expect(literalCriterion('名'.repeat(255))).toBeNull();
    expect(literalCriterion('*'.repeat(128))).toBeNull();
    for (const t of ['3301', '1/2', '50%', '1e3', 'TRUE', 'false', '#N/A', '2024年1月2日', 'Branch 1', '１２'])
      expect([t, mayReadAsValue(t)]).toEqual([t, true]);
    for (const t of ['杭州分公司', '第1营业部', 'Ningbo', '<>', '一月'])
      expect([t, mayReadAsValue(t)]).toEqual([t, false]);
  });

  it('quotes text for a formula with doubled quotes, in pieces of 255 characters joined by &', () => {
    expect(formulaText('引号"分公司')).toBe('"引号""分公司"');
    const long = formulaText('a'.repeat(300));
    expect(long).toBe(`"${'a'.repeat(255)}"&"${'a'.repeat(45)}"`);
    expect(formulaText(`${'a'.repeat(254)}😀`)).toBe(`"${'a'.repeat(254)}"&"😀"`);
  });

  it('finds keys that differ only in case or width', () => {
    expect([...caseClashes(['Ningbo', 'NINGBO', 'abc', 'ａｂｃ', '杭州'])].sort()).toEqual(['abc', 'ningbo']);
  });
});

describe('count and sum formulas', () => {
  const key = (exact: (string | number)[], caseClash = false) => ({ range: "'渠道'!$B$2:$B$9", exact, caseClash });
  const colour = { range: "'渠道'!$O$2:$O$9", like: ['深红-', ''] };

  it('uses COUNTIFS and SUMIFS with literal criteria where they match exactly', () => {
    expect(countIf([key(['杭州*']), colour])).toBe(`COUNTIFS('渠道'!$B$2:$B$9,"=杭州~*",'渠道'!$O$2:$O$9,"=深红-*")`);
    expect(sumIf("'渠道'!$J$2:$J$9", [key(['<未分配>'])])).toBe(
      `SUMIFS('渠道'!$J$2:$J$9,'渠道'!$B$2:$B$9,"=<未分配>")`,
    );
  });

  it('falls back to SUMPRODUCT over EXACT for case twins, numbers, several spellings and long or empty text', () => {
    expect(countIf([key(['Ningbo'], true), colour])).toBe(
      `SUMPRODUCT(--(EXACT('渠道'!$B$2:$B$9,"Ningbo")*ISTEXT('渠道'!$O$2:$O$9)*(LEFT('渠道'!$O$2:$O$9,3)="深红-")))`,
    );
    expect(sumIf('S', [key(['温州', ' 温州', 3301])])).toBe(
      `SUMPRODUCT(--(((EXACT('渠道'!$B$2:$B$9,"温州")+EXACT('渠道'!$B$2:$B$9," 温州")+('渠道'!$B$2:$B$9=3301))>0)),S)`,
    );
    expect(countIf([key([''])])).toBe(`SUMPRODUCT(--(EXACT('渠道'!$B$2:$B$9,"")))`);
    expect(countIf([key(['x'.repeat(300)])])).toContain('&"');
    expect(countIf([{ range: 'R', like: ['', '-', '-', ''] }, key(['3301'])])).toBe(
      'SUMPRODUCT(--(ISTEXT(R)*ISNUMBER(SEARCH("-*-",R))*EXACT(\'渠道\'!$B$2:$B$9,"3301")))',
    );
  });

  it('writes no formula longer than Excel takes (the caller writes the value)', () => {
    expect(countIf([key(Array.from({ length: 40 }, () => 'x'.repeat(250)))])).toBeNull();
  });
});
