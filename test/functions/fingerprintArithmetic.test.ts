/*
 * The rules fingerprint in plain integer arithmetic (issue 23 point 1: the functions run where there
 * is no BigInt and no TextEncoder) gives the value the BigInt and TextEncoder computation gives, for
 * every text — CJK, astral characters, lone surrogates — so fingerprints written before stay valid.
 */
import fc from 'fast-check';
import { fnv1a64Hex, ruleFingerprint } from '../../src/core/fingerprint';
import { DEFAULT_RULES } from '../../src/core/ruleSet';
import { orderedFromNumeral } from '../../src/core/decimalArithmetic';

/** The reference: FNV-1a-64 over TextEncoder's UTF-8, with BigInt (as the fingerprint was computed before). */
function reference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & ((1n << 64n) - 1n);
  return h.toString(16).padStart(16, '0');
}

describe('the rules fingerprint without BigInt', () => {
  it('keeps the default rules’ fingerprint as it was (deb89aa3806f)', () => {
    expect(ruleFingerprint(DEFAULT_RULES)).toBe('deb89aa3806f');
  });

  it('equals FNV-1a-64 over TextEncoder’s UTF-8 for any text, lone surrogates included', () => {
    for (const t of ['', 'a', '深蓝-A-Ⅰ', '\u{1F600}', '\ud800', 'x\udc00y', '\ud83d'])
      expect(fnv1a64Hex(t)).toBe(reference(t));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (t) => fnv1a64Hex(t) === reference(t)),
      { numRuns: 2000 },
    );
  });

  it('still steps a numeral beyond 15 digits to the neighbouring double, without BigInt64Array', () => {
    expect(orderedFromNumeral('0.90000000000000000001')).toBeGreaterThan(0.9);
    expect(orderedFromNumeral('0.89999999999999999999')).toBeLessThan(0.9);
    expect(orderedFromNumeral('-0.90000000000000000001')).toBeLessThan(-0.9);
    expect(orderedFromNumeral('0.90000000000000000001')).toBe(0.9 + Number.EPSILON / 2);
  });
});
