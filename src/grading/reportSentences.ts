/** The manager's report's sentences in both languages, shared by the sheet and the HTML report. */
import type { Lang } from '../core';
import { PREPARE_KIND_LABELS } from '../core/prepareKinds';
import type { Snapshot, SnapshotChannel } from '../core/snapshot';
import { HEADROOM_LISTED, type ListedPart, type MovementPart } from './reportParts';

/** A sentence in both languages, for the sheet (two rows) and the HTML report (two lines). */
export interface Sentence {
  readonly zh: string;
  readonly en: string;
}

function amountText(x: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 }).format(x);
}

/** A ratio as people read it, two decimals of a percent (display only). */
function percentText(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

/** The report's sentences, the same words on the sheet and in the HTML report. */
export const REPORT_SENTENCES = {
  red: (p: ListedPart<SnapshotChannel>): Sentence => ({
    zh: `红色渠道 ${p.all.length} 个，年化保费合计 ${amountText(p.premium, 'zh')} 元`,
    en: `${p.all.length} red channels, annualized premium ${amountText(p.premium, 'en')} yuan`,
  }),
  redRest: (p: ListedPart<SnapshotChannel>): Sentence => ({
    zh: `以上为保费最大的 ${p.listed.length} 个；另有 ${p.restCount} 个红色渠道，年化保费 ${amountText(p.restPremium, 'zh')} 元。完整名单见分级后的渠道表和各机构的通知表（通知-…）。`,
    en: `The ${p.listed.length} largest are listed; ${p.restCount} more red channels, annualized premium ${amountText(p.restPremium, 'en')} yuan. The full list: the graded sheet and the notices (通知-…).`,
  }),
  movement: (previous: Snapshot, p: MovementPart): Sentence => ({
    zh: `与 ${previous.judgingDate}（${PREPARE_KIND_LABELS[previous.kind].zh}，${previous.id}）相比：${p.all.length} 个渠道有变动，${p.unchanged} 个不变，${p.flagged} 个需关注`,
    en: `Against ${previous.judgingDate} (${PREPARE_KIND_LABELS[previous.kind].en}, ${previous.id}): ${p.all.length} moved, ${p.unchanged} unchanged, ${p.flagged} flagged`,
  }),
  movesRest: (p: MovementPart): Sentence => ({
    zh: `另有 ${p.restCount} 个变动渠道未列出（其中 ${p.restFlagged} 个需关注），年化保费 ${amountText(p.restPremium, 'zh')} 元。完整名单见「分级变动」表。`,
    en: `${p.restCount} more moved channels (${p.restFlagged} flagged), annualized premium ${amountText(p.restPremium, 'en')} yuan. The full list: sheet 分级变动.`,
  }),
  headroom: (yellowMax: number, room: number, over: number): Sentence => ({
    zh: `以黄色上限 ${percentText(yellowMax)} 计：${room} 个渠道仍有费用空间，${over} 个已超出。下表列出空间最小的 ${HEADROOM_LISTED} 个。`,
    en: `Against the yellow bound of ${percentText(yellowMax)}: ${room} channels have room, ${over} are over it. The ${HEADROOM_LISTED} with the least room:`,
  }),
  firstGrading: {
    zh: '这是第一次分级，没有可比较的上一期。',
    en: 'This is the first grading: there is no earlier one to compare with.',
  },
} as const;
