/**
 * The rules where the data live (CONTRACT.md §7): from a judging date, a kind of grading and a rule
 * set, one SQL script that a warehouse runs over `qd_policies`, `qd_channels` and `qd_nonmarket` and
 * that creates the views `qd_graded` and `qd_not_prepared` — what `qd-grade prepare` computes
 * (RULES.md §5.2) and grades (§2–§6), exactly.
 *
 * Scales (why the integers are exact and large enough): a policy's premium is taken at 4 decimals and
 * its ratios at 12, so Σ premium is an integer at scale 4 and Σ(ratio × premium) one at scale 16, both
 * exact sums of exact products. The ratios and the depth are held at scale 20, the annualized scale at
 * 16: a 15-digit figure is exact there down to 0.00001 (ratios, depth) and 0.1 yuan (scale). Every
 * integer the script forms stays below 10^38 while a channel's Σ premium stays below 10^18 yuan and
 * Σ(ratio × premium) below 10^22 (DuckDB stops with an overflow error beyond; PostgreSQL's NUMERIC has
 * no such limit).
 *
 * @packageDocumentation
 */
import {
  COLOUR_LABELS,
  COLOURS,
  DEPTH_LABELS,
  DEPTHS,
  SCALES,
  type Colour,
  type Depth,
  type Scale,
} from '../core/bands';
import { labelOfIndex } from '../core/channelClass';
import { epochDay, fromEpochDay, isoDate, parseDateText, type CivilDate } from '../core/civilDate';
import { compileRules, type CompiledRules } from '../core/compileRules';
import { UsageError } from '../core/errors';
import type { DataWindow, WindowKind } from '../core/dataWindow';
import { WINDOW_KINDS, WINDOW_LABELS } from '../core/dataWindow';
import { isInYearKind, nonMarketSourceOf, prepareWindow } from '../core/prepareKinds';
import { RESOURCE_ITEMS } from '../core/resourceItems';
import type { AnyOf, MatchRule, RuleSet } from '../core/ruleSet';
import { DEFAULT_RULES } from '../core/ruleSet';
import { hasThreeFullMonths } from '../core/schedule';
import { DIALECTS, type DialectTable, type SqlDialect } from './dialects';
import { compareScaled, intLiteral, pow10, round15Stages, type Cte } from './exactSql';

/** The kinds a warehouse grades (CONTRACT.md §7); a prospective channel has no window and no extract. */
export type SqlKind = WindowKind;
/** The kinds of `qd-grade sql --kind`. */
export const SQL_KINDS: readonly SqlKind[] = WINDOW_KINDS;

/** What `compileSql` needs. */
export interface CompileSqlOptions {
  /** The judging date, `YYYY-MM-DD`. */
  readonly judgingDate: string;
  readonly kind: SqlKind;
  /** Default `duckdb`. */
  readonly dialect?: SqlDialect | undefined;
  /** A rule set, or rules already compiled; default the shipped rules. */
  readonly rules?: RuleSet | CompiledRules | undefined;
}

/** The script and what identifies it. */
export interface CompiledSql {
  readonly sql: string;
  /** The rule set's fingerprint (RULES.md §10), also in the script's first line and its `rules_fingerprint` column. */
  readonly fingerprint: string;
  readonly dialect: SqlDialect;
  /** The data window of the kind and date. */
  readonly window: { readonly start: string; readonly end: string };
}

/** The columns of `qd_graded`, in order (CONTRACT.md §7). */
export const QD_GRADED_COLUMNS = [
  'channel_code',
  'channel_name',
  'company',
  'branch',
  'cost_ratio',
  'annual_scale',
  'depth',
  'band',
  'scale_class',
  'depth_class',
  'class',
  'class_index',
  ...RESOURCE_ITEMS.map((i) => `item_${String(i.no).padStart(2, '0')}`),
  'review_action',
  'mgmt_level',
  'rows_used',
  'window_start',
  'window_end',
  'rules_fingerprint',
  'problem',
] as const;

/** The columns of `qd_not_prepared`. */
export const QD_NOT_PREPARED_COLUMNS = ['channel_code', 'reason'] as const;

const PREMIUM_SCALE = 4;
const RATIO_SCALE = 12;
/** Scale of the ratios, the cost ratio and the depth. */
const MEASURE_SCALE = 20;
/** Scale of the annualized scale. */
const AMOUNT_SCALE = 16;

function isCompiled(r: RuleSet | CompiledRules): r is CompiledRules {
  return 'fingerprint' in r && 'costMax' in r;
}

function parseJudging(text: string): CivilDate {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? parseDateText(text) : null;
  if (!d)
    throw new UsageError({
      zh: `评判日期“${text}”应为 YYYY-MM-DD 格式的日期`,
      en: `judging date "${text}" should be a date as YYYY-MM-DD`,
    });
  return d;
}

/** The last start date that has three full months of cooperation by the judging date (第十一条). */
export function lastStartWithThreeMonths(judging: CivilDate): CivilDate {
  // Three months back as EDATE counts them is at most 92 days; the rule is monotone in the start.
  for (let day = epochDay(judging); ; day--) {
    const start = fromEpochDay(day);
    if (hasThreeFullMonths(start, judging)) return start;
  }
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function dateLiteral(d: CivilDate): string {
  return `DATE '${isoDate(d)}'`;
}

function scaledInt(dl: DialectTable, column: string, scale: number): string {
  return `CAST(CAST(${column} AS ${dl.decimal(38, scale)}) * ${pow10(dl, String(scale))} AS ${dl.int})`;
}

function inexact(dl: DialectTable, column: string, scale: number): string {
  return `CAST(${column} AS ${dl.decimal(38, scale)}) <> ${column}`;
}

function trimmed(dl: DialectTable, column: string): string {
  return `TRIM(CAST(${column} AS ${dl.text}))`;
}

function withQuery(dl: DialectTable, ctes: readonly Cte[], body: string): string {
  return `WITH\n${ctes.map((c) => `${c.name} AS ${dl.materialized}(\n  ${c.query}\n)`).join(',\n')}\n${body}`;
}

function inList<T extends string>(column: string, set: AnyOf<T>, label: (v: T) => string): string | null {
  if (set === '*') return null;
  return `${column} IN (${set.map((v) => sqlString(label(v))).join(', ')})`;
}

/** A CASE over a first-match table (RULES.md §6): the rows in order, the first catch-all as ELSE. */
function matchCase(rules: readonly MatchRule[]): string {
  const whens: string[] = [];
  for (const r of rules) {
    const conds = [
      inList<Colour>('band', r.colours, (c) => COLOUR_LABELS[c].zh),
      inList<Scale>('scale_class', r.scales, (s) => s),
      inList<Depth>('depth_class', r.depths, (d) => DEPTH_LABELS[d].zh),
    ].filter((c): c is string => c !== null);
    if (conds.length === 0) return `CASE${whens.join('')} ELSE ${sqlString(r.outcome.zh)} END`;
    whens.push(` WHEN ${conds.join(' AND ')} THEN ${sqlString(r.outcome.zh)}`);
  }
  // Validation guarantees a catch-all; without one a class no row matches has no outcome.
  return `CASE${whens.join('')} END`;
}

function ordinalCase(conds: readonly string[]): string {
  return `CASE ${conds.map((c, i) => `WHEN ${c} THEN ${i}`).join(' ')} ELSE ${conds.length} END`;
}

function labelCase(column: string, labels: readonly string[]): string {
  return `CASE ${column} ${labels.map((l, i) => `WHEN ${i} THEN ${sqlString(l)}`).join(' ')} END`;
}

/** A 15-digit figure held as an integer at `scale`, as the double the engine holds (output only). */
function asDouble(dl: DialectTable, column: string, scale: number): string {
  return `CAST(CONCAT(CAST(${column} AS ${dl.text}), 'E-${scale}') AS ${dl.double})`;
}

/**
 * The SQL script of a judging date, kind and rule set in a dialect (CONTRACT.md §7). Throws
 * `UsageError` for a date that is not `YYYY-MM-DD`, `NoWindowError` for a kind without a window on
 * that date (a recheck in January) and `InvalidRulesError` for invalid rules.
 */
export function compileSql(options: CompileSqlOptions): CompiledSql {
  const dialect = options.dialect ?? 'duckdb';
  const dl = DIALECTS[dialect];
  if (!(WINDOW_KINDS as readonly string[]).includes(options.kind))
    throw new UsageError({
      zh: `评判种类“${options.kind}”应为 ${WINDOW_KINDS.join('、')} 之一`,
      en: `kind "${options.kind}" should be one of ${WINDOW_KINDS.join(', ')}`,
    });
  const rules = options.rules === undefined ? compileRules(DEFAULT_RULES) : options.rules;
  const compiled = isCompiled(rules) ? rules : compileRules(rules);
  const judging = parseJudging(options.judgingDate);
  const span = prepareWindow(options.kind, judging) as DataWindow;
  const nm = nonMarketSourceOf(options.kind, judging, span);
  const ws = dateLiteral(span.start);
  const we = dateLiteral(span.end);
  const I = (v: bigint | number) => intLiteral(dl, v);

  // 1. Each policy row: counted, outside the window, left out for its service area, or unreadable.
  const rowStatus = `CASE
      WHEN p.stat_date IS NULL THEN 'bad'
      WHEN p.stat_date < ${ws} OR p.stat_date > ${we} THEN 'out'
      WHEN p.service_area IS NULL OR ${trimmed(dl, 'p.service_area')} = '' THEN 'left'
      WHEN p.premium IS NULL OR p.loss_ratio IS NULL OR p.expense_ratio IS NULL
        OR p.loss_ratio < 0 OR p.expense_ratio < 0
        OR ${inexact(dl, 'p.premium', PREMIUM_SCALE)}
        OR ${inexact(dl, 'p.loss_ratio', RATIO_SCALE)}
        OR ${inexact(dl, 'p.expense_ratio', RATIO_SCALE)} THEN 'bad'
      ELSE 'used' END`;
  const used = (x: string) => `CASE WHEN status = 'used' THEN ${x} ELSE ${I(0)} END`;
  const count = (status: string) => `SUM(CASE WHEN status = '${status}' THEN 1 ELSE 0 END)`;
  const sumsQuery = withQuery(
    dl,
    [
      {
        name: 'r',
        query: `SELECT ${trimmed(dl, 'p.channel_code')} AS channel_code, ${rowStatus} AS status,
    p.premium, p.loss_ratio, p.expense_ratio
  FROM qd_policies p`,
      },
      {
        name: 'v',
        query: `SELECT channel_code, status,
    ${used(scaledInt(dl, 'premium', PREMIUM_SCALE))} AS premium_int,
    ${used(scaledInt(dl, 'loss_ratio', RATIO_SCALE))} AS loss_int,
    ${used(scaledInt(dl, 'expense_ratio', RATIO_SCALE))} AS expense_int
  FROM r
  WHERE status <> 'out' AND channel_code IS NOT NULL AND channel_code <> ''`,
      },
    ],
    `SELECT channel_code,
  ${count('used')} AS rows_used,
  ${count('left')} AS rows_left_out,
  ${count('bad')} AS rows_bad,
  SUM(premium_int) AS premium_sum,
  SUM(loss_int * premium_int) AS loss_sum,
  SUM(expense_int * premium_int) AS expense_sum
FROM v
GROUP BY channel_code`,
  );

  // 2. Each channel of the master with its sums, its non-market ratio and every reason it is not prepared.
  const ratioColumn = nm.source === 'actual' ? 'actual_ratio' : 'budget_ratio';
  const sourceZh = nm.source === 'actual' ? '实际' : '预算';
  const windowText = `${isoDate(span.start)} 至 ${isoDate(span.end)}`;
  const n = (x: string) => `CAST(${x} AS ${dl.text})`;
  const cutoff = lastStartWithThreeMonths(judging);
  const issues: string[] = [
    `CASE WHEN m.copies > 1 THEN CONCAT('渠道清单中渠道代码重复（', ${n('m.copies')}, ' 行），无法确定用哪一行') END`,
    `CASE WHEN m.start_date IS NULL THEN '渠道清单：合作起始日期缺失' END`,
    `CASE WHEN m.own_premium IS NULL OR m.own_premium <= 0 THEN '渠道清单：渠道自有保费缺失或不大于 0' END`,
    `CASE WHEN m.group_own_premium IS NOT NULL AND m.group_own_premium <= 0 THEN '渠道清单：集团自有保费不大于 0' END`,
    `CASE WHEN COALESCE(s.rows_used, 0) = 0 AND COALESCE(s.rows_bad, 0) = 0 THEN CONCAT('评判窗口 ${windowText} 内没有可计的保单明细', CASE WHEN COALESCE(s.rows_left_out, 0) > 0 THEN CONCAT('（', ${n('s.rows_left_out')}, ' 行因服务区域代码未计）') ELSE '' END) END`,
    `CASE WHEN s.rows_bad > 0 THEN CONCAT('窗口内有 ', ${n('s.rows_bad')}, ' 行明细的日期、保费或比率无法读取，请更正后重新准备') END`,
    `CASE WHEN s.rows_used > 0 AND s.rows_bad = 0 AND s.premium_sum <= 0 THEN CONCAT('窗口内保费合计为 ', CAST(${asDouble(dl, 's.premium_sum', PREMIUM_SCALE)} AS ${dl.text}), '（含批退），不大于 0，无法加权计算赔付率和费用率') END`,
    `CASE WHEN s.rows_used > 0 AND s.rows_bad = 0 AND s.premium_sum > 0 AND (s.loss_sum < 0 OR s.expense_sum < 0) THEN '批退使加权比率为负，请核对明细' END`,
    `CASE WHEN nm.ratio_count IS NULL THEN ${
      "CASE WHEN m.branch IS NULL OR m.branch = '' THEN '渠道清单未填三级机构，无法取非市场费用率' " +
      `ELSE CONCAT('非市场费用率表中没有三级机构“', m.branch, '”${nm.year} 年的${sourceZh}值') END`
    } WHEN nm.ratio_count > 1 THEN CONCAT('非市场费用率表中三级机构“', m.branch, '”${nm.year} 年的${sourceZh}值不唯一') END`,
    `CASE WHEN m.start_date > ${we} THEN CONCAT('合作起始日期 ', CAST(m.start_date AS ${dl.text}), ' 晚于评判窗口末日 ${isoDate(span.end)}') END`,
  ];
  if (isInYearKind(options.kind))
    issues.push(
      `CASE WHEN m.start_date > ${dateLiteral(cutoff)} THEN CONCAT('合作不满三个月（', CAST(m.start_date AS ${dl.text}), ' 起），不给予年度内运用分类，保留拟合作或上期分类（第十一条）') END`,
    );
  const preparedQuery = withQuery(
    dl,
    [
      {
        name: 'm',
        query: `SELECT ${trimmed(dl, 'c.channel_code')} AS channel_code, c.channel_name, c.group_name, c.company,
    ${trimmed(dl, 'c.branch')} AS branch, c.start_date, c.own_premium, c.group_own_premium,
    COUNT(*) OVER (PARTITION BY ${trimmed(dl, 'c.channel_code')}) AS copies
  FROM qd_channels c
  WHERE c.channel_code IS NOT NULL AND ${trimmed(dl, 'c.channel_code')} <> ''`,
      },
      {
        name: 'nm',
        query: `SELECT ${trimmed(dl, 'x.branch')} AS branch, COUNT(DISTINCT x.${ratioColumn}) AS ratio_count,
    MIN(x.${ratioColumn}) AS ratio
  FROM qd_nonmarket x
  WHERE x.year = ${nm.year} AND x.${ratioColumn} IS NOT NULL AND x.${ratioColumn} >= 0
  GROUP BY ${trimmed(dl, 'x.branch')}`,
      },
    ],
    `SELECT m.channel_code, m.channel_name, m.group_name, m.company, m.branch, m.start_date,
  m.own_premium, m.group_own_premium,
  COALESCE(s.rows_used, 0) AS rows_used, COALESCE(s.rows_left_out, 0) AS rows_left_out,
  s.premium_sum, s.loss_sum, s.expense_sum, nm.ratio AS nonmarket_ratio,
  GREATEST(m.start_date, ${ws}) AS first_day,
  ${dl.daysBetween(we, `GREATEST(m.start_date, ${ws})`)} + 1 AS days,
  NULLIF(CONCAT_WS('；',
    ${issues.join(',\n    ')}), '') AS reason
FROM m
LEFT JOIN qd_policy_sums s ON s.channel_code = m.channel_code
LEFT JOIN nm ON nm.branch = m.branch`,
  );

  // 3. The measures, exactly (RULES.md §1), then the grade (§2–§6).
  const level1 = round15Stages(dl, 'p', 'l1', [
    { name: 'premium_r', n: 'premium_sum', d: I(1), shift: PREMIUM_SCALE, target: PREMIUM_SCALE },
    { name: 'loss_r', n: 'loss_sum', d: 'premium_sum', shift: RATIO_SCALE, target: MEASURE_SCALE },
    { name: 'expense_r', n: 'expense_sum', d: 'premium_sum', shift: RATIO_SCALE, target: MEASURE_SCALE },
  ]);
  const nonMarketR = `${scaledInt(dl, 'nonmarket_ratio', RATIO_SCALE)} * ${pow10(dl, String(MEASURE_SCALE - RATIO_SCALE))}`;
  const level2 = round15Stages(dl, level1[level1.length - 1]?.name ?? 'p', 'l2', [
    { name: 'cost_r', n: `loss_r + expense_r + ${nonMarketR}`, d: I(1), shift: MEASURE_SCALE, target: MEASURE_SCALE },
    {
      name: 'scale_r',
      // A whole year of cooperation keeps its premium (第九条).
      n: `CASE WHEN days >= 365 THEN premium_r ELSE premium_r * ${I(365)} END`,
      d: `CASE WHEN days >= 365 THEN ${I(1)} ELSE CAST(days AS ${dl.int}) END`,
      shift: PREMIUM_SCALE,
      target: AMOUNT_SCALE,
    },
  ]);
  const level3 = round15Stages(dl, level2[level2.length - 1]?.name ?? 'p', 'l3', [
    {
      name: 'depth_r',
      n: 'scale_r',
      d: scaledInt(dl, 'own_premium', PREMIUM_SCALE),
      shift: AMOUNT_SCALE - PREMIUM_SCALE,
      target: MEASURE_SCALE,
    },
  ]);
  const last = level3[level3.length - 1]?.name ?? 'p';
  const [c0, c1, c2, c3] = compiled.costMax;
  const colourOrd = ordinalCase([
    compareScaled(dl, 'cost_r', '<=', c0, MEASURE_SCALE),
    compareScaled(dl, 'cost_r', '<=', c1, MEASURE_SCALE),
    compareScaled(dl, 'cost_r', '<=', c2, MEASURE_SCALE),
    compareScaled(dl, 'cost_r', '<=', c3, MEASURE_SCALE),
  ]);
  const scaleOrd = ordinalCase([
    compareScaled(dl, 'scale_r', '>=', compiled.scaleMin[0], AMOUNT_SCALE),
    compareScaled(dl, 'scale_r', '>=', compiled.scaleMin[1], AMOUNT_SCALE),
  ]);
  const depthOrd = ordinalCase([
    compareScaled(dl, 'depth_r', '>=', compiled.depthMin[0], MEASURE_SCALE),
    compareScaled(dl, 'depth_r', '>=', compiled.depthMin[1], MEASURE_SCALE),
  ]);
  const depthAboveOne = `depth_r > ${I(10n ** BigInt(MEASURE_SCALE))}`;
  const gradedCol = (x: string) => `CASE WHEN problem IS NULL THEN ${x} END`;
  const items = RESOURCE_ITEMS.map((item) => {
    const rows = compiled.rules.resources.filter((r) => r.item === item.no);
    return `${gradedCol(matchCase(rows))} AS item_${String(item.no).padStart(2, '0')}`;
  });
  const gradedQuery = withQuery(
    dl,
    [
      { name: 'p', query: `SELECT * FROM qd_prepared WHERE reason IS NULL` },
      ...level1,
      ...level2,
      ...level3,
      {
        name: 'g',
        query: `SELECT t.*,
    CASE WHEN ${depthAboveOne} THEN '合作深度超过 100%：年化合作规模大于渠道自有保费' END AS problem,
    ${colourOrd} AS colour_ord,
    ${scaleOrd} AS scale_ord,
    ${depthOrd} AS depth_ord
  FROM ${last} t`,
      },
      {
        name: 'b',
        query: `SELECT g.*,
    ${labelCase(
      'colour_ord',
      COLOURS.map((c) => COLOUR_LABELS[c].zh),
    )} AS band,
    ${labelCase('scale_ord', [...SCALES])} AS scale_class,
    ${labelCase(
      'depth_ord',
      DEPTHS.map((d) => DEPTH_LABELS[d].zh),
    )} AS depth_class,
    colour_ord * 9 + scale_ord * 3 + depth_ord + 1 AS class_index
  FROM g`,
      },
    ],
    `SELECT channel_code, channel_name, company, branch,
  ${asDouble(dl, 'cost_r', MEASURE_SCALE)} AS cost_ratio,
  ${asDouble(dl, 'scale_r', AMOUNT_SCALE)} AS annual_scale,
  ${asDouble(dl, 'depth_r', MEASURE_SCALE)} AS depth,
  ${gradedCol('band')} AS band,
  ${gradedCol('scale_class')} AS scale_class,
  ${gradedCol('depth_class')} AS depth_class,
  ${gradedCol(
    labelCase(
      'class_index',
      Array.from({ length: 46 }, (_, i) => (i === 0 ? '' : labelOfIndex(i))),
    ),
  )} AS class,
  ${gradedCol('class_index')} AS class_index,
  ${items.join(',\n  ')},
  ${gradedCol(matchCase(compiled.rules.review))} AS review_action,
  ${gradedCol(matchCase(compiled.rules.management))} AS mgmt_level,
  rows_used,
  ${ws} AS window_start,
  ${we} AS window_end,
  ${sqlString(compiled.fingerprint)} AS rules_fingerprint,
  problem
FROM b`,
  );

  const notPreparedQuery = `SELECT channel_code, reason FROM qd_prepared WHERE reason IS NOT NULL
UNION ALL
SELECT s.channel_code, CONCAT('渠道清单中没有此渠道（窗口内计入 ', ${n('s.rows_used')}, ' 行',
  CASE WHEN s.rows_left_out + s.rows_bad > 0 THEN CONCAT('，未计 ', ${n('s.rows_left_out + s.rows_bad')}, ' 行') ELSE '' END, '）') AS reason
FROM qd_policy_sums s
WHERE NOT EXISTS (SELECT 1 FROM qd_channels c WHERE ${trimmed(dl, 'c.channel_code')} = s.channel_code)`;

  const header = [
    `-- qd-grade sql · 规则指纹 rules fingerprint ${compiled.fingerprint} · ${compiled.rules.name} ${compiled.rules.version}`,
    `-- 评判日期 judging date ${isoDate(judging)} · ${WINDOW_LABELS[options.kind].zh} (${options.kind}) · 窗口 window ${isoDate(span.start)}..${isoDate(span.end)} (${span.days} 天 days) · 非市场费用率 non-market ratio: ${nm.year} ${sourceZh} (${nm.source}) · dialect ${dialect}`,
    '-- Inputs 输入 (CONTRACT.md §7): qd_policies(channel_code, service_area, stat_date, premium, loss_ratio, expense_ratio),',
    '--   qd_channels(channel_code, channel_name, group_name, company, branch, start_date, own_premium, group_own_premium),',
    '--   qd_nonmarket(branch, year, actual_ratio, budget_ratio). Map your own tables onto them with views.',
    '-- Creates 生成: qd_policy_sums, qd_prepared (helpers), qd_graded (one row per prepared channel), qd_not_prepared (channel_code, reason).',
    `-- Exact 精确: premiums at ${PREMIUM_SCALE} decimals, ratios at ${RATIO_SCALE}; a row with more is unreadable (无法读取). Every figure is an`,
    '--   exact integer quotient taken at 15 significant digits (half away from zero), every band boundary an exact integer comparison.',
  ];
  const sql = [
    ...header,
    '',
    dl.createView('qd_policy_sums', sumsQuery),
    '',
    dl.createView('qd_prepared', preparedQuery),
    '',
    dl.createView('qd_graded', gradedQuery),
    '',
    dl.createView('qd_not_prepared', notPreparedQuery),
    '',
  ].join('\n');
  return {
    sql,
    fingerprint: compiled.fingerprint,
    dialect,
    window: { start: isoDate(span.start), end: isoDate(span.end) },
  };
}
