/*
 * The I/O floor of issue 12: the least work any program must do to grade one sheet of an .xlsx —
 * unzip and parse that sheet (every cell's value), write its XML with the added columns, zip — with
 * the same libraries and code qd-grade uses, and no grading. The added cells are the same count and
 * kinds qd-grade writes (numbers and inline strings), their values fixed.
 * Usage: node io-floor.cjs <input.xlsx> <output.xlsx> [added columns, default 24]
 */
import { rmSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { OpcPackage } from '../src/hosts/xlsx/opcPackage';
import { SheetSplitter, cellSpans, cellValue, rowNumber } from '../src/hosts/xlsx/sheetXml';
import { cellXml } from '../src/hosts/xlsx/cellXml';
import { columnName } from '../src/hosts/xlsx/xmlText';
import { ZipWriter } from '../src/hosts/xlsx/zipPackage';

async function main(): Promise<void> {
  const [input, output, added = '24'] = process.argv.slice(2) as [string, string, string?];
  const pkg = await OpcPackage.open(input);
  const sheet = pkg.sheets[0]?.part as string;
  const extra = Number(added);
  rmSync(output, { force: true });
  const writer = new ZipWriter(output);
  let sink = 0;
  for (const entry of pkg.zip.entries) {
    if (entry.name !== sheet) {
      await writer.copyRaw(entry, await pkg.zip.rawStream(entry));
      continue;
    }
    // The sheet is inflated as qd-grade inflates it (64 KiB blocks), decoded as text.
    const decoder = new StringDecoder('utf8');
    const stream = (async function* () {
      for await (const b of pkg.zip.inflated(entry)) yield decoder.write(b);
      yield decoder.end();
    })();
    await writer.addStream(entry.name, async (emit) => {
      let out: string[] = [];
      let prefix = '';
      let previous = 0;
      let width = 0;
      let ctx = { sharedStrings: pkg.sharedStrings, dateStyles: pkg.styles.dateStyles, date1904: false, prefix: '' };
      const splitter = new SheetSplitter({
        head: (text, tag, p) => {
          prefix = p;
          ctx = { ...ctx, prefix };
          out.push(text, tag);
        },
        row: (text) => {
          const r = rowNumber(text) ?? previous + 1;
          previous = r;
          const spans = cellSpans(text, prefix);
          for (const s of spans) if (cellValue(text.slice(s.start, s.end), ctx) !== null) sink++;
          width = Math.max(width, spans[spans.length - 1]?.column ?? 0);
          let cells = '';
          for (let j = 1; j <= extra; j++) {
            const ref = `${columnName(width + j)}${r}`;
            cells += cellXml(ref, j % 2 === 0 ? 0.25 * j : '深蓝-A-Ⅱ', undefined, 0, false, prefix);
          }
          out.push(`${text.slice(0, text.length - `</${prefix}row>`.length)}${cells}</${prefix}row>`);
        },
        between: (text) => out.push(text),
        tail: (text) => out.push(`</${prefix}sheetData>`, text),
      });
      for await (const chunk of stream) {
        splitter.push(chunk);
        const text = out.join('');
        out = [];
        await emit(text);
      }
      splitter.end();
      await emit(out.join(''));
    });
  }
  await writer.finish();
  pkg.zip.close();
  if (sink < 0) console.log(sink);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
