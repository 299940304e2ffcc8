/* The finance scenario and the manager's review over a sheet (RULES.md §7, CONTRACT.md §3–§5). */
import {
  FINGERPRINT_SHEET,
  REVIEW_HEADER,
  RULES_SHEET,
  SCENARIO_SHEET,
  gradeSheet,
  markRow,
  prepareReview,
  runScenario,
  stampReview,
  HISTORY_SHEET,
  TRAIL_SHEET,
  RulesChangedSinceGradingError,
  readWorkbookHistory,
  recordGradingInWorkbook,
  type CellWrite,
  approveSnapshot,
} from '../../src/grading';
import { gradingStateOf } from '../../src/core/gradingState';
import { MemoryWorkbook } from '../support/MemoryWorkbook';

const HEADER = [
  '渠道代码',
  '渠道名称',
  '服务区域代码',
  '终极赔付率',
  '市场费用率',
  '非市场费用率',
  '合作保费',
  '合作天数',
  '渠道自有保费',
];
const ROWS: CellWrite[][] = [
  ['C001', '甲经纪', '3301', 0.6, 0.1, 0.2, 1_000_000, 365, 50_000_000],
  ['C002', '乙代理', '3301', 0.5, 0.1, 0.1, 3_000_000, 365, 10_000_000],
  ['C003', '丙代理', '3302', 0.7, 0.2, 0.2, 2_000_000, 365, 5_000_000],
];

function workbook(): MemoryWorkbook {
  return new MemoryWorkbook({ 渠道: [HEADER, ...ROWS.map((r) => [...r])] });
}

describe('the commission scenario on its own sheet (RULES.md §7)', () => {
  it('moves deep-blue channels one point and finds the one at the bound turning blue, data untouched', async () => {
    const wb = workbook();
    const before = JSON.stringify(wb.sheets.get('渠道')?.cells);
    const report = await runScenario(wb, { points: 1, target: { colours: ['deepBlue'] } });
    expect(report.moved).toBe(2);
    expect(report.changed.map((c) => c.channel)).toEqual(['C001']);
    expect(report.costChange).toBe(40_000);
    expect(report.migrations).toEqual(expect.arrayContaining([expect.objectContaining({ count: 1 })]));
    expect(JSON.stringify(wb.sheets.get('渠道')?.cells)).toBe(before);
    const out = wb.sheets.get(SCENARIO_SHEET)?.cells ?? [];
    expect(out.some((r) => r[1] === 'C001' && r[5] === '↓')).toBe(true);
  });

  it('writes each channel’s band headroom, and “no bound” for deep red', async () => {
    const wb = workbook();
    await runScenario(wb, { points: 0, target: {} });
    const out = wb.sheets.get(SCENARIO_SHEET)?.cells ?? [];
    const c1 = out.find((r) => r[1] === 'C001');
    const c3 = out.find((r) => r[1] === 'C003');
    expect(c1?.[10]).toBe(0);
    expect(c3?.[10]).toBe('无上限');
  });
});

describe('the manager’s review', () => {
  it('adds a status column with a drop-down, 待复核 on every graded row, beside the add-in’s block', async () => {
    const wb = workbook();
    await gradeSheet(wb, { fingerprints: true });
    const state = await prepareReview(wb);
    expect(state.counts).toEqual({ 待复核: 3, 通过: 0, 退回: 0 });
    const header = wb.sheets.get('渠道')?.cells[0] ?? [];
    expect(header[state.column - 1]).toBe(REVIEW_HEADER);
    expect(wb.validations[0]).toMatchObject({
      column: state.column,
      firstRow: 2,
      lastRow: 4,
      values: ['待复核', '通过', '退回'],
    });
    expect(state.changedRows).toEqual([]);
    expect(state.fingerprinted).toBe(true);
  });

  it('keeps a manager’s status when grading and reviewing again, and comments a returned row', async () => {
    const wb = workbook();
    await gradeSheet(wb, { fingerprints: true });
    const first = await prepareReview(wb);
    const commented = await markRow(
      wb,
      { sheet: '渠道', column: first.column, row: 3 },
      '退回',
      '费用率存疑 please recheck',
    );
    expect(commented).toBe(true);
    expect(wb.comments).toEqual([{ sheet: '渠道', row: 3, column: first.column, text: '费用率存疑 please recheck' }]);
    await gradeSheet(wb, { fingerprints: true });
    const again = await prepareReview(wb);
    expect(again.column).toBe(first.column);
    expect(again.counts).toEqual({ 待复核: 2, 通过: 0, 退回: 1 });
    expect(again.returned).toEqual([3]);
  });

  it('warns of rows whose inputs changed after grading', async () => {
    const wb = workbook();
    await gradeSheet(wb, { fingerprints: true });
    expect(wb.sheets.has(FINGERPRINT_SHEET)).toBe(true);
    const row = wb.sheets.get('渠道')?.cells[2] as CellWrite[];
    row[4] = 0.15;
    const state = await prepareReview(wb);
    expect(state.changedRows).toEqual([3]);
  });

  it('stamps the sign-off with who, when, the rules fingerprint and the grading it approved (RULES.md §12)', async () => {
    const wb = workbook();
    const report = await gradeSheet(wb, { now: () => new Date('2026-11-23T08:00:00Z') });
    const state = await prepareReview(wb);
    await stampReview(wb, {
      by: '王经理',
      at: new Date('2026-11-23T10:00:00Z'),
      fingerprint: report.fingerprint,
      state,
      confirmPending: true,
    });
    const rules = wb.sheets.get(RULES_SHEET)?.cells ?? [];
    const stamp = rules.find((r) => r[1] === '王经理');
    expect(stamp).toEqual([
      '复核签字 Review sign-off',
      '王经理',
      '2026-11-23 10:00:00',
      report.fingerprint,
      '通过 0 · 退回 0 · 待复核 3',
      '2026-11-23T08:00:00.000Z',
      '确认含 3 行待复核签字 (signed with 3 rows pending, confirmed)',
      null,
      '2026-11-23/annual/1',
    ]);
  });

  it('records the sign-off as its own step 复核完成 with the pending count, never the approval (The row review’s sign-off is its own trail step and never the approval)', async () => {
    const wb = workbook();
    const report = await gradeSheet(wb, { snapshot: true, now: AT('2026-10-10') });
    await recordGradingInWorkbook(wb, report, GRADED('2026-10-10'), 'zh');
    const state = await prepareReview(wb);
    await stampReview(wb, {
      by: '王经理',
      at: new Date('2026-10-11T02:00:00Z'),
      fingerprint: report.fingerprint,
      state,
      confirmPending: true,
    });
    const history = await readWorkbookHistory(wb);
    expect(history.trail.at(-1)).toMatchObject({
      who: '王经理',
      role: 'approver',
      action: 'reviewed',
      pendingRows: 3,
      snapshotId: '2026-10-10/quarter/1',
      rulesFingerprint: report.fingerprint,
    });
    expect(history.trail.at(-1)?.note).toMatch(/复核完成.*待复核 3/);
    expect(gradingStateOf(history.trail, '2026-10-10/quarter/1')).toBe('pending');
    expect((await prepareReview(wb)).signOffs).toEqual({ current: 1, earlier: 0 });
    // Approving a grading whose review has rows pending asks for a reason, and records it.
    const refused = approveSnapshot(wb, { by: '李四', action: 'approved', at: '2026-10-12T10:00:00+08:00' }, 'zh');
    await expect(refused).rejects.toThrow(/3 行待复核：批准须写明理由/);
    const after = await approveSnapshot(
      wb,
      { by: '李四', action: 'approved', note: '其余 3 行为新渠道，下季复核', at: '2026-10-12T10:00:00+08:00' },
      'zh',
    );
    expect(after.trail.at(-1)).toMatchObject({ action: 'approved', note: '其余 3 行为新渠道，下季复核' });
  });

  it('keeps the earlier sign-off on the trail and on 分级规则 when the next quarter is graded, and asks for a new one', async () => {
    const wb = workbook();
    const report = await gradeSheet(wb, { snapshot: true, now: AT('2026-10-10') });
    await recordGradingInWorkbook(wb, report, GRADED('2026-10-10'), 'zh');
    await stampReview(wb, {
      by: '王经理',
      at: new Date('2026-10-11T02:00:00Z'),
      fingerprint: report.fingerprint,
      state: await prepareReview(wb),
      confirmPending: true,
    });
    const again = await gradeSheet(wb, { snapshot: true, now: AT('2027-01-10') });
    await recordGradingInWorkbook(wb, again, GRADED('2027-01-10'), 'zh');
    const state = await prepareReview(wb);
    expect(state.signOffs).toEqual({ current: 0, earlier: 1 });
    const history = await readWorkbookHistory(wb);
    expect(history.trail.filter((e) => e.action === 'reviewed').map((e) => e.snapshotId)).toEqual([
      '2026-10-10/quarter/1',
    ]);
    const kept = wb.sheets.get(RULES_SHEET)?.cells.find((r) => r[1] === '王经理');
    expect(kept?.[7]).toMatch(/适用于此前的分级/);
    expect(kept?.[8]).toBe('2026-10-10/quarter/1');
  });

  it('records the grading from what the sheet shows when it was graded before the workbook kept a history, then signs it off', async () => {
    const wb = workbook();
    const report = await gradeSheet(wb, { mode: 'in-year', by: '李分析', now: () => new Date('2026-07-08T02:00:00Z') });
    expect(wb.sheets.has(HISTORY_SHEET)).toBe(false);
    await stampReview(wb, {
      by: '王经理',
      at: new Date('2026-07-09T02:00:00Z'),
      fingerprint: report.fingerprint,
      state: await prepareReview(wb),
      confirmPending: true,
    });
    const history = await readWorkbookHistory(wb);
    expect(history.snapshots).toHaveLength(1);
    expect(history.snapshots[0]).toMatchObject({
      kind: 'quarter',
      gradedBy: '李分析',
      rulesFingerprint: report.fingerprint,
    });
    expect(history.snapshots[0]?.channels.map((c) => c.channelId)).toEqual(['C001', 'C002', 'C003']);
    expect(history.trail.map((e) => e.action)).toEqual(['graded', 'reviewed']);
  });

  it('signs off the grading on the sheet when it was graded again without recording it, keeping the earlier approval', async () => {
    const wb = workbook();
    const report = await gradeSheet(wb, { snapshot: true, now: AT('2026-10-10') });
    await recordGradingInWorkbook(wb, report, GRADED('2026-10-10'), 'zh');
    await stampReview(wb, {
      by: '王经理',
      at: new Date('2026-10-11T02:00:00Z'),
      fingerprint: report.fingerprint,
      state: await prepareReview(wb),
      confirmPending: true,
    });
    await gradeSheet(wb, { now: AT('2027-01-10') });
    expect((await prepareReview(wb)).signOffs).toEqual({ current: 0, earlier: 1 });
    await stampReview(wb, {
      by: '赵经理',
      at: new Date('2027-01-11T02:00:00Z'),
      fingerprint: report.fingerprint,
      state: await prepareReview(wb),
      confirmPending: true,
    });
    const history = await readWorkbookHistory(wb);
    expect(history.snapshots.map((s) => s.judgingDate)).toEqual(['2026-10-10', expect.stringMatching(/^2027-01-10$/)]);
    expect(history.trail.filter((e) => e.action === 'reviewed').map((e) => [e.who, e.snapshotId])).toEqual([
      ['王经理', '2026-10-10/quarter/1'],
      ['赵经理', history.snapshots[1]?.id],
    ]);
    expect((await prepareReview(wb)).signOffs).toEqual({ current: 1, earlier: 1 });
  });

  it('refuses a sign-off when the rules were changed after grading, signing nothing', async () => {
    const wb = workbook();
    const report = await gradeSheet(wb, { snapshot: true, now: AT('2026-10-10') });
    await recordGradingInWorkbook(wb, report, GRADED('2026-10-10'), 'zh');
    const state = await prepareReview(wb);
    const before = JSON.stringify(wb.sheets.get(TRAIL_SHEET)?.cells);
    await expect(
      stampReview(wb, { by: '王经理', at: new Date(), fingerprint: 'ffffffffffff', state, confirmPending: true }),
    ).rejects.toThrow(RulesChangedSinceGradingError);
    expect(JSON.stringify(wb.sheets.get(TRAIL_SHEET)?.cells)).toBe(before);
    expect(wb.sheets.get(RULES_SHEET)?.cells.some((r) => r[1] === '王经理')).toBe(false);
  });
});

function AT(judgingDate: string): () => Date {
  return () => new Date(`${judgingDate}T09:00:00+08:00`);
}

function GRADED(judgingDate: string): { kind: 'quarter'; judgingDate: string; by: string; gradedAt: string } {
  return { kind: 'quarter', judgingDate, by: '李分析', gradedAt: `${judgingDate}T09:00:00+08:00` };
}
