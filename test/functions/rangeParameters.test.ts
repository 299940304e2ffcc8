/*
 * Range parameters of type any (issue 23 point 2): Excel hands error cells only to parameters of type
 * any, so RESOURCE.item, WINDOW.kind and COMMISSIONDUE.payeeType are any and validated in code; one
 * #N/A or one bad word there fails its own row, never the whole spill.
 */
import * as fn from '../../src/functions/functions';
import { errorCell } from '../support/customFunctionsStub';

const shown = (grid: unknown[][]): unknown[][] =>
  grid.map((row) =>
    row.map((v) => (typeof v === 'object' && v !== null && 'code' in v ? (v as { code: string }).code : v)),
  );
const col = (...xs: unknown[]): unknown[][] => xs.map((x) => [x]);

describe('range parameters validated element by element', () => {
  it('QD.RESOURCE: an error or an unknown item in the item column fails only its row', () => {
    const out = fn.resourceFn(col('深蓝-A-Ⅰ'), col(1, errorCell('#N/A'), '不存在', '单证出单'));
    expect(shown(out)).toEqual([['支持'], ['#N/A'], ['#VALUE!'], ['优先']]);
  });

  it('QD.WINDOW: an error or an unknown kind in the kind column fails only its row', () => {
    const out = fn.windowFn(col('quarter', errorCell('#N/A'), 'weekly'), [[46122]]);
    expect(shown(out)).toEqual([
      [46023, 46112],
      ['#N/A', '#N/A'],
      ['#VALUE!', '#VALUE!'],
    ]);
  });

  it('QD.COMMISSIONDUE: an error in the payee-type column fails only its row', () => {
    const out = fn.commissionDueFn([[1_000_000]], [[0.01]], [[100_000]], [[0]], col('个人', errorCell('#N/A'), ''));
    expect(shown(out)).toEqual([[1_000], ['#N/A'], [1_000]]);
  });
});
