/**
 * Notices to the branches (RULES.md §12, 第十条: the 经代部 notifies each branch of its channels'
 * classes): per 分公司 or 三级机构 one sheet listing its channels with class, the eleven resource
 * outcomes with their action texts, the review action and the responsible management level, ready to
 * send.
 *
 * @packageDocumentation
 */
import {
  RESOURCE_ITEMS,
  labelOfIndex,
  managementLevel,
  resourceAction,
  resourceOutcomes,
  reviewAction,
  type CompiledRules,
  type Lang,
} from '../core';
import type { Snapshot } from '../core/snapshot';
import type { CellWrite, WorkbookPort } from './WorkbookPort';

/** The prefix of a notice sheet's name: `通知-北京分公司`. */
export const NOTICE_PREFIX = '通知-';

/**
 * A notice sheet's name for a branch: Excel's rules for sheet names (at most 31 characters, none of
 * `[]:*?/\`, no apostrophe at either end). Excel compares sheet names without case, so a name already
 * `taken` (folded to lower case) gets a suffix `~2`, `~3`, …: two branches never share one sheet.
 */
export function noticeSheetName(key: string, taken: ReadonlySet<string> = new Set()): string {
  const base = `${NOTICE_PREFIX}${key.replace(/[[\]:*?/\\]/g, '_')}`;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : `~${n}`;
    const name = `${base.slice(0, 31 - suffix.length).replace(/'+$/, '')}${suffix}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** One branch's notice rows: a title with the grading, a header, one row per channel. */
export function noticeRows(
  snapshot: Snapshot,
  key: string,
  by: 'company' | 'branch',
  rules: CompiledRules,
  lang: Lang,
): CellWrite[][] {
  const t = (zh: string, en: string): string => (lang === 'en' ? `${en} ${zh}` : `${zh} ${en}`);
  const pick = (b: { zh: string; en: string }): string => b[lang];
  const channels = snapshot.channels.filter((c) => (c[by]?.trim() || '') === key);
  const rows: CellWrite[][] = [
    [t(`渠道分级通知：${key}`, `Channel classes for ${key}`)],
    [
      t('评判日', 'Judging date'),
      snapshot.judgingDate,
      t('分级编号', 'Grading'),
      snapshot.id,
      t('规则指纹', 'Rules fingerprint'),
      snapshot.rulesFingerprint,
    ],
    [],
    [
      t('渠道代码', 'Channel ID'),
      t('渠道名称', 'Channel name'),
      t('渠道分类', 'Class'),
      ...RESOURCE_ITEMS.map((i) => t(i.name.zh, i.name.en)),
      t('检视措施', 'Review action'),
      t('管理层级', 'Management level'),
    ],
  ];
  for (const c of channels) {
    const outcomes = resourceOutcomes(c.classIndex, rules).map((o, i) => {
      const action = resourceAction(c.classIndex, i + 1, rules);
      return action === null ? pick(o) : `${pick(o)}：${pick(action)}`;
    });
    rows.push([
      c.channelId,
      c.channelName ?? null,
      labelOfIndex(c.classIndex, lang),
      ...outcomes,
      pick(reviewAction(c.classIndex, rules)),
      pick(managementLevel(c.classIndex, rules)),
    ]);
  }
  return rows;
}

/**
 * Writes one notice sheet per 分公司 (or 三级机构) that has channels in the snapshot, and returns the
 * sheet names. Channels without the key are not sent to anyone: their count is returned as `unassigned`.
 */
export async function writeNoticeSheets(
  port: WorkbookPort,
  snapshot: Snapshot,
  by: 'company' | 'branch',
  rules: CompiledRules,
  lang: Lang,
): Promise<{ sheets: string[]; unassigned: number }> {
  const keys = [...new Set(snapshot.channels.map((c) => c[by]?.trim() || ''))];
  const sheets: string[] = [];
  const taken = new Set<string>();
  for (const key of keys) {
    if (key === '') continue;
    const name = noticeSheetName(key, taken);
    taken.add(name.toLowerCase());
    await port.replaceSheet(name, noticeRows(snapshot, key, by, rules, lang), [14, 24, 12]);
    sheets.push(name);
  }
  return { sheets, unassigned: snapshot.channels.filter((c) => !c[by]?.trim()).length };
}
