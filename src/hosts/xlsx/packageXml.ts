// The XML of the package-level parts a commit adds to: relationships, content types, defined names, styles.
import type { PrintLayout } from '../../grading';
import { columnLetters } from './cellBlocks';
import { escapeXml } from './xmlText';

/** Content types of the parts the add-in adds. */
export const CT_SHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
export const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
export const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
export const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
export const CT_VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';

/** A relationships part with `items` appended (a root written as an empty element is opened). */
export function withRelationships(xml: string, items: string): string {
  const empty = /<([A-Za-z_][\w.-]*:)?Relationships\b([^>]*?)\s*\/>\s*$/.exec(xml);
  if (empty) {
    const p = empty[1] ?? '';
    return `${xml.slice(0, empty.index)}<${p}Relationships${empty[2] ?? ''}>${items}</${p}Relationships>`;
  }
  return xml.replace(/<\/([A-Za-z_][\w.-]*:)?Relationships>\s*$/, (close) => `${items}${close}`);
}

/** [Content_Types].xml with a Default for the `vml` extension added when a VML part is added and none is there. */
export function withVmlDefault(xml: string, needed: boolean): string {
  if (!needed || /<Default\b[^>]*\bExtension="vml"/i.test(xml)) return xml;
  const item = `<Default Extension="vml" ContentType="${CT_VML}"/>`;
  return xml.replace(/<\/([A-Za-z_][\w.-]*:)?Types>\s*$/, (close) => `${item}${close}`);
}

/**
 * The built-in names of a sheet's print area and title rows (ECMA-376 Part 1 §18.2.6: `_xlnm.Print_Area`,
 * `_xlnm.Print_Titles`), scoped to the sheet by `localSheetId`, the sheet's name quoted.
 */
export function printNames(
  sheet: string,
  index: number,
  print: PrintLayout,
  prefix: string,
): { name: string; local: number; xml: string }[] {
  const quoted = `'${sheet.replace(/'/g, "''")}'!`;
  const a = print.area;
  const name = (n: string, ref: string): { name: string; local: number; xml: string } => ({
    name: n,
    local: index,
    xml: `<${prefix}definedName name="${n}" localSheetId="${index}">${escapeXml(ref)}</${prefix}definedName>`,
  });
  const out = [
    name(
      '_xlnm.Print_Area',
      `${quoted}$${columnLetters(a.firstColumn)}$${a.firstRow}:$${columnLetters(a.lastColumn)}$${a.lastRow}`,
    ),
  ];
  if (print.titleRows)
    out.push(name('_xlnm.Print_Titles', `${quoted}$${print.titleRows.first}:$${print.titleRows.last}`));
  return out;
}

export function relationshipsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`).join('') +
    '</Relationships>'
  );
}

/** Elements that follow definedNames in CT_Workbook (ECMA-376 Part 1 §18.2.27). */
const AFTER_DEFINED_NAMES = [
  'calcPr',
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
];

/** workbook.xml with the names set: one of the same name and scope is replaced in place, others appended. */
export function withDefinedNames(
  xml: string,
  prefix: string,
  names: readonly { name: string; local: number | undefined; xml: string }[],
): string {
  let out = xml;
  const appended: string[] = [];
  for (const n of names) {
    const re = new RegExp(
      `<${prefix}definedName\\b[^>]*>[\\s\\S]*?</${prefix}definedName>|<${prefix}definedName\\b[^>]*/>`,
      'g',
    );
    let found = false;
    out = out.replace(re, (whole) => {
      if (found) return whole;
      const name = /\sname="([^"]*)"/.exec(whole)?.[1];
      const local = /\slocalSheetId="(\d+)"/.exec(whole)?.[1];
      if (name !== n.name || (local === undefined ? undefined : Number(local)) !== n.local) return whole;
      found = true;
      return n.xml;
    });
    if (!found) appended.push(n.xml);
  }
  if (appended.length === 0) return out;
  const close = `</${prefix}definedNames>`;
  const at = out.indexOf(close);
  if (at >= 0) return out.slice(0, at) + appended.join('') + out.slice(at);
  const empty = new RegExp(`<${prefix}definedNames\\s*/>`).exec(out);
  if (empty)
    return (
      out.slice(0, empty.index) +
      `<${prefix}definedNames>${appended.join('')}${close}` +
      out.slice(empty.index + empty[0].length)
    );
  let insert = out.indexOf(`</${prefix}workbook>`);
  for (const e of AFTER_DEFINED_NAMES) {
    const m = new RegExp(`<${prefix}${e}[\\s/>]`).exec(out);
    if (m && m.index < insert) insert = m.index;
  }
  return out.slice(0, insert) + `<${prefix}definedNames>${appended.join('')}${close}` + out.slice(insert);
}

/** [Content_Types].xml with overrides added for new parts and removed for dropped ones. */
export function withContentTypes(
  xml: string,
  added: readonly { part: string; type: string }[],
  dropped: ReadonlySet<string>,
): string {
  let out = xml.replace(/<Override\b[^>]*\bPartName="([^"]*)"[^>]*\/>/g, (whole, name: string) => {
    const part = name.replace(/^\//, '').toLowerCase();
    return dropped.has(part) && !added.some((a) => a.part.toLowerCase() === part) ? '' : whole;
  });
  const have = new Set(
    [...out.matchAll(/<Override\b[^>]*\bPartName="([^"]*)"/g)].map((m) =>
      (m[1] as string).replace(/^\//, '').toLowerCase(),
    ),
  );
  const items = added
    .filter((a) => !have.has(a.part.toLowerCase()))
    .map((a) => `<Override PartName="/${escapeXml(a.part)}" ContentType="${a.type}"/>`)
    .join('');
  out = out.replace(/<\/([A-Za-z_][\w.-]*:)?Types>\s*$/, (close) => `${items}${close}`);
  return out;
}

/** The styles part with cell formats and differential formats appended (and their counts updated). */
export function withStyles(xml: string, xfs: readonly string[], dxfs: readonly string[]): string {
  const prefix = /<([A-Za-z_][\w.-]*:)?styleSheet[\s>]/.exec(xml)?.[1] ?? '';
  const p = (s: string): string => (prefix ? s.replace(/<(\/?)(?=[a-zA-Z])/g, `<$1${prefix}`) : s);
  let out = xml;
  if (xfs.length > 0) {
    out = out.replace(
      new RegExp(`(<${prefix}cellXfs\\b[^>]*>)([\\s\\S]*?)(</${prefix}cellXfs>)`),
      (_, open: string, body: string, close: string) => {
        const count = (body.match(new RegExp(`<${prefix}xf\\b`, 'g')) ?? []).length + xfs.length;
        return `${open.replace(/\scount="\d+"/, ` count="${count}"`)}${body}${xfs.map(p).join('')}${close}`;
      },
    );
  }
  if (dxfs.length > 0) {
    const full = new RegExp(`(<${prefix}dxfs\\b[^>]*>)([\\s\\S]*?)(</${prefix}dxfs>)`);
    const empty = new RegExp(`<${prefix}dxfs\\b[^>]*/>`);
    if (full.test(out))
      out = out.replace(full, (_, open: string, body: string, close: string) => {
        const count = (body.match(new RegExp(`<${prefix}dxf\\b`, 'g')) ?? []).length + dxfs.length;
        return `${open.replace(/\scount="\d+"/, ` count="${count}"`)}${body}${dxfs.map(p).join('')}${close}`;
      });
    else if (empty.test(out))
      out = out.replace(empty, `<${prefix}dxfs count="${dxfs.length}">${dxfs.map(p).join('')}</${prefix}dxfs>`);
    else {
      // CT_Stylesheet order (ECMA-376 §18.8.39): … cellStyles, dxfs, tableStyles, colors, extLst.
      let at = out.indexOf(`</${prefix}styleSheet>`);
      for (const e of ['tableStyles', 'colors', 'extLst']) {
        const m = new RegExp(`<${prefix}${e}[\\s/>]`).exec(out);
        if (m && m.index < at) at = m.index;
      }
      out = `${out.slice(0, at)}<${prefix}dxfs count="${dxfs.length}">${dxfs.map(p).join('')}</${prefix}dxfs>${out.slice(at)}`;
    }
  }
  return out;
}
