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
import type { Snapshot, TrailStep } from '../core/snapshot';
import { DRAFT_MARK, gradingStatus } from '../core/gradingState';
import {
  DEFAULT_MARK_NOTE,
  isDefaultManagementLevel,
  isDefaultOutcome,
  isDefaultReviewAction,
  withDefaultMark,
} from '../core/defaultMarks';
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

/** The rows repeated at the top of every printed page of a notice: title, grading, draft mark, header. */
export const NOTICE_TITLE_ROWS = 4;

/**
 * One branch's notice rows: a title with the grading (and, for a grading not approved on `trail`, its
 * state and 草稿), a header, one row per channel, and the line that explains the 〔默认〕 mark beside every
 * default value (resource items 3–11, review actions, management levels; RULES.md §12). Without a trail
 * the grading is taken as not approved (a grading recorded in no history is a draft).
 */
export function noticeRows(
  snapshot: Snapshot,
  key: string,
  by: 'company' | 'branch',
  rules: CompiledRules,
  lang: Lang,
  trail: readonly TrailStep[] = [],
): CellWrite[][] {
  const t = (zh: string, en: string): string => (lang === 'en' ? `${en} ${zh}` : `${zh} ${en}`);
  const pick = (b: { zh: string; en: string }): string => b[lang];
  const channels = snapshot.channels.filter((c) => (c[by]?.trim() || '') === key);
  const status = gradingStatus(trail, snapshot.id);
  const draft = status.draft
    ? status.state === 'pending'
      ? t(
          `${DRAFT_MARK.zh}：本通知所列分类尚未经个人客户运营部审批，不得据此执行`,
          `${DRAFT_MARK.en}: these classes are not approved yet and are not to be acted on`,
        )
      : t(
          `${status.label.zh} · 草稿：本分级已退回，所列分类不生效`,
          `${status.label.en} · Draft: this grading was returned; its classes are not in force`,
        )
    : t(`${status.label.zh}`, `${status.label.en}`);
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
    [draft],
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
      const text = action === null ? pick(o) : `${pick(o)}：${pick(action)}`;
      return withDefaultMark(text, isDefaultOutcome(rules, c.classIndex, i + 1), lang);
    });
    rows.push([
      c.channelId,
      c.channelName ?? null,
      labelOfIndex(c.classIndex, lang),
      ...outcomes,
      withDefaultMark(pick(reviewAction(c.classIndex, rules)), isDefaultReviewAction(rules, c.classIndex), lang),
      withDefaultMark(pick(managementLevel(c.classIndex, rules)), isDefaultManagementLevel(rules, c.classIndex), lang),
    ]);
  }
  rows.push([], [t(DEFAULT_MARK_NOTE.zh, DEFAULT_MARK_NOTE.en)]);
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
  trail: readonly TrailStep[] = [],
): Promise<{ sheets: string[]; unassigned: number }> {
  const status = gradingStatus(trail, snapshot.id);
  const keys = [...new Set(snapshot.channels.map((c) => c[by]?.trim() || ''))];
  const sheets: string[] = [];
  const taken = new Set<string>();
  for (const key of keys) {
    if (key === '') continue;
    const name = noticeSheetName(key, taken);
    taken.add(name.toLowerCase());
    const rows = noticeRows(snapshot, key, by, rules, lang, trail);
    await port.replaceSheet(name, rows, [14, 24, 12]);
    // Printed, the title, the grading, its state and the header are on every page; a draft says so in the footer too.
    await port.setPrintLayout(name, {
      orientation: 'landscape',
      area: { firstRow: 1, firstColumn: 1, lastRow: rows.length, lastColumn: 3 + RESOURCE_ITEMS.length + 2 },
      titleRows: { first: 1, last: NOTICE_TITLE_ROWS },
      breaksAfter: [],
      fitToWidth: true,
      margins: { top: 0.6, bottom: 0.6, left: 0.4, right: 0.4 },
      footer: status.draft
        ? lang === 'en'
          ? `${status.label.en} · Draft ${status.label.zh} · 草稿  Page &P of &N`
          : `${status.label.zh} · 草稿 ${status.label.en} · Draft  第 &P 页 / 共 &N 页`
        : lang === 'en'
          ? 'Page &P of &N'
          : '第 &P 页 / 共 &N 页',
    });
    sheets.push(name);
  }
  return { sheets, unassigned: snapshot.channels.filter((c) => !c[by]?.trim()).length };
}
