import * as fns from '../../src/functions/functions';
import { StubCustomFunctionsError } from '../support/customFunctionsStub';

describe('QD.COSTRATE (CONTRACT.md §1, RULES.md §1)', () => {
  it('adds 55% + 10% + 25% to exactly 0.9', () => {
    expect(fns.qdCostRate(0.55, 0.1, 0.25)).toBe(0.9);
    expect(fns.qdCostRate('55%', '10%', '25%')).toBe(0.9);
  });

  it('returns #VALUE! with a bilingual message for text that is not a number', () => {
    const e = fns.qdCostRate('abc', 0.1, 0.2) as unknown as StubCustomFunctionsError;
    expect(e).toBeInstanceOf(StubCustomFunctionsError);
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toBe(
      '终极赔付率“abc”不是数字或百分比 (Ultimate loss ratio "abc" is not a number or a percentage)',
    );
  });

  it('returns #VALUE! for a blank that arrives as null', () => {
    expect((fns.qdCostRate(null, 0.1, 0.2) as unknown as StubCustomFunctionsError).code).toBe('#VALUE!');
  });
});

describe('QD.CHANNELCLASS (CONTRACT.md §1, RULES.md §3)', () => {
  it('labels a channel at exactly 90% as deep blue', () => {
    expect(fns.qdChannelClass(0.9, 10_000_000, 0.3)).toBe('深蓝-A-Ⅰ');
    expect(fns.qdChannelClass(0.9, 10_000_000, 0.3, undefined, 'en')).toBe('DeepBlue-A-I');
  });

  it('grades with a rules range when one is given (CONTRACT.md §2)', () => {
    const rules = [
      ['key', 'value'],
      ['cost.deepBlue.max', 0.85],
    ];
    expect(fns.qdChannelClass(0.9, 10_000_000, 0.3, rules)).toBe('蓝-A-Ⅰ');
  });

  it('returns #VALUE! naming the key of an invalid rules range', () => {
    const e = fns.qdChannelClass(0.9, 1, 0.3, [['cost.blue.max', 0.5]]) as unknown as StubCustomFunctionsError;
    expect(e.code).toBe('#VALUE!');
    expect(e.message).toContain('cost.blue.max');
  });

  it('returns #NUM! for a depth above 100%', () => {
    expect((fns.qdChannelClass(0.9, 1, 1.2) as unknown as StubCustomFunctionsError).code).toBe('#NUM!');
  });
});

describe('QD.CLASSINDEX and QD.CLASSLABEL (RULES.md §3)', () => {
  it('maps labels in either language to 1..45 and back', () => {
    expect(fns.qdClassIndex('深蓝-A-Ⅰ')).toBe(1);
    expect(fns.qdClassIndex('DeepRed-C-III')).toBe(45);
    expect(fns.qdClassLabel(14)).toBe('蓝-B-Ⅱ');
    expect(fns.qdClassLabel(14, 'en')).toBe('Blue-B-II');
  });

  it('refuses an unknown label and an index outside 1..45', () => {
    expect((fns.qdClassIndex('紫-A-Ⅰ') as unknown as StubCustomFunctionsError).code).toBe('#VALUE!');
    expect((fns.qdClassLabel(46) as unknown as StubCustomFunctionsError).code).toBe('#VALUE!');
  });
});
