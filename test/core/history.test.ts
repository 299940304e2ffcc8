/* The grading history document (RULES.md §12: snapshots kept, never overwritten; the approval trail). */
import {
  EMPTY_HISTORY,
  InvalidHistoryError,
  appendSnapshot,
  historyFromJson,
  historyToJson,
  type History,
} from '../../src/core/history';
import type { Snapshot } from '../../src/core/snapshot';

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

  it('refuses a trail whose approval names a grading that is not there', () => {
    const doc = JSON.parse(historyToJson(EMPTY_HISTORY)) as Record<string, unknown>;
    doc['trail'] = [
      { at: 'x', who: '李四', role: 'approver', action: 'approved', snapshotId: 'nope', rulesFingerprint: 'f' },
    ];
    expect(() => historyFromJson(JSON.stringify(doc), 'h.json')).toThrow(/nope/);
  });
});
