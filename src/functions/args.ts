/**
 * Argument readers shared by the QD.* function families: a class label, the three measures of a
 * row, and an argument where one value is expected.
 *
 * @packageDocumentation
 */
import { parseClassLabel, type ChannelClass } from '../core/channelClass';
import { FIELD_LABELS, type Field } from '../core/fields';
import { isProblem, problems, type Problem } from '../core/problem';
import { readAmount, readRatio, type CellInput } from '../core/readNumber';
import { plainGrid, toGrid } from './grid';

/** A class label in either language, or its problem. */
export function classArg(v: CellInput): ChannelClass | Problem {
  const text = v === null || v === undefined ? '' : String(v);
  if (text.trim() === '') return problems.blank('classLabel');
  return (
    parseClassLabel(text) ??
    problems.unknownLabel('classLabel', text, { zh: '如 蓝-B-Ⅱ 的分类', en: 'a class such as Blue-B-II' })
  );
}

/** Cost ratio, annualized scale and depth of a row, each read and checked, or the first problem. */
export function ratioTriple(cells: CellInput[]): [number, number, number] | Problem {
  const a = readRatio(cells[0], 'costRate');
  const s = readAmount(cells[1], 'annualScale');
  const d = readRatio(cells[2], 'depth');
  if (typeof a !== 'number') return a;
  if (typeof s !== 'number') return s;
  if (typeof d !== 'number') return d;
  return d > 1 ? problems.depthAboveOne(d) : [a, s, d];
}

/**
 * The one value of an argument where the function takes a single value: a range of more than one
 * cell is a problem that says so (never silently its first cell); an error value in it is passed on.
 */
export function single(v: unknown, field: Field): CellInput | Problem {
  const g = plainGrid(toGrid(v));
  const rows = g.length;
  const cols = g[0]?.length ?? 0;
  if (rows > 1 || cols > 1) {
    const f = FIELD_LABELS[field];
    return {
      code: 'outOfRange',
      field,
      error: '#VALUE!',
      message: {
        zh: `${f.zh}应为一个单元格，而不是 ${rows} 行 × ${cols} 列的区域`,
        en: `${f.en} must be one cell, not a range of ${rows} × ${cols}`,
      },
    };
  }
  return g[0]?.[0] ?? null;
}

/**
 * A cooperation-days or own-premium cell as every Excel agrees on it: desktop Excel hands a blank
 * cell as 0 and the web as null, and 0 is not a valid value there, so a blank is read as 0 and both
 * give the same error (RULES.md §11), whose message `sayBlankToo` widens to "0 or blank".
 */
export function zeroIfBlank(v: CellInput): CellInput {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? 0 : v;
}

/** The zero-days or zero-own-premium problem worded for a cell that may have been blank. */
export function sayBlankToo<T>(p: T): T {
  if (!isProblem(p) || (p.code !== 'zeroDays' && p.code !== 'zeroOwnPremium')) return p;
  return {
    ...p,
    message: {
      zh: p.message.zh.replace('为 0，', '为 0 或空白，'),
      en: p.message.en.replace(' is 0:', ' is 0 or blank:'),
    },
  };
}
