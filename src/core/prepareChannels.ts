/**
 * From the system extract to one row of figures per channel (RULES.md §5.2, 第六条, 第九条, 第十一条):
 * window and service-area filtering, premium sums with negative endorsements, exact premium-weighted
 * ratios, cooperation days clipped to the window, the non-market ratio by 三级机构, own premiums from
 * the master and the three-month rule. Rows are streamed in one at a time, so ten million rows take
 * the memory of the channels, not of the rows.
 *
 * @packageDocumentation
 */
import { compareDates, epochDay, isoDate, type CivilDate } from './civilDate';
import { UsageError } from './errors';
import type { DataWindow } from './dataWindow';
import type { Bilingual } from './lang';
import { showNumber, showPercent } from './problem';
import { parseScaledNumeral, roundQuotient15, signedScaledOf, type SignedScaled } from './prepareExactSum';
import { gradingModeOf, isInYearKind, nonMarketSourceOf, prepareWindow, type NonMarketSource } from './prepareKinds';
import { NonMarketTable, cellText, type MasterRecord } from './prepareTables';
import { readDate } from './readDate';
import { readNumber, type CellInput } from './readNumber';
import { hasThreeFullMonths } from './schedule';
import { ChannelSums } from './channelSums';
import {
  MAX_REJECTED_LISTED,
  type ExtractCounts,
  type NotPreparedChannel,
  type PreparationResult,
  type PrepareIssue,
  type PrepareIssueCode,
  type PreparedChannel,
  type PrepareOptions,
  type RejectedRow,
  type RowRejection,
} from './prepareResults';

export * from './prepareResults';
export { ChannelSums } from './channelSums';

/** A ratio as a percentage for a note (display only: nothing is decided on it). */
function percentText(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}

function issue(code: PrepareIssueCode, zh: string, en: string): PrepareIssue {
  return { code, message: { zh, en } };
}

const premiumS: SignedScaled = { mantissa: 0, scale: 0 };
const lossS: SignedScaled = { mantissa: 0, scale: 0 };
const marketS: SignedScaled = { mantissa: 0, scale: 0 };

/** A cell as an exact scaled decimal; false when it is not a finite number. */
function scaledCell(v: CellInput, out: SignedScaled): boolean {
  if (typeof v === 'string') {
    const t = v.trim();
    if (parseScaledNumeral(t, 0, t.length, out)) return true;
  }
  const x = readNumber(v, 'value');
  return typeof x === 'number' && signedScaledOf(x, out);
}

/**
 * One preparation run: create it for a kind, a judging date, the master and the non-market table;
 * add the extract's rows (`addRow` for cells, or the lower-level `sums`/`addFigures` of a fast reader);
 * then `finish`. Throws `NoWindowError` when the kind has no window for the date, and `UsageError`
 * for the prospective kind (see `prepareProspective`).
 */
export class ChannelPreparation {
  /** The window, and its first and last day as days since 1970-01-01 (for fast readers). */
  readonly window: DataWindow | null;
  readonly windowFirstDay: number;
  readonly windowLastDay: number;
  readonly counts: ExtractCounts = {
    read: 0,
    used: 0,
    outsideWindow: 0,
    noChannel: 0,
    noRegion: 0,
    invalidRegion: 0,
    unreadable: 0,
  };
  /** Whether a list of valid service-area codes was given (then every code is checked against it). */
  readonly checksRegionList: boolean;
  private readonly sumsByChannel = new Map<string, ChannelSums>();
  private readonly rejected: RejectedRow[] = [];
  private masterMap: Map<string, PrepareOptions['master'][number]> | null = null;

  /** The master by channel ID (the first row of an ID), built on first use. */
  private masterById(): Map<string, PrepareOptions['master'][number]> {
    if (this.masterMap === null) {
      this.masterMap = new Map();
      for (const m of this.options.master) if (!this.masterMap.has(m.channelId)) this.masterMap.set(m.channelId, m);
    }
    return this.masterMap;
  }

  constructor(private readonly options: PrepareOptions) {
    if (options.kind === 'prospective')
      throw new UsageError({
        zh: '拟合作渠道没有提取窗口：请用经代渠道合作信息表（prepareProspective）',
        en: 'a prospective channel has no window: use the cooperation information form (prepareProspective)',
      });
    this.checksRegionList = options.validRegions !== undefined;
    const span = prepareWindow(options.kind, options.judging);
    this.window = span;
    this.windowFirstDay = span ? epochDay(span.start) : 0;
    this.windowLastDay = span ? epochDay(span.end) : -1;
  }

  /** The running sums of a channel, created on first use. */
  sums(channelId: string): ChannelSums {
    let s = this.sumsByChannel.get(channelId);
    if (!s) {
      s = new ChannelSums(channelId);
      const m = this.masterById().get(channelId);
      if (m?.startDate) s.firstDay = epochDay(m.startDate);
      if (m?.endDate) s.lastDay = epochDay(m.endDate);
      this.sumsByChannel.set(channelId, s);
    }
    return s;
  }

  /** Whether a service-area code counts (RULES.md §5.1): present and, when a list is given, in it. */
  regionRejection(code: string): RowRejection | null {
    if (code === '') return 'noRegion';
    const valid = this.options.validRegions;
    return valid && !valid.has(code) ? 'invalidRegion' : null;
  }

  /** Records a row that was not counted. `sums` is its channel's, when the channel is known. */
  reject(row: number, channelId: string, reason: RowRejection, detail: string, sums: ChannelSums | null): void {
    this.counts[reason]++;
    if (sums) {
      if (reason === 'unreadable') sums.bad++;
      else sums.leftOut++;
    }
    if (this.rejected.length < MAX_REJECTED_LISTED) this.rejected.push({ row, channelId, reason, detail });
  }

  /**
   * Adds one extract row from its cells: channel code, service-area code, date (统计日期), premium
   * (negative for a 批退 endorsement), ultimate loss ratio and market expense ratio. `row` is its
   * row number in the sheet or file, for messages.
   */
  addRow(
    row: number,
    channel: CellInput,
    region: CellInput,
    date: CellInput,
    premium: CellInput,
    loss: CellInput,
    market: CellInput,
  ): void {
    this.counts.read++;
    const channelId = cellText(channel);
    if (channelId === '') {
      this.reject(row, '', 'noChannel', '', null);
      return;
    }
    const d = readDate(date, 'startDate');
    if ('code' in d) {
      this.reject(row, channelId, 'unreadable', cellText(date), this.sums(channelId));
      return;
    }
    const day = epochDay(d);
    if (day < this.windowFirstDay || day > this.windowLastDay) {
      this.counts.outsideWindow++;
      return;
    }
    const sums = this.sums(channelId);
    if (sums.outsideCooperation(day)) return;
    const code = cellText(region);
    const why = this.regionRejection(code);
    if (why) {
      this.reject(row, channelId, why, code, sums);
      return;
    }
    if (
      !scaledCell(premium, premiumS) ||
      !scaledCell(loss, lossS) ||
      !scaledCell(market, marketS) ||
      lossS.mantissa < 0 ||
      marketS.mantissa < 0
    ) {
      this.reject(row, channelId, 'unreadable', [premium, loss, market].map(cellText).join(' / '), sums);
      return;
    }
    sums.addFigures(premiumS.mantissa, premiumS.scale, lossS.mantissa, lossS.scale, marketS.mantissa, marketS.scale);
    sums.noteRegion(code);
    this.counts.used++;
  }

  /**
   * The notes of RULES.md §5.2 on the cooperation: policies left out for being dated before the
   * channel's start or after its end (counted, the channel named), an own premium of another year than
   * the window's, and, where the non-market ratio is the budget, each 三级机构's actual against its budget
   * (跟踪检视预算值, 第六条).
   */
  private cooperationNotes(nm: { source: NonMarketSource; year: number }, table: NonMarketTable): Bilingual[] {
    const notes: Bilingual[] = [];
    for (const s of this.sumsByChannel.values()) {
      if (s.beforeStart > 0)
        notes.push({
          zh: `渠道 ${s.channelId}：合作起始日期之前的保单 ${s.beforeStart} 行不是本渠道的合作，未计入`,
          en: `channel ${s.channelId}: ${s.beforeStart} policy rows dated before its cooperation start are not its cooperation and were left out`,
        });
      if (s.afterEnd > 0)
        notes.push({
          zh: `渠道 ${s.channelId}：合作终止日期之后的保单 ${s.afterEnd} 行未计入`,
          en: `channel ${s.channelId}: ${s.afterEnd} policy rows dated after its cooperation end were left out`,
        });
    }
    const year = this.window?.start.year;
    for (const m of this.masterById().values())
      if (year !== undefined && m.ownPremiumYear != null && m.ownPremiumYear !== year)
        notes.push({
          zh: `渠道 ${m.channelId}：自有保费年度为 ${m.ownPremiumYear}，不是数据窗口的年度 ${year}，请核对渠道自有保费`,
          en: `channel ${m.channelId}: its own premium is of ${m.ownPremiumYear}, not of the window's year ${year}; check the own premium`,
        });
    if (nm.source === 'budget')
      for (const r of table.records())
        if (r.year === nm.year && r.actual !== null && r.budget !== null)
          notes.push({
            zh: `三级机构 ${r.branch} ${r.year} 年非市场费用率：预算 ${percentText(r.budget)}，实际 ${percentText(r.actual)}（跟踪检视预算值，第六条）`,
            en: `branch ${r.branch}, ${r.year} non-market ratio: budget ${percentText(r.budget)}, actual ${percentText(r.actual)} (budget tracked against actual, Art. 6)`,
          });
    return notes;
  }

  /** Ends the run: one prepared row or one reason list per channel, master order first. */
  finish(): PreparationResult {
    const { kind, judging } = this.options;
    const span = this.window;
    const nm = nonMarketSourceOf(kind, judging, span);
    const table = new NonMarketTable(this.options.nonMarket);
    const channels: PreparedChannel[] = [];
    const notPrepared: NotPreparedChannel[] = [];
    const notes: Bilingual[] = [];
    const seen = new Set<string>();

    for (const m of this.options.master) {
      if (m.channelId === '') continue;
      if (seen.has(m.channelId)) {
        notes.push({
          zh: `渠道清单第 ${m.row} 行：渠道代码 ${m.channelId} 重复，只用第一行`,
          en: `channel master row ${m.row}: channel ID ${m.channelId} repeats; the first row is used`,
        });
        continue;
      }
      seen.add(m.channelId);
      const sums = this.sumsByChannel.get(m.channelId) ?? null;
      const out = this.prepareOne(m, sums, table, nm);
      if ('issues' in out) {
        notPrepared.push(out);
        // A member left out drops out of its group's measures: the group names it (RULES.md §4).
        if (m.group !== '')
          notes.push({
            zh: `集团“${m.group}”的成员 ${m.channelId} 未准备（${out.issues.map((i) => i.message.zh).join('；')}），集团的度量不含该成员`,
            en: `group "${m.group}": member ${m.channelId} was not prepared (${out.issues.map((i) => i.message.en).join('; ')}); the group's measures leave it out`,
          });
      } else channels.push(out);
    }
    notes.push(...this.cooperationNotes(nm, table));
    for (const [id, sums] of this.sumsByChannel) {
      if (seen.has(id) || sums.used + sums.leftOut + sums.bad === 0) continue;
      notPrepared.push({
        channelId: id,
        channelName: '',
        branch: '',
        rowsUsed: sums.used,
        issues: [
          issue(
            'notInMaster',
            `渠道清单中没有此渠道（窗口内计入 ${sums.used} 行${sums.leftOut + sums.bad > 0 ? `，未计 ${sums.leftOut + sums.bad} 行` : ''}）`,
            `not in the channel master (${sums.used} rows in the window counted${sums.leftOut + sums.bad > 0 ? `, ${sums.leftOut + sums.bad} not` : ''})`,
          ),
        ],
      });
    }
    return {
      kind,
      judging,
      window: span,
      mode: gradingModeOf(kind),
      nonMarketSource: nm.source,
      nonMarketYear: nm.year,
      channels,
      notPrepared,
      counts: { ...this.counts },
      rejected: [...this.rejected],
      notes,
    };
  }

  private prepareOne(
    m: MasterRecord,
    sums: ChannelSums | null,
    table: NonMarketTable,
    nm: { readonly source: NonMarketSource; readonly year: number },
  ): PreparedChannel | NotPreparedChannel {
    const { kind, judging } = this.options;
    const span = this.window as DataWindow;
    const issues: PrepareIssue[] = m.problems.map((message) => ({ code: 'masterRow' as const, message }));
    const used = sums?.used ?? 0;
    if (used === 0 && (sums?.bad ?? 0) === 0) {
      const left = sums?.leftOut ?? 0;
      issues.push(
        issue(
          'noRows',
          `评判窗口 ${isoDate(span.start)} 至 ${isoDate(span.end)} 内没有可计的保单明细${left > 0 ? `（${left} 行因服务区域代码未计）` : ''}`,
          `no extract rows counted in the window ${isoDate(span.start)} to ${isoDate(span.end)}${left > 0 ? ` (${left} left out for their service area code)` : ''}`,
        ),
      );
    }
    if (sums && sums.bad > 0)
      issues.push(
        issue(
          'badRows',
          `窗口内有 ${sums.bad} 行明细的日期、保费或比率无法读取，请更正后重新准备`,
          `${sums.bad} extract rows have an unreadable date, premium or ratio: correct them and prepare again`,
        ),
      );
    let premium = 0;
    let loss = 0;
    let market = 0;
    if (sums && used > 0 && sums.bad === 0) {
      premium = sums.premium.toNumber();
      if (sums.premium.sign() <= 0) {
        issues.push(
          issue(
            'premiumNotPositive',
            `窗口内保费合计为 ${showNumber(premium)}（含批退），不大于 0，无法加权计算赔付率和费用率`,
            `premium in the window is ${showNumber(premium)} (endorsements included), not above 0: no weighted ratios`,
          ),
        );
      } else {
        const p = sums.premium.exact();
        const l = sums.loss.exact();
        const k = sums.market.exact();
        loss = roundQuotient15(l.value, p.value, l.scale - p.scale);
        market = roundQuotient15(k.value, p.value, k.scale - p.scale);
        if (loss < 0 || market < 0)
          issues.push(
            issue(
              'negativeRatio',
              `批退使加权比率为负（赔付率 ${showPercent(loss)}，费用率 ${showPercent(market)}），请核对明细`,
              `endorsements make a weighted ratio negative (loss ${showPercent(loss)}, expense ${showPercent(market)}): check the extract`,
            ),
          );
      }
    }
    const rec = table.find(m.branch, nm.year);
    const nonMarket = rec ? (nm.source === 'actual' ? rec.actual : rec.budget) : null;
    const sourceText: Bilingual =
      nm.source === 'actual'
        ? { zh: `${m.branch} ${nm.year} 年实际`, en: `${m.branch} ${nm.year} actual` }
        : { zh: `${m.branch} ${nm.year} 年预算`, en: `${m.branch} ${nm.year} budget` };
    if (nonMarket === null)
      issues.push(
        issue(
          'noNonMarket',
          m.branch === ''
            ? '渠道清单未填三级机构，无法取非市场费用率'
            : `非市场费用率表中没有三级机构“${m.branch}”${nm.year} 年的${nm.source === 'actual' ? '实际' : '预算'}值`,
          m.branch === ''
            ? 'the master gives no 三级机构 (branch): no non-market ratio'
            : `the non-market table has no ${nm.source} ratio for branch "${m.branch}" in ${nm.year}`,
        ),
      );
    let startDate: CivilDate | null = null;
    let days: number | null = null;
    if (m.startDate) {
      const first = compareDates(m.startDate, span.start) > 0 ? m.startDate : span.start;
      startDate = first;
      days = this.windowLastDay - epochDay(first) + 1;
      if (days <= 0)
        issues.push(
          issue(
            'startAfterWindow',
            `合作起始日期 ${isoDate(m.startDate)} 晚于评判窗口末日 ${isoDate(span.end)}`,
            `start date ${isoDate(m.startDate)} is after the window's last day ${isoDate(span.end)}`,
          ),
        );
      if (isInYearKind(kind) && !hasThreeFullMonths(m.startDate, judging))
        issues.push(
          issue(
            'underThreeMonths',
            `合作不满三个月（${isoDate(m.startDate)} 起），不给予年度内运用分类，保留拟合作或上期分类（第十一条）`,
            `cooperated less than three full months (since ${isoDate(m.startDate)}): no in-year class; it keeps its prospective or last class (Art. 11)`,
          ),
        );
    }
    if (issues.length > 0)
      return { channelId: m.channelId, channelName: m.channelName, branch: m.branch, rowsUsed: used, issues };
    const s = sums as ChannelSums;
    return {
      channelId: m.channelId,
      channelName: m.channelName,
      group: m.group,
      company: m.company,
      branch: m.branch,
      regionCode: `${s.regions.join(',')}${s.regionsMore ? ',…' : ''}`,
      lossRatio: loss,
      marketExpenseRatio: market,
      nonMarketExpenseRatio: nonMarket as number,
      premium,
      days,
      startDate,
      endDate: span.end,
      ownPremium: m.ownPremium as number,
      groupOwnPremium: m.groupOwnPremium,
      source: {
        window: span,
        rowsUsed: used,
        rowsLeftOut: s.leftOut,
        nonMarket: sourceText,
        masterStart: m.startDate,
        note: '',
      },
    };
  }
}
