/*
 * Workbooks for the package host's tests, as other programs write them: a channel sheet added to any
 * .xlsx by zip surgery (every other part kept byte for byte), files written by openpyxl and
 * XlsxWriter (Debian python3-openpyxl, python3-xlsxwriter), and helpers that read a package's parts
 * and a sheet's cells as text.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SheetSplitter, cellSpans, rowNumber } from '../../../src/hosts/xlsx/sheetXml';
import { ZipReader } from '../../../src/hosts/xlsx/zipPackage';
import { systemToolAvailable } from '../../support/systemTool';

export const PYTHON = '/usr/bin/python3';

/** Whether Debian's python3 with a module is here (prints a notice, or throws under QD_REQUIRE_SYSTEM=1). */
export function pythonModuleAvailable(module: 'openpyxl' | 'xlsxwriter', what: string): boolean {
  if (!systemToolAvailable(PYTHON, `python3-${module}`, what)) return false;
  try {
    execFileSync(PYTHON, ['-c', `import ${module}`], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.QD_REQUIRE_SYSTEM === '1') throw new Error(`${what} needs python3-${module}`);
    process.stderr.write(`\nnotice: skipping ${what}: apt-get install python3-${module}\n`);
    return false;
  }
}

/** Runs a Python script with Debian's python3. */
export function runPython(script: string, scriptFile: string, ...args: string[]): void {
  writeFileSync(scriptFile, script);
  execFileSync(PYTHON, [scriptFile, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The header and rows of the channel sheet added to workbooks (RULES.md §1 inputs). */
export const CHANNEL_ROWS: readonly (readonly (string | number)[])[] = [
  ['渠道代码', '服务区域代码', '终极赔付率', '市场费用率', '非市场费用率', '合作保费', '合作天数', '渠道自有保费'],
  ['C1', '3301', 0.55, 0.1, 0.25, 2000000, 73, 50000000],
  ['C2', '3301', 0.7, 0.25, 0.1, 3000000, 365, 10000000],
  ['C3', '3302', 0.5, 0.1, 0.1, 1000000, 365, 5000000],
];

const ADD_SHEET = String.raw`
import sys, zipfile, re
src, dst, name = sys.argv[1], sys.argv[2], sys.argv[3]
rows = ${JSON.stringify(CHANNEL_ROWS)}
def col(n):
    s = ''
    while n: n, r = divmod(n - 1, 26); s = chr(65 + r) + s
    return s
cells = []
for i, row in enumerate(rows, 1):
    cs = ''
    for j, v in enumerate(row, 1):
        ref = col(j) + str(i)
        if isinstance(v, str): cs += '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)
        else: cs += '<c r="%s"><v>%r</v></c>' % (ref, v)
    cells.append('<row r="%d">%s</row>' % (i, cs))
sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
         '<sheetData>%s</sheetData></worksheet>' % ''.join(cells))
zin = zipfile.ZipFile(src)
names = zin.namelist()
rels_name = [n for n in names if n.lower().endswith('workbook.xml.rels')][0]
wb_name = rels_name.replace('_rels/', '').replace('.rels', '')
folder = wb_name.rsplit('/', 1)[0]
k = 1
while '%s/worksheets/sheet%d.xml' % (folder, k) in names: k += 1
part = '%s/worksheets/sheet%d.xml' % (folder, k)
zout = zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED)
for info in zin.infolist():
    data = zin.read(info.filename)
    if info.filename == '[Content_Types].xml':
        data = data.replace(b'</Types>', ('<Override PartName="/%s" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>' % part).encode())
    elif info.filename == rels_name:
        data = data.replace(b'</Relationships>', ('<Relationship Id="rIdChannels" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/></Relationships>' % k).encode())
    elif info.filename == wb_name:
        ids = [int(x) for x in re.findall(rb'sheetId="(\d+)"', data)]
        data = re.sub(rb'</(\w+:)?sheets>', lambda m: ('<%ssheet name="%s" sheetId="%d" r:id="rIdChannels" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>' % ((m.group(1) or b'').decode(), name, max(ids) + 1)).encode() + m.group(0), data, count=1)
    zout.writestr(info, data)
zout.writestr(part, sheet)
zout.close()
`;

/** Copies `source` to `target` with a channel sheet named `sheet` added; every other part is kept. */
export function withChannelSheet(source: string, target: string, sheet: string, scriptFile: string): void {
  runPython(ADD_SHEET, scriptFile, source, target, sheet);
}

/** Every part of a package, by name, inflated. */
export async function partsOf(file: string): Promise<Map<string, Buffer>> {
  const zip = await ZipReader.open(file);
  try {
    const out = new Map<string, Buffer>();
    for (const e of zip.entries) {
      if (e.name.endsWith('/')) continue;
      const chunks: Buffer[] = [];
      for await (const c of await zip.stream(e)) chunks.push(c as Buffer);
      out.set(e.name, Buffer.concat(chunks));
    }
    return out;
  } finally {
    zip.close();
  }
}

/** Every cell of a sheet part as written, by reference (`B7` → `<c r="B7" …>…</c>`). */
export function cellTexts(sheetXml: string): Map<string, string> {
  const out = new Map<string, string>();
  let prefix = '';
  let previous = 0;
  const splitter = new SheetSplitter({
    head: (_t, _tag, p) => {
      prefix = p;
    },
    row: (text) => {
      const r = rowNumber(text) ?? previous + 1;
      previous = r;
      for (const s of cellSpans(text, prefix)) {
        let name = '';
        for (let n = s.column; n > 0; n = Math.floor((n - 1) / 26))
          name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
        out.set(`${name}${r}`, text.slice(s.start, s.end));
      }
    },
    between: () => undefined,
    tail: () => undefined,
  });
  splitter.push(sheetXml);
  splitter.end();
  return out;
}

/** The corpus of workbooks other programs wrote (../shared/corpus), if present. */
export function corpusFile(name: string): string | undefined {
  const path = resolve(__dirname, '../../../../shared/corpus', name);
  if (existsSync(path)) return path;
  process.stderr.write(`\nnotice: skipping the tests on ${name}: ${path} not found\n`);
  return undefined;
}
