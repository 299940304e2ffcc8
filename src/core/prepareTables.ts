/**
 * The channel master (渠道清单) and the non-market table (非市场费用率表) of RULES.md §5.2, read from
 * cells into records. A bad cell is kept as the record's problem, never thrown: the channel it
 * belongs to is then listed as not prepared, with the row and the reason.
 *
 * @packageDocumentation
 */
import type { CivilDate } from './civilDate';
import type { Bilingual } from './lang';
import type { Problem } from './problem';
import { readDate } from './readDate';
import { readNumber, readOwnPremium, readRatio, type CellInput } from './readNumber';

/** One channel of the master, as read. */
export interface MasterRecord {
  readonly channelId: string;
  readonly channelName: string;
  readonly group: string;
  readonly company: string;
  readonly branch: string;
  /** Cooperation start date (合作起始日期); null when the cell is blank or not a date. */
  readonly startDate: CivilDate | null;
  /** Cooperation end date (合作终止日期), when the master has one (RULES.md §5.2). */
  readonly endDate?: CivilDate | null | undefined;
  /** The year the own premium refers to (自有保费年度), when the master gives it. */
  readonly ownPremiumYear?: number | null | undefined;
  readonly ownPremium: number | null;
  readonly groupOwnPremium: number | null;
  /** The sheet or file row it came from (1-based), for messages. */
  readonly row: number;
  /** What is wrong with the row; a channel with any is not prepared. */
  readonly problems: readonly Bilingual[];
}

/** The cells of a master row, by CONTRACT.md §6 key. */
export interface MasterCells {
  readonly channelId: CellInput;
  readonly channelName?: CellInput;
  readonly group?: CellInput;
  readonly company?: CellInput;
  readonly branch?: CellInput;
  readonly startDate: CellInput;
  readonly ownPremium: CellInput;
  readonly groupOwnPremium?: CellInput;
  readonly endDate?: CellInput;
  readonly ownPremiumYear?: CellInput;
}

/** A cell as trimmed text ('' for blank); numbers as they print. */
export function cellText(v: CellInput | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

function blank(v: CellInput | undefined): boolean {
  return cellText(v) === '';
}

function rowMessage(table: Bilingual, row: number, p: Problem): Bilingual {
  return { zh: `${table.zh}第 ${row} 行：${p.message.zh}`, en: `${table.en} row ${row}: ${p.message.en}` };
}

const MASTER: Bilingual = { zh: '渠道清单', en: 'channel master' };
const NON_MARKET: Bilingual = { zh: '非市场费用率表', en: 'non-market table' };

/** Reads a master row (RULES.md §5.2: start date and own premium are required). */
export function readMasterRecord(cells: MasterCells, row: number): MasterRecord {
  const found: Bilingual[] = [];
  const start = readDate(cells.startDate, 'startDate');
  const startDate = 'code' in start ? null : start;
  if ('code' in start) found.push(rowMessage(MASTER, row, start));
  const own = readOwnPremium(cells.ownPremium);
  if (typeof own !== 'number') found.push(rowMessage(MASTER, row, own));
  let groupOwn: number | null = null;
  if (!blank(cells.groupOwnPremium)) {
    const g = readOwnPremium(cells.groupOwnPremium, 'groupOwnPremium');
    if (typeof g === 'number') groupOwn = g;
    else found.push(rowMessage(MASTER, row, g));
  }
  let endDate: CivilDate | null = null;
  if (!blank(cells.endDate)) {
    const e = readDate(cells.endDate ?? null, 'endDate');
    if ('code' in e) found.push(rowMessage(MASTER, row, e));
    else endDate = e;
  }
  const yearText = cellText(cells.ownPremiumYear).replace(/年$/, '');
  const ownPremiumYear = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  if (yearText !== '' && ownPremiumYear === null)
    found.push({
      zh: `${MASTER.zh}第 ${row} 行：自有保费年度“${yearText}”不是年份`,
      en: `${MASTER.en} row ${row}: own premium year "${yearText}" is not a year`,
    });
  return {
    endDate,
    ownPremiumYear,
    channelId: cellText(cells.channelId),
    channelName: cellText(cells.channelName),
    group: cellText(cells.group),
    company: cellText(cells.company),
    branch: cellText(cells.branch),
    startDate,
    ownPremium: typeof own === 'number' ? own : null,
    groupOwnPremium: groupOwn,
    row,
    problems: found,
  };
}

/** One 三级机构's non-market ratios for one year. */
export interface NonMarketRecord {
  readonly branch: string;
  readonly year: number;
  readonly actual: number | null;
  readonly budget: number | null;
  readonly row: number;
  readonly problems: readonly Bilingual[];
}

/** The cells of a non-market row, by CONTRACT.md §6 key. */
export interface NonMarketCells {
  readonly branch: CellInput;
  readonly year: CellInput;
  readonly actual: CellInput;
  readonly budget: CellInput;
}

/** Reads a non-market row; a blank actual or budget is simply not available (a year not yet closed). */
export function readNonMarketRecord(cells: NonMarketCells, row: number): NonMarketRecord {
  const found: Bilingual[] = [];
  const y = readNumber(cells.year, 'value');
  let year = 0;
  if (typeof y !== 'number') found.push(rowMessage(NON_MARKET, row, y));
  else if (!Number.isInteger(y) || y < 1900 || y > 9999)
    found.push({
      zh: `${NON_MARKET.zh}第 ${row} 行：年度“${cellText(cells.year)}”不是四位年份`,
      en: `${NON_MARKET.en} row ${row}: year "${cellText(cells.year)}" is not a four-digit year`,
    });
  else year = y;
  const ratio = (v: CellInput): number | null => {
    if (blank(v)) return null;
    const r = readRatio(v, 'nonMarketExpenseRatio');
    if (typeof r === 'number') return r;
    found.push(rowMessage(NON_MARKET, row, r));
    return null;
  };
  return {
    branch: cellText(cells.branch),
    year,
    actual: ratio(cells.actual),
    budget: ratio(cells.budget),
    row,
    problems: found,
  };
}

/** The non-market table indexed by 三级机构 and year. */
export class NonMarketTable {
  private readonly byKey = new Map<string, NonMarketRecord>();

  constructor(records: readonly NonMarketRecord[]) {
    for (const r of records) {
      const key = `${r.branch}\u0000${r.year}`;
      if (r.branch !== '' && r.year > 0 && !this.byKey.has(key)) this.byKey.set(key, r);
    }
  }

  /** Every record, in the table's order (one per 三级机构 and year). */
  records(): NonMarketRecord[] {
    return [...this.byKey.values()];
  }

  /** The record of a 三级机构 and year, if the table has one. */
  find(branch: string, year: number): NonMarketRecord | undefined {
    return this.byKey.get(`${branch}\u0000${year}`);
  }
}
