/**
 * Why an .xlsx file cannot be graded, as typed errors the command line turns into exit status 3 and
 * the pane into a message: each names the file and says what to do next, never a library's message.
 *
 * @packageDocumentation
 */
import { WorkbookIoError } from '../../grading';

function fileError(file: string, zh: string, en: string, cause?: unknown): WorkbookIoError {
  return new WorkbookIoError({ zh: `“${file}”${zh}`, en: `"${file}" ${en}` }, cause === undefined ? {} : { cause });
}

/** The file is a password-protected workbook (an OLE compound file with EncryptionInfo). */
export function encryptedWorkbook(file: string): WorkbookIoError {
  return fileError(
    file,
    '已加密 (encrypted)：请在 Excel 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密）后另存再试',
    'is encrypted (已加密): remove the password in Excel (File → Info → Protect Workbook → Encrypt with Password), save, and try again',
  );
}

/** The file is an old-format (.xls, OLE) or OpenDocument workbook. */
export function notXlsx(file: string, kind: 'xls' | 'ods'): WorkbookIoError {
  const what = kind === 'xls' ? 'Excel 97–2003 (.xls)' : 'OpenDocument (.ods)';
  return fileError(
    file,
    `是 ${what} 工作簿：请在 Excel 或 LibreOffice 中另存为 .xlsx 后再试`,
    `is an ${what} workbook: save it as .xlsx in Excel or LibreOffice and try again`,
  );
}

/** The file is not a readable .xlsx package (not a zip, a part missing or malformed). */
export function corruptPackage(file: string, detailZh: string, detailEn: string, cause?: unknown): WorkbookIoError {
  return fileError(
    file,
    `不是有效的 .xlsx 文件（${detailZh}）：请在 Excel 中打开并另存后再试`,
    `is not a valid .xlsx file (${detailEn}): open it in Excel, save it again and retry`,
    cause,
  );
}

/** A part would inflate beyond the limits (a zip bomb, or a shared-string table no workbook needs). */
export function tooLarge(file: string, part: string, bytes: number, limit: number): WorkbookIoError {
  const mb = (n: number): string => `${Math.round(n / 2 ** 20).toLocaleString('en-US')} MB`;
  return fileError(
    file,
    `的部件 ${part} 解压后达 ${mb(bytes)}，超过上限 ${mb(limit)}（可能是压缩炸弹或已损坏）；未作任何修改`,
    `part ${part} would inflate to ${mb(bytes)}, beyond the limit of ${mb(limit)} (a zip bomb or a damaged file); nothing was changed`,
  );
}
