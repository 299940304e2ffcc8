/**
 * DrawingML charts for the sheets the add-in owns: a drawing part (ECMA-376 §20.5, spreadsheet
 * drawing with a two-cell anchor) that frames a chart part (§21.2, a clustered column or a line
 * chart), each series with its formula and the values cached, so a reader that does not recalculate
 * still draws it. Element order follows the schema: CT_ChartSpace (§21.2.2.29), CT_Chart (§21.2.2.27),
 * CT_BarChart (§21.2.2.16), CT_LineChart (§21.2.2.97), CT_CatAx (§21.2.2.25), CT_ValAx (§21.2.2.226).
 *
 * @packageDocumentation
 */
import type { CellWrite, ChartSpec } from '../../grading';
import { chartRange, type Namespaces } from './cellXml';
import { columnName, escapeXml } from './xmlText';

function cached(v: CellWrite | undefined): string | number | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return v.result;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

function strRef(ref: string, values: readonly (string | number | null)[]): string {
  const pts = values
    .map((v, i) => (v === null ? '' : `<c:pt idx="${i}"><c:v>${escapeXml(String(v))}</c:v></c:pt>`))
    .join('');
  return `<c:strRef><c:f>${escapeXml(ref)}</c:f><c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache></c:strRef>`;
}

function numRef(ref: string, values: readonly (string | number | null)[]): string {
  const pts = values.map((v, i) => (typeof v === 'number' ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : '')).join('');
  return `<c:numRef><c:f>${escapeXml(ref)}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`;
}

/** The chart part of a spec over a sheet's rows (1-based, as in the spec). */
export function chartXml(
  sheet: string,
  rows: readonly (readonly CellWrite[])[],
  spec: ChartSpec,
  ns: Namespaces,
): string {
  const at = (r: number, c: number): string | number | null => cached(rows[r - 1]?.[c - 1]);
  const categoryRows: number[] = [];
  for (let r = spec.firstRow + 1; r <= spec.lastRow; r++) categoryRows.push(r);
  const categories = chartRange(sheet, spec.firstColumn, spec.firstRow + 1, spec.lastRow);
  const line = spec.kind === 'line';
  const series: string[] = [];
  for (let c = spec.firstColumn + 1, i = 0; c <= spec.lastColumn; c++, i++) {
    const name = `'${sheet.replace(/'/g, "''")}'!$${columnName(c)}$${spec.firstRow}`;
    series.push(
      `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx>${strRef(name, [at(spec.firstRow, c)])}</c:tx>` +
        (line ? '<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>' : '<c:invertIfNegative val="0"/>') +
        `<c:cat>${strRef(
          categories,
          categoryRows.map((r) => at(r, spec.firstColumn)),
        )}</c:cat><c:val>${numRef(
          chartRange(sheet, c, spec.firstRow + 1, spec.lastRow),
          categoryRows.map((r) => at(r, c)),
        )}</c:val>` +
        (line ? '<c:smooth val="0"/>' : '') +
        '</c:ser>',
    );
  }
  const axes = '<c:axId val="50010001"/><c:axId val="50010002"/>';
  const plot = line
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series.join('')}<c:marker val="1"/>${axes}</c:lineChart>`
    : `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series.join('')}<c:gapWidth val="150"/>${axes}</c:barChart>`;
  const legend = series.length > 1 ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : '';
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${ns.chart}" xmlns:a="${ns.drawingMain}" xmlns:r="${ns.rel}">` +
    '<c:roundedCorners val="0"/><c:chart>' +
    `<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>${escapeXml(spec.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}` +
    '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>' +
    '<c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010002"/><c:crosses val="autoZero"/>' +
    '<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>' +
    '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>' +
    '<c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010001"/>' +
    '<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>' +
    `</c:plotArea>${legend}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** The drawing part that places each chart (by its relationship id) at its anchor cell, 8 columns × 16 rows. */
export function drawingXml(charts: readonly { spec: ChartSpec; relId: string }[], ns: Namespaces): string {
  const anchors = charts.map(({ spec, relId }, i) => {
    const col = spec.anchorColumn - 1;
    const row = spec.anchorRow - 1;
    return (
      `<xdr:twoCellAnchor editAs="oneCell">` +
      `<xdr:from><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
      `<xdr:to><xdr:col>${col + 8}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row + 16}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${escapeXml(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
      `<a:graphic><a:graphicData uri="${ns.chart}"><c:chart xmlns:c="${ns.chart}" r:id="${relId}"/></a:graphicData></a:graphic>` +
      '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>'
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${ns.spreadsheetDrawing}" xmlns:a="${ns.drawingMain}" xmlns:r="${ns.rel}">${anchors.join('')}</xdr:wsDr>`
  );
}
