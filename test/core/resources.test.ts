import { parseClassLabel, classIndex } from '../../src/core/channelClass';
import { DEFAULT_COMPILED } from '../../src/core/compileRules';
import { parseResourceItem, RESOURCE_ITEMS, type ResourceItemNo } from '../../src/core/resourceItems';
import { managementLevel, resourceOutcome, resourceOutcomes } from '../../src/core/resourceMatch';
import { UsageError } from '../../src/core/errors';

function outcome(label: string, item: ResourceItemNo): string {
  const c = parseClassLabel(label);
  if (!c) throw new Error(label);
  return resourceOutcome(classIndex(c), item, DEFAULT_COMPILED).zh;
}

describe('differentiated resource matching (RULES.md §6)', () => {
  it('names eleven items in three groups', () => {
    expect(RESOURCE_ITEMS).toHaveLength(11);
    expect(new Set(RESOURCE_ITEMS.map((i) => i.group.zh))).toEqual(new Set(['市场费用', '运营管理', '非市场费用']));
  });

  it.each([
    ['深蓝-C-Ⅲ', '支持'],
    ['蓝-A-Ⅰ', '支持'],
    ['黄-B-Ⅱ', '维持'],
    ['浅红-A-Ⅰ', '管控'],
    ['深红-C-Ⅲ', '管控'],
  ])('item 1 market expense ratio: %s → %s [doc]', (label, want) => {
    expect(outcome(label, 1)).toBe(want);
  });

  it.each([
    ['黄-B-Ⅲ', '灵活', '加快'],
    ['深蓝-A-Ⅰ', '灵活', '加快'],
    ['深蓝-C-Ⅰ', '严格', '维持'],
    ['浅红-A-Ⅰ', '严格', '维持'],
  ])('items 2 and 3 need scale A or B and a colour not red: %s → %s, %s [doc]', (label, method, cycle) => {
    expect(outcome(label, 2)).toBe(method);
    expect(outcome(label, 3)).toBe(cycle);
  });

  it.each([
    [4, '蓝-C-Ⅲ', '放宽'],
    [4, '黄-C-Ⅲ', '标准'],
    [4, '浅红-C-Ⅲ', '收紧'],
    [5, '蓝-B-Ⅲ', '提高'],
    [5, '蓝-C-Ⅲ', '标准'],
    [5, '深红-A-Ⅰ', '降低'],
    [6, '深蓝-C-Ⅱ', '优先'],
    [6, '深蓝-C-Ⅲ', '标准'],
    [6, '深红-A-Ⅰ', '限制'],
    [7, '黄-A-Ⅲ', '专属客户经理'],
    [7, '浅红-A-Ⅲ', '标准'],
    [7, '深红-A-Ⅲ', '共享'],
    [8, '蓝-C-Ⅲ', '优先'],
    [8, '黄-A-Ⅰ', '标准'],
    [9, '深蓝-A-Ⅱ', '增加'],
    [9, '深蓝-A-Ⅰ', '维持'],
    [9, '浅红-A-Ⅱ', '减少'],
    [10, '黄-B-Ⅲ', '优先'],
    [10, '浅红-A-Ⅰ', '标准'],
    [11, '深红-A-Ⅰ', '清理评估'],
    [11, '浅红-A-Ⅰ', '整改'],
    [11, '黄-A-Ⅰ', '常规'],
  ] as const)('item %s: %s → %s [default]', (item, label, want) => {
    expect(outcome(label, item)).toBe(want);
  });

  it('gives every outcome in English too', () => {
    expect(resourceOutcomes(1, DEFAULT_COMPILED).map((o) => o.en)).toEqual([
      'support',
      'flexible',
      'accelerate',
      'relaxed',
      'raised',
      'priority',
      'dedicated account manager',
      'priority',
      'maintain',
      'priority',
      'regular',
    ]);
  });

  it.each([
    ['深红-C-Ⅲ', '总公司'],
    ['蓝-A-Ⅲ', '总公司'],
    ['浅红-C-Ⅲ', '分公司'],
    ['深蓝-B-Ⅰ', '分公司'],
    ['黄-C-Ⅰ', '中心支/支公司'],
  ])('management level: %s → %s [default]', (label, want) => {
    const c = parseClassLabel(label);
    expect(c && managementLevel(classIndex(c), DEFAULT_COMPILED).zh).toBe(want);
  });

  it('finds an item by number or by name in either language', () => {
    expect(parseResourceItem(2)?.name.zh).toBe('结算方式');
    expect(parseResourceItem('结算周期')?.no).toBe(3);
    expect(parseResourceItem('Underwriting Automation')?.no).toBe(5);
    expect(parseResourceItem('11')?.no).toBe(11);
    expect(parseResourceItem(12)).toBeNull();
    expect(parseResourceItem('staff')).toBeNull();
  });

  it('treats a class index outside 1..45 as misuse', () => {
    expect(() => resourceOutcome(0, 1, DEFAULT_COMPILED)).toThrow(UsageError);
  });
});
