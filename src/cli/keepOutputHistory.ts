/**
 * `qd-grade --record` keeps the history in the graded workbook, and the graded workbook is written
 * from the input: grading `in.xlsx` onto an earlier `graded.xlsx` would replace that file, and with it
 * every grading and approval it recorded. This guard refuses before anything is written. And two runs
 * recording into one workbook at once would each write the workbook as it was before the other: the
 * whole run holds the output's lock, so the second waits for the first (or is refused by name).
 *
 * @packageDocumentation
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { QdError } from '../core';
import { readWorkbookHistory } from '../grading/historySheet';
import { XlsxWorkbook } from '../hosts/xlsx/XlsxWorkbook';
import { acquireLock, type FileLock } from '../hosts/xlsx/fileLock';

/** The output holds gradings (and approvals) that writing it from the input would lose. */
export class OutputHistoryWouldBeLostError extends QdError {
  constructor(
    readonly output: string,
    readonly gradings: number,
    readonly input: string,
  ) {
    super({
      zh: `目标文件 ${output} 已记有 ${gradings} 次分级及其审批，而输入 ${input} 没有这些记录：写出会丢失它们。请对该文件本身分级（qd-grade ${output} --record），或另选输出文件（-o）`,
      en: `${output} already records ${gradings} grading(s) and their approvals that ${input} does not have: writing it would lose them. Grade that file itself (qd-grade ${output} --record), or choose another output (-o)`,
    });
  }
}

/** Throws `OutputHistoryWouldBeLostError` when `output` is another .xlsx whose history `input` lacks. */
export async function keepOutputHistory(input: string, output: string): Promise<void> {
  if (resolve(input) === resolve(output) || !existsSync(output) || !/\.xlsx$/i.test(output)) return;
  const there = await readWorkbookHistory(await XlsxWorkbook.open(output, output));
  if (there.snapshots.length === 0) return;
  const here = await readWorkbookHistory(await XlsxWorkbook.open(input, input));
  const known = new Set(here.snapshots.map((s) => s.id));
  const lost = there.snapshots.filter((s) => !known.has(s.id)).length;
  if (lost > 0) throw new OutputHistoryWouldBeLostError(output, lost, input);
}

/**
 * Takes the lock on `output` for a `--record` run, then checks as `keepOutputHistory`; the caller
 * releases the lock when the run ends (a refusal releases it here).
 */
export async function lockRecordedOutput(input: string, output: string): Promise<FileLock> {
  const lock = await acquireLock(output);
  try {
    await keepOutputHistory(input, output);
    return lock;
  } catch (e) {
    lock.release();
    throw e;
  }
}
