/**
 * The pane's Office services: the workbook port, the active sheet, selecting a row, the workbook's
 * settings (where the column mapping is remembered) and the optional features this Excel lacks.
 * With ExcelWorkbook, the only code that calls Office.
 */
import type { Bilingual } from '../../core';
import type { PaneHost } from '../../grading/PaneHost';
import { ExcelHostError, hostError } from './excelErrors';
import { EXCEL_API, openExcelWorkbook } from './ExcelWorkbook';

/** What is lost without each optional requirement set, said to the user (issue 14, point 3). */
const OPTIONAL_FEATURES: readonly { readonly version: string; readonly lost: Bilingual }[] = [
  {
    version: EXCEL_API.threadedComments,
    lost: {
      zh: '退回意见无法写成批注（需 ExcelApi 1.10），请在“复核状态”旁另列记录',
      en: 'reasons for return cannot be written as comments (needs ExcelApi 1.10); note them in a column beside 复核状态',
    },
  },
  {
    version: EXCEL_API.dataValidation,
    lost: {
      zh: '复核状态列没有下拉列表（需 ExcelApi 1.8），请手工输入 待复核 / 通过 / 退回',
      en: 'the review column has no drop-down (needs ExcelApi 1.8); type 待复核 / 通过 / 退回 by hand',
    },
  },
  {
    version: EXCEL_API.events,
    lost: {
      zh: '本加载项写入时会触发工作簿事件（需 ExcelApi 1.8 才能暂时关闭），写入照常',
      en: "the add-in's writes raise workbook events (turning them off needs ExcelApi 1.8); writing works as usual",
    },
  },
  {
    version: EXCEL_API.pageLayout,
    lost: {
      zh: '分级报告不设置打印版式（需 ExcelApi 1.9），报告照常写入，打印前请自行设置',
      en: 'the report sheet gets no print layout (needs ExcelApi 1.9); it is written as usual, set up printing yourself',
    },
  },
  {
    version: EXCEL_API.mergedAreas,
    lost: {
      zh: '写入前不能检查输出区域的合并单元格（需 ExcelApi 1.13），请先取消合并',
      en: 'merged cells where the add-in writes cannot be found in advance (needs ExcelApi 1.13); unmerge them first',
    },
  },
  {
    version: EXCEL_API.conditionalFormats,
    lost: {
      zh: '色带不着色（需 ExcelApi 1.6），分类文字照常写入',
      en: 'the bands are not coloured (needs ExcelApi 1.6); the class text is written as usual',
    },
  },
];

/** Whether this Excel supports an ExcelApi requirement set. */
function supports(version: string): boolean {
  return Office.context.requirements.isSetSupported('ExcelApi', version);
}

/** The PaneHost over the workbook Excel has open. */
export function excelPaneHost(): PaneHost {
  const settings = (): Office.Settings => Office.context.document.settings;
  return {
    openPort: () => openExcelWorkbook({ supports }),
    activeSheet: () =>
      Excel.run({ delayForCellEdit: true }, async (context) => {
        const ws = context.workbook.worksheets.getActiveWorksheet();
        ws.load('name');
        await context.sync();
        return ws.name;
      }).catch((e: unknown) => {
        throw hostError(e, null);
      }),
    selectRow: (sheet, row) =>
      Excel.run({ delayForCellEdit: true }, async (context) => {
        const ws = context.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(`${row}:${row}`).select();
        await context.sync();
      }).catch((e: unknown) => {
        throw hostError(e, sheet);
      }),
    selectedRow: () =>
      Excel.run({ delayForCellEdit: true }, async (context) => {
        const range = context.workbook.getSelectedRange();
        range.load('rowIndex');
        range.worksheet.load('name');
        await context.sync();
        return { sheet: range.worksheet.name, row: range.rowIndex + 1 };
      }).catch((e: unknown) => {
        throw hostError(e, null);
      }),
    readSetting: (key) => {
      const value: unknown = settings().get(key);
      return Promise.resolve(typeof value === 'string' ? value : null);
    },
    writeSetting: (key, value) =>
      new Promise((resolve, reject) => {
        settings().set(key, value);
        settings().saveAsync((result) => {
          if (result.status === Office.AsyncResultStatus.Succeeded) resolve();
          else
            reject(
              new ExcelHostError(
                'SettingsSaveFailed',
                null,
                {
                  zh: '无法保存工作簿设置（记住的列映射）。请确认工作簿未以只读方式打开，然后重试',
                  en: "the workbook's settings (the remembered mapping) could not be saved. Check that the workbook is not open read-only, then try again",
                },
                { cause: result.error },
              ),
            );
        });
      }),
    userName: () => '',
    unsupported: () => OPTIONAL_FEATURES.filter((f) => !supports(f.version)).map((f) => f.lost),
  };
}
