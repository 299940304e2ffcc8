import { ALL_CLASSES, classIndex, parseClassLabel } from '../../src/core/channelClass';
import { compileRules, DEFAULT_COMPILED } from '../../src/core/compileRules';
import { MIGRATION_WARNING, resourceNumberingOf } from '../../src/core/migrateRules';
import { resourceOutcome, reviewAction } from '../../src/core/resourceMatch';
import { DEFAULT_RULES } from '../../src/core/ruleSet';
import { matrixRows, rulesWithMatrixRange } from '../../src/core/rulesTable';
import { validateRuleSet } from '../../src/core/validateRuleSet';

/** The resource matrix as the add-in saved it before the renumbering (item 2 结算方式 … 11 合作检视). */
const OLD_MATRIX: [number, string, string, string, string][] = [
  [1, '深蓝,蓝', '*', '*', '支持'],
  [1, '黄', '*', '*', '维持'],
  [1, '*', '*', '*', '管控'],
  [2, '深蓝,蓝,黄', 'A,B', '*', '灵活'],
  [2, '*', '*', '*', '严格'],
  [3, '深蓝,蓝,黄', 'A,B', '*', '加快'],
  [3, '*', '*', '*', '维持'],
  [4, '深蓝,蓝', '*', '*', '放宽'],
  [4, '黄', '*', '*', '标准'],
  [4, '*', '*', '*', '收紧'],
  [5, '深蓝,蓝', 'A,B', '*', '提高'],
  [5, '浅红,深红', '*', '*', '降低'],
  [5, '*', '*', '*', '标准'],
  [6, '深蓝,蓝', '*', 'Ⅰ,Ⅱ', '优先'],
  [6, '深红', '*', '*', '限制'],
  [6, '*', '*', '*', '标准'],
  [7, '深蓝,蓝,黄', 'A', '*', '专属客户经理'],
  [7, '深红', '*', '*', '共享'],
  [7, '*', '*', '*', '标准'],
  [8, '深蓝,蓝', '*', '*', '优先'],
  [8, '*', '*', '*', '标准'],
  [9, '深蓝,蓝', '*', 'Ⅱ,Ⅲ', '增加'],
  [9, '浅红,深红', '*', '*', '减少'],
  [9, '*', '*', '*', '维持'],
  [10, '深蓝,蓝,黄', 'A,B', '*', '优先'],
  [10, '*', '*', '*', '标准'],
  [11, '深红', '*', '*', '清理评估'],
  [11, '浅红', '*', '*', '整改'],
  [11, '*', '*', '*', '常规'],
];

const oldJson = (rows = OLD_MATRIX): unknown => ({
  name: '旧规则',
  version: '2026.1',
  resources: rows.map(([item, colours, scales, depths, outcome]) => ({ item, colours, scales, depths, outcome })),
});

const at = (label: string): number => classIndex(parseClassLabel(label)!);

describe('rules saved with the old item numbering still open and re-grade (RULES.md §6; issue 13 point 2)', () => {
  it('recognises the old numbering by its outcomes and the current one by 灵活·加快', () => {
    expect(resourceNumberingOf((oldJson() as { resources: unknown[] }).resources)).toBe(1);
    expect(resourceNumberingOf(DEFAULT_RULES.resources)).toBe(2);
  });

  it('migrates an old rules JSON, says that it did, and gives every class the shipped outcomes', () => {
    const v = validateRuleSet(oldJson());
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.warnings).toEqual([MIGRATION_WARNING]);
    expect(v.rules.numbering).toBe(2);
    const rules = compileRules(v.rules);
    expect(rules.outcomes).toEqual(DEFAULT_COMPILED.outcomes);
    expect(rules.review).toEqual(DEFAULT_COMPILED.review);
    expect(rules.actions).toEqual(DEFAULT_COMPILED.actions);
  });

  it('keeps each old item under its own name: 人力配置 moves from 7 to 6, 合作检视 becomes the review action', () => {
    const rows = OLD_MATRIX.map((r): [number, string, string, string, string] =>
      r[0] === 7 && r[4] === '标准'
        ? [7, '*', '*', '*', '按需配置']
        : r[0] === 11 && r[4] === '常规'
          ? [11, '*', '*', '*', '常规']
          : r,
    );
    const rules = compileRules(oldJson(rows));
    expect(resourceOutcome(at('黄-C-Ⅲ'), 6, rules).zh).toBe('按需配置');
    expect(resourceOutcome(at('黄-C-Ⅲ'), 7, rules).zh).toBe('按需');
    expect(reviewAction(at('深红-C-Ⅲ'), rules).zh).toBe('清理评估');
    expect(rules.warnings).toHaveLength(1);
  });

  it('joins an edited method and cycle so that every class keeps both of its old outcomes', () => {
    const rows = OLD_MATRIX.filter((r) => r[0] !== 2 && r[0] !== 3);
    rows.push(
      [2, '深蓝', '*', '*', '灵活'],
      [2, '*', '*', '*', '严格'],
      [3, '*', 'A', '*', '加快'],
      [3, '*', '*', '*', '维持'],
    );
    const rules = compileRules(oldJson(rows));
    for (const c of ALL_CLASSES) {
      const method = c.colour === 'deepBlue' ? '灵活' : '严格';
      const cycle = c.scale === 'A' ? '加快' : '维持';
      expect(resourceOutcome(classIndex(c), 2, rules).zh).toBe(`${method}·${cycle}`);
    }
    expect(rules.rules.resources.filter((r) => r.item === 2).at(-1)).toMatchObject({
      colours: '*',
      scales: '*',
      depths: '*',
    });
    // the migrated rules save and reload as the current numbering, unchanged
    const again = compileRules(JSON.parse(JSON.stringify(rules.rules)));
    expect(again.fingerprint).toBe(rules.fingerprint);
    expect(again.warnings).toEqual([]);
  });

  it('migrates an old five-column matrix range and keeps a current one with its action column', () => {
    const old = rulesWithMatrixRange(
      [['item', 'colours', 'scales', 'depths', 'outcome'], ...OLD_MATRIX],
      DEFAULT_RULES,
    );
    expect(old.ok && old.warnings).toEqual([MIGRATION_WARNING]);
    const current = rulesWithMatrixRange(matrixRows(DEFAULT_RULES), DEFAULT_RULES);
    expect(current.ok && current.warnings).toEqual([]);
    expect(current.ok && compileRules(current.rules).fingerprint).toBe(DEFAULT_COMPILED.fingerprint);
    const english = rulesWithMatrixRange(matrixRows(DEFAULT_RULES, 'en'), DEFAULT_RULES);
    expect(english.ok && compileRules(english.rules).outcomes).toEqual(DEFAULT_COMPILED.outcomes);
  });

  it('refuses a numbering other than 1 or 2, naming the field', () => {
    const v = validateRuleSet({ numbering: 3 });
    expect(v.ok).toBe(false);
    expect(!v.ok && v.problems.map((p) => p.field)).toEqual(['numbering']);
  });
});

describe('the review action travels in the matrix range (RULES.md §6 检视措施; CONTRACT.md §2)', () => {
  it('writes the review rows after the eleven items and reads an edited one back', () => {
    const rows = matrixRows(DEFAULT_RULES);
    expect(rows.at(-1)?.[0]).toBe('检视措施');
    const edited = rows.map((r) => (r[0] === '检视措施' && r[4] === '整改' ? [...r.slice(0, 4), '限期整改', ''] : r));
    const v = rulesWithMatrixRange(edited, DEFAULT_RULES);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.warnings).toEqual([]);
    expect(reviewAction(at('浅红-B-Ⅱ'), compileRules(v.rules)).zh).toBe('限期整改');
  });
});
