/**
 * The summary sheet `分级汇总` (CONTRACT.md §5): the 45-class matrix of channels and annualized
 * premium, with totals per colour, scale and depth. Every number is a COUNTIFS/SUMIFS formula over
 * the class column with its value cached, so the summary stays right when a manager overrides a
 * class by hand, and readers that do not recalculate still see the numbers.
 *
 * @packageDocumentation
 */
import { COLOURS, COLOUR_LABELS, DEPTHS, DEPTH_LABELS, SCALES, labelOfIndex, showNumber, type Lang } from '../core';
import { caseClashes, caseFold, countIf, sumIf, type Condition } from './criteria';
import type { CellWrite, ChartSpec } from './WorkbookPort';

/** Name of the summary sheet. */
export const SUMMARY_SHEET = '分级汇总';

/** Channels and annualized premium per class index (1..45), from the graded rows. */
export interface ClassTotals {
  readonly channels: readonly number[];
  readonly premium: readonly number[];
}

/** Where the data sheet keeps the class and annualized-scale columns, as absolute A1 ranges. */
export interface SummarySource {
  readonly sheet: string;
  readonly classRange: string;
  readonly scaleRange: string;
  /** The review-action (检视措施) column and the review action of each class 1..45 (RULES.md §6). */
  readonly review?: { readonly range: string; readonly actions: readonly string[] } | undefined;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A formula cell, or its value alone where the formula would be longer than Excel takes. */
function formulaCell(formula: string | null, result: number): CellWrite {
  return formula === null ? result : { formula, result };
}

/** Columns as A1 letters. */
export function columnLetter(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The summary sheet's rows. */
export function summaryRows(totals: ClassTotals, source: SummarySource, lang: Lang): CellWrite[][] {
  const cls = `${quoteSheet(source.sheet)}!${source.classRange}`;
  const scl = `${quoteSheet(source.sheet)}!${source.scaleRange}`;
  const combos = SCALES.flatMap((s, si) =>
    DEPTHS.map((d, di) => ({ s, si, d, di, label: `${s}-${DEPTH_LABELS[d][lang]}` })),
  );
  const rows: CellWrite[][] = [];
  const t = lang === 'zh';
  rows.push([t ? '渠道分级汇总 Channel grading summary' : 'Channel grading summary 渠道分级汇总']);
  rows.push([]);

  const block = (title: string, measure: 'channels' | 'premium'): void => {
    const first = rows.length + 2; // 1-based row of the first colour row
    rows.push([title]);
    rows.push([t ? '色带 Band' : 'Band 色带', ...combos.map((c) => c.label), t ? '合计 Total' : 'Total 合计']);
    COLOURS.forEach((colour, ci) => {
      const r = rows.length + 1;
      const cells: CellWrite[] = [COLOUR_LABELS[colour][lang]];
      let sum = 0;
      for (const c of combos) {
        const index = ci * 9 + c.si * 3 + c.di + 1;
        const label = labelOfIndex(index, lang);
        const value = measure === 'channels' ? (totals.channels[index - 1] ?? 0) : (totals.premium[index - 1] ?? 0);
        sum += value;
        const match: Condition = { range: cls, exact: [label] };
        cells.push(formulaCell(measure === 'channels' ? countIf([match]) : sumIf(scl, [match]), value));
      }
      cells.push({ formula: `SUM(B${r}:${columnLetter(combos.length + 1)}${r})`, result: Number(showNumber(sum)) });
      rows.push(cells);
    });
    const totalRow: CellWrite[] = [t ? '合计 Total' : 'Total 合计'];
    for (let col = 2; col <= combos.length + 2; col++) {
      const letter = columnLetter(col);
      let sum = 0;
      for (let ci = 0; ci < COLOURS.length; ci++) {
        const rowCells = rows[first + ci] as CellWrite[];
        const cell = rowCells[col - 1];
        sum += typeof cell === 'object' && cell !== null && 'result' in cell ? Number(cell.result) : 0;
      }
      totalRow.push({
        formula: `SUM(${letter}${first + 1}:${letter}${first + COLOURS.length})`,
        result: Number(showNumber(sum)),
      });
    }
    rows.push(totalRow);
    rows.push([]);
  };
  block(t ? '渠道数 Channels' : 'Channels 渠道数', 'channels');
  block(t ? '年化合作规模 Annualized premium' : 'Annualized premium 年化合作规模', 'premium');

  rows.push([t ? '按规模、深度合计 Totals by scale and depth' : 'Totals by scale and depth 按规模、深度合计']);
  rows.push([
    t ? '类别 Class' : 'Class 类别',
    t ? '渠道数 Channels' : 'Channels 渠道数',
    t ? '年化合作规模 Annualized premium' : 'Annualized premium 年化合作规模',
  ]);
  const byPattern = (label: string, pattern: readonly string[], pick: (i: number) => boolean): void => {
    let n = 0;
    let p = 0;
    for (let i = 1; i <= 45; i++) {
      if (!pick(i)) continue;
      n += totals.channels[i - 1] ?? 0;
      p += totals.premium[i - 1] ?? 0;
    }
    const match: Condition = { range: cls, like: pattern };
    rows.push([label, formulaCell(countIf([match]), n), formulaCell(sumIf(scl, [match]), Number(showNumber(p)))]);
  };
  SCALES.forEach((s, si) =>
    byPattern(t ? `规模 ${s}` : `Scale ${s}`, ['', `-${s}-`, ''], (i) => Math.floor(((i - 1) % 9) / 3) === si),
  );
  DEPTHS.forEach((d, di) =>
    byPattern(
      t ? `深度 ${DEPTH_LABELS[d][lang]}` : `Depth ${DEPTH_LABELS[d][lang]}`,
      ['', `-${DEPTH_LABELS[d][lang]}`],
      (i) => (i - 1) % 3 === di,
    ),
  );
  byPattern(t ? '全部 All' : 'All 全部', ['', '-', '-', ''], () => true);
  rows.push([]);

  if (source.review) {
    // Channels and premium per review action 检视措施 (RULES.md §6, 第四章第三节 执行与检视).
    const rev = `${quoteSheet(source.sheet)}!${source.review.range}`;
    const actions = source.review.actions;
    const clashes = caseClashes(new Set(actions));
    rows.push([t ? '按检视措施合计 Totals by review action' : 'Totals by review action 按检视措施合计']);
    rows.push([
      t ? '检视措施 Review action' : 'Review action 检视措施',
      t ? '渠道数 Channels' : 'Channels 渠道数',
      t ? '年化合作规模 Annualized premium' : 'Annualized premium 年化合作规模',
    ]);
    for (const action of [...new Set(actions)]) {
      let n = 0;
      let p = 0;
      actions.forEach((a, i) => {
        if (a !== action) return;
        n += totals.channels[i] ?? 0;
        p += totals.premium[i] ?? 0;
      });
      // A blank action would count the blank cells of rows not graded: its numbers are values.
      const match: Condition = { range: rev, exact: [action], caseClash: clashes.has(caseFold(action)) };
      const formula = (f: (c: Condition) => string | null): string | null => (action === '' ? null : f(match));
      rows.push([
        action,
        formulaCell(
          formula((c) => countIf([c])),
          n,
        ),
        formulaCell(
          formula((c) => sumIf(scl, [c])),
          Number(showNumber(p)),
        ),
      ]);
    }
    rows.push([]);
  }

  // The chart's source: channels per colour band, taken from the channel block's total column.
  rows.push([bandBlockTitle(lang)]);
  rows.push([t ? '色带 Band' : 'Band 色带', t ? '渠道数 Channels' : 'Channels 渠道数']);
  const totalColumn = columnLetter(combos.length + 2);
  COLOURS.forEach((colour, ci) => {
    const channelRow = 5 + ci; // the channel block's colour rows are rows 5–9
    const n = combos.reduce((a, _c, k) => a + (totals.channels[ci * 9 + k] ?? 0), 0);
    rows.push([COLOUR_LABELS[colour][lang], { formula: `${totalColumn}${channelRow}`, result: n }]);
  });
  return rows;
}

function bandBlockTitle(lang: Lang): string {
  return lang === 'zh' ? '各色带渠道数 Channels per band' : 'Channels per band 各色带渠道数';
}

/** The chart of channels per colour band over the summary's last block, placed beside the totals. */
export function bandChart(rows: readonly (readonly CellWrite[])[], lang: Lang): ChartSpec {
  const title = bandBlockTitle(lang);
  const at = rows.findIndex((r) => r[0] === title);
  return {
    title,
    firstRow: at + 2,
    firstColumn: 1,
    lastRow: at + 2 + COLOURS.length,
    lastColumn: 2,
    anchorRow: at + 1,
    anchorColumn: 4,
  };
}
