/**
 * Criteria that match text literally, for every COUNTIFS/SUMIFS the add-in writes (issue 22 point 6).
 *
 * A criterion is not a value: Excel and LibreOffice read `*`, `?` and `~` in it as wildcards, a
 * leading `=`, `<`, `>` or `<>` as a comparison (`<未分配>` is "less than 未分配>"), text that reads as
 * a number, date, boolean or error as that value, and compare without regard to case. So a branch
 * `杭州*` would count `杭州分公司` too once the workbook recalculates.
 *
 * The rule here: a literal text becomes `"=" & text` with `~` `*` `?` escaped as `~~` `~*` `~?`
 * ({@link literalCriterion}), used in COUNTIFS/SUMIFS where that is exact. Where it cannot be — the
 * text is empty, longer than Excel's 255-character criterion, reads as a value (it has a digit and
 * no Han character that no number or date has, is TRUE/FALSE, or starts with `#`), differs from
 * another key of the same column only in case or width, or the column holds it in several spellings
 * (a leading space the grading trimmed, a number) — the formula is a SUMPRODUCT over EXACT, which
 * compares case-sensitively and reads nothing into the text. A formula over Excel's 8,192
 * characters is not written ({@link countIf} and {@link sumIf} give null; the caller writes the value).
 *
 * @packageDocumentation
 */

/** The most characters Excel takes in a criterion and in one text constant of a formula. */
export const CRITERION_LIMIT = 255;

/** The most characters Excel takes in a formula. */
export const FORMULA_LIMIT = 8192;

/** A cell value a key column may hold: what a literal condition matches exactly. */
export type LiteralValue = string | number | boolean;

/**
 * A condition on one column: `exact` matches cells equal to any of the values (case-sensitive, no
 * wildcard); `like` matches whole text cells made of the literal pieces with anything between them
 * (`['深红-', '']` is "starts with 深红-"), without regard to case, as COUNTIFS does.
 */
export type Condition =
  | {
      readonly range: string;
      readonly exact: readonly LiteralValue[];
      /** Whether another value of the column equals one of these but for case or width (forces EXACT). */
      readonly caseClash?: boolean;
    }
  | { readonly range: string; readonly like: readonly string[] };

/** Escapes the wildcards of COUNTIF-style criteria: `~` `*` `?` become `~~` `~*` `~?`. */
export function escapeWildcards(text: string): string {
  return text.replace(/[~*?]/g, '~$&');
}

/**
 * A text as a string constant of a formula: quoted, `"` doubled, and split into pieces joined by
 * `&` where it is longer than the 255 characters Excel takes in one constant.
 */
export function formulaText(text: string): string {
  if (text.length <= CRITERION_LIMIT) return `"${text.replace(/"/g, '""')}"`;
  const pieces: string[] = [];
  for (let at = 0; at < text.length;) {
    let end = Math.min(text.length, at + CRITERION_LIMIT);
    // Never between the two halves of a surrogate pair.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
    pieces.push(`"${text.slice(at, end).replace(/"/g, '""')}"`);
    at = end;
  }
  return pieces.join('&');
}

// Han characters that dates and times are written with (2024年1月2日, 上午 9时): text holding one of
// these and a digit may read as a date; any other Han character makes it plain text.
const DATE_HAN = /[年月日时分秒午上下星期周]/gu;
const HAN = /\p{Script=Han}/u;

/**
 * Whether a criterion `=text` could be read as something other than the text: a number, date,
 * time, percentage, currency, boolean or error value. Conservative: any digit without a Han
 * character outside dates' own counts.
 */
export function mayReadAsValue(text: string): boolean {
  if (/^(true|false)$/i.test(text.trim()) || text.trimStart().startsWith('#')) return true;
  if (!/\p{Nd}/u.test(text)) return false;
  return !HAN.test(text.replace(DATE_HAN, ''));
}

/** The text as the criterion `=text` with its wildcards escaped, or null when no criterion matches it literally. */
export function literalCriterion(text: string): string | null {
  if (text === '' || mayReadAsValue(text)) return null;
  const criterion = `=${escapeWildcards(text)}`;
  return criterion.length <= CRITERION_LIMIT ? criterion : null;
}

/** A key's case- and width-folded form: two keys with one fold are one to a COUNTIFS criterion. */
export function caseFold(text: string): string {
  return text.normalize('NFKC').toUpperCase().toLowerCase();
}

/** The folds shared by more than one of the keys (their criteria would count each other's cells). */
export function caseClashes(keys: Iterable<string>): ReadonlySet<string> {
  const seen = new Map<string, string>();
  const clashes = new Set<string>();
  for (const k of keys) {
    const f = caseFold(k);
    const other = seen.get(f);
    if (other !== undefined && other !== k) clashes.add(f);
    else seen.set(f, k);
  }
  return clashes;
}

/** The criterion argument of a condition in COUNTIFS/SUMIFS, or null when it needs EXACT. */
function criterionOf(c: Condition): string | null {
  if ('like' in c) {
    const criterion = `=${c.like.map(escapeWildcards).join('*')}`;
    return criterion.length <= CRITERION_LIMIT ? formulaText(criterion) : null;
  }
  if (c.caseClash === true || c.exact.length !== 1) return null;
  const [v] = c.exact;
  if (typeof v !== 'string') return null;
  const criterion = literalCriterion(v);
  return criterion === null ? null : formulaText(criterion);
}

/** A condition as TRUE/FALSE arrays over its range (all must hold), for SUMPRODUCT. */
function testsOf(c: Condition): string[] {
  const r = c.range;
  if ('exact' in c) {
    const tests = c.exact.map((v) =>
      typeof v === 'string'
        ? `EXACT(${r},${formulaText(v)})`
        : `(${r}=${typeof v === 'boolean' ? String(v).toUpperCase() : String(v)})`,
    );
    return [tests.length === 1 ? (tests[0] ?? '') : `((${tests.join('+')})>0)`];
  }
  const parts = c.like;
  if (parts.length < 2) return [`(${r}=${formulaText(parts[0] ?? '')})`];
  const first = parts[0] ?? '';
  const last = parts[parts.length - 1] ?? '';
  const middle = parts.slice(1, -1);
  const tests = [`ISTEXT(${r})`];
  if (first !== '') tests.push(`(LEFT(${r},${first.length})=${formulaText(first)})`);
  if (last !== '') tests.push(`(RIGHT(${r},${last.length})=${formulaText(last)})`);
  if (first !== '' && last !== '') tests.push(`(LEN(${r})>=${first.length + last.length})`);
  if (middle.length > 0) {
    if (first !== '' || last !== '') throw new Error('a like-condition with middle pieces must be open at both ends');
    tests.push(`ISNUMBER(SEARCH(${formulaText(middle.map(escapeWildcards).join('*'))},${r}))`);
  }
  return tests;
}

/** The conditions as one 0/1 array: every test multiplied, made a number even when there is one. */
function product(conditions: readonly Condition[]): string {
  return `--(${conditions.flatMap(testsOf).join('*')})`;
}

function fits(formula: string): string | null {
  return formula.length < FORMULA_LIMIT ? formula : null;
}

/**
 * The number of rows meeting every condition, as a formula (without the leading `=`): COUNTIFS
 * where its criteria match literally, else SUMPRODUCT over EXACT. Null when the formula would be
 * longer than Excel takes.
 */
export function countIf(conditions: readonly Condition[]): string | null {
  const criteria = conditions.map(criterionOf);
  if (criteria.every((c) => c !== null))
    return fits(`COUNTIFS(${conditions.map((c, i) => `${c.range},${criteria[i] ?? ''}`).join(',')})`);
  return fits(`SUMPRODUCT(${product(conditions)})`);
}

/** The sum of `sumRange` over the rows meeting every condition, like {@link countIf}. */
export function sumIf(sumRange: string, conditions: readonly Condition[]): string | null {
  const criteria = conditions.map(criterionOf);
  if (criteria.every((c) => c !== null))
    return fits(`SUMIFS(${sumRange},${conditions.map((c, i) => `${c.range},${criteria[i] ?? ''}`).join(',')})`);
  // Text and blanks in the summed column count as 0 as a separate SUMPRODUCT argument (not multiplied).
  return fits(`SUMPRODUCT(${product(conditions)},${sumRange})`);
}
