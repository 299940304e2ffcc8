/**
 * A grading history as a person-readable JSON document (RULES.md §12): the snapshots in the order they
 * were made and the append-only approval trail. Reading validates every field and names the first one
 * that is wrong; appending never rewrites what is there.
 *
 * @packageDocumentation
 */
import { QdError } from './errors';
import { PREPARE_KINDS as GRADING_KINDS, type PrepareKind as GradingKind } from './prepareKinds';
import {
  ROLES,
  TRAIL_ACTIONS,
  appendTrail,
  snapshotId,
  type Snapshot,
  type SnapshotChannel,
  type TrailStep,
} from './snapshot';

/** The format tag of a history document. */
export const HISTORY_FORMAT = 'qd-channel-grader/history';
/** The version of the format this module writes. */
export const HISTORY_VERSION = 1;

/** A grading history: every snapshot and the trail. */
export interface History {
  readonly snapshots: readonly Snapshot[];
  readonly trail: readonly TrailStep[];
  /**
   * The highest grading sequence ever given in this history (a JSON history keeps it), so an id is never
   * given again after its grading was deleted by hand (RULES.md §12). Absent: from the ids present.
   */
  readonly lastSequence?: number | undefined;
}

/** An empty history. */
export const EMPTY_HISTORY: History = { snapshots: [], trail: [] };

/** The history as JSON text, two-space indented (diffs and reviews read it line by line). */
export function historyToJson(history: History): string {
  const last = nextSequence(history) - 1;
  const doc = {
    format: HISTORY_FORMAT,
    version: HISTORY_VERSION,
    snapshots: history.snapshots,
    trail: history.trail,
    ...(last > 0 ? { lastSequence: last } : {}),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A history document that cannot be read: the file (or sheet) and the field are named. */
export class InvalidHistoryError extends QdError {}

function fail(source: string, path: string, zh: string, en: string): never {
  throw new InvalidHistoryError({ zh: `${source}：${path} ${zh}`, en: `${source}: ${path} ${en}` });
}

type Obj = Record<string, unknown>;

function obj(v: unknown, source: string, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(source, path, '应为对象', 'must be an object');
  return v as Obj;
}

function arr(v: unknown, source: string, path: string): unknown[] {
  if (!Array.isArray(v)) fail(source, path, '应为数组', 'must be a list');
  return v;
}

function str(o: Obj, key: string, source: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.trim() === '')
    fail(source, `${path}.${key}`, '应为非空文字', 'must be non-empty text');
  return v;
}

function optStr(o: Obj, key: string, source: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') fail(source, `${path}.${key}`, '应为文字', 'must be text');
  return v;
}

function num(o: Obj, key: string, source: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(source, `${path}.${key}`, '应为数字', 'must be a number');
  return v;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function date(o: Obj, key: string, source: string, path: string): string {
  const v = str(o, key, source, path);
  if (!ISO_DATE.test(v))
    fail(source, `${path}.${key}`, `“${v}”不是 YYYY-MM-DD 日期`, `"${v}" is not a YYYY-MM-DD date`);
  return v;
}

function channelOf(v: unknown, source: string, path: string): SnapshotChannel {
  const o = obj(v, source, path);
  const classIndex = num(o, 'classIndex', source, path);
  if (!Number.isInteger(classIndex) || classIndex < 1 || classIndex > 45)
    fail(source, `${path}.classIndex`, '应为 1 至 45', 'must be 1..45');
  return {
    channelId: str(o, 'channelId', source, path),
    channelName: optStr(o, 'channelName', source, path),
    company: optStr(o, 'company', source, path),
    branch: optStr(o, 'branch', source, path),
    costRate: num(o, 'costRate', source, path),
    annualScale: num(o, 'annualScale', source, path),
    depth: num(o, 'depth', source, path),
    classIndex,
  };
}

function snapshotOf(v: unknown, source: string, path: string): Snapshot {
  const o = obj(v, source, path);
  const kind = str(o, 'kind', source, path);
  if (!(GRADING_KINDS as readonly string[]).includes(kind))
    fail(
      source,
      `${path}.kind`,
      `“${kind}”不是分级类型（${GRADING_KINDS.join('/')}）`,
      `"${kind}" is not one of ${GRADING_KINDS.join('/')}`,
    );
  const w = o['window'];
  const window =
    w === null || w === undefined
      ? null
      : (() => {
          const wo = obj(w, source, `${path}.window`);
          return { start: date(wo, 'start', source, `${path}.window`), end: date(wo, 'end', source, `${path}.window`) };
        })();
  return {
    id: str(o, 'id', source, path),
    judgingDate: date(o, 'judgingDate', source, path),
    kind: kind as GradingKind,
    window,
    rulesFingerprint: str(o, 'rulesFingerprint', source, path),
    gradedBy: str(o, 'gradedBy', source, path),
    gradedAt: str(o, 'gradedAt', source, path),
    channels: arr(o['channels'], source, `${path}.channels`).map((c, i) =>
      channelOf(c, source, `${path}.channels[${i}]`),
    ),
  };
}

function entryOf(v: unknown, source: string, path: string): TrailStep {
  const o = obj(v, source, path);
  const role = str(o, 'role', source, path);
  if (!(ROLES as readonly string[]).includes(role))
    fail(
      source,
      `${path}.role`,
      `“${role}”不是角色（${ROLES.join('/')}）`,
      `"${role}" is not one of ${ROLES.join('/')}`,
    );
  const action = str(o, 'action', source, path);
  if (!Object.hasOwn(TRAIL_ACTIONS, action) && action !== 'reviewed')
    fail(
      source,
      `${path}.action`,
      `“${action}”不是操作`,
      `"${action}" is not an action (${[...Object.keys(TRAIL_ACTIONS), 'reviewed'].join('/')})`,
    );
  const common = {
    at: str(o, 'at', source, path),
    who: str(o, 'who', source, path),
    role: role as TrailStep['role'],
    snapshotId: str(o, 'snapshotId', source, path),
    rulesFingerprint: str(o, 'rulesFingerprint', source, path),
    note: optStr(o, 'note', source, path),
  };
  if (action === 'reviewed') {
    const pendingRows = num(o, 'pendingRows', source, path);
    if (!Number.isInteger(pendingRows) || pendingRows < 0)
      fail(source, `${path}.pendingRows`, '应为非负整数', 'must be a whole number ≥ 0');
    return { ...common, action: 'reviewed', pendingRows };
  }
  return { ...common, action: action as keyof typeof TRAIL_ACTIONS };
}

/**
 * Reads a history document. `source` names it in messages (a file name). Throws `InvalidHistoryError`
 * naming the first field that is wrong or a snapshot id used twice, and `UsageError` for a trail entry
 * the trail rules refuse.
 */
export function historyFromJson(text: string, source: string): History {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new InvalidHistoryError({
      zh: `${source} 不是有效的 JSON 分级历史`,
      en: `${source} is not a valid JSON grading history`,
    });
  }
  const o = obj(parsed, source, '(根 root)');
  if (o['format'] !== HISTORY_FORMAT)
    fail(
      source,
      'format',
      `应为 “${HISTORY_FORMAT}”：这不是本加载项的分级历史`,
      `must be "${HISTORY_FORMAT}": this is not a grading history of this add-in`,
    );
  if (o['version'] !== HISTORY_VERSION)
    fail(
      source,
      'version',
      `为 ${String(o['version'])}，本版本只读第 ${HISTORY_VERSION} 版`,
      `is ${String(o['version'])}; this version reads version ${HISTORY_VERSION}`,
    );
  const snapshots = arr(o['snapshots'], source, 'snapshots').map((s, i) => snapshotOf(s, source, `snapshots[${i}]`));
  const ids = new Set<string>();
  for (const s of snapshots) {
    if (ids.has(s.id)) fail(source, 'snapshots', `中分级 ${s.id} 出现了两次`, `list grading ${s.id} twice`);
    ids.add(s.id);
  }
  let trail: readonly TrailStep[] = [];
  arr(o['trail'], source, 'trail').forEach((e, i) => {
    const entry = entryOf(e, source, `trail[${i}]`);
    // The steps of a grading deleted by hand stay: they keep its id from being given again.
    trail = ids.has(entry.snapshotId) ? appendTrail(trail, entry, snapshots) : [...trail, entry];
  });
  const last = o['lastSequence'];
  if (last === undefined || last === null) return { snapshots, trail };
  if (typeof last !== 'number' || !Number.isInteger(last) || last < 0)
    fail(source, 'lastSequence', '应为非负整数', 'must be a whole number ≥ 0');
  return { snapshots, trail, lastSequence: last };
}

/** The sequence at the end of an id `date/kind/N`, or null for an id of another form. */
function sequenceOf(id: string): number | null {
  const m = /\/(\d+)$/.exec(id);
  return m === null ? null : Number(m[1]);
}

/**
 * The next grading sequence of a history (RULES.md §12: ids unique for ever): one more than the highest
 * ever given — the history's `lastSequence`, every snapshot's id and every id the trail names (the trail
 * keeps the id of a grading deleted by hand) — and never fewer than the count of gradings + 1.
 */
export function nextSequence(history: History): number {
  let highest = Math.max(history.lastSequence ?? 0, history.snapshots.length);
  for (const s of history.snapshots) highest = Math.max(highest, sequenceOf(s.id) ?? 0);
  for (const e of history.trail) highest = Math.max(highest, sequenceOf(e.snapshotId) ?? 0);
  return highest + 1;
}

/**
 * Appends a grading to a history, giving it the next id (`judgingDate/kind/sequence`, the sequence from
 * `nextSequence`, so an id is never given twice even after a grading was deleted by hand); the earlier
 * snapshots and the trail are kept as they are (RULES.md §12: nothing earlier is ever overwritten).
 */
export function appendSnapshot(
  history: History,
  snapshot: Omit<Snapshot, 'id'>,
): { history: History; snapshot: Snapshot } {
  const sequence = nextSequence(history);
  const made: Snapshot = { ...snapshot, id: snapshotId(snapshot.judgingDate, snapshot.kind, sequence) };
  return {
    history: { snapshots: [...history.snapshots, made], trail: history.trail, lastSequence: sequence },
    snapshot: made,
  };
}

/**
 * Appends a grading to a history and records it on the trail as `graded` by its grader (第十条: the
 * 经代部 grades). The history given is not changed.
 */
export function withGrading(history: History, grading: Omit<Snapshot, 'id'>): { history: History; snapshot: Snapshot } {
  const { history: added, snapshot } = appendSnapshot(history, grading);
  const trail = appendTrail(
    added.trail,
    {
      at: grading.gradedAt,
      who: grading.gradedBy,
      role: 'grader',
      action: 'graded',
      snapshotId: snapshot.id,
      rulesFingerprint: snapshot.rulesFingerprint,
    },
    added.snapshots,
  );
  return { history: { ...added, trail }, snapshot };
}
