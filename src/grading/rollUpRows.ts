/**
 * Roll-ups per 分公司 and per 三级机构 for the summary sheet (RULES.md §12: each branch is told its
 * channels' classes): channels and annualized premium per colour band and scale class. Every number is
 * a COUNTIFS/SUMIFS over the graded sheet's columns with its value cached, like the 45-class matrix,
 * so a manager's manual class override recalculates. A key is matched literally (criteria.ts): a
 * branch `杭州*` counts only `杭州*`, `<未分配>` only itself.
 *
 * @packageDocumentation
 */
import { COLOURS, COLOUR_LABELS, SCALES, type Lang } from '../core';
import { rollUp, type SnapshotChannel } from '../core/snapshot';
import { caseClashes, caseFold, countIf, sumIf, type Condition, type LiteralValue } from './criteria';
import type { CellValue, CellWrite } from './WorkbookPort';

/** Where the graded sheet keeps the columns a roll-up counts over, as absolute A1 ranges. */
export interface RollUpSource {
  readonly sheet: string;
  readonly classRange: string;
  readonly scaleRange: string;
  /** The 分公司 or 三级机构 column. */
  readonly keyRange: string;
  /**
   * Cells of the key column spelled otherwise than the key they were graded under (a leading space
   * the grading trimmed, a number), by key: the formulas match these too. A key with a cell no
   * formula can match exactly (a date) gets values.
   */
  readonly variants?: ReadonlyMap<string, ReadonlySet<CellValue>> | undefined;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The exact values a key's formulas match, or null when a cell of it cannot be matched by a formula. */
function keyValues(key: string, variants: ReadonlySet<CellValue> | undefined): LiteralValue[] | null {
  const values: LiteralValue[] = [key];
  for (const v of variants ?? []) {
    if (v === null || v === undefined || v instanceof Date) return null;
    if (v !== key) values.push(v);
  }
  return values;
}

/**
 * The rows of one roll-up block: a title, a header, then one row per 分公司 (or 三级机构) in order of
 * first appearance. Channels without the key count under `(未填)`, which the formulas cannot select
 * (a blank key), so its cells hold values, not formulas; so do a key's cells whose formula would be
 * longer than Excel takes or that cannot match a cell of the key exactly.
 */
export function rollUpRows(
  channels: Iterable<Pick<SnapshotChannel, 'company' | 'branch' | 'annualScale' | 'classIndex'>>,
  source: RollUpSource,
  by: 'company' | 'branch',
  lang: Lang,
): CellWrite[][] {
  const t = (zh: string, en: string): string => (lang === 'en' ? `${en} ${zh}` : `${zh} ${en}`);
  const cls = `${quoteSheet(source.sheet)}!${source.classRange}`;
  const scl = `${quoteSheet(source.sheet)}!${source.scaleRange}`;
  const key = `${quoteSheet(source.sheet)}!${source.keyRange}`;
  const colourPattern = (i: number): Condition => ({
    range: cls,
    like: [`${COLOUR_LABELS[COLOURS[i] ?? 'deepRed'][lang]}-`, ''],
  });
  const scalePattern = (i: number): Condition => ({ range: cls, like: ['', `-${SCALES[i] ?? 'C'}-`, ''] });
  const anyClass: Condition = { range: cls, like: ['', '-', '-', ''] };
  const rows: CellWrite[][] = [
    [by === 'company' ? t('按分公司汇总', 'By branch company') : t('按三级机构汇总', 'By branch')],
    [
      by === 'company' ? t('分公司', 'Branch company') : t('三级机构', 'Branch'),
      t('渠道数', 'Channels'),
      ...COLOURS.map((c) => t(`${COLOUR_LABELS[c].zh}渠道数`, `${COLOUR_LABELS[c].name} channels`)),
      ...SCALES.map((s) => t(`${s} 类渠道数`, `Scale ${s} channels`)),
      ...COLOURS.map((c) => t(`${COLOUR_LABELS[c].zh}年化保费`, `${COLOUR_LABELS[c].name} premium`)),
      ...SCALES.map((s) => t(`${s} 类年化保费`, `Scale ${s} premium`)),
    ],
  ];
  const groups = rollUp(channels, by);
  const clashes = caseClashes(groups.map((r) => r.key));
  for (const r of groups) {
    const values = r.key === '(未填)' ? null : keyValues(r.key, source.variants?.get(r.key));
    const k: Condition | null = values && { range: key, exact: values, caseClash: clashes.has(caseFold(r.key)) };
    const count = (result: number, pattern: Condition): CellWrite => {
      const formula = k && countIf([k, pattern]);
      return formula ? { formula, result } : result;
    };
    const sum = (result: number, pattern: Condition): CellWrite => {
      const formula = k && sumIf(scl, [k, pattern]);
      return formula ? { formula, result } : result;
    };
    rows.push([
      r.key,
      count(r.channels, anyClass),
      ...r.channelsByColour.map((n, i) => count(n, colourPattern(i))),
      ...r.channelsByScale.map((n, i) => count(n, scalePattern(i))),
      ...r.premiumByColour.map((p, i) => sum(p, colourPattern(i))),
      ...r.premiumByScale.map((p, i) => sum(p, scalePattern(i))),
    ]);
  }
  return rows;
}
