/**
 * 3. The formula peer: 100,000 rows classified by plain nested IFS formulas, as an analyst writes
 * them today, and by one =QD.CLASSIFY(range…) call, both evaluated in HyperFormula; and by the
 * engine alone. Times, and how many rows the plain formulas misgrade.
 */
import { DEFAULT_COMPILED, gradeColumns, gradeColumnsFor, labelOfIndex } from '../src/core';
import { buildEngine, registerQdFunctions } from '../test/support/qdHyperFormula';
import { installCustomFunctionsStub } from '../test/support/customFunctionsStub';
import { figures } from './data';
import { median } from './timing';
import { performance } from 'node:perf_hooks';

installCustomFunctionsStub();

const PLAIN = (r: number): string =>
  `=IFS(A${r}+B${r}+C${r}<=0.9,"深蓝",A${r}+B${r}+C${r}<=0.95,"蓝",A${r}+B${r}+C${r}<=1,"黄",A${r}+B${r}+C${r}<=1.05,"浅红",TRUE(),"深红")` +
  `&"-"&IFS(IF(E${r}>=365,D${r},D${r}/E${r}*365)>=10000000,"A",IF(E${r}>=365,D${r},D${r}/E${r}*365)>=2000000,"B",TRUE(),"C")` +
  `&"-"&IFS(IF(E${r}>=365,D${r},D${r}/E${r}*365)/F${r}>=0.3,"Ⅰ",IF(E${r}>=365,D${r},D${r}/E${r}*365)/F${r}>=0.1,"Ⅱ",TRUE(),"Ⅲ")`;

function timeBuild(sheets: Record<string, unknown[][]>): { ms: number; values: unknown[][] } {
  const t = performance.now();
  const hf = buildEngine(sheets);
  const ms = performance.now() - t;
  const values = hf.getSheetValues(hf.getSheetId('Data') ?? 0);
  hf.destroy();
  return { ms, values };
}

export async function formulasBench(): Promise<Record<string, number>> {
  await registerQdFunctions();
  const N = 100_000;
  const f = figures(N, 33);
  const rows = f.lossRatio.map((a, i) => [
    a,
    f.marketExpenseRatio[i],
    f.nonMarketExpenseRatio[i],
    f.premium[i],
    f.days[i],
    f.ownPremium[i],
  ]);
  const plainRows = rows.map((r, i) => [...r, PLAIN(i + 1)]);
  const qdRows = rows.map((r, i) => [
    ...r,
    i === 0 ? `=QD.CLASSIFY(A1:A${N}, B1:B${N}, C1:C${N}, D1:D${N}, E1:E${N}, F1:F${N})` : null,
  ]);
  // Each build starts from a collected heap (with --expose-gc, as npm run bench runs), so one build's
  // garbage is not charged to the next; the QD builds run before the far heavier plain ones.
  const fresh = <T>(build: () => T): T => {
    (globalThis as { gc?: () => void }).gc?.();
    return build();
  };
  fresh(() => timeBuild({ Data: rows.slice(0, 1000) })); // warm-up
  const dataOnly = median([0, 1, 2].map(() => fresh(() => timeBuild({ Data: rows })).ms));
  const qd = [0, 1, 2].map(() => fresh(() => timeBuild({ Data: qdRows })));
  const plain = [0, 1, 2].map(() => fresh(() => timeBuild({ Data: plainRows })));
  const engineTimes: number[] = [];
  const out = gradeColumnsFor(N);
  for (let k = 0; k < 4; k++) {
    const t = performance.now();
    gradeColumns(f, DEFAULT_COMPILED, 'annual', out);
    engineTimes.push(performance.now() - t);
  }
  const exact = Array.from(out.classIndex, (k) => (k > 0 ? labelOfIndex(k) : null));
  const plainValues = (plain[0] as { values: unknown[][] }).values;
  const qdValues = (qd[0] as { values: unknown[][] }).values;
  let plainMisgrades = 0;
  let qdMisgrades = 0;
  exact.forEach((label, i) => {
    if (label === null) return;
    if (plainValues[i]?.[6] !== label) plainMisgrades++;
    if (qdValues[i]?.[6] !== label) qdMisgrades++;
  });
  return {
    plain_formula_ms: Math.round(median(plain.map((p) => p.ms)) - dataOnly),
    qd_formula_ms: Math.round(median(qd.map((p) => p.ms)) - dataOnly),
    engine_100k_ms: Number(median(engineTimes.slice(1)).toFixed(1)),
    plain_formula_misgrades: plainMisgrades,
    qd_formula_misgrades: qdMisgrades,
  };
}
