/* The cooperation in the preparation (RULES.md §5.2): start and end, own-premium year, budget vs actual. */
import type { CivilDate } from '../../src/core/civilDate';
import { ChannelPreparation, type PreparationResult } from '../../src/core/prepareChannels';
import { readMasterRecord, readNonMarketRecord, type MasterCells } from '../../src/core/prepareTables';

const d = (year: number, month: number, day: number): CivilDate => ({ year, month, day });
const master = (cells: Partial<MasterCells> & { channelId: string }) =>
  readMasterRecord({ branch: '杭州', startDate: '2025-06-01', ownPremium: 5_000_000, ...cells }, 2);
const NON_MARKET = [
  readNonMarketRecord({ branch: '杭州', year: 2026, actual: 0.088, budget: 0.08 }, 2),
  readNonMarketRecord({ branch: '宁波', year: 2026, actual: null, budget: 0.075 }, 3),
];

function prepare(masters: ReturnType<typeof master>[], rows: [string, string, number][]): PreparationResult {
  const p = new ChannelPreparation({
    kind: 'quarter',
    judging: d(2026, 4, 10),
    master: masters,
    nonMarket: NON_MARKET,
  });
  rows.forEach(([id, date, premium], i) => p.addRow(i + 2, id, '330100', date, premium, 0.6, 0.2));
  return p.finish();
}

describe('Policies dated before the channel’s cooperation start date, or after its end date where the master has one (合作终止日期), are not the channel’s cooperation', () => {
  it('leaves them out of its figures, counts them and names the channel in the notes', () => {
    const result = prepare(
      [master({ channelId: 'C1', startDate: '2026-01-05', endDate: '2026-03-15' })],
      [
        ['C1', '2026-01-02', 100_000],
        ['C1', '2026-02-10', 50_000],
        ['C1', '2026-03-20', 30_000],
      ],
    );
    expect(result.channels[0]?.premium).toBe(50_000);
    const notes = result.notes.map((n) => n.zh).join('\n');
    expect(notes).toMatch(/渠道 C1：合作起始日期之前的保单 1 行/);
    expect(notes).toMatch(/渠道 C1：合作终止日期之后的保单 1 行/);
  });
});

describe('where the master gives the year it refers to (自有保费年度), a year other than the window’s year is a warning on that channel', () => {
  it('names the channel and both years', () => {
    const result = prepare([master({ channelId: 'C1', ownPremiumYear: '2024' })], [['C1', '2026-02-10', 50_000]]);
    expect(result.notes.map((n) => n.zh).join('\n')).toMatch(/渠道 C1：自有保费年度为 2024，不是数据窗口的年度 2026/);
  });
});

describe('where the table has both, the preparation notes shows each 三级机构’s actual against its budget (跟踪检视预算值)', () => {
  it('lists the 三级机构 with both figures for the budget year', () => {
    const notes = prepare([master({ channelId: 'C1' })], [['C1', '2026-02-10', 50_000]]).notes.map((n) => n.zh);
    expect(notes).toContain('三级机构 杭州 2026 年非市场费用率：预算 8.00%，实际 8.80%（跟踪检视预算值，第六条）');
    expect(notes.join('\n')).not.toMatch(/宁波/);
  });
});

describe('a member the preparation left out (e.g. under three months): the group’s result names it', () => {
  it('names the group and the member in the notes', () => {
    const result = prepare(
      [master({ channelId: 'C1', group: 'G1' }), master({ channelId: 'C2', group: 'G1', startDate: '2026-03-01' })],
      [
        ['C1', '2026-02-10', 50_000],
        ['C2', '2026-03-10', 50_000],
      ],
    );
    expect(result.notes.map((n) => n.zh).join('\n')).toMatch(/集团“G1”的成员 C2 未准备（合作不满三个月/);
  });
});
