/*
 * The report a manager prints (RULES.md §12): qd-grade --record writes 分级报告 into the graded
 * workbook, and LibreOffice — another program, reading what we wrote — prints it on A4 landscape,
 * one page per part of the report as the page breaks say.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { main, type CliIo } from '../../src/cli/qdGrade';
import { systemToolAvailable } from '../support/systemTool';
import { tempDir, writeXlsx } from '../hosts/xlsx/tempFiles';
import { HEADER, quarterRows } from './twoQuarters';

const ROWS = quarterRows(2);

const SOFFICE = '/usr/bin/soffice';
const tmp = tempDir('qd-report-print-');
afterAll(() => tmp.cleanup());

const io: CliIo = { stdout: () => undefined, stderr: () => undefined, isTerminal: false };

/** A4 landscape pages in a PDF: their MediaBox is 841.89 × 595.3 points. */
function landscapeA4Pages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/MediaBox\s*\[\s*0 0 841\.\d+ 595\.\d+\s*\]/g) ?? []).length;
}

const available = systemToolAvailable(SOFFICE, 'libreoffice-calc', 'printing the report sheet with LibreOffice');

(available ? it : it.skip)(
  'prints 分级报告 from a graded workbook on A4 landscape pages, a page for each part of the report',
  async () => {
    const file = tmp.path('graded.xlsx');
    await writeXlsx(file, { 渠道: [HEADER, ...ROWS] as never });
    expect(await main([file, '-o', file, '--record', '--date', '2026-04-08', '--kind', 'quarter', '--quiet'], io)).toBe(
      0,
    );
    execFileSync(SOFFICE, ['--headless', '--convert-to', 'pdf', '--outdir', tmp.path(''), file], {
      stdio: 'ignore',
      timeout: 60_000,
    });
    const pdf = readFileSync(tmp.path('graded.pdf'));
    // Parts 1–2, 3, 4 and 5–6: the first grading has no movement, but the break after part 3 stays.
    expect(landscapeA4Pages(pdf)).toBe(4);
  },
  90_000,
);

(available ? it : it.skip)(
  'prints the report of 300 red channels on the same four pages: the largest 20 listed and one line for the rest',
  async () => {
    // Before, every red channel had a row of its own and the red part ran over several pages.
    const rows = Array.from({ length: 300 }, (_, i) => [
      `R${String(i).padStart(3, '0')}`,
      `红${i}经纪`,
      '3301',
      '浙江分公司',
      0.85,
      0.2,
      0.05,
      1_000_000 + i,
      365,
      5_000_000,
    ]);
    const file = tmp.path('red.xlsx');
    await writeXlsx(file, { 渠道: [HEADER, ...rows] as never });
    expect(await main([file, '-o', file, '--record', '--date', '2026-04-08', '--kind', 'quarter', '--quiet'], io)).toBe(
      0,
    );
    execFileSync(SOFFICE, ['--headless', '--convert-to', 'pdf', '--outdir', tmp.path(''), file], {
      stdio: 'ignore',
      timeout: 60_000,
    });
    expect(landscapeA4Pages(readFileSync(tmp.path('red.pdf')))).toBe(4);
  },
  90_000,
);
