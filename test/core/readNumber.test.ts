import { parseNumberText, readDays, readNumber, readOwnPremium, readRatio } from '../../src/core/readNumber';
import type { Problem } from '../../src/core/problem';

function problemOf(x: number | Problem): Problem {
  if (typeof x === 'number') throw new Error(`expected a problem, got ${x}`);
  return x;
}

describe('number text is parsed exactly (RULES.md §1)', () => {
  it.each([
    ['85%', 0.85],
    ['0.85', 0.85],
    ['1,200,000', 1_200_000],
    ['1,200,000.50', 1_200_000.5],
    [' 92 % ', 0.92],
    ['８５％', 0.85],
    ['１，２００，０００', 1_200_000],
    ['-3.5', -3.5],
    ['1.2E+6', 1_200_000],
    ['.5', 0.5],
    ['12.5e-1%', 0.0125],
  ])('reads "%s" as %s', (text, value) => {
    expect(parseNumberText(text)).toBe(value);
  });

  it('reads text of more than 15 digits exactly as a boundary sees it (RULES.md §1)', () => {
    expect(parseNumberText('0.89999999999999999')).toBe(0.8999999999999999);
    expect(parseNumberText('0.90000000000000000001')).toBe(0.9000000000000001);
    expect(parseNumberText('0.900000000000000000')).toBe(0.9);
    const big = parseNumberText('1234567890123456789') as number;
    expect(big).toBeLessThan(1234567890123460000);
    expect(big).toBeGreaterThan(1234567890123450000);
  });

  it.each(['abc', '1,2', '12,34,567', '1.2.3', '%', '', '¥100', '85%%', '--1', '1e'])('refuses "%s"', (text) => {
    expect(parseNumberText(text)).toBeNull();
  });
});

describe('each bad input gives its own problem (RULES.md §1 validity, §11)', () => {
  it('a blank required input is an error, never 0', () => {
    for (const blank of [null, undefined, '', '   ']) {
      const p = problemOf(readNumber(blank, 'lossRatio'));
      expect(p).toMatchObject({ code: 'blank', field: 'lossRatio', error: '#VALUE!' });
      expect(p.message.zh).toBe('终极赔付率为空');
      expect(p.message.en).toBe('Ultimate loss ratio is blank');
    }
  });

  it('text that is not a number is #VALUE! and quotes the text', () => {
    const p = problemOf(readNumber('n/a', 'marketExpenseRatio'));
    expect(p).toMatchObject({ code: 'notNumber', error: '#VALUE!' });
    expect(p.message.zh).toBe('市场费用率“n/a”不是数字或百分比');
  });

  it('a logical value is not a number', () => {
    expect(problemOf(readNumber(true, 'premium')).code).toBe('notNumber');
  });

  it('a date is not a ratio', () => {
    expect(problemOf(readNumber(new Date(Date.UTC(2026, 0, 1)), 'lossRatio')).message.en).toContain('2026-01-01');
  });

  it('an infinite number is #NUM!', () => {
    expect(problemOf(readNumber(Infinity, 'premium'))).toMatchObject({ code: 'notFinite', error: '#NUM!' });
  });

  it('a negative ratio or premium is #VALUE!', () => {
    expect(problemOf(readRatio(-0.1, 'lossRatio'))).toMatchObject({ code: 'negative', error: '#VALUE!' });
    expect(problemOf(readRatio('-5%', 'nonMarketExpenseRatio')).message.en).toBe(
      'Non-market expense ratio cannot be negative (-0.05)',
    );
  });

  it('a loss ratio above 100% is allowed', () => {
    expect(readRatio(1.35, 'lossRatio')).toBe(1.35);
  });

  it('zero days is #DIV/0!', () => {
    expect(problemOf(readDays(0))).toMatchObject({ code: 'zeroDays', error: '#DIV/0!' });
  });

  it('days above 366 is #NUM!', () => {
    expect(problemOf(readDays(367))).toMatchObject({ code: 'daysOutOfRange', error: '#NUM!' });
  });

  it('days that are not whole are #NUM!', () => {
    expect(problemOf(readDays(30.5))).toMatchObject({ code: 'daysNotWhole', error: '#NUM!' });
  });

  it('366 days in a leap year is valid', () => {
    expect(readDays(366)).toBe(366);
    expect(readDays('365')).toBe(365);
  });

  it('a zero own premium is #DIV/0! and a negative one #VALUE!', () => {
    expect(problemOf(readOwnPremium(0))).toMatchObject({ code: 'zeroOwnPremium', error: '#DIV/0!' });
    expect(problemOf(readOwnPremium(-1))).toMatchObject({ code: 'negative', error: '#VALUE!' });
  });
});
