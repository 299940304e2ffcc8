/**
 * Option arguments of the QD.* functions — language, rules range, matrix range, target band,
 * window kind, resource item — each parsed in one place, the ranges once per distinct content.
 *
 * @packageDocumentation
 */
import { parseColour, type Colour } from '../core/bands';
import { DEFAULT_COMPILED, compileRules, type CompiledRules } from '../core/compileRules';
import { WINDOW_KINDS, type WindowKind } from '../core/dataWindow';
import { InvalidRulesError } from '../core/errors';
import type { Lang } from '../core/lang';
import { problems, type Problem } from '../core/problem';
import type { CellInput } from '../core/readNumber';
import { parseResourceItem, type ResourceItem } from '../core/resourceItems';
import { rulesFromRange } from '../core/rulesFromRange';
import { rulesWithMatrixRange } from '../core/rulesTable';
import { blankOrZero, plainGrid, toGrid, type Grid } from './grid';

function isBlankOption(v: unknown): boolean {
  // Omitted optional arguments arrive as null; Excel desktop may pass an empty cell as 0.
  return v === null || v === undefined || v === '' || v === 0;
}

/** A single option value: the first cell if a range was passed (an error value in it is passed on). */
function scalar(v: unknown): CellInput {
  return plainGrid(toGrid(v))[0]?.[0] ?? null;
}

/** The label language: `zh` (default) or `en`, any case. */
export function langOption(v: unknown): Lang | Problem {
  const x = scalar(v);
  if (isBlankOption(x)) return 'zh';
  const t = String(x).trim().toLowerCase();
  if (t === 'zh' || t === 'en' || t === '中文' || t === 'english') return t === 'en' || t === 'english' ? 'en' : 'zh';
  return problems.unknownLabel('value', String(x), { zh: '语言 zh 或 en', en: 'language zh or en' });
}

function isBlankRange(g: Grid): boolean {
  return g.every((row) => row.every((v) => v === null || v === undefined || v === ''));
}

/**
 * A rules or matrix range without its blank rows, read as a whole (an error value in it is passed
 * on). Excel desktop hands a blank cell as 0 and the web as null; a row of nothing but those is
 * skipped either way (RULES.md §11: same workbook, same result), since no rule key is 0.
 */
function rangeRows(v: unknown): readonly (readonly CellInput[])[] {
  return plainGrid(toGrid(v)).filter((row) => !row.every(blankOrZero));
}

const rulesCache = new Map<string, CompiledRules>();
const matrixCache = new Map<string, CompiledRules>();
const CACHE_LIMIT = 64;

function remember(cache: Map<string, CompiledRules>, key: string, value: CompiledRules): CompiledRules {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/**
 * The rules of a `[rules]` range (CONTRACT.md §2), compiled once per distinct content. Omitted or
 * blank: the shipped defaults. Invalid: `InvalidRulesError` naming the key (the boundary shows it
 * as #VALUE!).
 */
export function rulesOption(v: unknown): CompiledRules {
  const g = rangeRows(v);
  if (isBlankRange(g)) return DEFAULT_COMPILED;
  const key = JSON.stringify(g);
  const hit = rulesCache.get(key);
  if (hit) return hit;
  const parsed = rulesFromRange(g);
  if (!parsed.ok) throw new InvalidRulesError(parsed.problems);
  return remember(rulesCache, key, compileRules(parsed.rules));
}

/** The rules with a `[matrix]` range as their resource matrix, compiled once per distinct content. */
export function matrixOption(v: unknown, base: CompiledRules = DEFAULT_COMPILED): CompiledRules {
  const g = rangeRows(v);
  if (isBlankRange(g)) return base;
  const key = `${base.fingerprint}|${JSON.stringify(g)}`;
  const hit = matrixCache.get(key);
  if (hit) return hit;
  const parsed = rulesWithMatrixRange(g, base.rules);
  if (!parsed.ok) throw new InvalidRulesError(parsed.problems);
  return remember(matrixCache, key, compileRules(parsed.rules));
}

/** The target band of `QD.HEADROOM`: any colour label, default yellow (`黄`). */
export function targetBandOption(v: unknown): Colour | Problem {
  const x = scalar(v);
  if (isBlankOption(x)) return 'yellow';
  return (
    parseColour(String(x)) ??
    problems.unknownLabel('band', String(x), {
      zh: '色带：深蓝、蓝、黄、浅红',
      en: 'a band: DeepBlue, Blue, Yellow, LightRed',
    })
  );
}

/** The window kind of `QD.WINDOW`. */
export function windowKindOption(v: unknown): WindowKind | Problem {
  const t = String(scalar(v) ?? '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]/g, '');
  return (WINDOW_KINDS as readonly string[]).includes(t)
    ? (t as WindowKind)
    : problems.unknownLabel('value', String(scalar(v)), {
        zh: '窗口 annual、recheck、quarter、threemonths 或 month',
        en: 'a window: annual, recheck, quarter, threemonths or month',
      });
}

/** A resource item: 1..11, or its name in either language. */
export function itemOption(v: CellInput): ResourceItem | Problem {
  const item = typeof v === 'number' || typeof v === 'string' ? parseResourceItem(v) : null;
  if (item) return item;
  // The first numbering had 合作检视 as item 11; it is the review action now (RULES.md §6).
  if (typeof v === 'string' && /^(合作检视|检视措施|cooperation review|review action)$/i.test(v.trim())) {
    return problems.unknownLabel('value', v.trim(), {
      zh: '资源项目 1 至 11 或其名称；检视措施不是资源项目，请用 QD.REVIEWACTION',
      en: 'a resource item 1 to 11 or its name; the review action is not an item: use QD.REVIEWACTION',
    });
  }
  return problems.unknownLabel('value', String(v), {
    zh: '资源项目 1 至 11 或其名称',
    en: 'a resource item 1 to 11 or its name',
  });
}
