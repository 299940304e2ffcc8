/**
 * How channels moved between two gradings (RULES.md §12, 第四条 and 第十二条: classes go up and down,
 * 能上能下): the 5 × 5 colour migration matrix, the channels that changed class with the moves a
 * manager must look at flagged, and one channel's classes over several gradings.
 *
 * @packageDocumentation
 */
import { COLOURS } from './bands';
import { classOfIndex } from './channelClass';
import { UsageError } from './errors';
import type { Bilingual } from './lang';

/** One channel's class in one grading. */
export interface SnapshotEntry {
  readonly channelId: string;
  /** The class index 1..45 (RULES.md §3). */
  readonly classIndex: number;
}

/** Why a move is flagged for a manager (RULES.md §12). */
export type MoveFlag = 'twoOrMoreBands' | 'intoRed' | 'outOfRed';

/** The flags as a manager reads them. */
export const MOVE_FLAG_LABELS: Readonly<Record<MoveFlag, Bilingual>> = {
  twoOrMoreBands: { zh: '跨两个及以上色带', en: 'two or more bands' },
  intoRed: { zh: '进入红色', en: 'into red' },
  outOfRed: { zh: '退出红色', en: 'out of red' },
};

/** The directions as the sheet's change column shows them (CONTRACT.md §3: ↑ better, ↓ worse). */
export const DIRECTION_LABELS: Readonly<Record<ClassMove['direction'], Bilingual>> = {
  up: { zh: '↑', en: '↑' },
  down: { zh: '↓', en: '↓' },
  new: { zh: '新', en: 'new' },
  gone: { zh: '退出', en: 'gone' },
};

/** A channel whose class differs between the two gradings, or that is in only one of them. */
export interface ClassMove {
  readonly channelId: string;
  /** The class before; null for a channel new in the later grading. */
  readonly from: number | null;
  /** The class after; null for a channel no longer graded. */
  readonly to: number | null;
  /**
   * Colour bands moved: positive is worse (towards deep red), negative better; 0 when only scale or
   * depth changed, or when the channel is in one grading only.
   */
  readonly colourSteps: number;
  /** `up` is a better class (a lower index, CONTRACT.md §3 `↑`), `down` a worse one. */
  readonly direction: 'up' | 'down' | 'new' | 'gone';
  readonly flags: readonly MoveFlag[];
}

/** The movement between an earlier and a later grading. */
export interface Movement {
  /** colours[from][to]: channels graded in both, by colour ordinal (0 deep blue … 4 deep red). */
  readonly colours: readonly (readonly number[])[];
  /** Channels whose class changed, new or gone, in the later grading's order then the gone ones. */
  readonly moves: readonly ClassMove[];
  /** Channels graded in both with the same class. */
  readonly unchanged: number;
}

/** Colour ordinals 3 and 4 (light red, deep red) lose money (RULES.md §2). */
const FIRST_RED = COLOURS.indexOf('lightRed');

function colourOrdinalOf(classIndex: number, channelId: string): number {
  const c = classOfIndex(classIndex);
  if (c === null)
    throw new UsageError({
      zh: `渠道 ${channelId} 的分类序号 ${classIndex} 不在 1 至 45 之间`,
      en: `channel ${channelId} has class index ${classIndex}, not 1..45`,
    });
  return COLOURS.indexOf(c.colour);
}

function byChannel(entries: readonly SnapshotEntry[], which: 'earlier' | 'later'): Map<string, number> {
  const map = new Map<string, number>();
  for (const e of entries) {
    if (map.has(e.channelId))
      throw new UsageError({
        zh: `${which === 'earlier' ? '前一次' : '后一次'}分级中渠道 ${e.channelId} 出现了两次`,
        en: `channel ${e.channelId} appears twice in the ${which} grading`,
      });
    colourOrdinalOf(e.classIndex, e.channelId);
    map.set(e.channelId, e.classIndex);
  }
  return map;
}

/** The flags of a move from one colour ordinal to another (RULES.md §12). */
export function moveFlags(fromColour: number, toColour: number): MoveFlag[] {
  const flags: MoveFlag[] = [];
  if (Math.abs(toColour - fromColour) >= 2) flags.push('twoOrMoreBands');
  if (fromColour < FIRST_RED && toColour >= FIRST_RED) flags.push('intoRed');
  if (fromColour >= FIRST_RED && toColour < FIRST_RED) flags.push('outOfRed');
  return flags;
}

/**
 * The movement from an earlier grading to a later one (RULES.md §12): the colour migration matrix
 * over channels graded in both, every channel whose class changed (flagged when it moved two or more
 * colour bands, into red or out of red), and the channels new in or gone from the later grading.
 * Throws `UsageError` when a channel appears twice in one grading or a class index is not 1..45.
 */
export function classMovement(earlier: readonly SnapshotEntry[], later: readonly SnapshotEntry[]): Movement {
  const before = byChannel(earlier, 'earlier');
  const after = byChannel(later, 'later');
  const colours = COLOURS.map(() => COLOURS.map(() => 0));
  const moves: ClassMove[] = [];
  let unchanged = 0;
  for (const [channelId, to] of after) {
    const from = before.get(channelId);
    if (from === undefined) {
      moves.push({ channelId, from: null, to, colourSteps: 0, direction: 'new', flags: [] });
      continue;
    }
    const fc = colourOrdinalOf(from, channelId);
    const tc = colourOrdinalOf(to, channelId);
    const row = colours[fc] as number[];
    row[tc] = (row[tc] ?? 0) + 1;
    if (from === to) {
      unchanged += 1;
      continue;
    }
    moves.push({
      channelId,
      from,
      to,
      colourSteps: tc - fc,
      direction: to < from ? 'up' : 'down',
      flags: moveFlags(fc, tc),
    });
  }
  for (const [channelId, from] of before)
    if (!after.has(channelId)) moves.push({ channelId, from, to: null, colourSteps: 0, direction: 'gone', flags: [] });
  return { colours, moves, unchanged };
}

/**
 * One channel's classes over several gradings, oldest first: the class index in each, or null where
 * the channel was not graded (RULES.md §12, "per channel its classes over the last periods").
 */
export function classTrail(gradings: readonly (readonly SnapshotEntry[])[], channelId: string): (number | null)[] {
  return gradings.map((g) => g.find((e) => e.channelId === channelId)?.classIndex ?? null);
}
