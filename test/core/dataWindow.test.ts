import { fromExcelSerial, isoDate, parseDateText, toExcelSerial, type CivilDate } from '../../src/core/civilDate';
import { dataWindow, type WindowKind } from '../../src/core/dataWindow';
import { readDate } from '../../src/core/readDate';
import { gradingSchedule, hasThreeFullMonths } from '../../src/core/schedule';

const d = (year: number, month: number, day: number): CivilDate => ({ year, month, day });

function shown(kind: WindowKind, judging: CivilDate): string {
  const w = dataWindow(kind, judging);
  return 'start' in w ? `${isoDate(w.start)}..${isoDate(w.end)} (${w.days})` : w.code;
}

describe('data windows for a judging date (RULES.md §5)', () => {
  it('annual evaluation uses the whole previous calendar year', () => {
    expect(shown('annual', d(2026, 1, 15))).toBe('2025-01-01..2025-12-31 (365)');
    expect(shown('annual', d(2025, 1, 15))).toBe('2024-01-01..2024-12-31 (366)');
  });

  it('re-evaluation runs from 1 January to the end of the month before', () => {
    expect(shown('recheck', d(2026, 7, 20))).toBe('2026-01-01..2026-06-30 (181)');
    expect(shown('recheck', d(2024, 3, 1))).toBe('2024-01-01..2024-02-29 (60)');
  });

  it('re-evaluation in January has no window (#N/A)', () => {
    expect(shown('recheck', d(2026, 1, 10))).toBe('noWindow');
  });

  it('regular in-year grading uses the previous complete quarter', () => {
    expect(shown('quarter', d(2026, 4, 10))).toBe('2026-01-01..2026-03-31 (90)');
    expect(shown('quarter', d(2026, 6, 30))).toBe('2026-01-01..2026-03-31 (90)');
    expect(shown('quarter', d(2026, 1, 10))).toBe('2025-10-01..2025-12-31 (92)');
  });

  it('ad-hoc in-year grading uses the three whole months before', () => {
    expect(shown('threemonths', d(2026, 5, 17))).toBe('2026-02-01..2026-04-30 (89)');
    expect(shown('threemonths', d(2026, 2, 1))).toBe('2025-11-01..2026-01-31 (92)');
  });

  it('monthly adjustment uses the previous whole month', () => {
    expect(shown('month', d(2026, 3, 5))).toBe('2026-02-01..2026-02-28 (28)');
    expect(shown('month', d(2026, 1, 5))).toBe('2025-12-01..2025-12-31 (31)');
  });
});

describe('the grading calendar (RULES.md §5, 第十一条)', () => {
  const year = gradingSchedule(2026);

  it('has the annual evaluation in January, new channels by each 5th and quarterly grading by the 10th', () => {
    expect(year.filter((e) => e.window === 'prospective').map((e) => e.due.day)).toEqual(Array(12).fill(5));
    expect(year.filter((e) => e.window === 'quarter').map((e) => isoDate(e.due))).toEqual([
      '2026-01-10',
      '2026-04-10',
      '2026-07-10',
      '2026-10-10',
    ]);
    expect(year.find((e) => e.window === 'annual')?.due).toEqual(d(2026, 1, 31));
    expect(year.find((e) => e.window === 'recheck')?.due).toEqual(d(2026, 7, 31));
  });

  it('is in date order', () => {
    const serials = year.map((e) => toExcelSerial(e.due));
    expect([...serials].sort((a, b) => a - b)).toEqual(serials);
  });

  it('knows when a channel has three full months of cooperation', () => {
    expect(hasThreeFullMonths(d(2026, 1, 10), d(2026, 4, 10))).toBe(true);
    expect(hasThreeFullMonths(d(2026, 1, 11), d(2026, 4, 10))).toBe(false);
    expect(hasThreeFullMonths(d(2025, 11, 30), d(2026, 2, 28))).toBe(true);
  });
});

describe('dates from cells', () => {
  it('converts Excel serials in the 1900 date system', () => {
    expect(toExcelSerial(d(2026, 1, 1))).toBe(46023);
    expect(fromExcelSerial(46023)).toEqual(d(2026, 1, 1));
    expect(fromExcelSerial(61)).toEqual(d(1900, 3, 1));
    expect(fromExcelSerial(60)).toBeNull();
  });

  it('reads dates written as analysts write them', () => {
    expect(parseDateText('2026年3月31日')).toEqual(d(2026, 3, 31));
    expect(parseDateText('2026/3/31')).toEqual(d(2026, 3, 31));
    expect(parseDateText('2026-02-30')).toBeNull();
    expect(readDate(new Date(Date.UTC(2026, 2, 31)), 'endDate')).toEqual(d(2026, 3, 31));
    expect(readDate('', 'startDate')).toMatchObject({ code: 'blank' });
    expect(readDate('soon', 'startDate')).toMatchObject({ code: 'invalidDate', error: '#VALUE!' });
  });
});
