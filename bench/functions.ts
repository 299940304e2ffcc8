/** 2. QD.CHANNELCLASS over 100,000 rows: one range call, against 100,000 single-cell calls with a rules range. */
import type * as Functions from '../src/functions/functions';
import { installCustomFunctionsStub } from '../test/support/customFunctionsStub';
import { figures } from './data';
import { medianMs } from './timing';

installCustomFunctionsStub();

export async function functionsBench(): Promise<Record<string, number>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the CustomFunctions stub is installed
  const fn = require('../src/functions/functions') as typeof Functions;
  const N = 100_000;
  const f = figures(N, 21);
  const cost = f.lossRatio.map((a, i) => [
    Math.round((a + (f.marketExpenseRatio[i] as number) + (f.nonMarketExpenseRatio[i] as number)) * 1e4) / 1e4,
  ]);
  const scale = f.premium.map((p) => [p]);
  const depth = f.ownPremium.map((o, i) => [Math.min(1, Math.round(((f.premium[i] as number) / o) * 1e4) / 1e4)]);
  const rules = [
    ['key', 'value'],
    ['cost.deepBlue.max', 0.9],
  ];
  const rangeMs = await medianMs(5, () => fn.channelClassFn(cost, scale, depth));
  const singleMs = await medianMs(3, () => {
    for (let i = 0; i < N; i++)
      fn.channelClassFn([cost[i] as number[]], [scale[i] as number[]], [depth[i] as number[]], rules);
  });
  return {
    fn_range_us_per_row: Number(((rangeMs * 1000) / N).toFixed(3)),
    fn_single_us_per_call: Number(((singleMs * 1000) / N).toFixed(3)),
  };
}
