import fc from 'fast-check';
import { ALL_CLASSES, classIndex } from '../../src/core/channelClass';
import { DEFAULT_COMPILED, compileRules } from '../../src/core/compileRules';
import { InvalidRulesError } from '../../src/core/errors';
import { ruleFingerprint } from '../../src/core/fingerprint';
import { RESOURCE_ITEMS } from '../../src/core/resourceItems';
import { resourceOutcome } from '../../src/core/resourceMatch';
import { DEFAULT_RULES, PARAMETERS, PARAMETER_KEYS, type RuleSet } from '../../src/core/ruleSet';
import { validateRuleSet } from '../../src/core/validateRuleSet';

function problemsOf(input: unknown): string[] {
  const v = validateRuleSet(input);
  return v.ok ? [] : v.problems.map((p) => `${p.field}: ${p.message.en}`);
}

function withParams(params: Record<string, unknown>): unknown {
  return { parameters: { ...DEFAULT_RULES.parameters, ...params } };
}

describe('the shipped rule set (RULES.md §2, §6, §10)', () => {
  it('has the defaults of RULES.md §2', () => {
    expect(DEFAULT_RULES.parameters).toEqual({
      'cost.deepBlue.max': 0.9,
      'cost.blue.max': 0.95,
      'cost.yellow.max': 1,
      'cost.lightRed.max': 1.05,
      'scale.A.min': 10_000_000,
      'scale.B.min': 2_000_000,
      'depth.I.min': 0.3,
      'depth.II.min': 0.1,
      'premium.unit': 1,
    });
  });

  it('marks every threshold as a default, not policy', () => {
    expect(PARAMETERS.every((p) => p.basis === 'default')).toBe(true);
    expect(PARAMETERS.map((p) => p.key)).toEqual([...PARAMETER_KEYS]);
  });

  it('is valid', () => {
    expect(problemsOf(DEFAULT_RULES)).toEqual([]);
  });

  it('every resource item has an outcome for all 45 classes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALL_CLASSES), fc.constantFrom(...RESOURCE_ITEMS), (c, item) => {
        const o = resourceOutcome(classIndex(c), item.no, DEFAULT_COMPILED);
        return o.zh.length > 0 && o.en.length > 0;
      }),
    );
    expect(DEFAULT_COMPILED.outcomes.flat()).toHaveLength(45 * 11);
  });
});

describe('rule-set validation names the field (RULES.md §10, CONTRACT.md §2)', () => {
  it('takes the default for a missing key', () => {
    const v = validateRuleSet({ parameters: { 'cost.deepBlue.max': 0.88 } });
    expect(v.ok && v.rules.parameters['cost.blue.max']).toBe(0.95);
    expect(v.ok && v.rules.parameters['cost.deepBlue.max']).toBe(0.88);
  });

  it('refuses an unknown key, naming it', () => {
    expect(problemsOf({ parameters: { 'cost.purple.max': 1 } })).toEqual(['cost.purple.max: unknown rule key']);
  });

  it('refuses a value that is not a number, naming the key', () => {
    expect(problemsOf(withParams({ 'scale.A.min': 'lots' }))).toEqual(['scale.A.min: value "lots" is not a number']);
  });

  it('accepts a percentage text for a threshold', () => {
    const v = validateRuleSet(withParams({ 'cost.deepBlue.max': '88%' }));
    expect(v.ok && v.rules.parameters['cost.deepBlue.max']).toBe(0.88);
  });

  it('refuses colour thresholds that do not strictly increase', () => {
    expect(problemsOf(withParams({ 'cost.blue.max': 0.9 }))).toEqual([
      'cost.blue.max: must be greater than cost.deepBlue.max (0.9)',
    ]);
  });

  it('refuses scale and depth thresholds that do not strictly decrease from A to C and Ⅰ to Ⅲ', () => {
    expect(problemsOf(withParams({ 'scale.B.min': 10_000_000 }))).toEqual([
      'scale.A.min: must be greater than scale.B.min (10000000)',
    ]);
    expect(problemsOf(withParams({ 'depth.II.min': 0.4 }))).toEqual([
      'depth.I.min: must be greater than depth.II.min (0.4)',
    ]);
  });

  it('refuses a premium unit other than yuan or 万元', () => {
    expect(problemsOf(withParams({ 'premium.unit': 100 }))).toEqual([
      'premium.unit: must be 1 (yuan) or 10000 (10,000 yuan)',
    ]);
  });

  it('refuses a resource item without a catch-all', () => {
    const resources = DEFAULT_RULES.resources.filter((r) => !(r.item === 4 && r.colours === '*'));
    expect(problemsOf({ resources })).toEqual([
      'resources(item 4): has no catch-all row (*,*,*): some classes get no outcome',
    ]);
  });

  it('refuses a row after the catch-all, which could never apply', () => {
    const resources = [
      ...DEFAULT_RULES.resources,
      { item: 1, colours: ['deepBlue'], scales: '*', depths: '*', outcome: '支持' },
    ];
    expect(problemsOf({ resources })).toEqual([
      `resources[${resources.length}]: comes after the catch-all row and can never apply`,
    ]);
  });

  it('refuses an unknown colour in a matrix row, naming the row', () => {
    const resources = [
      { item: 1, colours: '紫', scales: '*', depths: '*', outcome: '支持' },
      ...DEFAULT_RULES.resources,
    ];
    expect(problemsOf({ resources })).toEqual(['resources[1].colours: "紫" is not a colour']);
  });

  it('reads matrix lists written as in a sheet: 深蓝,蓝 and A,B', () => {
    const resources = [
      { item: 2, colours: '深蓝，蓝、黄', scales: 'A,B', depths: '*', outcome: '灵活' },
      ...DEFAULT_RULES.resources,
    ];
    const v = validateRuleSet({ resources });
    expect(v.ok && v.rules.resources[0]).toMatchObject({
      colours: ['deepBlue', 'blue', 'yellow'],
      scales: ['A', 'B'],
      outcome: { zh: '灵活', en: 'flexible' },
    });
  });

  it('reports every problem, not only the first', () => {
    expect(problemsOf({ parameters: { 'cost.blue.max': 0.5, 'scale.B.min': -1, foo: 1 }, extra: true })).toEqual([
      'extra: unknown field',
      'foo: unknown rule key',
      'cost.blue.max: must be greater than cost.deepBlue.max (0.9)',
      'scale.B.min: must be greater than 0',
    ]);
  });

  it('compileRules throws InvalidRulesError and grades nothing', () => {
    expect(() => compileRules(withParams({ 'cost.blue.max': 0.5 }))).toThrow(InvalidRulesError);
    try {
      compileRules(withParams({ 'cost.blue.max': 0.5 }));
    } catch (e) {
      expect((e as InvalidRulesError).message).toContain('cost.blue.max');
      expect((e as InvalidRulesError).text.zh).toContain('规则无效');
    }
  });
});

describe('the rule-set fingerprint (RULES.md §10)', () => {
  it('is short and stable', () => {
    expect(ruleFingerprint(DEFAULT_RULES)).toMatch(/^[0-9a-f]{12}$/);
    expect(ruleFingerprint(DEFAULT_RULES)).toBe(DEFAULT_COMPILED.fingerprint);
    expect(ruleFingerprint(JSON.parse(JSON.stringify(DEFAULT_RULES)) as RuleSet)).toBe(DEFAULT_COMPILED.fingerprint);
  });

  it('does not change with the name or version', () => {
    expect(ruleFingerprint({ ...DEFAULT_RULES, name: 'x', version: '9' })).toBe(DEFAULT_COMPILED.fingerprint);
  });

  it('changes with any threshold or row', () => {
    const moved = { ...DEFAULT_RULES, parameters: { ...DEFAULT_RULES.parameters, 'cost.deepBlue.max': 0.89 } };
    expect(ruleFingerprint(moved)).not.toBe(DEFAULT_COMPILED.fingerprint);
    const reordered = { ...DEFAULT_RULES, resources: [...DEFAULT_RULES.resources].reverse() };
    expect(ruleFingerprint(reordered)).not.toBe(DEFAULT_COMPILED.fingerprint);
  });

  it('is the same for a list of all colours and for *', () => {
    const spelled = {
      resources: DEFAULT_RULES.resources.map((r) =>
        r.colours === '*' ? { ...r, colours: ['深蓝', '蓝', '黄', '浅红', '深红'] } : r,
      ),
    };
    expect(compileRules(spelled).fingerprint).toBe(DEFAULT_COMPILED.fingerprint);
  });
});
