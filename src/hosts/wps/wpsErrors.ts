/**
 * WPS errors said in the user's words. The ET object model is COM's, reached from JavaScript: a call
 * WPS refuses throws an exception that carries COM's HRESULT (as `number`, or in the message as
 * 0x800A03EC and the like) and a message in WPS's language. Every such exception the add-in meets
 * while working on a sheet becomes a `WpsHostError` that names the sheet, says what WPS refused and
 * what to do next; a refused sheet name is `SheetNotFoundError`. A programming error (TypeError,
 * RangeError, ReferenceError) passes unchanged, as in the Excel host.
 *
 * @packageDocumentation
 */
import { QdError, type Bilingual } from '../../core';

/** WPS refused a call of the add-in; the message names the sheet and the next step. */
export class WpsHostError extends QdError {
  constructor(
    /** COM's HRESULT as 8 hex digits (`800A03EC`), or `''` when WPS gave none. */
    readonly code: string,
    readonly sheet: string | null,
    text: Bilingual,
    options?: { cause?: unknown },
  ) {
    super(text, options);
  }
}

/** Why WPS refused, as far as the add-in can tell (asked of the workbook after the refusal). */
export type WpsRefusal = 'protectedSheet' | 'protectedWorkbook' | 'readOnly' | 'other';

/** COM's HRESULT of an exception, as 8 upper-case hex digits, or ''. */
export function comCode(e: unknown): string {
  if (typeof e !== 'object' || e === null) return '';
  const o = e as { number?: unknown; code?: unknown; hresult?: unknown; message?: unknown };
  for (const v of [o.number, o.hresult, o.code])
    if (typeof v === 'number' && Number.isFinite(v) && v !== 0)
      return (v >>> 0).toString(16).toUpperCase().padStart(8, '0');
  const m = typeof o.message === 'string' ? /0x([0-9a-f]{8})/i.exec(o.message) : null;
  return m?.[1]?.toUpperCase() ?? '';
}

/** Whether an exception is a bug in the add-in rather than WPS refusing a call. */
function isProgrammingError(e: unknown): boolean {
  return e instanceof TypeError || e instanceof RangeError || e instanceof ReferenceError || e instanceof SyntaxError;
}

function where(sheet: string | null): Bilingual {
  return sheet ? { zh: `工作表“${sheet}”`, en: `sheet "${sheet}"` } : { zh: '工作簿', en: 'the workbook' };
}

function explain(refusal: WpsRefusal, code: string, sheet: string | null): Bilingual {
  const w = where(sheet);
  switch (refusal) {
    case 'protectedSheet':
      return {
        zh: `${w.zh}受保护，本加载项无法写入。请在 WPS 表格“审阅 › 撤销工作表保护”解除保护后重试`,
        en: `${w.en} is protected, so the add-in cannot write to it. Unprotect it under Review › Unprotect Sheet in WPS Spreadsheets and try again`,
      };
    case 'protectedWorkbook':
      return {
        zh: `工作簿结构受保护，无法新建或替换${w.zh}。请在“审阅 › 保护工作簿”解除保护后重试`,
        en: `the workbook's structure is protected, so ${w.en} cannot be added or replaced. Unprotect it under Review › Protect Workbook and try again`,
      };
    case 'readOnly':
      return {
        zh: `工作簿以只读方式打开，${w.zh}的更改无法保存。请另存为新文件或以可编辑方式重新打开后重试`,
        en: `the workbook is open read-only, so changes to ${w.en} cannot be kept. Save it as a new file or reopen it for editing, then try again`,
      };
    default: {
      const c = code === '' ? '' : `（0x${code}）`;
      const cEn = code === '' ? '' : ` (0x${code})`;
      return {
        zh: `WPS 表格拒绝了对${w.zh}的操作${c}。请确认没有单元格处于编辑状态（按 Enter 或 Esc）、该表未受保护且写入区域没有合并单元格，然后重试`,
        en: `WPS Spreadsheets refused the operation on ${w.en}${cEn}. Make sure no cell is being edited (press Enter or Esc), the sheet is not protected and has no merged cells where the add-in writes, then try again`,
      };
    }
  }
}

/**
 * The error to show for what WPS threw while working on `sheet` (null: the workbook as a whole).
 * QdErrors and programming errors pass unchanged; anything else WPS threw becomes a WpsHostError,
 * said by `refusal` (what the workbook showed when asked after the refusal), its HRESULT kept.
 */
export function wpsError(e: unknown, sheet: string | null, refusal: WpsRefusal = 'other'): unknown {
  if (e instanceof QdError || isProgrammingError(e)) return e;
  const code = comCode(e);
  return new WpsHostError(code, sheet, explain(refusal, code, sheet), { cause: e });
}
