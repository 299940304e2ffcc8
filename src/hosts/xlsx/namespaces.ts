/* The XML namespaces of an OOXML package, Transitional and Strict: read by the scanners and the writers alike. */

/** Namespaces of the package: Transitional, or Strict OOXML (ISO/IEC 29500 Strict). */
export interface Namespaces {
  readonly main: string;
  readonly rel: string;
  readonly relTypes: string;
  readonly drawingMain: string;
  readonly chart: string;
  readonly spreadsheetDrawing: string;
}

export const TRANSITIONAL: Namespaces = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  relTypes: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  drawingMain: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  spreadsheetDrawing: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
};

export const STRICT: Namespaces = {
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  relTypes: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
  drawingMain: 'http://purl.oclc.org/ooxml/drawingml/main',
  chart: 'http://purl.oclc.org/ooxml/drawingml/chart',
  spreadsheetDrawing: 'http://purl.oclc.org/ooxml/drawingml/spreadsheetDrawing',
};
