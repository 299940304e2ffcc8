/* The judging date and window of a snapshot are those of the data (RULES.md §12). */
import { UsageError } from '../../src/core';
import { parseWindowText, snapshotPeriod, windowOfRows } from '../../src/core/snapshotPeriod';

describe('The judging date and window of a snapshot are those of the data', () => {
  it('reads a window as the preparation writes it and as people type it', () => {
    expect(parseWindowText('2025-01-01..2025-03-31')).toEqual({ start: '2025-01-01', end: '2025-03-31' });
    expect(parseWindowText('2025-01-01 至 2025-03-31')).toEqual({ start: '2025-01-01', end: '2025-03-31' });
    expect(parseWindowText('2025-03-31..2025-01-01')).toBeNull();
    expect(parseWindowText('第一季度')).toBeNull();
  });

  it('takes the window the rows agree on, and judges the day after it', () => {
    const rows = windowOfRows(['2025-01-01..2025-03-31', '', '2025-01-01..2025-03-31']);
    expect(snapshotPeriod('quarter', undefined, rows, '2026-07-01')).toEqual({
      judgingDate: '2025-04-01',
      window: { start: '2025-01-01', end: '2025-03-31' },
      from: 'data',
    });
  });

  it('never takes today for data of another period: no date and no window is refused, asking for the date', () => {
    expect(() => snapshotPeriod('quarter', undefined, { kind: 'none' }, '2026-07-01')).toThrow(UsageError);
    expect(() => snapshotPeriod('quarter', undefined, { kind: 'none' }, '2026-07-01')).toThrow(/--date/);
  });

  it('refuses rows whose windows disagree, naming them', () => {
    const rows = windowOfRows(['2025-01-01..2025-03-31', '2025-04-01..2025-06-30']);
    expect(() => snapshotPeriod('quarter', '2025-07-01', rows, '2026-07-01')).toThrow(/2025-04-01\.\.2025-06-30/);
  });

  it('uses the date given, with the rows’ window when they carry one', () => {
    expect(snapshotPeriod('annual', '2026-01-10', { kind: 'none' }, '2026-07-01')).toEqual({
      judgingDate: '2026-01-10',
      window: undefined,
      from: 'date',
    });
  });

  it('dates a prospective grading (negotiated figures, no window) today', () => {
    expect(snapshotPeriod('prospective', undefined, { kind: 'none' }, '2026-07-01').judgingDate).toBe('2026-07-01');
  });
});
