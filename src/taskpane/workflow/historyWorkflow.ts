/**
 * The pane's history side over a PaneHost (RULES.md §12, 第四条, 第十条): reads the gradings the
 * workbook keeps, works out movement and trails from them, and appends approvals and notices to the
 * trail. Nothing earlier is changed: every step reads the history and appends.
 */
import {
  UsageError,
  appendTrail,
  classMovement,
  classesInForce,
  decisionOf,
  type ClassesInForce,
  type CompiledRules,
  type History,
  type Lang,
  type Snapshot,
  type TrailEntry,
} from '../../core';
import { gradingStatus } from '../../core/gradingState';
import {
  approvalEntry,
  approveSnapshot,
  readWorkbookHistory,
  writeNoticeSheets,
  appendWorkbookHistory,
  type RecordedGrading,
} from '../../grading';
import type { PaneHost } from '../../grading/PaneHost';
import type {
  ChannelTrail,
  HistoryWorkflow,
  PaneHistory,
  PaneMove,
  PaneRecorded,
  SnapshotSummary,
} from './historyWorkflow.types';

/** What the Grade tab says of a recorded grading: the snapshot, and ↑/↓/flagged since the previous one. */
export function recordedSummary(recorded: RecordedGrading): PaneRecorded {
  const m = recorded.movement;
  return {
    snapshot: recorded.snapshot,
    previous: recorded.previous,
    movement:
      m === null
        ? null
        : {
            up: m.moves.filter((x) => x.direction === 'up').length,
            down: m.moves.filter((x) => x.direction === 'down').length,
            flagged: m.moves.filter((x) => x.flags.length > 0).length,
          },
  };
}

/** The history as the pane lists it: each grading with its decision and every later step on it. */
export function paneHistoryOf(history: History): PaneHistory {
  const summaries = history.snapshots.map((s): SnapshotSummary => ({
    id: s.id,
    judgingDate: s.judgingDate,
    kind: s.kind,
    gradedBy: s.gradedBy,
    gradedAt: s.gradedAt,
    rulesFingerprint: s.rulesFingerprint,
    channels: s.channels.length,
    decision: decisionOf(history.trail, s.id),
    status: gradingStatus(history.trail, s.id),
    // The review sign-off (复核完成) is not a step of 第十条: see `gradingStatus` for it.
    steps: history.trail.filter(
      (e): e is TrailEntry => e.snapshotId === s.id && e.action !== 'graded' && e.action !== 'reviewed',
    ),
  }));
  return { history, snapshots: summaries };
}

/** What the channel search looks in, built once per history read: typing searches a map, not every grading. */
interface SearchIndex {
  /** Latest grading's channels first; the text is the ID and the name, lower-cased. */
  readonly channels: ReadonlyMap<string, { readonly name: string | null; readonly text: string }>;
  /** Per grading, oldest first: class index by channel. */
  readonly classes: readonly ReadonlyMap<string, number>[];
  readonly inForce: ReadonlyMap<string, ClassesInForce>;
}

const searchIndexes = new WeakMap<PaneHistory, SearchIndex>();

function searchIndexOf(history: PaneHistory): SearchIndex {
  const known = searchIndexes.get(history);
  if (known) return known;
  const snapshots = history.history.snapshots;
  const channels = new Map<string, { name: string | null; text: string }>();
  for (let i = snapshots.length - 1; i >= 0; i--)
    for (const c of (snapshots[i] as Snapshot).channels)
      if (!channels.has(c.channelId))
        channels.set(c.channelId, {
          name: c.channelName ?? null,
          text: `${c.channelId}\u0000${c.channelName ?? ''}`.toLowerCase(),
        });
  const index: SearchIndex = {
    channels,
    classes: snapshots.map((s) => new Map(s.channels.map((c) => [c.channelId, c.classIndex]))),
    inForce: new Map(classesInForce(snapshots, history.history.trail).map((f) => [f.channelId, f])),
  };
  searchIndexes.set(history, index);
  return index;
}

function snapshotNamed(history: PaneHistory, id: string): { snapshot: Snapshot; summary: SnapshotSummary } {
  const at = history.history.snapshots.findIndex((s) => s.id === id);
  const snapshot = history.history.snapshots[at];
  const summary = history.snapshots[at];
  if (snapshot === undefined || summary === undefined)
    throw new UsageError({
      zh: `工作表“分级历史”中没有编号为 ${id} 的分级：请刷新历史后重选`,
      en: `there is no grading ${id} on the 分级历史 sheet: refresh the history and choose again`,
    });
  return { snapshot, summary };
}

/** Builds the history side of the pane; `rules` gives the workbook's rules in force (read once). */
export function createHistoryWorkflow(
  host: PaneHost,
  lang: Lang,
  rules: () => Promise<CompiledRules>,
): HistoryWorkflow {
  const read = async (): Promise<PaneHistory> => paneHistoryOf(await readWorkbookHistory(host.openPort()));

  return {
    lang,
    read,

    movement(history, earlierId, laterId) {
      const earlier = snapshotNamed(history, earlierId);
      const later = snapshotNamed(history, laterId);
      const movement = classMovement(earlier.snapshot.channels, later.snapshot.channels);
      const names = new Map<string, string>();
      for (const s of [earlier.snapshot, later.snapshot])
        for (const c of s.channels) if (c.channelName) names.set(c.channelId, c.channelName);
      // Flagged first (most flags first), then the order of the later grading: a stable sort keeps it.
      const moves: PaneMove[] = [...movement.moves]
        .sort((a, b) => b.flags.length - a.flags.length)
        .map((m) => ({ ...m, channelName: names.get(m.channelId) ?? null }));
      return {
        earlier: earlier.summary,
        later: later.summary,
        movement,
        moves,
        flagged: moves.filter((m) => m.flags.length > 0).length,
      };
    },

    search(history, query, limit = 20) {
      const q = query.trim().toLowerCase();
      if (q === '') return [];
      const index = searchIndexOf(history);
      const found: ChannelTrail[] = [];
      for (const [channelId, entry] of index.channels) {
        if (!entry.text.includes(q)) continue;
        found.push({
          channelId,
          channelName: entry.name,
          classes: index.classes.map((byId, i) => ({
            snapshot: history.snapshots[i] as SnapshotSummary,
            classIndex: byId.get(channelId) ?? null,
          })),
          inForce: index.inForce.get(channelId) ?? null,
        });
        if (found.length >= limit) break;
      }
      return found;
    },

    async decide(snapshotId, decision, who, note) {
      // 第十条: the 个人客户运营部 approves or returns; the entry carries the grading's own fingerprint.
      const after = await approveSnapshot(
        host.openPort(),
        { snapshotId, by: who, role: 'approver', action: decision, note, at: new Date() },
        lang,
      );
      return paneHistoryOf(after);
    },

    async notices(snapshotId, by) {
      const history = await read();
      const { snapshot } = snapshotNamed(history, snapshotId);
      const compiled = await rules();
      // The resource outcomes on a notice are the rules' own: they must be the rules that graded it.
      if (compiled.fingerprint !== snapshot.rulesFingerprint)
        throw new UsageError({
          zh: `分级 ${snapshot.id} 所用规则（指纹 ${snapshot.rulesFingerprint}）不是本工作簿现行规则（指纹 ${compiled.fingerprint}）：通知中的资源匹配会与当时不符；请按现行规则重新分级后再生成通知`,
          en: `grading ${snapshot.id} used rules ${snapshot.rulesFingerprint}, not this workbook's rules in force (${compiled.fingerprint}): a notice's resource outcomes would not be the ones graded; grade again with the rules in force, then write the notices`,
        });
      const port = host.openPort();
      // The trail says whether the grading is approved: a draft's notices are marked 待审批 · 草稿.
      const written = await writeNoticeSheets(port, snapshot, by, compiled, lang, history.history.trail);
      // Excel holds small writes until a later request: without the commit the notices never reach the workbook.
      await port.commit();
      const keys = [...new Set(snapshot.channels.map((c) => c[by]?.trim() ?? ''))].filter((k) => k !== '');
      return { by, sheets: written.sheets, keys, unassigned: written.unassigned };
    },

    async notified(snapshotId, keys, who) {
      const before = await read();
      const at = new Date();
      // One entry per branch, written in one go: the history is rewritten once, not once per branch.
      let trail = before.history.trail;
      for (const key of keys)
        trail = appendTrail(
          trail,
          approvalEntry(before.history, { snapshotId, by: who, role: 'grader', action: 'notified', note: key, at }),
          before.history.snapshots,
        );
      const after: History = { snapshots: before.history.snapshots, trail };
      const port = host.openPort();
      await appendWorkbookHistory(port, before.history, after, lang);
      await port.commit();
      return paneHistoryOf(after);
    },
  };
}
