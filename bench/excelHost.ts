/**
 * 5. The Excel host: syncs and the largest request for 100,000 rows, through office-addin-mock's
 * Excel objects over a fake that enforces the real limits (5 MB a request, 5,000,000 cells a read).
 */
import { gradeSheet, type CellWrite } from '../src/grading';
import { ExcelWorkbook } from '../src/hosts/excel/ExcelWorkbook';
import { FakeExcelState } from '../test/support/FakeExcel';
import { mockedExcelRun } from '../test/support/MockedExcel';
import { figures } from './data';

export async function excelHostBench(): Promise<Record<string, number>> {
  const N = 100_000;
  const f = figures(N, 55);
  const header = [
    '渠道代码',
    '服务区域代码',
    '终极赔付率',
    '市场费用率',
    '非市场费用率',
    '合作保费',
    '合作天数',
    '渠道自有保费',
  ];
  const rows: CellWrite[][] = [
    header,
    ...f.lossRatio.map((a, i): CellWrite[] => [
      `C${i}`,
      '330100',
      a,
      f.marketExpenseRatio[i] ?? 0,
      f.nonMarketExpenseRatio[i] ?? 0,
      f.premium[i] ?? 0,
      f.days[i] ?? 0,
      f.ownPremium[i] ?? 0,
    ]),
  ];
  const state = new FakeExcelState({ 渠道: rows });
  await gradeSheet(new ExcelWorkbook(mockedExcelRun(state)), { chunkRows: 20_000 });
  return {
    excel_syncs_100k: state.syncs,
    excel_data_syncs_100k: state.dataSyncs,
    excel_max_payload_bytes: state.maxPayload,
    excel_chunk_rows: 20_000,
  };
}
