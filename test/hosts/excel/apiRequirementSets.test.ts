/*
 * Every Excel API the add-in calls belongs to a requirement set no newer than the manifest's minimum,
 * or sits behind an `isSetSupported` guard (issue 23 point 4). The TypeScript compiler resolves each
 * property access, call and object-literal property in src/hosts/excel and src/taskpane to its
 * declaration; a declaration in @types/office-js carries its set as `[Api set: ExcelApi 1.x]`. A
 * use newer than the minimum passes only inside a function that asks `supports(…)` /
 * `isSetSupported('ExcelApi', …)` for that version or a later one. The minimum itself must be what
 * the unguarded uses truly need: no lower (Excel would install the add-in where it fails) and no
 * higher (it would refuse Excels that can run it).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '../../..');
const SCANNED = ['src/hosts/excel', 'src/taskpane'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** "1.10" as a comparable number of minor versions (ExcelApi is 1.x throughout). */
function minor(version: string): number {
  return Number(version.split('.')[1] ?? 0);
}

/** The manifest's minimum ExcelApi set. */
function manifestMinimum(): string {
  const manifest = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
  const found = /<Set Name="ExcelApi" MinVersion="([\d.]+)"\/>/.exec(manifest);
  if (!found?.[1]) throw new Error('manifest.xml declares no ExcelApi set');
  return found[1];
}

interface Use {
  readonly where: string;
  readonly api: string;
  readonly set: string;
  readonly guardedBy: string | null;
}

/** The ExcelApi set in a declaration's JSDoc, or null (not an ExcelApi declaration). */
function apiSetOf(declaration: ts.Node): string | null {
  const file = declaration.getSourceFile();
  if (!file.fileName.includes('@types/office-js/')) return null;
  const ranges = ts.getLeadingCommentRanges(file.text, declaration.getFullStart()) ?? [];
  for (const r of ranges) {
    const text = file.text.slice(r.pos, r.end);
    const set = /\[Api set: ExcelApi (1\.\d+)\]/.exec(text);
    if (set?.[1]) return set[1];
    // Online-only or desktop-only sets are newer than any minimum: they must be guarded.
    if (/\[Api set: ExcelApi(Online|Desktop) /.test(text)) return '1.99';
  }
  return null;
}

/** The versions a function asks for before it goes on: `supports(v)` or `isSetSupported('ExcelApi', v)`. */
function guardsIn(fn: ts.Node, checker: ts.TypeChecker): string[] {
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const name = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isIdentifier(callee)
          ? callee.text
          : '';
      const arg = name === 'supports' ? n.arguments[0] : name === 'isSetSupported' ? n.arguments[1] : undefined;
      if (arg) {
        const type = checker.getTypeAtLocation(arg);
        if (type.isStringLiteral()) found.push(type.value);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(fn);
  return found;
}

/** Every ExcelApi use in the scanned files, with the guard that covers it (if any). */
function apiUses(): Use[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('tsconfig.json could not be read');
  const files = SCANNED.flatMap((d) => filesUnder(join(ROOT, d)));
  // Only the scanned files and Office's typings: imports of other modules are not followed (the
  // Excel API is global), which keeps the compiler's work to a few seconds.
  const office = [
    join(ROOT, 'node_modules/@types/office-js/index.d.ts'),
    join(ROOT, 'node_modules/@types/custom-functions-runtime/index.d.ts'),
  ];
  const program = ts.createProgram([...files, ...office], {
    ...config.options,
    noEmit: true,
    noResolve: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const uses: Use[] = [];
  for (const path of files) {
    const source = program.getSourceFile(path);
    if (!source) continue;
    const record = (node: ts.Node, declarations: readonly ts.Declaration[] | undefined, api: string): void => {
      const sets = (declarations ?? []).map(apiSetOf).filter((s): s is string => s !== null);
      if (sets.length === 0) return;
      const set = sets.sort((a, b) => minor(a) - minor(b))[0] as string;
      let guardedBy: string | null = null;
      for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
        if (ts.isFunctionLike(n)) {
          const ok = guardsIn(n, checker).filter((v) => minor(v) >= minor(set));
          if (ok.length > 0) {
            guardedBy = ok[0] as string;
            break;
          }
        }
      }
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      uses.push({ where: `${relative(ROOT, path)}:${line + 1}`, api, set, guardedBy });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node)) {
        const parent = node.parent;
        if (ts.isCallExpression(parent) && parent.expression === node) {
          // A call: the overload Excel will run (Excel.run with options is not the plain one).
          const declaration = checker.getResolvedSignature(parent)?.getDeclaration();
          record(
            node,
            declaration ? [declaration] : checker.getSymbolAtLocation(node.name)?.declarations,
            node.getText(),
          );
        } else record(node, checker.getSymbolAtLocation(node.name)?.declarations, node.getText());
      } else if (ts.isObjectLiteralExpression(node)) {
        const type = checker.getContextualType(node);
        for (const p of node.properties) {
          if (!(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) || !ts.isIdentifier(p.name))
            continue;
          const symbol = type?.getProperty(p.name.text);
          record(p, symbol?.declarations, `{ ${p.name.text} }`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

describe('Excel API requirement sets (issue 23 point 4)', () => {
  const minimum = manifestMinimum();
  const uses = apiUses();

  it('finds the Excel API calls it checks (the scan is real)', () => {
    const apis = new Set(uses.map((u) => u.api.replace(/^.*\./, '')));
    for (const api of ['getRangeByIndexes', 'getMergedAreasOrNullObject', 'enableEvents', 'getItemByCell', '{ scale }'])
      expect(apis).toContain(api);
    expect(uses.length).toBeGreaterThan(100);
  });

  it('calls nothing newer than the manifest’s ExcelApi minimum unless an isSetSupported guard covers it', () => {
    const unguarded = uses.filter((u) => minor(u.set) > minor(minimum) && u.guardedBy === null);
    expect(unguarded.map((u) => `${u.where} ${u.api} needs ExcelApi ${u.set}`)).toEqual([]);
  });

  it('declares in the manifest the minimum the unguarded calls truly need', () => {
    if (process.env.QD_SHOW_API_SETS === '1')
      process.stdout.write(
        uses
          .filter((u) => u.guardedBy === null && minor(u.set) >= 5)
          .map((u) => `${u.set} ${u.api} ${u.where}\n`)
          .join(''),
      );
    const needed = uses
      .filter((u) => u.guardedBy === null)
      .reduce((top, u) => (minor(u.set) > minor(top) ? u.set : top), '1.1');
    expect(`ExcelApi ${minimum}`).toBe(`ExcelApi ${needed}`);
  });

  it('guards the newer features it uses: events 1.8, comments 1.10, merged areas 1.13, page layout 1.9', () => {
    const guarded = (api: string): string[] =>
      [...new Set(uses.filter((u) => u.api.endsWith(api)).map((u) => u.guardedBy ?? 'unguarded'))].sort();
    expect(guarded('enableEvents')).toEqual(['1.8']);
    expect(guarded('getItemByCell')).toEqual(['1.10']);
    expect(guarded('getMergedAreasOrNullObject')).toEqual(['1.13']);
    expect(guarded('pageLayout')).toEqual(['1.9']);
  });
});
