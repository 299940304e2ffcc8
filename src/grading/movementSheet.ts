/**
 * The movement sheet `分级变动` (RULES.md §12): how channels moved between two gradings — the 5 × 5
 * colour migration matrix and every channel that changed class, flagged when it moved two or more
 * colour bands or into or out of red — and each moved channel's classes over the gradings so far.
 *
 * @packageDocumentation
 */
import { COLOURS, COLOUR_LABELS, labelOfIndex, type Lang } from '../core';
import { DIRECTION_LABELS, MOVE_FLAG_LABELS, classMovement, classTrail, type Movement } from '../core/classMovement';
import type { Snapshot } from '../core/snapshot';
import type { CellWrite, WorkbookPort } from './WorkbookPort';

/** The movement sheet. */
export const MOVEMENT_SHEET = '分级变动';

function t(lang: Lang, zh: string, en: string): string {
  return lang === 'en' ? `${en} ${zh}` : `${zh} ${en}`;
}

/**
 * The sheet's rows for the movement from `earlier` to `later`, with the trail of each moved channel
 * over `all` gradings (oldest first; `later` should be the last of them).
 */
export function movementRows(
  earlier: Snapshot,
  later: Snapshot,
  all: readonly Snapshot[],
  lang: Lang,
): { rows: CellWrite[][]; movement: Movement } {
  const movement = classMovement(earlier.channels, later.channels);
  const names = new Map<string, string>();
  for (const s of [earlier, later])
    for (const c of s.channels) if (c.channelName) names.set(c.channelId, c.channelName);
  const trailOf = all.slice(-6);
  const rows: CellWrite[][] = [
    [t(lang, '分级变动', 'Class movement'), `${earlier.id} → ${later.id}`],
    [t(lang, '不变', 'Unchanged'), movement.unchanged, t(lang, '变动', 'Moved'), movement.moves.length],
    [],
    [t(lang, '上期色带 \\ 本期色带', 'Before \\ after'), ...COLOURS.map((c) => COLOUR_LABELS[c][lang])],
    ...COLOURS.map((c, i) => [COLOUR_LABELS[c][lang], ...(movement.colours[i] ?? [])]),
    [],
    [
      t(lang, '渠道代码', 'Channel ID'),
      t(lang, '渠道名称', 'Channel name'),
      t(lang, '上期分类', 'Before'),
      t(lang, '本期分类', 'After'),
      t(lang, '变动', 'Move'),
      t(lang, '关注', 'Flag'),
      ...trailOf.map((s) => s.judgingDate),
    ],
  ];
  const flagged = [...movement.moves].sort((a, b) => b.flags.length - a.flags.length);
  for (const m of flagged)
    rows.push([
      m.channelId,
      names.get(m.channelId) ?? null,
      m.from === null ? null : labelOfIndex(m.from, lang),
      m.to === null ? null : labelOfIndex(m.to, lang),
      DIRECTION_LABELS[m.direction][lang],
      m.flags.map((f) => MOVE_FLAG_LABELS[f][lang]).join(lang === 'en' ? ', ' : '、') || null,
      ...classTrail(
        trailOf.map((s) => s.channels),
        m.channelId,
      ).map((k) => (k === null ? null : labelOfIndex(k, lang))),
    ]);
  return { rows, movement };
}

/** Writes the movement from the previous grading to the latest one on `分级变动` (the add-in's own sheet). */
export async function writeMovementSheet(
  port: WorkbookPort,
  snapshots: readonly Snapshot[],
  lang: Lang,
): Promise<Movement | null> {
  const later = snapshots[snapshots.length - 1];
  const earlier = snapshots[snapshots.length - 2];
  if (later === undefined || earlier === undefined) return null;
  const { rows, movement } = movementRows(earlier, later, snapshots, lang);
  await port.replaceSheet(MOVEMENT_SHEET, rows, [14, 20, 14, 14, 8, 18]);
  return movement;
}
