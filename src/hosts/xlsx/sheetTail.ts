// The tail of a sheet with the add-in's conditional formats, list validations and legacy drawing put in order.
import type { BandRange, ListValidation } from './sheetEdits';
import { columnName, columnOfRef, escapeXml } from './xmlText';

/** What a rewrite needs besides the edits: the style of dates, the date system, the dxf of each band fill. */
export interface RewriteContext {
  readonly dateStyle: number;
  readonly date1904: boolean;
  /** The dxf index of a band's fill, by the band's text. */
  readonly dxfOf: (fill: { fill: string; font: string }) => number;
}

/** Elements that come after conditionalFormatting in CT_Worksheet. */
const AFTER_CONDITIONAL = [
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/** The offset in the tail before the first top-level element among `names`, or before `</worksheet>`. */
function insertionPoint(tail: string, prefix: string, names: readonly string[]): number {
  let best = tail.search(new RegExp(`</${prefix}worksheet>`));
  for (const n of names) {
    const at = tail.search(new RegExp(`<${prefix}${n}[\\s/>]`));
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best < 0 ? tail.length : best;
}

function singleColumnRange(sqref: string): number | undefined {
  const m = /^\s*([A-Z]+)\d+(?::([A-Z]+)\d+)?\s*$/.exec(sqref);
  if (!m || (m[2] !== undefined && m[2] !== m[1])) return undefined;
  return columnOfRef(m[1] as string);
}

/** The tail with the add-in's conditional formats for its band columns (earlier ones on those columns replaced). */
export function tailWithBands(tail: string, prefix: string, bands: readonly BandRange[], ctx: RewriteContext): string {
  if (bands.length === 0) return tail;
  const columns = new Set(bands.map((b) => b.column));
  const cfRe = new RegExp(
    `<${prefix}conditionalFormatting\\b[^>]*\\bsqref="([^"]*)"[^>]*>[\\s\\S]*?</${prefix}conditionalFormatting>`,
    'g',
  );
  // The add-in owns its output columns, so a format over exactly one of them is its own from an earlier run.
  let out = tail.replace(cfRe, (whole, sqref: string) => {
    const c = singleColumnRange(sqref);
    return c !== undefined && columns.has(c) ? '' : whole;
  });
  let priority = 0;
  for (const m of out.matchAll(/\spriority="(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
  const xml = bands
    .map((b) => {
      const col = columnName(b.column);
      const rules = b.fills
        .map(
          (f) =>
            `<${prefix}cfRule type="cellIs" dxfId="${ctx.dxfOf(f)}" priority="${++priority}" operator="equal"><${prefix}formula>${escapeXml(
              `"${f.text.replace(/"/g, '""')}"`,
            )}</${prefix}formula></${prefix}cfRule>`,
        )
        .join('');
      return `<${prefix}conditionalFormatting sqref="${col}${b.firstRow}:${col}${b.lastRow}">${rules}</${prefix}conditionalFormatting>`;
    })
    .join('');
  const at = insertionPoint(out, prefix, AFTER_CONDITIONAL);
  out = out.slice(0, at) + xml + out.slice(at);
  return out;
}

/**
 * The tail with a `<legacyDrawing r:id>` for the add-in's notes, after `drawing` and before
 * legacyDrawingHF, drawingHF, picture, oleObjects, controls, webPublishItems, tableParts and extLst
 * (CT_Worksheet, ECMA-376 Part 1 §18.3.1.99). The relationships prefix is declared on the element, so
 * it holds whatever the root declares. A tail that already has one is returned as it is.
 */
export function tailWithLegacyDrawing(
  tail: string,
  prefix: string,
  drawing: { readonly id: string; readonly relNamespace: string } | undefined,
): string {
  if (!drawing || new RegExp(`<${prefix}legacyDrawing[\\s/>]`).test(tail)) return tail;
  const at = insertionPoint(tail, prefix, AFTER_CONDITIONAL.slice(AFTER_CONDITIONAL.indexOf('legacyDrawing') + 1));
  const element = `<${prefix}legacyDrawing xmlns:r="${escapeXml(drawing.relNamespace)}" r:id="${escapeXml(drawing.id)}"/>`;
  return tail.slice(0, at) + element + tail.slice(at);
}

/** The tail with the add-in's list validations (an earlier one of the same range replaced). */
export function tailWithValidations(tail: string, prefix: string, validations: readonly ListValidation[]): string {
  if (validations.length === 0) return tail;
  const items = validations.map((v) => {
    const col = columnName(v.column);
    const sqref = `${col}${v.firstRow}:${col}${v.lastRow}`;
    const list = escapeXml(`"${v.values.join(',')}"`);
    return {
      sqref,
      xml: `<${prefix}dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" sqref="${sqref}"><${prefix}formula1>${list}</${prefix}formula1></${prefix}dataValidation>`,
    };
  });
  // An empty `<dataValidations count="0"/>` is opened up, so the list joins it rather than a second one.
  tail = tail.replace(
    new RegExp(`<${prefix}dataValidations\\b([^>]*?)\\s*/>`),
    `<${prefix}dataValidations$1></${prefix}dataValidations>`,
  );
  const block = new RegExp(`<${prefix}dataValidations\\b[^>]*>([\\s\\S]*?)</${prefix}dataValidations>`).exec(tail);
  if (!block) {
    const at = insertionPoint(tail, prefix, AFTER_CONDITIONAL.slice(1));
    return `${tail.slice(0, at)}<${prefix}dataValidations count="${items.length}">${items.map((i) => i.xml).join('')}</${prefix}dataValidations>${tail.slice(at)}`;
  }
  const ours = new Set(items.map((i) => i.sqref));
  const kept = (block[1] ?? '').replace(
    new RegExp(`<${prefix}dataValidation\\b[^>]*\\bsqref="([^"]*)"[^>]*>[\\s\\S]*?</${prefix}dataValidation>`, 'g'),
    (whole, sqref: string) => (ours.has(sqref) ? '' : whole),
  );
  const count = (kept.match(new RegExp(`<${prefix}dataValidation\\b`, 'g')) ?? []).length + items.length;
  const open = block[0].slice(0, block[0].indexOf('>') + 1).replace(/\scount="\d+"/, '');
  const rebuilt = `${open.slice(0, -1).replace(/\/$/, '')} count="${count}">${kept}${items.map((i) => i.xml).join('')}</${prefix}dataValidations>`;
  return tail.slice(0, block.index) + rebuilt + tail.slice(block.index + block[0].length);
}
