/** The listed parts of the manager's report: the red channels and the movement since the previous grading. */
import { COLOURS, classOfIndex, fastArithmetic } from '../core';
import { classMovement, type ClassMove } from '../core/classMovement';
import type { Snapshot, SnapshotChannel } from '../core/snapshot';

/**
 * How many red channels the report lists, the largest premium first: what fits on the first
 * printed page beside the distribution. The rest are counted, with their premium, on one line that
 * says where the full list is.
 */
export const RED_LISTED = 20;

/**
 * How many moved channels the report lists, flagged ones first: what fits on the movement's page
 * beside the migration matrix. The rest are counted, with their premium, on one line.
 */
export const MOVES_LISTED = 20;

/** The headroom part lists the channels with the least room (sheet and HTML report alike). */
export const HEADROOM_LISTED = 20;

/** The channels a part of the report lists and what it leaves off (counted over all channels). */
export interface ListedPart<T> {
  /** Everything in the part, in the report's order. */
  readonly all: readonly T[];
  /** The first ones, shown. */
  readonly listed: readonly T[];
  /** Annualized premium over all of them (exact). */
  readonly premium: number;
  /** How many are not shown, and their premium (exact). */
  readonly restCount: number;
  readonly restPremium: number;
}

const RED_FROM = COLOURS.indexOf('lightRed');

export function colourOf(c: SnapshotChannel): number {
  const cls = classOfIndex(c.classIndex);
  return cls === null ? COLOURS.length - 1 : COLOURS.indexOf(cls.colour);
}

function part<T>(all: readonly T[], shown: number, premiumOf: (x: T) => number): ListedPart<T> {
  const arith = fastArithmetic;
  const rest = all.slice(shown);
  return {
    all,
    listed: all.slice(0, shown),
    premium: arith.sum(all.map(premiumOf)),
    restCount: rest.length,
    restPremium: arith.sum(rest.map(premiumOf)),
  };
}

/**
 * The red channels (light and deep red) of a grading, the largest annualized premium first, the
 * first {@link RED_LISTED} listed (RULES.md §12). Used by the sheet and the HTML report alike.
 */
export function redChannelsPart(channels: readonly SnapshotChannel[]): ListedPart<SnapshotChannel> {
  const red = channels
    .filter((c) => colourOf(c) >= RED_FROM)
    .sort((a, b) => b.annualScale - a.annualScale || a.channelId.localeCompare(b.channelId));
  return part(red, RED_LISTED, (c) => c.annualScale);
}

/** A moved channel as the report shows it: the move, the channel's name and premium. */
export interface ReportMove extends ClassMove {
  readonly channelName: string | null;
  /** Annualized premium in the later grading (the earlier one for a channel no longer graded). */
  readonly annualScale: number;
}

/** The movement as the report shows it (RULES.md §12). */
export interface MovementPart extends ListedPart<ReportMove> {
  readonly matrix: readonly (readonly number[])[];
  readonly unchanged: number;
  readonly flagged: number;
  /** How many of the moves not shown are flagged. */
  readonly restFlagged: number;
}

/**
 * The channels that moved between two gradings, flagged ones first (more flags, then more colour
 * bands, then the larger premium), the first {@link MOVES_LISTED} listed (RULES.md §12).
 */
export function movementPart(previous: Snapshot, snapshot: Snapshot): MovementPart {
  const m = classMovement(previous.channels, snapshot.channels);
  const byId = new Map<string, SnapshotChannel>();
  for (const c of previous.channels) byId.set(c.channelId, c);
  for (const c of snapshot.channels) byId.set(c.channelId, c);
  const moves: ReportMove[] = m.moves
    .map((x) => {
      const c = byId.get(x.channelId);
      return { ...x, channelName: c?.channelName ?? null, annualScale: c?.annualScale ?? 0 };
    })
    .sort(
      (a, b) =>
        b.flags.length - a.flags.length ||
        Math.abs(b.colourSteps) - Math.abs(a.colourSteps) ||
        b.annualScale - a.annualScale ||
        a.channelId.localeCompare(b.channelId),
    );
  const p = part(moves, MOVES_LISTED, (x) => x.annualScale);
  return {
    ...p,
    matrix: m.colours,
    unchanged: m.unchanged,
    flagged: moves.filter((x) => x.flags.length > 0).length,
    restFlagged: moves.slice(MOVES_LISTED).filter((x) => x.flags.length > 0).length,
  };
}
