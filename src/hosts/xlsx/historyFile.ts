/**
 * A grading history kept in a file outside the graded workbook (CONTRACT.md §5 `--history`): a JSON
 * document, or an .xlsx workbook holding the sheets `分级历史` and `审批记录` as a workbook the add-in
 * grades in keeps them. Appending reads the file, adds the new grading and writes the whole file
 * atomically, all under the file's lock (`fileLock.ts`): an interrupted run leaves the earlier
 * history as it was, and two runs appending at once both keep their grading, one after the other.
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { EMPTY_HISTORY, historyFromJson, historyToJson, withGrading, type History } from '../../core/history';
import type { Lang } from '../../core';
import { readWorkbookHistory, recordGrading } from '../../grading/historySheet';
import type { Snapshot } from '../../core/snapshot';
import { writeAtomically } from './atomicFile';
import { withFileLock } from './fileLock';
import { XlsxWorkbook } from './XlsxWorkbook';
import { ZipWriter } from './zipPackage';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Writes a new workbook with one sheet `说明` that says what the file is. */
async function writeNewHistoryWorkbook(file: string): Promise<void> {
  const w = new ZipWriter(file);
  await w.addDeflated(
    '[Content_Types].xml',
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  );
  await w.addDeflated(
    '_rels/.rels',
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  await w.addDeflated(
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="说明" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  await w.addDeflated(
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  await w.addDeflated(
    'xl/worksheets/sheet1.xml',
    `${XML}<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>渠道分级历史 · QD Channel Grader grading history</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>分级历史：每次分级每个渠道一行；审批记录：谁在何时以何角色做了什么（只追加，不改写）。 Gradings: one row per channel per grading. Trail: who did what, when, in which role (append-only).</t></is></c></row></sheetData></worksheet>`,
  );
  await w.finish();
}

/** Reads the history in `file` (.json or .xlsx); a file that does not exist yet is an empty history. */
export async function readHistoryFile(file: string): Promise<History> {
  if (!existsSync(file)) return EMPTY_HISTORY;
  if (/\.json$/i.test(file)) return historyFromJson(await readFile(file, 'utf8'), file);
  const book = await XlsxWorkbook.open(file, file);
  return readWorkbookHistory(book);
}

/**
 * Appends a grading to the history in `file` (.json or .xlsx, created if missing) and records it on
 * the trail as graded by its grader. Returns the snapshot with its id and the history before it.
 * The read, the append and the write are done holding the file's lock; another run's lock held
 * past the wait is a `FileLockedError` and nothing is written.
 */
export function appendToHistoryFile(
  file: string,
  grading: Omit<Snapshot, 'id'>,
  lang: Lang,
): Promise<{ snapshot: Snapshot; before: History; after: History }> {
  return withFileLock(file, () => appendUnderLock(file, grading, lang));
}

async function appendUnderLock(
  file: string,
  grading: Omit<Snapshot, 'id'>,
  lang: Lang,
): Promise<{ snapshot: Snapshot; before: History; after: History }> {
  if (/\.json$/i.test(file)) {
    const before = await readHistoryFile(file);
    const { history: after, snapshot } = withGrading(before, grading);
    await writeAtomically(file, (temporary) => writeFile(temporary, historyToJson(after)));
    return { snapshot, before, after };
  }
  if (!existsSync(file)) await writeAtomically(file, writeNewHistoryWorkbook);
  const book = await XlsxWorkbook.open(file, file);
  const result = await recordGrading(book, grading, lang);
  await book.commit();
  return result;
}
