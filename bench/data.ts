/**
 * Seeded channel figures for the benchmarks: ordinary rows, and one in twenty built to land exactly
 * on a band boundary (0.55 + 0.10 + 0.25 = 90%, 2,000,000 over 73 days = 10,000,000), where plain
 * floating point goes wrong.
 */
import { seededRandom } from '../examples/makeDemoWorkbook';

export interface Figures {
  readonly lossRatio: number[];
  readonly marketExpenseRatio: number[];
  readonly nonMarketExpenseRatio: number[];
  readonly premium: number[];
  readonly days: number[];
  readonly ownPremium: number[];
}

const COST_BOUNDS = [90, 95, 100, 105];

export function figures(n: number, seed = 8): Figures {
  const rnd = seededRandom(seed);
  const f: Figures = {
    lossRatio: [],
    marketExpenseRatio: [],
    nonMarketExpenseRatio: [],
    premium: [],
    days: [],
    ownPremium: [],
  };
  for (let i = 0; i < n; i++) {
    const boundary = i % 20 === 0;
    let a: number;
    let b: number;
    let c: number;
    if (boundary) {
      // Three two-decimal percentages summing exactly to a band bound.
      const t = COST_BOUNDS[Math.floor(rnd() * 4)] as number;
      const ai = 40 + Math.floor(rnd() * 30);
      const bi = 5 + Math.floor(rnd() * 15);
      a = ai / 100;
      b = bi / 100;
      c = (t - ai - bi) / 100;
    } else {
      a = Math.round((0.45 + rnd() * 0.4) * 1e4) / 1e4;
      b = Math.round((0.04 + rnd() * 0.24) * 1e4) / 1e4;
      c = Math.round((0.05 + rnd() * 0.1) * 1e4) / 1e4;
    }
    const days = boundary && rnd() < 0.5 ? 73 : rnd() < 0.7 ? 365 : 30 + Math.floor(rnd() * 330);
    const premium = boundary && days === 73 ? 2_000_000 : Math.round(Math.exp(12 + rnd() * 4.5));
    const scale = days >= 365 ? premium : (premium / days) * 365;
    f.lossRatio.push(a);
    f.marketExpenseRatio.push(b);
    f.nonMarketExpenseRatio.push(c);
    f.premium.push(premium);
    f.days.push(days);
    f.ownPremium.push(Math.round(scale / (0.02 + rnd() * 0.6)) + 1);
  }
  return f;
}
