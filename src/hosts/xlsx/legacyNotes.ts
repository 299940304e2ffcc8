/**
 * Legacy notes (what Excel calls a Note) on a sheet the add-in does not own: the comments part
 * (ECMA-376 Part 1 §18.7, `<comments>` with `<authors>` and `<commentList>`) and the legacy VML drawing
 * that shows each note (Part 4 §14 VML; one `v:shape` with `x:ClientData ObjectType="Note"` per note,
 * `x:Row`/`x:Column` 0-based). The add-in only adds these parts, or appends to ones it wrote itself
 * (every author of the comments part is the add-in's); a user's notes are never rewritten.
 *
 * @packageDocumentation
 */
import { readCommentsPart, type CommentsRead } from './partReaders';
import { columnName, escapeCellText, escapeXml } from './xmlText';

/** The author of the add-in's notes: Chinese first, English beside. */
export const NOTE_AUTHOR = '渠道分级 QD Channel Grader';

/** A note to write: 1-based row and column. */
export interface Note {
  readonly row: number;
  readonly column: number;
  readonly text: string;
}

export type { CommentsRead } from './partReaders';

/** A cell's A1 reference. */
export function refOf(row: number, column: number): string {
  return `${columnName(column)}${row}`;
}

/** The authors and the notes' plain text of a comments part (prefix-agnostic; phonetic runs left out). */
export function readComments(xml: string): CommentsRead {
  return readCommentsPart(xml);
}

function commentXml(note: Note, authorId: number, prefix: string): string {
  return (
    `<${prefix}comment ref="${refOf(note.row, note.column)}" authorId="${authorId}"><${prefix}text>` +
    `<${prefix}t xml:space="preserve">${escapeCellText(note.text)}</${prefix}t></${prefix}text></${prefix}comment>`
  );
}

/** A new comments part holding `notes` (in row, then column order), by the add-in's author. */
export function newCommentsXml(notes: readonly Note[], mainNamespace: string): string {
  const sorted = [...notes].sort((a, b) => a.row - b.row || a.column - b.column);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${mainNamespace}">` +
    `<authors><author>${escapeXml(NOTE_AUTHOR)}</author></authors><commentList>` +
    sorted.map((n) => commentXml(n, 0, '')).join('') +
    '</commentList></comments>'
  );
}

/**
 * The add-in's own comments part with `notes` appended to its comment list (its author kept as the
 * one it has; added when the part has none). Nothing already in it changes.
 */
export function commentsWithNotes(xml: string, notes: readonly Note[]): string {
  const prefix = /<([A-Za-z_][\w.-]*:)?comments[\s>]/.exec(xml)?.[1] ?? '';
  let out = xml;
  let authorId = readComments(xml).authors.indexOf(NOTE_AUTHOR);
  if (authorId < 0) {
    const close = `</${prefix}authors>`;
    const at = out.indexOf(close);
    const author = `<${prefix}author>${escapeXml(NOTE_AUTHOR)}</${prefix}author>`;
    if (at >= 0) out = out.slice(0, at) + author + out.slice(at);
    else out = out.replace(new RegExp(`<${prefix}authors\\s*/>`), `<${prefix}authors>${author}</${prefix}authors>`);
    authorId = readComments(out).authors.indexOf(NOTE_AUTHOR);
  }
  const items = [...notes]
    .sort((a, b) => a.row - b.row || a.column - b.column)
    .map((n) => commentXml(n, authorId, prefix))
    .join('');
  const close = `</${prefix}commentList>`;
  const at = out.lastIndexOf(close);
  if (at >= 0) return out.slice(0, at) + items + out.slice(at);
  return out.replace(new RegExp(`<${prefix}commentList\\s*/>`), `<${prefix}commentList>${items}${close}`);
}

const SHAPE_TYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** One note's hidden shape: the box Excel shows on hover, anchored beside the cell (x:Anchor is 0-based). */
function shapeXml(note: Note, shapeId: number, zIndex: number): string {
  const row = note.row - 1;
  const column = note.column - 1;
  const top = Math.max(0, row - 1);
  // Anchor: left column, x offset, top row, y offset, right column, x offset, bottom row, y offset.
  const anchor = `${column + 1}, 15, ${top}, 10, ${column + 3}, 15, ${top + 4}, 4`;
  return (
    `<v:shape id="_x0000_s${shapeId}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;` +
    `margin-top:1.5pt;width:108pt;height:59.25pt;z-index:${zIndex};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`
  );
}

/** The `o:idmap data` blocks a VML drawing claims (each block holds shape ids 1024·n … 1024·n + 1023). */
export function idBlocksOf(vml: string): number[] {
  const data = /<(?:[\w.-]+:)?idmap\b[^>]*\bdata="([^"]*)"/.exec(vml)?.[1] ?? '';
  return data
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
}

/**
 * A new VML drawing with one hidden note shape per note. `block` is an `o:idmap` block no other
 * drawing of the workbook claims, so the shape ids (1024·block + 1, …) are the workbook's only ones.
 */
export function newVmlXml(notes: readonly Note[], block: number): string {
  const sorted = [...notes].sort((a, b) => a.row - b.row || a.column - b.column);
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" ' +
    'xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>` +
    SHAPE_TYPE +
    sorted.map((n, i) => shapeXml(n, block * 1024 + 1 + i, i + 1)).join('') +
    '</xml>'
  );
}

/**
 * The add-in's own VML drawing with a shape appended for each note (ids after the highest there);
 * the note shape type is added when the drawing lacks it. Nothing already in it changes.
 */
export function vmlWithNotes(vml: string, notes: readonly Note[]): string {
  const ids = [...vml.matchAll(/\bid="_x0000_s(\d+)"/g)].map((m) => Number(m[1]));
  const block = idBlocksOf(vml)[0] ?? 1;
  let next = Math.max(block * 1024, ...ids) + 1;
  const z = [...vml.matchAll(/z-index:(\d+)/g)].map((m) => Number(m[1]));
  let zIndex = Math.max(0, ...z) + 1;
  const shapes = [...notes]
    .sort((a, b) => a.row - b.row || a.column - b.column)
    .map((n) => shapeXml(n, next++, zIndex++))
    .join('');
  const type = vml.includes('_x0000_t202') ? '' : SHAPE_TYPE;
  const at = vml.lastIndexOf('</xml>');
  if (at < 0) throw new Error('VML drawing without </xml>');
  return vml.slice(0, at) + type + shapes + vml.slice(at);
}
