/**
 * Prospective channels (拟合作经代渠道, RULES.md §5.1, §12): the 经代渠道合作信息表 records the negotiated
 * figures — market expense ratio agreed in negotiation, ultimate loss ratio estimated by the branch's
 * 个人客户运营部, planned annual premium, surveyed own premium — with where each came from; the
 * non-market ratio is the 三级机构's budget for the judging date's year.
 *
 * @packageDocumentation
 */
import type { CivilDate } from './civilDate';
import type { PreparedChannel, NotPreparedChannel, PrepareIssue } from './prepareChannels';
import { nonMarketSourceOf } from './prepareKinds';
import { NonMarketTable, cellText, type NonMarketRecord } from './prepareTables';
import { readAmount, readOwnPremium, readRatio, type CellInput } from './readNumber';

/** The cells of one 经代渠道合作信息表 entry (the pane's form, or a row of its template sheet). */
export interface ProspectiveCells {
  readonly channelId: CellInput;
  readonly channelName?: CellInput;
  readonly group?: CellInput;
  readonly company?: CellInput;
  readonly branch: CellInput;
  /** The service-area code the channel will write business in (服务区域代码). */
  readonly regionCode: CellInput;
  /** Estimated by the branch's 个人客户运营部. */
  readonly lossRatio: CellInput;
  /** Agreed in negotiation. */
  readonly marketExpenseRatio: CellInput;
  /** Planned annual premium (计划年保费). */
  readonly plannedPremium: CellInput;
  /** Surveyed own premium of the channel. */
  readonly ownPremium: CellInput;
  readonly groupOwnPremium?: CellInput;
  /** Where the figures came from (资料来源), e.g. "2026-03 洽谈纪要；个人客户运营部测算". */
  readonly source: CellInput;
}

/** A 经代渠道合作信息表 row's cells, each read by `at` (the cell of that field's column, or null). */
export function prospectiveCellsOf(at: (field: keyof ProspectiveCells) => CellInput): ProspectiveCells {
  return {
    channelId: at('channelId'),
    channelName: at('channelName'),
    group: at('group'),
    company: at('company'),
    branch: at('branch'),
    regionCode: at('regionCode'),
    lossRatio: at('lossRatio'),
    marketExpenseRatio: at('marketExpenseRatio'),
    plannedPremium: at('plannedPremium'),
    ownPremium: at('ownPremium'),
    groupOwnPremium: at('groupOwnPremium'),
    source: at('source'),
  };
}

/**
 * Prepares one prospective channel for grading in prospective mode (RULES.md §5.1 第九条: premium
 * is the planned annual premium, days are not used; non-market ratio is the budget). Every bad or
 * missing figure is an issue, never a throw; the source text is required, so every figure says where
 * it came from.
 */
export function prepareProspective(
  cells: ProspectiveCells,
  nonMarket: readonly NonMarketRecord[],
  judging: CivilDate,
): PreparedChannel | NotPreparedChannel {
  const issues: PrepareIssue[] = [];
  const take = (x: number | { message: { zh: string; en: string } }): number => {
    if (typeof x === 'number') return x;
    issues.push({ code: 'masterRow', message: x.message });
    return 0;
  };
  const channelId = cellText(cells.channelId);
  const branch = cellText(cells.branch);
  if (channelId === '') issues.push({ code: 'masterRow', message: { zh: '渠道代码为空', en: 'Channel ID is blank' } });
  const regionCode = cellText(cells.regionCode);
  if (regionCode === '')
    issues.push({ code: 'masterRow', message: { zh: '服务区域代码为空', en: 'Service area code is blank' } });
  const loss = take(readRatio(cells.lossRatio, 'lossRatio'));
  const market = take(readRatio(cells.marketExpenseRatio, 'marketExpenseRatio'));
  const premium = take(readAmount(cells.plannedPremium, 'premium'));
  const own = take(readOwnPremium(cells.ownPremium));
  const groupOwn =
    cellText(cells.groupOwnPremium) === '' ? null : take(readOwnPremium(cells.groupOwnPremium, 'groupOwnPremium'));
  const note = cellText(cells.source);
  if (note === '')
    issues.push({
      code: 'masterRow',
      message: { zh: '资料来源为空：请写明洽谈及测算依据', en: 'Source is blank: say where the figures come from' },
    });
  const nm = nonMarketSourceOf('prospective', judging, null);
  const rec = new NonMarketTable(nonMarket).find(branch, nm.year);
  const ratio = rec?.budget ?? null;
  if (ratio === null)
    issues.push({
      code: 'noNonMarket',
      message: {
        zh: `非市场费用率表中没有三级机构“${branch}”${nm.year} 年的预算值`,
        en: `the non-market table has no budget ratio for branch "${branch}" in ${nm.year}`,
      },
    });
  const channelName = cellText(cells.channelName);
  if (issues.length > 0) return { channelId, channelName, branch, rowsUsed: 0, issues };
  return {
    channelId,
    channelName,
    group: cellText(cells.group),
    company: cellText(cells.company),
    branch,
    regionCode,
    lossRatio: loss,
    marketExpenseRatio: market,
    nonMarketExpenseRatio: ratio as number,
    premium,
    days: null,
    startDate: null,
    endDate: null,
    ownPremium: own,
    groupOwnPremium: groupOwn,
    source: {
      window: null,
      rowsUsed: 0,
      rowsLeftOut: 0,
      nonMarket: { zh: `${branch} ${nm.year} 年预算`, en: `${branch} ${nm.year} budget` },
      masterStart: null,
      note,
    },
  };
}
