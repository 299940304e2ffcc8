/* The §8 reference sheets written by the workflow (RULES.md §8; issue 15 point 12). */
import { COMMISSION_SHEET, writeCommissionSchedule } from '../../src/grading';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

describe('the commission schedule sheet 佣金计划 (RULES.md §8 渠道佣金)', () => {
  it('stores the contract total and the rate typed as text as numbers, formatted as amount and percent', async () => {
    const wb = new MemoryWorkbook();
    await writeCommissionSchedule(
      wb,
      { contractTotal: '1,000,000', rate: '3%', collections: [300_000, 700_000], payeeType: 'institution' },
      'zh',
    );
    const cells = wb.sheets.get(COMMISSION_SHEET)?.cells ?? [];
    expect(cells[1]?.[1]).toBe(1_000_000);
    expect(cells[2]?.[1]).toBe(0.03);
    expect(wb.sheets.get(COMMISSION_SHEET)?.formats.size).toBeGreaterThan(0);
  });
});
