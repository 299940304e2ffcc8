/*
 * The differential XML fuzz: workbooks of the corpus and small generated ones, their XML parts
 * re-spelled in every way XML allows (`spellings.ts`, choices seeded through fast-check), read by
 * qd-grade's reader (the values the workflow reads) and by openpyxl (one Python process for the whole
 * folder, scripts/fuzz/cell_values.py). A cell both read alike in the original but differently in a
 * re-spelled copy is a disagreement: a bug of the reader. Cells the two read differently even in the
 * original (a date shown as a time, a number's precision) are left out and counted.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { XlsxWorkbook } from '../../../../src/hosts/xlsx/XlsxWorkbook';
import { columnName } from '../../../../src/hosts/xlsx/xmlText';
import { part, readZip } from '../../../support/packageDiff';
import { Choices, respell } from './spellings';
import { CHANNEL_TABLE, channelWorkbookParts, rawZip } from './workbooks';

const ROOT = resolve(__dirname, '..', '..', '..', '..');
export const ORACLE = join(ROOT, 'scripts', 'fuzz', 'cell_values.py');

/** The corpus workbooks the fuzz re-spells: gradable ones of both corpus folders. */
export function corpusSources(): string[] {
  const dirs = [join(ROOT, 'test', 'fixtures', 'corpus'), resolve(ROOT, '..', '..', 'shared', 'corpus')];
  const out: string[] = [];
  for (const d of dirs)
    if (existsSync(d))
      for (const f of readdirSync(d).sort())
        if (f.endsWith('.xlsx') && !/encrypt|malformed|Bad|addin-names/i.test(f)) out.push(join(d, f));
  return out;
}

/** Whether a part is one the reader reads as XML (and so one the fuzz re-spells). */
function readXml(name: string): boolean {
  return (
    /\.rels$/i.test(name) ||
    /^\[Content_Types\]\.xml$/i.test(name) ||
    /(workbook|sharedStrings|styles)\.xml$/i.test(name) ||
    /worksheets\/[^/]+\.xml$/i.test(name) ||
    /comments\d*\.xml$/i.test(name)
  );
}

/**
 * Whether comments and PIs may go between elements of a part: in sheets and shared strings (which
 * openpyxl reads by streaming tags). In other parts openpyxl iterates children and fails on them; the
 * host's reading of those is tested in hostileXml.test.ts.
 */
function betweenAllowed(name: string): boolean {
  return /worksheets\/|sharedStrings/i.test(name);
}

/** A richer table for the generated workbooks: text that needs escaping, numbers of every form, booleans. */
const EXTRA_ROWS: readonly (readonly (string | number)[])[] = [
  ['  leading & <trailing>  ', 'a"b\'c', '中文 ✓ 🎉', 'tab\there', 'line\nbreak', -0.5, 1e-7, 123456789012],
];

/** A generated workbook: shared strings, styles and workbook spelled one way, and `sheets` spellings of the sheet. */
function generated(sheets: number, ch: Choices): Map<string, string> {
  const out = channelPartsForSheets(sheets);
  for (const [name, text] of out)
    if (ch.chance(0.85)) out.set(name, respell(text, ch, { between: betweenAllowed(name) }) ?? text);
  return out;
}

/** The generated workbook's parts as written the usual way: `sheets` copies of the richer channel sheet. */
function channelPartsForSheets(sheets: number): Map<string, string> {
  const base = channelWorkbookParts([...CHANNEL_TABLE, ...EXTRA_ROWS]);
  const sheet = base.get('xl/worksheets/sheet1.xml') as string;
  // A cell of every other kind: inline rich text with a phonetic guide, a formula's cached value, a boolean, an error.
  const more =
    '<row r="7"><c r="A7" t="inlineStr"><is><r><t>ri</t></r><r><t xml:space="preserve">ch </t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c>' +
    '<c r="B7"><f>1+1</f><v>2</v></c><c r="C7" t="b"><v>1</v></c><c r="D7" t="e"><v>#N/A</v></c><c r="E7" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>';
  const full = sheet.replace('</sheetData>', `${more}</sheetData>`);
  const out = new Map<string, string>();
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  let sheetTags = '';
  let rels = '';
  let overrides = '';
  for (let k = 1; k <= sheets; k++) {
    sheetTags += `<sheet name="s${k}" sheetId="${k}" r:id="rId${k + 10}"/>`;
    rels += `<Relationship Id="rId${k + 10}" Type="${rel}/worksheet" Target="worksheets/sheet${k}.xml"/>`;
    overrides += `<Override PartName="/xl/worksheets/sheet${k}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
  }
  for (const [name, text] of base) {
    if (name === 'xl/worksheets/sheet1.xml') continue;
    let t = text;
    if (name === 'xl/workbook.xml') t = t.replace(/<sheets>.*<\/sheets>/, `<sheets>${sheetTags}</sheets>`);
    if (name === 'xl/_rels/workbook.xml.rels')
      t = t.replace(/<Relationship Id="rId1"[^>]*\/>/, '').replace('</Relationships>', `${rels}</Relationships>`);
    if (name === '[Content_Types].xml')
      t = t.replace(/<Override PartName="\/xl\/worksheets\/sheet1.xml"[^>]*\/>/, overrides);
    out.set(name, t);
  }
  for (let k = 1; k <= sheets; k++) out.set(`xl/worksheets/sheet${k}.xml`, full);
  return out;
}

/** A value as compared: its kind and text (a date as its time in milliseconds, UTC). */
type Key = string;

function qdKey(v: unknown): Key | undefined {
  if (v === null || v === undefined) return undefined;
  if (v instanceof Date) return `d:${v.getTime()}`;
  if (typeof v === 'number') return `n:${v}`;
  if (typeof v === 'boolean') return `b:${v}`;
  return typeof v === 'string' ? `s:${v}` : `o:${JSON.stringify(v)}`;
}

function oracleKey(v: unknown): Key | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object' && v !== null && 'date' in v) {
    const iso = String((v as { date: string }).date);
    const full = /^\d\d:\d\d/.test(iso) ? `1899-12-30T${iso}` : iso.includes('T') ? iso : `${iso}T00:00:00`;
    return `d:${Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(full) ? full : `${full}Z`)}`;
  }
  if (typeof v === 'number') return `n:${v}`;
  if (typeof v === 'boolean') return `b:${v}`;
  return typeof v === 'string' ? `s:${v}` : `o:${JSON.stringify(v)}`;
}

/** Every cell qd-grade's reader gives for every worksheet, as `sheet!A1` → key; or the error it gave. */
async function qdCells(file: string, out: string): Promise<Map<string, Key> | string> {
  const cells = new Map<string, Key>();
  try {
    const wb = await XlsxWorkbook.open(file, out);
    for (const sheet of await wb.sheetNames()) {
      let extent;
      try {
        extent = await wb.extent(sheet);
      } catch (e) {
        if (e instanceof Error && /not a worksheet|不是普通工作表/.test(e.message)) continue;
        throw e;
      }
      if (extent.rowCount === 0 || extent.columnCount === 0) continue;
      const block = await wb.readBlock(sheet, 1, 1, extent.rowCount, extent.columnCount);
      block.forEach((row, i) =>
        row.forEach((v, j) => {
          const k = qdKey(v);
          if (k !== undefined) cells.set(`${sheet}!${columnName(j + 1)}${i + 1}`, k);
        }),
      );
    }
    return cells;
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
}

type OracleOut = Record<string, Record<string, Record<string, unknown>> | { error: string }>;

function oracleCells(book: OracleOut[string] | undefined): Map<string, Key> | string {
  if (!book) return 'no result';
  if ('error' in book && typeof book.error === 'string') return book.error;
  const cells = new Map<string, Key>();
  for (const [sheet, refs] of Object.entries(book as Record<string, Record<string, unknown>>))
    for (const [ref, v] of Object.entries(refs)) {
      const k = oracleKey(v);
      if (k !== undefined) cells.set(`${sheet}!${ref}`, k);
    }
  return cells;
}

/** What a fuzz run found. */
export interface FuzzReport {
  /** Re-spelled parts read (each a case), and the workbooks they were in. */
  readonly cases: number;
  readonly workbooks: number;
  /** Cells read differently by qd-grade and openpyxl in a re-spelled copy, where the original agreed. */
  readonly disagreements: readonly string[];
  /** Cells left out because the two read them differently even in the original spelling. */
  readonly baselineLeftOut: number;
  /** Copies openpyxl could not read (qd-grade's reading then compared with its reading of the original). */
  readonly oracleFailures: readonly string[];
}

/**
 * Runs the fuzz in `dir`: `variants` re-spelled copies of each corpus workbook, and `generatedBooks`
 * generated workbooks of `sheetsPerBook` differently spelled sheets each. Seeded: the same seed gives
 * the same copies.
 */
export async function runDifferential(options: {
  readonly dir: string;
  readonly seed: number;
  readonly variants: number;
  readonly generatedBooks: number;
  readonly sheetsPerBook: number;
}): Promise<FuzzReport> {
  const { dir } = options;
  mkdirSync(dir, { recursive: true });
  const seeds = fc.sample(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { seed: options.seed, numRuns: 100_000 });
  let s = 0;
  const nextChoices = (): Choices => new Choices(seeds[s++ % seeds.length] as number);
  /** Copy name → the original it was made from. */
  const originOf = new Map<string, string>();
  let cases = 0;
  corpusSources().forEach((source, k) => {
    const zip = readZip(readFileSync(source));
    const parts = new Map<string, Buffer>();
    for (const name of zip.entries.keys()) if (!name.endsWith('/')) parts.set(name, part(zip, name));
    const original = `c${k}-orig.xlsx`;
    writeFileSync(join(dir, original), rawZip([...parts].map(([name, data]) => ({ name, data }))));
    for (let v = 0; v < options.variants; v++) {
      const ch = nextChoices();
      const entries = [...parts].map(([name, data]) => {
        if (!readXml(name)) return { name, data };
        const again = respell(data.toString('utf8'), ch, { between: betweenAllowed(name) });
        if (again === undefined) return { name, data };
        cases++;
        return { name, data: again };
      });
      const copy = `c${k}-v${v}.xlsx`;
      writeFileSync(join(dir, copy), rawZip(entries));
      originOf.set(copy, original);
    }
  });
  const plain = 'g-orig.xlsx';
  const unspelled = channelPartsForSheets(options.sheetsPerBook);
  writeFileSync(join(dir, plain), rawZip([...unspelled].map(([name, data]) => ({ name, data }))));
  for (let g = 0; g < options.generatedBooks; g++) {
    const parts = generated(options.sheetsPerBook, nextChoices());
    cases += parts.size;
    const copy = `g${g}.xlsx`;
    writeFileSync(join(dir, copy), rawZip([...parts].map(([name, data]) => ({ name, data }))));
    originOf.set(copy, plain);
  }
  const oracle = JSON.parse(
    execFileSync('/usr/bin/python3', [ORACLE, dir], { encoding: 'utf8', maxBuffer: 1 << 30 }),
  ) as OracleOut;
  const disagreements: string[] = [];
  const oracleFailures: string[] = [];
  let baselineLeftOut = 0;
  const qdOriginals = new Map<string, Map<string, Key> | string>();
  const originals = [...new Set(originOf.values())];
  for (const o of originals) qdOriginals.set(o, await qdCells(join(dir, o), join(dir, `${o}.out`)));
  for (const [copy, original] of originOf) {
    const qd = await qdCells(join(dir, copy), join(dir, `${copy}.out`));
    const qdBefore = qdOriginals.get(original) as Map<string, Key> | string;
    const py = oracleCells(oracle[copy]);
    const pyBefore = oracleCells(oracle[original]);
    if (typeof qd === 'string') {
      if (typeof qdBefore !== 'string')
        disagreements.push(`${copy}: qd-grade refused a copy of a file it reads: ${qd}`);
      continue;
    }
    if (typeof qdBefore === 'string') continue;
    if (typeof py === 'string' || typeof pyBefore === 'string') {
      if (typeof py === 'string') oracleFailures.push(`${copy}: ${py.slice(0, 200)}`);
      // Without openpyxl's reading, qd-grade's reading of the copy must be that of the original.
      for (const key of new Set([...qd.keys(), ...qdBefore.keys()]))
        if (qd.get(key) !== qdBefore.get(key))
          disagreements.push(`${copy} ${key}: qd-grade ${qd.get(key)}, in the original ${qdBefore.get(key)}`);
      continue;
    }
    for (const key of new Set([...qd.keys(), ...py.keys(), ...qdBefore.keys(), ...pyBefore.keys()])) {
      if (qdBefore.get(key) !== pyBefore.get(key)) {
        baselineLeftOut++;
        continue;
      }
      if (qd.get(key) !== py.get(key) || qd.get(key) !== qdBefore.get(key))
        disagreements.push(
          `${copy} ${key}: qd-grade ${qd.get(key)}, openpyxl ${py.get(key)}, both in the original ${qdBefore.get(key)}`,
        );
    }
  }
  return { cases, workbooks: originOf.size, disagreements, baselineLeftOut, oracleFailures };
}

/** The command line of the longer run: `npm run fuzz -- [CASES] [SEED]`. */
async function cli(): Promise<void> {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const books = Number(process.argv[2] ?? 400);
  const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
  const dir = mkdtempSync(join(tmpdir(), 'qd-xml-fuzz-'));
  const r = await runDifferential({
    dir,
    seed,
    variants: Math.ceil(books / 20),
    generatedBooks: books,
    sheetsPerBook: 20,
  });
  process.stdout.write(
    `seed ${seed}: ${r.cases} re-spelled parts in ${r.workbooks} workbooks (${dir}); ${r.disagreements.length} disagreements; ${r.baselineLeftOut} cells left out (read differently in the original too); openpyxl could not read ${r.oracleFailures.length}\n`,
  );
  for (const d of r.disagreements.slice(0, 50)) process.stdout.write(`  ${d}\n`);
  for (const d of r.oracleFailures.slice(0, 10)) process.stdout.write(`  openpyxl: ${d}\n`);
  process.exitCode = r.disagreements.length > 0 ? 1 : 0;
}

if (require.main === module) void cli();
