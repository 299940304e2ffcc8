/**
 * Gradings as dated snapshots, the two classes a channel holds at once, and the approval trail
 * (RULES.md §12; 第四条, 第十条, 第十一条, 第十二条). Snapshots are appended, never overwritten; an approval
 * belongs to the snapshot it approved, so grading again never removes an earlier one.
 *
 * @packageDocumentation
 */
import { COLOURS, SCALES } from './bands';
import { classOfIndex } from './channelClass';
import { UsageError } from './errors';
import { scaledOf, type Scaled } from './canonical';
import { decimalArithmetic } from './decimalArithmetic';
import { ExactSum } from './prepareExactSum';
import type { PrepareKind as GradingKind } from './prepareKinds';
import { gradingStateOf, isApprovedState } from './gradingState';
import { ROLE_LABELS, TRAIL_ACTIONS, type TrailEntry, type TrailStep } from './trail';

export * from './trail';

/** Which of the two classes of 第四条 a kind of grading gives (prospective: neither yet). */
export function periodOf(kind: GradingKind): 'annual' | 'inYear' | 'prospective' {
  return kind === 'annual' || kind === 'recheck' ? 'annual' : kind === 'prospective' ? 'prospective' : 'inYear';
}

/** One channel in a snapshot: who it is and what it was graded. */
export interface SnapshotChannel {
  readonly channelId: string;
  readonly channelName?: string | undefined;
  /** 分公司 and 三级机构, for roll-ups and notices. */
  readonly company?: string | undefined;
  readonly branch?: string | undefined;
  readonly costRate: number;
  /** Annualized cooperation scale: the channel's annualized premium. */
  readonly annualScale: number;
  readonly depth: number;
  /** Class index 1..45 (RULES.md §3). */
  readonly classIndex: number;
}

/** One grading, as it was done (RULES.md §12). */
export interface Snapshot {
  /** Unique within a history: made by `snapshotId`. */
  readonly id: string;
  /** Judging date, ISO `YYYY-MM-DD`. */
  readonly judgingDate: string;
  readonly kind: GradingKind;
  /** The data window, ISO dates; null for prospective channels (no window). */
  readonly window: { readonly start: string; readonly end: string } | null;
  readonly rulesFingerprint: string;
  /** Who graded (a name or account), and when (ISO timestamp with zone). */
  readonly gradedBy: string;
  readonly gradedAt: string;
  readonly channels: readonly SnapshotChannel[];
}

/** A snapshot id that sorts by judging date: `2026-10-10/quarter/3`, the 3rd snapshot of a history. */
export function snapshotId(judgingDate: string, kind: GradingKind, sequence: number): string {
  return `${judgingDate}/${kind}/${sequence}`;
}

/** A class a channel holds from one grading: the class and the grading that gave it. */
export interface HeldClass {
  readonly classIndex: number;
  readonly snapshotId: string;
}

/** A channel's class in force: the annual and in-year classes side by side, and which one matching uses. */
export interface ClassesInForce {
  readonly channelId: string;
  /** From the latest approved grading of each period (RULES.md §12); null when none approved graded it. */
  readonly annual: HeldClass | null;
  readonly inYear: HeldClass | null;
  readonly prospective: HeldClass | null;
  /**
   * The class resources are matched on: the in-year class when there is one at least as recent as
   * the annual class (第四条: the in-year class is the one management acts on), else the annual class,
   * else the prospective class [default reading]. Null when no approved grading graded the channel.
   */
  readonly used: 'inYear' | 'annual' | 'prospective' | null;
  readonly classIndex: number | null;
  /**
   * Classes awaiting approval (待审批), shown beside the classes in force: per period, the latest
   * pending grading newer than the approved one of that period. Never in force until approved; a
   * returned grading's classes appear neither here nor in force.
   */
  readonly pending: {
    readonly annual: HeldClass | null;
    readonly inYear: HeldClass | null;
    readonly prospective: HeldClass | null;
  };
}

/**
 * Every channel's classes in force after a history (RULES.md §12, 第四条): for each period the latest
 * **approved** snapshot (by judging date, then by order in the history) that graded the channel, and
 * beside them the classes of later gradings still awaiting approval. A returned grading gives nothing.
 * Channels graded only by returned gradings are not listed.
 */
export function classesInForce(snapshots: readonly Snapshot[], trail: readonly TrailStep[]): ClassesInForce[] {
  type Held = { classIndex: number; snapshotId: string; date: string; order: number };
  type Periods = { annual?: Held; inYear?: Held; prospective?: Held };
  const approved = new Map<string, Periods>();
  const pending = new Map<string, Periods>();
  snapshots.forEach((s, order) => {
    const state = gradingStateOf(trail, s.id);
    const into = isApprovedState(state) ? approved : state === 'pending' ? pending : null;
    if (into === null) return;
    const period = periodOf(s.kind);
    for (const c of s.channels) {
      const h = into.get(c.channelId) ?? {};
      const prev = h[period];
      if (prev === undefined || prev.date <= s.judgingDate)
        h[period] = { classIndex: c.classIndex, snapshotId: s.id, date: s.judgingDate, order };
      into.set(c.channelId, h);
    }
  });
  const strip = (x: Held | undefined): HeldClass | null =>
    x === undefined ? null : { classIndex: x.classIndex, snapshotId: x.snapshotId };
  // A pending class is shown only when it is newer than the approved class of its period.
  const newer = (p: Held | undefined, a: Held | undefined): HeldClass | null =>
    p === undefined || (a !== undefined && (p.date < a.date || (p.date === a.date && p.order < a.order)))
      ? null
      : strip(p);
  const ids = [...new Set([...approved.keys(), ...pending.keys()])];
  return ids.map((channelId) => {
    const h = approved.get(channelId) ?? {};
    const p = pending.get(channelId) ?? {};
    const used: ClassesInForce['used'] =
      h.inYear !== undefined && (h.annual === undefined || h.inYear.date >= h.annual.date)
        ? 'inYear'
        : h.annual !== undefined
          ? 'annual'
          : h.prospective !== undefined
            ? 'prospective'
            : null;
    const chosen = used === null ? undefined : h[used];
    return {
      channelId,
      annual: strip(h.annual),
      inYear: strip(h.inYear),
      prospective: strip(h.prospective),
      used,
      classIndex: chosen?.classIndex ?? null,
      pending: {
        annual: newer(p.annual, h.annual),
        inYear: newer(p.inYear, h.inYear),
        prospective: newer(p.prospective, h.prospective),
      },
    };
  });
}

/**
 * Appends an entry to the trail, returning the new trail (the old one is not changed). Refuses with
 * `UsageError`: a snapshot that is not in the history, a role that may not take the action (第十条:
 * 经代部 grades and notifies, 个人客户运营部 approves or returns, a branch acknowledges), or a fingerprint
 * that is not the snapshot's (the approval would name rules that did not grade it).
 */
export function appendTrail(
  trail: readonly TrailStep[],
  entry: TrailStep,
  snapshots: readonly Snapshot[],
): readonly TrailStep[] {
  const snapshot = snapshots.find((s) => s.id === entry.snapshotId);
  if (snapshot === undefined)
    throw new UsageError({
      zh: `没有编号为 ${entry.snapshotId} 的分级记录`,
      en: `there is no grading ${entry.snapshotId} in the history`,
    });
  const role = entry.action === 'reviewed' ? 'approver' : TRAIL_ACTIONS[entry.action];
  if (role !== entry.role)
    throw new UsageError({
      zh: `${ROLE_LABELS[entry.role].zh}不能执行“${entry.action}”，应由${ROLE_LABELS[role].zh}执行`,
      en: `the ${ROLE_LABELS[entry.role].en} cannot do "${entry.action}": it is for the ${ROLE_LABELS[role].en}`,
    });
  if (entry.rulesFingerprint !== snapshot.rulesFingerprint)
    throw new UsageError({
      zh: `规则指纹 ${entry.rulesFingerprint} 与分级 ${snapshot.id} 所用的 ${snapshot.rulesFingerprint} 不符`,
      en: `rules fingerprint ${entry.rulesFingerprint} is not ${snapshot.rulesFingerprint}, the one grading ${snapshot.id} used`,
    });
  return [...trail, entry];
}

/**
 * The approval decision that holds on a snapshot (`approved` or `returned`), or null if none yet: the
 * first one, since a decision is made once (RULES.md §12; a later one in a trail written before the
 * order was enforced does not change it).
 */
export function decisionOf(trail: readonly TrailStep[], id: string): TrailEntry | null {
  for (const e of trail) if (e.snapshotId === id && (e.action === 'approved' || e.action === 'returned')) return e;
  return null;
}

/** Channels and annualized premium per colour band and per scale class for one 分公司 or 三级机构. */
export interface RollUp {
  readonly key: string;
  readonly channels: number;
  /** Index 0 deep blue … 4 deep red. */
  readonly channelsByColour: readonly number[];
  readonly premiumByColour: readonly number[];
  /** Index 0 A … 2 C. */
  readonly channelsByScale: readonly number[];
  readonly premiumByScale: readonly number[];
}

/** The colour band's and scale class's positions (in COLOURS, SCALES) of each class index 1–45. */
const COLOUR_AT: readonly (number | undefined)[] = Array.from({ length: 46 }, (_, i) => {
  const cls = classOfIndex(i);
  return cls === null ? undefined : COLOURS.indexOf(cls.colour);
});
const SCALE_AT: readonly (number | undefined)[] = Array.from({ length: 46 }, (_, i) => {
  const cls = classOfIndex(i);
  return cls === null ? undefined : SCALES.indexOf(cls.scale);
});

/**
 * Roll-ups per 分公司 or per 三级机构 (RULES.md §12: each branch is told its channels' classes): channels and annualized premium per
 * colour band and per scale class, premiums summed exactly. Channels without the key are under
 * `(未填)`. Keys in order of first appearance.
 */
export function rollUp(
  channels: Iterable<Pick<SnapshotChannel, 'company' | 'branch' | 'annualScale' | 'classIndex'>>,
  by: 'company' | 'branch',
): RollUp[] {
  // Counts and exact running sums per key: a channel is read once and not kept.
  type Acc = { channels: number; count: number[]; colour: ExactTotal[]; scale: ExactTotal[] };
  const groups = new Map<string, Acc>();
  for (const c of channels) {
    const key = c[by]?.trim() || '(未填)';
    let acc = groups.get(key);
    if (acc === undefined) {
      acc = {
        channels: 0,
        count: Array.from({ length: COLOURS.length + SCALES.length }, () => 0),
        colour: COLOURS.map(() => new ExactTotal()),
        scale: SCALES.map(() => new ExactTotal()),
      };
      groups.set(key, acc);
    }
    acc.channels += 1;
    const ci = COLOUR_AT[c.classIndex];
    const si = SCALE_AT[c.classIndex];
    if (ci === undefined || si === undefined) continue;
    acc.count[ci] = (acc.count[ci] ?? 0) + 1;
    acc.count[COLOURS.length + si] = (acc.count[COLOURS.length + si] ?? 0) + 1;
    acc.colour[ci]?.add(c.annualScale);
    acc.scale[si]?.add(c.annualScale);
  }
  return [...groups].map(([key, acc]) => ({
    key,
    channels: acc.channels,
    channelsByColour: acc.count.slice(0, COLOURS.length),
    premiumByColour: acc.colour.map((t) => t.value()),
    channelsByScale: acc.count.slice(COLOURS.length),
    premiumByScale: acc.scale.map((t) => t.value()),
  }));
}

/** An exact running total of canonical doubles (RULES.md §1), in scaled integers; decimal.js only for odd values. */
class ExactTotal {
  private readonly sum = new ExactSum();
  private readonly odd: number[] = [];
  private static readonly scratch: Scaled = { mantissa: 0, scale: 0 };

  add(x: number): void {
    const s = ExactTotal.scratch;
    if (scaledOf(x, s)) this.sum.add(s.mantissa, s.scale);
    else this.odd.push(x);
  }

  value(): number {
    const exact = this.sum.toNumber();
    return this.odd.length === 0 ? exact : decimalArithmetic.sum([exact, ...this.odd]);
  }
}
