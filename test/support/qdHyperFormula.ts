/*
 * Registers the QD.* functions in HyperFormula, so tests (and benchmarks) can evaluate real
 * formulas — ranges, spills, errors — with the very functions Excel calls, handed their arguments
 * as Excel hands them: an error cell as an error object (CustomFunctions.Error, as Excel does when
 * the metadata allows errors), a blank cell as null (Excel on the web) or 0 (Excel desktop), chosen
 * with `setBlankConvention`. Development only: HyperFormula is GPL-3.0 (licence key `gpl-v3`) and
 * never ships in the add-in.
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
  type ImplementedFunctions,
} from 'hyperformula';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { join } from 'node:path';
import * as qd from '../../src/functions/functions';
import functionSources from '../../src/functions/sources.json';
import { StubCustomFunctionsError } from './customFunctionsStub';

interface ParamMeta {
  name: string;
  optional?: boolean;
  dimensionality?: string;
}
interface FunctionMeta {
  id: string;
  name: string;
  parameters: ParamMeta[];
  result: { dimensionality?: string };
}

/** How big a function's result is, from its arguments' sizes. */
type Shape =
  | { kind: 'elementwise' }
  | { kind: 'rows'; width: number }
  | { kind: 'fixed'; width: number; height: number }
  /** A header row plus one row per cell of argument `from` (COMMISSIONPLAN). */
  | { kind: 'perCell'; width: number; from: number }
  /** A header row plus as many rows as argument `from` says, when it is a number in the formula (AGENCYPLAN). */
  | { kind: 'countArg'; width: number; from: number }
  /** One text per row of the checked function's arguments; one for a table (MEASURECHECK, ECONCHECK). */
  | { kind: 'check'; from: number }
  | { kind: 'scalar' };

/** How Excel hands a function a blank cell: null on the web, 0 on desktop (RULES.md §11). */
export type BlankConvention = 'web' | 'desktop';
let blankConvention: BlankConvention = 'web';

/** Chooses how blank cells reach the functions from now on (both conventions must be tested). */
export function setBlankConvention(convention: BlankConvention): void {
  blankConvention = convention;
}

// Error texts as Excel shows them, by HyperFormula's error type.
const ERROR_TEXTS: Record<string, string> = {
  [ErrorType.NA]: '#N/A',
  [ErrorType.DIV_BY_ZERO]: '#DIV/0!',
  [ErrorType.VALUE]: '#VALUE!',
  [ErrorType.NUM]: '#NUM!',
  [ErrorType.REF]: '#REF!',
  [ErrorType.NAME]: '#NAME?',
  [ErrorType.SPILL]: '#SPILL!',
};

// Whole rows per element (RESOURCES, WINDOW) and fixed tables (RULES) are the exceptions; a matrix
// result is otherwise the broadcast shape of the value arguments, a scalar result a single cell.
const SHAPES: Record<string, Shape> = {
  RESOURCES: { kind: 'rows', width: 11 },
  WINDOW: { kind: 'rows', width: 2 },
  RULES: { kind: 'fixed', width: 3, height: 10 },
  MEASURECHECK: { kind: 'check', from: 0 },
  ECONCHECK: { kind: 'check', from: 0 },
  RULESCHECK: { kind: 'fixed', width: 1, height: 1 },
  AGENCYPRICE: { kind: 'rows', width: 3 },
  DEPTCHECK: { kind: 'rows', width: 2 },
  COMMISSIONPLAN: { kind: 'perCell', width: 6, from: 2 },
  AGENCYPLAN: { kind: 'countArg', width: 11, from: 4 },
};
// Ranges that are options, or whole lists a function reads as one (not broadcast element by element).
const OPTION_RANGES = new Set(['rules', 'matrix', 'allPoints', 'collections', 'monthlyPremium']);

const ERRORS: Record<string, ErrorType> = {
  '#VALUE!': ErrorType.VALUE,
  '#DIV/0!': ErrorType.DIV_BY_ZERO,
  '#NUM!': ErrorType.NUM,
  '#N/A': ErrorType.NA,
};

type Cell = number | string | boolean | null | StubCustomFunctionsError;

function rawCell(x: unknown): Cell {
  if (x === EmptyValue || x === undefined) return blankConvention === 'web' ? null : 0;
  // Excel hands an error cell over as an error object with its code; a built-in error has no message.
  if (x instanceof CellError) return new StubCustomFunctionsError(ERROR_TEXTS[x.type] ?? '#VALUE!');
  if (typeof x === 'object' && x !== null && 'val' in x) return (x as { val: number }).val;
  return x as Cell;
}

function argIn(x: unknown, matrix: boolean): unknown {
  if (x instanceof SimpleRangeValue) {
    const grid = x.data.map((row) => row.map(rawCell));
    return matrix ? grid : (grid[0]?.[0] ?? null);
  }
  if (x === undefined) return undefined;
  return matrix ? [[rawCell(x)]] : rawCell(x);
}

function cellOut(x: unknown): number | string | boolean | CellError {
  if (x instanceof StubCustomFunctionsError) return new CellError(ERRORS[x.code] ?? ErrorType.VALUE, x.message);
  return x as number | string | boolean;
}

function resultOut(x: unknown): SimpleRangeValue | number | string | boolean | CellError {
  if (!Array.isArray(x)) return cellOut(x);
  const rows = (x as unknown[][]).map((row) => row.map(cellOut));
  return rows.length === 1 && rows[0]?.length === 1
    ? (rows[0][0] as number | string | CellError)
    : SimpleRangeValue.onlyValues(rows);
}

/** Reads the functions' metadata from their TSDoc, as the build does. */
export async function qdMetadata(): Promise<{
  functions: FunctionMeta[];
  associate: { id: string; functionName: string }[];
}> {
  const result = await generateCustomFunctionsMetadata(
    functionSources.map((f) => join(process.cwd(), f)),
    false,
  );
  if (result.errors.length > 0) throw new Error(result.errors.join('\n'));
  const metadata = JSON.parse(result.metadataJson) as { functions: FunctionMeta[] };
  return { functions: metadata.functions, associate: result.associate };
}

type AstLike = { args: unknown[] };
type Impl = (...args: unknown[]) => unknown;

/** The protected FunctionPlugin members the adapter calls (HyperFormula does not export their AST types). */
interface PluginInternals {
  runFunction(args: unknown[], state: unknown, metadata: unknown, fn: (...args: unknown[]) => unknown): unknown;
  metadata(id: string): unknown;
  arraySizeForAst(ast: unknown, state: unknown): ArraySize;
}

/** Registers every QD.* function with HyperFormula (once per process). */
export async function registerQdFunctions(): Promise<void> {
  if (HyperFormula.getRegisteredFunctionNames('enGB').includes('QD.CHANNELCLASS')) return;
  const { functions, associate } = await qdMetadata();
  class QdPlugin extends FunctionPlugin {}
  const implemented: ImplementedFunctions = {};
  const translations: Record<string, string> = {};
  const proto = QdPlugin.prototype as unknown as Record<string, unknown>;
  for (const f of functions) {
    const id = `QD.${f.name}`;
    const jsName = associate.find((a) => a.id === f.id)?.functionName ?? '';
    const impl = (qd as unknown as Record<string, Impl>)[jsName];
    if (!impl) throw new Error(`no implementation for ${f.id}`);
    const matrixParams = f.parameters.map((p) => p.dimensionality === 'matrix');
    const valueArgs = f.parameters
      .map((p, i) => (matrixParams[i] && !OPTION_RANGES.has(p.name) ? i : -1))
      .filter((i) => i >= 0);
    const shape: Shape =
      SHAPES[f.id] ?? (f.result.dimensionality === 'matrix' ? { kind: 'elementwise' } : { kind: 'scalar' });
    implemented[id] = {
      method: `run_${f.id}`,
      sizeOfResultArrayMethod: `size_${f.id}`,
      vectorizationForbidden: true,
      parameters: f.parameters.map((p) => ({
        argumentType: FunctionArgumentType.ANY,
        optionalArg: Boolean(p.optional),
      })),
    };
    translations[id] = id;
    proto[`run_${f.id}`] = function (this: PluginInternals, ast: AstLike, state: unknown) {
      return this.runFunction(ast.args, state, this.metadata(id), (...args: unknown[]) =>
        resultOut(impl(...args.map((a, i) => argIn(a, matrixParams[i] ?? false)))),
      );
    };
    proto[`size_${f.id}`] = function (this: PluginInternals, ast: AstLike, state: unknown) {
      if (shape.kind === 'scalar') return ArraySize.scalar();
      if (shape.kind === 'fixed') return new ArraySize(shape.width, shape.height);
      if (shape.kind === 'perCell') {
        const size = this.arraySizeForAst(ast.args[shape.from], state);
        return new ArraySize(shape.width, 1 + size.width * size.height);
      }
      if (shape.kind === 'check') {
        const name = (ast.args[shape.from] as { value?: unknown } | undefined)?.value;
        if (typeof name === 'string' && /PLAN$/i.test(name)) return ArraySize.scalar();
        const sizes = ast.args.slice(1).map((a) => this.arraySizeForAst(a, state));
        return new ArraySize(1, Math.max(1, ...sizes.map((s) => s.height)));
      }
      if (shape.kind === 'countArg') {
        const arg = ast.args[shape.from] as { value?: unknown } | undefined;
        return new ArraySize(shape.width, 1 + (typeof arg?.value === 'number' ? arg.value : 1));
      }
      const sizes = valueArgs
        .filter((i) => ast.args[i] !== undefined)
        .map((i) => this.arraySizeForAst(ast.args[i], state));
      const height = Math.max(1, ...sizes.map((s) => s.height));
      const width = shape.kind === 'rows' ? shape.width : Math.max(1, ...sizes.map((s) => s.width));
      return new ArraySize(width, height);
    };
  }
  QdPlugin.implementedFunctions = implemented;
  HyperFormula.registerFunctionPlugin(QdPlugin, { enGB: translations });
}

/** A HyperFormula engine over named sheets, with the licence key for GPL use. */
export function buildEngine(sheets: Record<string, unknown[][]>): HyperFormula {
  return HyperFormula.buildFromSheets(sheets as Record<string, (string | number | boolean | null)[][]>, {
    licenseKey: 'gpl-v3',
    smartRounding: false,
    useArrayArithmetic: true,
    // Excel's own sheet size; HyperFormula's default stops at 40,000 rows.
    maxRows: 1_048_576,
  });
}
