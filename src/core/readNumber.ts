/**
 * Reading numbers from what a cell holds (RULES.md §1 "Numbers from cells", §11).
 *
 * @packageDocumentation
 */
import { canonical } from './canonical';
import { orderedFromNumeral } from './decimalArithmetic';
import type { Field } from './fields';
import { problems, type Problem } from './problem';

/** What a cell can hand the engine: Excel values as JavaScript sees them. */
export type CellInput = number | string | boolean | Date | null | undefined;

const NUMERAL = /^([+-]?)(\d{1,3}(?:,\d{3})+(?:\.\d*)?|\d+\.?\d*|\.\d+)(?:e([+-]?\d{1,4}))?(%?)$/i;

/**
 * Parses number text exactly, as an analyst types it: `0.85`, `85%`, `1,200,000`, `-3.5`, `1.2E+6`,
 * full-width `８５％` too. Thousands separators must group by three. Up to 15 significant digits the
 * result is that number; a longer numeral is the double just beside its 15-digit rounding on the side
 * of its exact value, so a band boundary compares it exactly (RULES.md §1). Null when not a number.
 */
export function parseNumberText(text: string): number | null {
  const t = text.normalize('NFKC').trim().replace(/\s*%$/, '%');
  const m = NUMERAL.exec(t);
  if (!m) return null;
  const sign = m[1] ?? '';
  const body = (m[2] ?? '').replace(/,/g, '');
  const exponent = Number(m[3] ?? '0') - (m[4] === '%' ? 2 : 0);
  const numeral = `${sign}${body}e${exponent}`;
  const significant = body.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  // Up to 15 significant digits the built-in parse is correctly rounded and so already canonical.
  if (significant.length <= 15) {
    const x = Number(numeral);
    return Number.isFinite(x) ? x + 0 : null;
  }
  return orderedFromNumeral(numeral);
}

/**
 * A number from a cell, held at 15 significant digits (`0.8999999999999999` is `0.9`), or the problem
 * with it: blank, text that is not a number, a logical value, or not finite.
 */
export function readNumber(value: CellInput, field: Field): number | Problem {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return problems.notFinite(field);
    return canonical(value) + 0;
  }
  if (value === null || value === undefined) return problems.blank(field);
  if (typeof value === 'string') {
    if (value.trim() === '') return problems.blank(field);
    const parsed = parseNumberText(value);
    return parsed === null ? problems.notNumber(field, value.trim()) : parsed;
  }
  if (typeof value === 'boolean') return problems.notNumber(field, value ? 'TRUE' : 'FALSE');
  return problems.notNumber(field, value.toISOString().slice(0, 10));
}

/** A ratio ≥ 0 (a loss ratio may exceed 1), or its problem (RULES.md §1 validity). */
export function readRatio(value: CellInput, field: Field): number | Problem {
  const x = readNumber(value, field);
  if (typeof x !== 'number') return x;
  return x < 0 ? problems.negative(field, x) : x;
}

/** An amount ≥ 0 (premium), or its problem. */
export const readAmount = readRatio;

/** Cooperation days: a whole number from 1 to 366, or its problem (0 is `#DIV/0!`). */
export function readDays(value: CellInput): number | Problem {
  const x = readNumber(value, 'days');
  if (typeof x !== 'number') return x;
  if (x === 0) return problems.zeroDays();
  if (x < 0) return problems.negative('days', x);
  if (!Number.isInteger(x)) return problems.daysNotWhole(x);
  return x > 366 ? problems.daysOutOfRange(x) : x;
}

/** An own premium > 0 (0 is `#DIV/0!`), or its problem. */
export function readOwnPremium(value: CellInput, field: Field = 'ownPremium'): number | Problem {
  const x = readNumber(value, field);
  if (typeof x !== 'number') return x;
  if (x === 0) return problems.zeroOwnPremium(field);
  return x < 0 ? problems.negative(field, x) : x;
}
