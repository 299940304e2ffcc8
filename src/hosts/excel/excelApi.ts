/** The ExcelApi requirement sets the add-in checks, and how an ExcelWorkbook runs and sizes its requests. */

/**
 * The ExcelApi requirement sets of the features the add-in can do without (checked with
 * `Office.context.requirements.isSetSupported`). The manifest requires the set the core work needs.
 */
export const EXCEL_API = {
  /** Threaded comments on returned rows. */
  threadedComments: '1.10',
  /** The review column's drop-down (data validation). */
  dataValidation: '1.8',
  /** Charts on the summary and agency sheets (setPosition and titles: 1.1; legend visibility 1.1). */
  charts: '1.1',
  /** Conditional formats colouring the bands. */
  conditionalFormats: '1.6',
  /** Sheet-scoped names marking the add-in's own sheets. */
  sheetNames: '1.4',
  /** Print layout of the report sheet: paper, print area, title rows, page breaks, zoom, footer. */
  pageLayout: '1.9',
  /** Turning the add-in's own events off while it writes (Runtime.enableEvents). */
  events: '1.8',
  /** Whether the workbook's structure is protected (Workbook.protection). */
  workbookProtection: '1.7',
  /** Finding merged cells in the output block before writing (Range.getMergedAreasOrNullObject). */
  mergedAreas: '1.13',
} as const;

/** Runs a batch against Excel; `Excel.run` in the add-in, a fake in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Sizing of requests. */
export interface ExcelWorkbookOptions {
  /** Rows per request to start with (halved on a payload-limit error). */
  readonly rowsPerRequest?: number;
  /** Bytes a request should stay under (Excel on the web rejects 5 MB). */
  readonly payloadBudget?: number;
  /**
   * Whether Excel supports an ExcelApi requirement set ("1.10"); Office's `isSetSupported` in the
   * add-in. Features of a set Excel lacks are skipped and reported as not done (false), never failed.
   */
  readonly supports?: (version: string) => boolean;
}
