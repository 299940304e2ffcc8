/* The grading history document (RULES.md §12: snapshots kept, never overwritten; the approval trail). */
import {
  EMPTY_HISTORY,
  InvalidHistoryError,
  appendSnapshot,
  historyFromJson,
  historyToJson,
  nextSequence,
  withGrading,
  type History,
} from '../../src/core/history';
import { appendTrail, type Snapshot } from '../../src/core/snapshot';

const grading: Omit<Snapshot, 'id'> = {
  judgingDate: '2026-04-08',
  kind: 'quarter',
  window: { start: '2026-01-01', end: '2026-03-31' },
  rulesFingerprint: '0123456789ab',
  gradedBy: '张三',
  gradedAt: '2026-04-08T09:30:00+08:00',
  channels: [
    { channelId: 'Q1', channelName: '甲经纪', costRate: 0.93, annualScale: 2_500_000, depth: 0.12, classIndex: 14 },
  ],
};

describe('the grading history', () => {
  it('reads back exactly what it wrote, trail included', () => {
    const { history, snapshot } = appendSnapshot(EMPTY_HISTORY, grading);
    const withTrail: History = {
      ...history,
      trail: [
        {
          at: '2026-04-09T10:00:00+08:00',
          who: '李四',
          role: 'approver',
          action: 'approved',
          snapshotId: snapshot.id,
          rulesFingerprint: '0123456789ab',
        },
      ],
    };
    expect(historyFromJson(historyToJson(withTrail), 'h.json')).toEqual(
      JSON.parse(JSON.stringify(withTrail)) as History,
    );
  });

  it('keeps the earlier grading as it was when the next one is appended', () => {
    const first = appendSnapshot(EMPTY_HISTORY, grading);
    const second = appendSnapshot(first.history, { ...grading, judgingDate: '2026-07-08' });
    expect(second.history.snapshots[0]).toBe(first.snapshot);
    expect(second.snapshot.id).toBe('2026-07-08/quarter/2');
  });

  it('accepts a file saved with a byte-order mark', () => {
    expect(historyFromJson(`\uFEFF${historyToJson(EMPTY_HISTORY)}`, 'h.json')).toEqual(EMPTY_HISTORY);
  });

  it('names the file and the field that is wrong', () => {
    const bad = historyToJson(appendSnapshot(EMPTY_HISTORY, grading).history).replace(
      '"classIndex": 14',
      '"classIndex": 46',
    );
    expect(() => historyFromJson(bad, 'h.json')).toThrow(InvalidHistoryError);
    expect(() => historyFromJson(bad, 'h.json')).toThrow(/h\.json.*snapshots\[0\]\.channels\[0\]\.classIndex/);
  });

  it('refuses a JSON file that is not a grading history', () => {
    expect(() => historyFromJson('{"a":1}', 'rules.json')).toThrow(/rules\.json.*format/);
    expect(() => historyFromJson('not json', 'x.json')).toThrow(/x\.json/);
  });

  it('refuses a new step on a grading that is not there', () => {
    expect(() =>
      appendTrail(
        [],
        { at: 'x', who: '李四', role: 'approver', action: 'approved', snapshotId: 'nope', rulesFingerprint: 'f' },
        [],
      ),
    ).toThrow(/nope/);
  });

  it('keeps the steps of a grading deleted by hand and reads the history (Snapshot ids are unique for ever)', () => {
    const doc = JSON.parse(historyToJson(EMPTY_HISTORY)) as Record<string, unknown>;
    doc['trail'] = [
      {
        at: 'x',
        who: '李四',
        role: 'grader',
        action: 'graded',
        snapshotId: '2026-04-08/quarter/1',
        rulesFingerprint: 'f',
      },
    ];
    const read = historyFromJson(JSON.stringify(doc), 'h.json');
    expect(read.trail).toHaveLength(1);
    expect(appendSnapshot(read, grading).snapshot.id).toBe('2026-04-08/quarter/2');
  });
});

describe('Snapshot ids are unique for ever (never reused after a snapshot is deleted by hand)', () => {
  const three = (): History => {
    let h: History = EMPTY_HISTORY;
    for (const date of ['2026-04-08', '2026-07-08', '2026-10-10'])
      h = withGrading(h, { ...grading, judgingDate: date }).history;
    return h;
  };

  it('gives the next grading a new id after a middle grading and its steps were deleted by hand', () => {
    const h = three();
    const doc = JSON.parse(historyToJson(h)) as { snapshots: { id: string }[]; trail: { snapshotId: string }[] };
    const gone = doc.snapshots[1]?.id;
    doc.snapshots.splice(1, 1);
    doc.trail = doc.trail.filter((e) => e.snapshotId !== gone);
    const edited = historyFromJson(JSON.stringify(doc), 'h.json');
    const next = withGrading(edited, { ...grading, judgingDate: '2026-10-10' });
    expect(next.snapshot.id).toBe('2026-10-10/quarter/4');
    // Read again: no grading is listed twice.
    expect(() => historyFromJson(historyToJson(next.history), 'h.json')).not.toThrow();
  });

  it('does not give the latest grading’s id again after it and its steps were deleted by hand from a JSON history', () => {
    const h = three();
    const doc = JSON.parse(historyToJson(h)) as { snapshots: { id: string }[]; trail: { snapshotId: string }[] };
    const gone = doc.snapshots[2]?.id;
    doc.snapshots.splice(2, 1);
    doc.trail = doc.trail.filter((e) => e.snapshotId !== gone);
    const edited = historyFromJson(JSON.stringify(doc), 'h.json');
    expect(withGrading(edited, { ...grading, judgingDate: '2026-10-10' }).snapshot.id).toBe('2026-10-10/quarter/4');
  });

  it('numbers a history written before the highest number was kept from the ids it holds', () => {
    const h = three();
    expect(nextSequence({ snapshots: h.snapshots.slice(1), trail: h.trail })).toBe(4);
  });
});
