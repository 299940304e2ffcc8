/**
 * Roll-ups per 分公司 and per 三级机构 for the summary sheet (RULES.md §12: each branch is told its
 * channels' classes): channels and annualized premium per colour band and scale class. Every number is
 * a COUNTIFS/SUMIFS over the graded sheet's columns with its value cached, like the 45-class matrix,
 * so a manager's manual class override recalculates.
 *
 * @packageDocumentation
 */
import { COLOURS, COLOUR_LABELS, SCALES, type Lang } from '../core';
import { rollUp, type SnapshotChannel } from '../core/snapshot';
import type { CellWrite } from './WorkbookPort';

/** Where the graded sheet keeps the columns a roll-up counts over, as absolute A1 ranges. */
export interface RollUpSource {
  readonly sheet: string;
  readonly classRange: string;
  readonly scaleRange: string;
  /** The 分公司 or 三级机构 column. */
  readonly keyRange: string;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function text(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * The rows of one roll-up block: a title, a header, then one row per 分公司 (or 三级机构) in order of
 * first appearance. Channels without the key count under `(未填)`, which the formulas cannot select
 * (a blank key), so its cells hold values, not formulas.
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
  const colourPattern = (i: number): string => `${COLOUR_LABELS[COLOURS[i] ?? 'deepRed'][lang]}-*`;
  const scalePattern = (i: number): string => `*-${SCALES[i] ?? 'C'}-*`;
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
  for (const r of rollUp(channels, by)) {
    const blank = r.key === '(未填)';
    const cell = (formula: string, result: number): CellWrite => (blank ? result : { formula, result });
    const k = text(r.key);
    rows.push([
      r.key,
      cell(`COUNTIFS(${key},${k},${cls},"*-*-*")`, r.channels),
      ...r.channelsByColour.map((n, i) => cell(`COUNTIFS(${key},${k},${cls},${text(colourPattern(i))})`, n)),
      ...r.channelsByScale.map((n, i) => cell(`COUNTIFS(${key},${k},${cls},${text(scalePattern(i))})`, n)),
      ...r.premiumByColour.map((p, i) => cell(`SUMIFS(${scl},${key},${k},${cls},${text(colourPattern(i))})`, p)),
      ...r.premiumByScale.map((p, i) => cell(`SUMIFS(${scl},${key},${k},${cls},${text(scalePattern(i))})`, p)),
    ]);
  }
  return rows;
}
