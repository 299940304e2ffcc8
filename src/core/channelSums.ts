/** The running sums of one channel while an extract is prepared. */
import { ExactSum } from './prepareExactSum';

/** The running sums of one channel. Exposed for fast readers; use `ChannelPreparation` to make them. */
export class ChannelSums {
  readonly premium = new ExactSum();
  readonly loss = new ExactSum();
  readonly market = new ExactSum();
  used = 0;
  leftOut = 0;
  bad = 0;
  readonly regions: string[] = [];
  regionsMore = false;
  /** Rows in the window dated before the cooperation's start, or after its end (RULES.md §5.2). */
  beforeStart = 0;
  afterEnd = 0;
  /** The cooperation's first and last day (days since 1970-01-01), from the master. */
  firstDay = Number.NEGATIVE_INFINITY;
  lastDay = Number.POSITIVE_INFINITY;

  constructor(readonly channelId: string) {}

  /**
   * Whether a row's day is outside the channel's cooperation (before 合作起始日期 or after 合作终止日期):
   * such a row is not the channel's cooperation; it is counted here and left out (RULES.md §5.2).
   */
  outsideCooperation(day: number): boolean {
    if (day < this.firstDay) {
      this.beforeStart++;
      return true;
    }
    if (day > this.lastDay) {
      this.afterEnd++;
      return true;
    }
    return false;
  }

  /** Adds one row's premium and ratios, each as an exact scaled decimal (ratios ≥ 0). */
  addFigures(pm: number, ps: number, lm: number, ls: number, mm: number, ms: number): void {
    this.premium.add(pm, ps);
    this.loss.addProduct(lm, ls, pm, ps);
    this.market.addProduct(mm, ms, pm, ps);
    this.used++;
  }

  /** Notes a service-area code of a row used (the first five kept). */
  noteRegion(code: string): void {
    if (this.regions.length < 5) {
      if (!this.regions.includes(code)) this.regions.push(code);
    } else if (!this.regionsMore && !this.regions.includes(code)) this.regionsMore = true;
  }
}
