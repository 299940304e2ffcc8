/*
 * Evaluates the help page's examples (src/functions/examples.json) in HyperFormula with functions
 * handed in — those a bundle registered with CustomFunctions.associate — in place of the source
 * modules: the functions module is replaced by them before the HyperFormula adapter loads.
 */
import { DetailedCellError } from 'hyperformula';
import examples from '../../src/functions/examples.json';
import type * as QdHyperFormula from '../support/qdHyperFormula';

type Fn = (...args: unknown[]) => unknown;
type Example = { formula: string; result: unknown[][] };

/** Far enough apart that no spill of one example reaches the next. */
const STRIDE = 20;

/** Each example's id, its expected result and the result the registered functions give. */
export async function evaluateExamples(
  registered: ReadonlyMap<string, Fn>,
): Promise<{ id: string; expected: unknown[][]; got: unknown[][] }[]> {
  const byName: Record<string, unknown> = { __esModule: true };
  jest.resetModules();
  jest.doMock('../../src/functions/functions', () => byName);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- must load after the mock above
  const hf = require('../support/qdHyperFormula') as typeof QdHyperFormula;
  const { associate, functions } = await hf.qdMetadata();
  for (const a of associate) byName[a.functionName] = registered.get(a.id);
  await hf.registerQdFunctions();
  const all = examples as Record<string, Example>;
  const ids = functions.map((f) => f.id);
  const engine = hf.buildEngine({
    Help: ids.flatMap((id) => [[all[id]?.formula ?? ''], ...Array.from({ length: STRIDE - 1 }, () => [])]),
  });
  try {
    return ids.map((id, i) => {
      const expected = all[id]?.result ?? [];
      const got = expected.map((row, r) =>
        row.map((_, c) => {
          const v = engine.getCellValue({ sheet: 0, row: i * STRIDE + r, col: c });
          return v instanceof DetailedCellError ? `${v.value} ${v.message}` : v;
        }),
      );
      return { id, expected, got };
    });
  } finally {
    engine.destroy();
  }
}
