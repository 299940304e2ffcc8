import { parseClassLabel, classIndex } from '../../src/core/channelClass';
import { compileRules, DEFAULT_COMPILED } from '../../src/core/compileRules';
import { UsageError } from '../../src/core/errors';
import { parseResourceItem, RESOURCE_ITEMS, type ResourceItemNo } from '../../src/core/resourceItems';
import {
  managementLevel,
  resourceAction,
  resourceOutcome,
  resourceOutcomes,
  reviewAction,
} from '../../src/core/resourceMatch';

function index(label: string): number {
  const c = parseClassLabel(label);
  if (!c) throw new Error(label);
  return classIndex(c);
}

function outcome(label: string, item: ResourceItemNo): string {
  return resourceOutcome(index(label), item, DEFAULT_COMPILED).zh;
}

describe('differentiated resource matching (RULES.md §6, 第十四条–第十七条)', () => {
  it('names eleven items in three groups: 2 market expense (第十六条), 3 operations (第十七条), 6 non-market', () => {
    expect(RESOURCE_ITEMS.map((i) => i.name.zh)).toEqual([
      '市场费用比例',
      '费用结算',
      '承保政策',
      '核保自动化程度',
      '两线管理',
      '人力配置',
      '职场驻点',
      '培训服务',
      '营销支持',
      '系统对接',
      '单证出单',
    ]);
    const groups = RESOURCE_ITEMS.map((i) => i.group.zh);
    expect(groups.filter((g) => g === '市场费用')).toHaveLength(2);
    expect(groups.filter((g) => g === '运营管理')).toHaveLength(3);
    expect(groups.filter((g) => g === '非市场费用')).toHaveLength(6);
    expect(RESOURCE_ITEMS.map((i) => i.name.zh)).not.toContain('合作检视');
  });

  it.each([
    ['深蓝-C-Ⅲ', '支持'],
    ['蓝-A-Ⅰ', '支持'],
    ['黄-B-Ⅱ', '维持'],
    ['浅红-A-Ⅰ', '管控'],
    ['深红-C-Ⅲ', '管控'],
  ])('item 1 市场费用比例 (第十六条): %s → %s [doc]', (label, want) => {
    expect(outcome(label, 1)).toBe(want);
  });

  it.each([
    ['黄-B-Ⅲ', '灵活·加快'],
    ['深蓝-A-Ⅰ', '灵活·加快'],
    ['深蓝-C-Ⅰ', '严格·维持'],
    ['浅红-A-Ⅰ', '严格·维持'],
  ])(
    'item 2 费用结算 (method and cycle, 第十六条) needs scale A or B and a colour not red: %s → %s [doc]',
    (label, want) => {
      expect(outcome(label, 2)).toBe(want);
    },
  );

  it.each([
    [3, '蓝-C-Ⅲ', '放宽'],
    [3, '黄-C-Ⅲ', '标准'],
    [3, '浅红-C-Ⅲ', '收紧'],
    [4, '蓝-B-Ⅲ', '提高'],
    [4, '蓝-C-Ⅲ', '标准'],
    [4, '深红-A-Ⅰ', '降低'],
    [5, '深蓝-C-Ⅱ', '优先'],
    [5, '深蓝-C-Ⅲ', '标准'],
    [5, '深红-A-Ⅰ', '限制'],
    [6, '黄-A-Ⅲ', '专属客户经理'],
    [6, '浅红-A-Ⅲ', '标准'],
    [6, '深红-A-Ⅲ', '共享'],
    [7, '深蓝-B-Ⅲ', '驻点'],
    [7, '蓝-C-Ⅰ', '按需'],
    [7, '黄-A-Ⅰ', '按需'],
    [7, '浅红-A-Ⅰ', '不设'],
    [8, '蓝-C-Ⅲ', '优先'],
    [8, '黄-A-Ⅰ', '标准'],
    [9, '深蓝-A-Ⅱ', '增加'],
    [9, '深蓝-A-Ⅰ', '维持'],
    [9, '浅红-A-Ⅱ', '减少'],
    [10, '黄-B-Ⅲ', '优先'],
    [10, '浅红-A-Ⅰ', '标准'],
    [11, '蓝-C-Ⅲ', '优先'],
    [11, '深红-A-Ⅰ', '审批'],
    [11, '浅红-A-Ⅰ', '标准'],
  ] as const)('item %s: %s → %s (RULES.md §6 table)', (item, label, want) => {
    expect(outcome(label, item)).toBe(want);
  });

  it('gives every outcome in English too', () => {
    expect(resourceOutcomes(1, DEFAULT_COMPILED).map((o) => o.en)).toEqual([
      'support',
      'flexible·faster',
      'relaxed',
      'raised',
      'priority',
      'dedicated account manager',
      'on-site desk',
      'priority',
      'maintain',
      'priority',
      'priority',
    ]);
  });

  it.each([
    ['深红-C-Ⅲ', '清理评估', 'exit review'],
    ['深红-A-Ⅰ', '清理评估', 'exit review'],
    ['浅红-A-Ⅰ', '整改', 'improvement plan'],
    ['黄-A-Ⅰ', '常规', 'regular'],
    ['深蓝-C-Ⅲ', '常规', 'regular'],
  ])('review action 检视措施 (第四章第三节 执行与检视): %s → %s [default]', (label, zh, en) => {
    expect(reviewAction(index(label), DEFAULT_COMPILED)).toEqual({ zh, en });
  });

  it('shows the three example actions of RULES.md §6 "Concrete actions" beside their outcomes', () => {
    expect(resourceAction(index('黄-B-Ⅲ'), 2, DEFAULT_COMPILED)?.zh).toBe('每月结算两次');
    expect(resourceAction(index('蓝-C-Ⅲ'), 3, DEFAULT_COMPILED)?.zh).toBe('可放宽特种车等承保条件');
    expect(resourceAction(index('深蓝-C-Ⅲ'), 1, DEFAULT_COMPILED)?.zh).toContain('黄色上限');
    expect(resourceAction(index('浅红-A-Ⅰ'), 2, DEFAULT_COMPILED)).toBeNull();
    expect(resourceAction(index('深蓝-A-Ⅰ'), 9, DEFAULT_COMPILED)).toBeNull();
  });

  it('lets a user edit an action text, which then shows for every class of that row', () => {
    const rules = compileRules({
      numbering: 2,
      resources: [
        ...DEFAULT_COMPILED.rules.resources.filter((r) => r.item !== 8),
        { item: 8, colours: '深蓝,蓝', scales: '*', depths: '*', outcome: '优先', action: '每季度上门培训一次' },
        { item: 8, colours: '*', scales: '*', depths: '*', outcome: '标准' },
      ],
    });
    expect(resourceAction(index('蓝-C-Ⅲ'), 8, rules)).toEqual({ zh: '每季度上门培训一次', en: '每季度上门培训一次' });
    expect(resourceAction(index('黄-C-Ⅲ'), 8, rules)).toBeNull();
  });

  it.each([
    ['深红-C-Ⅲ', '总公司'],
    ['蓝-A-Ⅲ', '总公司'],
    ['浅红-C-Ⅲ', '分公司'],
    ['深蓝-B-Ⅰ', '分公司'],
    ['黄-C-Ⅰ', '中心支/支公司'],
  ])('management level (第十四条): %s → %s [default]', (label, want) => {
    expect(managementLevel(index(label), DEFAULT_COMPILED).zh).toBe(want);
  });

  it('finds an item by number or by name in either language', () => {
    expect(parseResourceItem(2)?.name.zh).toBe('费用结算');
    expect(parseResourceItem('Expense settlement')?.no).toBe(2);
    expect(parseResourceItem('Underwriting Automation')?.no).toBe(4);
    expect(parseResourceItem('单证出单')?.no).toBe(11);
    expect(parseResourceItem('11')?.no).toBe(11);
    expect(parseResourceItem(12)).toBeNull();
    expect(parseResourceItem('staff')).toBeNull();
  });

  it('reads the old names 结算方式 and 结算周期 as item 2, of which they are the halves, and 合作检视 as no item', () => {
    expect(parseResourceItem('结算方式')?.no).toBe(2);
    expect(parseResourceItem('结算周期')?.no).toBe(2);
    expect(parseResourceItem('合作检视')).toBeNull();
  });

  it('treats a class index outside 1..45 or an item outside 1..11 as misuse', () => {
    expect(() => resourceOutcome(0, 1, DEFAULT_COMPILED)).toThrow(UsageError);
    expect(() => reviewAction(46, DEFAULT_COMPILED)).toThrow(UsageError);
    expect(() => resourceAction(1, 12, DEFAULT_COMPILED)).toThrow(UsageError);
  });
});
