import fc from 'fast-check';
import {
  ALL_CLASSES,
  CLASS_COUNT,
  classIndex,
  classLabel,
  classOfIndex,
  labelOfIndex,
  parseClassLabel,
} from '../../src/core/channelClass';
import { parseColour, parseDepth } from '../../src/core/bands';

describe('the 45 classes (RULES.md §3)', () => {
  it('has 5 × 3 × 3 = 45 classes', () => {
    expect(ALL_CLASSES).toHaveLength(CLASS_COUNT);
    expect(CLASS_COUNT).toBe(45);
  });

  it('labels 深蓝-A-Ⅰ as index 1 and 深红-C-Ⅲ as index 45', () => {
    expect(labelOfIndex(1)).toBe('深蓝-A-Ⅰ');
    expect(labelOfIndex(45)).toBe('深红-C-Ⅲ');
    expect(classIndex({ colour: 'deepBlue', scale: 'A', depth: 'I' })).toBe(1);
    expect(classIndex({ colour: 'deepRed', scale: 'C', depth: 'III' })).toBe(45);
  });

  it('computes index = colour×9 + scale×3 + depth + 1', () => {
    expect(classIndex({ colour: 'blue', scale: 'B', depth: 'II' })).toBe(1 * 9 + 1 * 3 + 1 + 1);
    expect(labelOfIndex(14)).toBe('蓝-B-Ⅱ');
    expect(labelOfIndex(14, 'en')).toBe('Blue-B-II');
  });

  it('writes the Chinese label with Roman numerals U+2160..U+2162 and the English one in ASCII', () => {
    const zh = classLabel({ colour: 'lightRed', scale: 'C', depth: 'III' });
    expect(zh).toBe('浅红-C-\u2162');
    expect(classLabel({ colour: 'lightRed', scale: 'C', depth: 'III' }, 'en')).toBe('LightRed-C-III');
  });

  it('the index is a bijection over the 45 labels, in both languages', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 45 }), fc.constantFrom('zh' as const, 'en' as const), (i, lang) => {
        const c = classOfIndex(i);
        if (!c) return false;
        const parsed = parseClassLabel(labelOfIndex(i, lang));
        return classIndex(c) === i && parsed !== null && classIndex(parsed) === i;
      }),
    );
    const labels = new Set(ALL_CLASSES.map((c) => classLabel(c)));
    expect(labels.size).toBe(45);
    expect(new Set(ALL_CLASSES.map((c) => classLabel(c, 'en'))).size).toBe(45);
  });

  it.each([
    ['深蓝-A-Ⅰ', 1],
    ['DeepBlue-A-I', 1],
    ['deep blue - a - i', 1],
    ['深蓝－Ａ－Ⅰ', 1],
    ['深蓝—A—I', 1],
    ['Light red-B-II', 32],
    ['深红-C-III', 45],
  ])('parses "%s" back to index %s', (text, index) => {
    const c = parseClassLabel(text);
    expect(c && classIndex(c)).toBe(index);
  });

  it.each(['', '深蓝', '紫-A-Ⅰ', '深蓝-D-Ⅰ', '深蓝-A-Ⅳ', '深蓝-A-Ⅰ-x'])('refuses "%s"', (text) => {
    expect(parseClassLabel(text)).toBeNull();
  });

  it('has no class for indices outside 1..45', () => {
    for (const i of [0, 46, 1.5, NaN]) expect(classOfIndex(i)).toBeNull();
    expect(() => labelOfIndex(46)).toThrow(RangeError);
  });

  it('parses band names in either language', () => {
    expect(parseColour('浅红')).toBe('lightRed');
    expect(parseColour('LIGHTRED')).toBe('lightRed');
    expect(parseDepth('Ⅲ')).toBe('III');
    expect(parseDepth('ii')).toBe('II');
  });
});
