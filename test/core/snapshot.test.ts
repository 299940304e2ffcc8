/* Snapshots, the two classes, the approval trail and roll-ups (RULES.md §12; 第四条, 第十条, 第十二条). */
import {
  appendTrail,
  classesInForce,
  decisionOf,
  rollUp,
  snapshotId,
  type Snapshot,
  type SnapshotChannel,
  type TrailEntry,
} from '../../src/core/snapshot';
import { UsageError, decimalArithmetic } from '../../src/core';

const ch = (channelId: string, classIndex: number, extra: Partial<SnapshotChannel> = {}): SnapshotChannel => ({
  channelId,
  costRate: 0.9,
  annualScale: 1_000_000,
  depth: 0.1,
  classIndex,
  ...extra,
});

const annual: Snapshot = {
  id: snapshotId('2026-01-15', 'annual', 1),
  judgingDate: '2026-01-15',
  kind: 'annual',
  window: { start: '2025-01-01', end: '2025-12-31' },
  rulesFingerprint: 'aaaaaaaaaaaa',
  gradedBy: '张三',
  gradedAt: '2026-01-15T09:00:00+08:00',
  channels: [ch('Q1', 1), ch('Q2', 20)],
};
const quarter: Snapshot = {
  ...annual,
  id: snapshotId('2026-04-08', 'quarter', 2),
  judgingDate: '2026-04-08',
  kind: 'quarter',
  window: { start: '2026-01-01', end: '2026-03-31' },
  rulesFingerprint: 'bbbbbbbbbbbb',
  channels: [ch('Q1', 10)],
};

/** A trail on which every grading was approved by someone who did not grade it. */
const approvedAll = (snapshots: readonly Snapshot[]): TrailEntry[] =>
  snapshots.map((s) => ({
    at: '2026-12-01T10:00:00+08:00',
    who: '李四',
    role: 'approver',
    action: 'approved',
    snapshotId: s.id,
    rulesFingerprint: s.rulesFingerprint,
  }));

describe('the annual and the in-year class side by side (第四条)', () => {
  it('uses the in-year class for resource matching when it is newer than the annual class', () => {
    const q1 = classesInForce([annual, quarter], approvedAll([annual, quarter])).find((c) => c.channelId === 'Q1');
    expect(q1).toMatchObject({ annual: { classIndex: 1 }, inYear: { classIndex: 10 }, used: 'inYear', classIndex: 10 });
  });

  it('uses the annual class for a channel with no in-year class yet', () => {
    const q2 = classesInForce([annual, quarter], approvedAll([annual, quarter])).find((c) => c.channelId === 'Q2');
    expect(q2).toMatchObject({ inYear: null, used: 'annual', classIndex: 20 });
  });

  it('uses a new annual evaluation over last year’s in-year class', () => {
    const nextAnnual: Snapshot = { ...annual, id: 'next', judgingDate: '2027-01-12', channels: [ch('Q1', 2)] };
    expect(
      classesInForce([annual, quarter, nextAnnual], approvedAll([annual, quarter, nextAnnual])).find(
        (c) => c.channelId === 'Q1',
      ),
    ).toMatchObject({
      used: 'annual',
      classIndex: 2,
    });
  });
});

describe('the approval trail (第十条)', () => {
  const approve: TrailEntry = {
    at: '2026-04-09T10:00:00+08:00',
    who: '李四',
    role: 'approver',
    action: 'approved',
    snapshotId: quarter.id,
    rulesFingerprint: 'bbbbbbbbbbbb',
  };

  it('keeps an approval with the grading it approved when the next grading is made', () => {
    const trail = appendTrail([], approve, [annual, quarter]);
    const later: Snapshot = { ...quarter, id: 'later', judgingDate: '2026-07-08' };
    expect(decisionOf(trail, quarter.id)).toEqual(approve);
    expect(decisionOf(trail, later.id)).toBeNull();
  });

  it('refuses an approval by the 经代部, which grades but does not approve', () => {
    expect(() => appendTrail([], { ...approve, role: 'grader' }, [quarter])).toThrow(UsageError);
    expect(() => appendTrail([], { ...approve, role: 'grader' }, [quarter])).toThrow(/个人客户运营部/);
  });

  it('refuses an approval naming rules other than the ones that graded', () => {
    expect(() => appendTrail([], { ...approve, rulesFingerprint: 'cccccccccccc' }, [quarter])).toThrow(/bbbbbbbbbbbb/);
  });

  it('refuses an action on a grading that is not in the history', () => {
    expect(() => appendTrail([], approve, [annual])).toThrow(quarter.id);
  });

  it('never changes the trail it was given (append-only)', () => {
    const before: readonly TrailEntry[] = Object.freeze([]);
    const after = appendTrail(before, approve, [quarter]);
    expect(before).toHaveLength(0);
    expect(after).toHaveLength(1);
  });

  it('keeps the first decision when an old trail approves a returned grading later (A returned grading is never notified; it is superseded by grading again)', () => {
    const returned = { ...approve, action: 'returned' as const, at: '2026-04-09T09:00:00+08:00' };
    const trail = appendTrail(appendTrail([], returned, [quarter]), approve, [quarter]);
    expect(decisionOf(trail, quarter.id)?.action).toBe('returned');
  });
});

describe('roll-ups per 分公司 and 三级机构', () => {
  const channels = [
    ch('Q1', 1, { company: '北京分公司', branch: '海淀中支', annualScale: 0.1 }),
    ch('Q2', 2, { company: '北京分公司', branch: '朝阳中支', annualScale: 0.2 }),
    ch('Q3', 45, { company: '上海分公司', branch: '浦东中支', annualScale: 5 }),
    ch('Q4', 45),
  ];

  it('counts channels and sums premium exactly per colour band and scale class for each 分公司', () => {
    const [beijing, shanghai, none] = rollUp(channels, 'company');
    expect(beijing).toMatchObject({
      key: '北京分公司',
      channels: 2,
      channelsByColour: [2, 0, 0, 0, 0],
      channelsByScale: [2, 0, 0],
    });
    expect(beijing?.premiumByColour[0]).toBe(0.3);
    expect(shanghai?.channelsByColour).toEqual([0, 0, 0, 0, 1]);
    expect(none?.key).toBe('(未填)');
  });

  it('rolls up per 三级机构, premiums summed as decimal.js sums them', () => {
    const r = rollUp(channels, 'branch');
    expect(r.map((x) => x.key)).toEqual(['海淀中支', '朝阳中支', '浦东中支', '(未填)']);
    expect(r[2]?.premiumByColour[4]).toBe(5);
    const many = Array.from({ length: 1000 }, (_, i) => ({ ...channels[0]!, annualScale: 0.1 + i / 1000 }));
    expect(rollUp(many, 'company')[0]?.premiumByColour[0]).toBe(decimalArithmetic.sum(many.map((c) => c.annualScale)));
  });
});
