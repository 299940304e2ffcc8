/**
 * Grading many channels at once from columns of figures, into typed arrays: the engine's batch form,
 * with no object per row. Rows of plain numbers take the fused fast path; any other row goes through
 * `gradeChannel`, so every row gets exactly the grade `gradeChannel` gives it.
 *
 * @packageDocumentation
 */
import { classIndexOf } from './channelClass';
import { colourOrdinal, depthOrdinal, scaleOrdinal, type CompiledRules } from './compileRules';
import { measurePlainRow, type MeasureSlots } from './fastMeasures';
import { gradeChannel, type GradingMode } from './gradeChannel';
import type { CellInput } from './readNumber';

/** The six figures as columns (arrays of one length). */
export interface FigureColumns {
  readonly lossRatio: ArrayLike<CellInput>;
  readonly marketExpenseRatio: ArrayLike<CellInput>;
  readonly nonMarketExpenseRatio: ArrayLike<CellInput>;
  readonly premium: ArrayLike<CellInput>;
  readonly days: ArrayLike<CellInput>;
  readonly ownPremium: ArrayLike<CellInput>;
}

/** Where the batch writes: measures, and the class index 1..45 (0 for a row with a problem). */
export interface GradeColumns {
  readonly costRate: Float64Array;
  readonly annualScale: Float64Array;
  readonly depth: Float64Array;
  readonly classIndex: Uint8Array;
}

/** Typed arrays for `n` rows. */
export function gradeColumnsFor(n: number): GradeColumns {
  return {
    costRate: new Float64Array(n),
    annualScale: new Float64Array(n),
    depth: new Float64Array(n),
    classIndex: new Uint8Array(n),
  };
}

const slots: MeasureSlots = { costRate: 0, annualScale: 0, depth: 0 };

/**
 * Grades every row of `figures` into `out`; returns how many rows had problems (their class index
 * is 0 and their measures NaN — `gradeChannel` on such a row gives its problems).
 */
export function gradeColumns(
  figures: FigureColumns,
  rules: CompiledRules,
  mode: GradingMode,
  out: GradeColumns,
): number {
  const n = out.classIndex.length;
  const prospective = mode === 'prospective';
  let bad = 0;
  for (let i = 0; i < n; i++) {
    if (
      measurePlainRow(
        figures.lossRatio[i],
        figures.marketExpenseRatio[i],
        figures.nonMarketExpenseRatio[i],
        figures.premium[i],
        figures.days[i],
        figures.ownPremium[i],
        prospective,
        slots,
      ) &&
      slots.depth <= 1
    ) {
      out.costRate[i] = slots.costRate;
      out.annualScale[i] = slots.annualScale;
      out.depth[i] = slots.depth;
      out.classIndex[i] = classIndexOf(
        colourOrdinal(slots.costRate, rules),
        scaleOrdinal(slots.annualScale, rules),
        depthOrdinal(slots.depth, rules),
      );
      continue;
    }
    const g = gradeChannel(
      {
        lossRatio: figures.lossRatio[i],
        marketExpenseRatio: figures.marketExpenseRatio[i],
        nonMarketExpenseRatio: figures.nonMarketExpenseRatio[i],
        premium: figures.premium[i],
        days: figures.days[i],
        ownPremium: figures.ownPremium[i],
      },
      rules,
      mode,
    );
    if (g.ok) {
      out.costRate[i] = g.value.costRate;
      out.annualScale[i] = g.value.annualScale;
      out.depth[i] = g.value.depth;
      out.classIndex[i] = g.value.classIndex;
    } else {
      out.costRate[i] = NaN;
      out.annualScale[i] = NaN;
      out.depth[i] = NaN;
      out.classIndex[i] = 0;
      bad++;
    }
  }
  return bad;
}
