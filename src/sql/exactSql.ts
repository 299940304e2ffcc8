/**
 * Exact arithmetic in SQL, as the engine does it (RULES.md §1, §5.2): every figure is a quotient of
 * exact integers taken at 15 significant digits, rounded half away from zero, and every boundary
 * compares those integers with the threshold's exact integer. Nothing that decides a band passes
 * through a binary double, and no division is left to a dialect's DECIMAL rules (DuckDB's DECIMAL
 * division returns a DOUBLE; Spark's rounds to a scale it chooses): the script divides only exact
 * integers, with a remainder test for the rounding.
 *
 * A figure is held as an integer at a fixed scale T (value = integer × 10^-T). The 15-digit rounding
 * of a value v needs the exponent e = floor(log10 v); it is found exactly from the number of digits
 * of the integers (their text length) and one comparison, never from a logarithm. Where v is so small
 * that its 15 digits reach beyond T decimals (below 10^(14−T)), it is rounded at T decimals instead;
 * the generator's scales put that far below any figure a channel has (see `compileSql`).
 *
 * @packageDocumentation
 */
import { canonical } from '../core/canonical';
import type { DialectTable } from './dialects';

/** One figure: value = n ÷ d × 10^-shift (n ≥ 0, d > 0 exact integer columns), wanted at scale `target`. */
export interface Round15Spec {
  /** The output column: the figure as an integer at scale `target`. */
  readonly name: string;
  /** Expressions of the dialect's integer type over the stage's columns. */
  readonly n: string;
  readonly d: string;
  readonly shift: number;
  readonly target: number;
}

/** A named query of a WITH clause. */
export interface Cte {
  readonly name: string;
  readonly query: string;
}

/** 10^j as an exact integer, for a non-negative integer expression j (built as text: no double). */
export function pow10(dl: DialectTable, j: string): string {
  return `CAST(CONCAT('1', REPEAT('0', CAST(${j} AS INTEGER))) AS ${dl.int})`;
}

/** The number of decimal digits of a non-negative exact integer (its text length). */
function digits(dl: DialectTable, x: string): string {
  return `LENGTH(CAST(${x} AS ${dl.text}))`;
}

/**
 * Four stages that add, for each spec, the column `name`: the 15-significant-digit rounding (half
 * away from zero) of n ÷ d × 10^-shift as an integer at scale `target`. Each stage selects the
 * previous one's columns and adds its own, so the caller reads every column it had plus the results.
 */
export function round15Stages(dl: DialectTable, from: string, prefix: string, specs: readonly Round15Spec[]): Cte[] {
  const s = (spec: Round15Spec, part: string) => `${spec.name}_${part}`;
  const nn = (spec: Round15Spec) => s(spec, 'n');
  const dd = (spec: Round15Spec) => s(spec, 'd');
  // Stage 0: n and d as columns of the integer type.
  const stage0 = specs.map((sp) => `CAST(${sp.n} AS ${dl.int}) AS ${nn(sp)}, CAST(${sp.d} AS ${dl.int}) AS ${dd(sp)}`);
  // Stage 1: x = (decimals kept) − shift, where decimals kept = min(14 − floor(log10 v), target).
  const stage1 = specs.map((sp) => {
    const n = nn(sp);
    const d = dd(sp);
    const e1 = `(${digits(dl, n)} - ${digits(dl, d)})`;
    // n ÷ d lies in [10^(e1−1), 10^(e1+1)): it is ≥ 10^e1 exactly when n ≥ d × 10^e1.
    const atLeast = `CASE WHEN ${e1} >= 0 THEN CASE WHEN ${n} >= ${d} * ${pow10(dl, e1)} THEN 0 ELSE 1 END ELSE CASE WHEN ${n} * ${pow10(dl, `0 - ${e1}`)} >= ${d} THEN 0 ELSE 1 END END`;
    const e = `(${e1} - (${atLeast}) - ${sp.shift})`;
    return `LEAST(14 - ${e}, ${sp.target}) - ${sp.shift} AS ${s(sp, 'x')}`;
  });
  // Stage 2: the division n × 10^x ÷ d with the power on the side that keeps it an integer.
  const stage2 = specs.map((sp) => {
    const x = s(sp, 'x');
    return (
      `CASE WHEN ${x} >= 0 THEN ${nn(sp)} * ${pow10(dl, x)} ELSE ${nn(sp)} END AS ${s(sp, 'a')}, ` +
      `CASE WHEN ${x} >= 0 THEN ${dd(sp)} ELSE ${dd(sp)} * ${pow10(dl, `0 - ${x}`)} END AS ${s(sp, 'b')}`
    );
  });
  // Stage 3: the truncated quotient.
  const stage3 = specs.map((sp) => `${dl.intDiv(s(sp, 'a'), s(sp, 'b'))} AS ${s(sp, 'q')}`);
  // Stage 4: round half up by the remainder, then widen to the target scale.
  const stage4 = specs.map((sp) => {
    const [a, b, q, x] = [s(sp, 'a'), s(sp, 'b'), s(sp, 'q'), s(sp, 'x')];
    const rounded = `(${q} + CASE WHEN 2 * (${a} - ${q} * ${b}) >= ${b} THEN 1 ELSE 0 END)`;
    return `CASE WHEN ${nn(sp)} < 0 OR ${dd(sp)} <= 0 THEN NULL ELSE ${rounded} * ${pow10(dl, `${sp.target} - (${x} + ${sp.shift})`)} END AS ${sp.name}`;
  });
  const stages = [stage0, stage1, stage2, stage3, stage4];
  const ctes: Cte[] = [];
  let previous = from;
  stages.forEach((cols, i) => {
    const name = `${prefix}_${i}`;
    ctes.push({ name, query: `SELECT t.*, ${cols.join(',\n    ')}\n  FROM ${previous} t` });
    previous = name;
  });
  return ctes;
}

/** The exact integer of a canonical number at `scale` decimals, as text; null when it has more decimals. */
export function scaledInteger(x: number, scale: number): bigint | null {
  const text = canonicalText(x);
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  if (frac.length > scale) return null;
  const v = BigInt(whole + frac.padEnd(scale, '0'));
  return negative ? -v : v;
}

/** The decimal numeral of a canonical number, without an exponent: 0.9, 10000000, 0.000001. */
export function canonicalText(x: number): string {
  const c = canonical(x);
  const t = String(c);
  if (!/e/i.test(t)) return t;
  const [mant = '0', expText = '0'] = t.toLowerCase().split('e');
  const exp = Number(expText);
  const negative = mant.startsWith('-');
  const [w = '0', f = ''] = (negative ? mant.slice(1) : mant).split('.');
  const digitsText = w + f;
  const point = w.length + exp;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digitsText}`;
  else if (point >= digitsText.length) out = digitsText + '0'.repeat(point - digitsText.length);
  else out = `${digitsText.slice(0, point)}.${digitsText.slice(point)}`;
  return negative ? `-${out}` : out;
}

/**
 * The exact condition `column ≤ bound` (or `≥`) for a figure held at `scale` decimals and a
 * canonical bound: the bound's integer at that scale, taken down for ≤ and up for ≥ when the bound
 * has more decimals than the scale (so the comparison is still exact).
 */
export function compareScaled(dl: DialectTable, column: string, op: '<=' | '>=', bound: number, scale: number): string {
  const exact = scaledInteger(bound, scale);
  if (exact !== null) return `${column} ${op} ${intLiteral(dl, exact)}`;
  const text = canonicalText(bound);
  const negative = text.startsWith('-');
  const [whole = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  let v = BigInt(whole + frac.slice(0, scale));
  // Truncation moves a positive bound down, a negative one up.
  if (negative) v = -v;
  const truncatedBelow = !negative;
  if (op === '<=' && !truncatedBelow) v -= 1n;
  if (op === '>=' && truncatedBelow) v += 1n;
  return `${column} ${op} ${intLiteral(dl, v)}`;
}

/** An exact integer literal of the dialect's integer type (as text, so no dialect reads it as a double). */
export function intLiteral(dl: DialectTable, v: bigint | number): string {
  return `CAST('${v}' AS ${dl.int})`;
}
