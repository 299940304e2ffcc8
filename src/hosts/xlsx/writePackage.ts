// Writes a committed .xlsx package in one pass: unchanged parts copied, the graded sheet rewritten, new parts added.
import { posix } from 'node:path';
import { OWNED_SHEET_NAME } from '../../grading/WorkbookPort';
import { chartXml, drawingXml } from './chartParts';
import { ownSheetXml } from './cellXml';
import { commentsWithNotes, newCommentsXml, newVmlXml, vmlWithNotes } from './legacyNotes';
import { asPackageError, isType, relsPartOf } from './opcPackage';
import { corruptPackage } from './packageErrors';
import {
  CT_CHART,
  CT_COMMENTS,
  CT_DRAWING,
  CT_SHEET,
  CT_STYLES,
  printNames,
  relationshipsXml,
  withContentTypes,
  withDefinedNames,
  withRelationships,
  withStyles,
  withVmlDefault,
} from './packageXml';
import { rewriteSheet, tailWithBands, tailWithValidations } from './rewriteSheet';
import type { SheetEdits } from './sheetEdits';
import type { OwnSheet, PackageSession } from './workbookSession';
import { escapeXml } from './xmlText';
import { ZipWriter } from './zipPackage';

/**
 * Writes the package of the session `s` to `temporary`: every part not changed is copied as its compressed
 * bytes, edited sheets are streamed through `rewriteSheet`, and the add-in's parts are added.
 */
export async function writePackage(s: PackageSession, temporary: string): Promise<void> {
  const pkg = s.pkg;
  const ns = pkg.ns;
  const wbDir = posix.dirname(pkg.workbookPart) === '.' ? '' : `${posix.dirname(pkg.workbookPart)}/`;
  const existingParts = new Set(pkg.zip.entries.map((e) => e.name.toLowerCase()));

  // Parts of replaced sheets' drawings and charts go; the new ones may take their names again.
  const dropped = new Set<string>();
  for (const own of s.own.values()) {
    const part = own.existing?.part;
    if (!part) continue;
    const rels = await pkg.relationshipsOf(part);
    if (rels.length > 0) dropped.add(relsPartOf(part).toLowerCase());
    for (const r of rels.filter((x) => isType(x, 'drawing') && !x.external)) {
      dropped.add(r.target.toLowerCase());
      const drels = await pkg.relationshipsOf(r.target);
      if (drels.length > 0) dropped.add(relsPartOf(r.target).toLowerCase());
      for (const c of drels.filter((x) => isType(x, 'chart') && !x.external)) dropped.add(c.target.toLowerCase());
    }
  }
  const taken = new Set([...existingParts].filter((p) => !dropped.has(p)));
  const allocate = (pattern: (k: number) => string): string => {
    for (let k = 1; ; k++) {
      const name = pattern(k);
      if (!taken.has(name.toLowerCase())) {
        taken.add(name.toLowerCase());
        return name;
      }
    }
  };

  const newParts = new Map<string, string>(); // part → content
  const contentTypes: { part: string; type: string }[] = [];
  const newSheets: { own: OwnSheet; part: string }[] = [];
  const needsDates =
    [...s.edits.values()].some((e) => e.hasDates) ||
    [...s.own.values()].some((o) => o.rows.some((r) => r.some((v) => v instanceof Date)));
  const dateStyle = needsDates ? s.xfIndex('date') : 0;
  for (const own of s.own.values()) {
    const part = own.existing?.part ?? allocate((k) => `${wbDir}worksheets/sheet${k}.xml`);
    if (!own.existing) newSheets.push({ own, part });
    let drawingRelId: string | undefined;
    if (own.charts.length > 0) {
      const drawing = allocate((k) => `${wbDir}drawings/drawing${k}.xml`);
      const charts = own.charts.map((spec, i) => ({
        spec,
        relId: `rId${i + 1}`,
        part: allocate((k) => `${wbDir}charts/chart${k}.xml`),
      }));
      for (const c of charts) {
        newParts.set(c.part, chartXml(own.name, own.rows, c.spec, ns));
        contentTypes.push({ part: c.part, type: CT_CHART });
      }
      newParts.set(drawing, drawingXml(charts, ns));
      newParts.set(
        relsPartOf(drawing),
        relationshipsXml(
          charts.map((c) => ({
            id: c.relId,
            type: `${ns.relTypes}/chart`,
            target: posix.relative(posix.dirname(drawing), c.part),
          })),
        ),
      );
      contentTypes.push({ part: drawing, type: CT_DRAWING });
      drawingRelId = 'rId1';
      newParts.set(
        relsPartOf(part),
        relationshipsXml([
          { id: drawingRelId, type: `${ns.relTypes}/drawing`, target: posix.relative(posix.dirname(part), drawing) },
        ]),
      );
    }
    const xml = ownSheetXml(
      { rows: own.rows, widths: own.widths, styles: own.styles, drawingRelId, print: own.print },
      ns,
      dateStyle,
      pkg.date1904,
    );
    const cut = xml.indexOf('</sheetData>') + '</sheetData>'.length;
    const ctxOwn = {
      dateStyle,
      date1904: pkg.date1904,
      dxfOf: (f: { fill: string; font: string }) => s.dxfIndex(f),
    };
    const tail = tailWithValidations(tailWithBands(xml.slice(cut), '', own.bands, ctxOwn), '', own.validations);
    newParts.set(part, xml.slice(0, cut) + tail);
    contentTypes.push({ part, type: CT_SHEET });
  }

  // Notes: new comments and VML parts, or additions to the add-in's own (see noteTarget).
  let vmlDefault = false;
  let nextBlock: number | undefined;
  for (const [sheet, notes] of s.notes) {
    if (notes.added.size === 0) continue;
    const added = [...notes.added.values()];
    const target = notes.target;
    if (target.kind === 'own') {
      newParts.set(target.commentsPart, commentsWithNotes(target.commentsXml, added));
      newParts.set(target.vmlPart, vmlWithNotes(target.vmlXml, added));
      continue;
    }
    if (target.kind !== 'new') continue;
    if (nextBlock === undefined) nextBlock = (await s.usedIdBlocks()) + 1;
    const sheetPart = s.inputSheet(sheet).part;
    const commentsPart = allocate((k) => `${wbDir}comments${k}.xml`);
    const vmlPart = allocate((k) => `${wbDir}drawings/vmlDrawing${k}.vml`);
    newParts.set(commentsPart, newCommentsXml(added, ns.main));
    newParts.set(vmlPart, newVmlXml(added, nextBlock++));
    contentTypes.push({ part: commentsPart, type: CT_COMMENTS });
    vmlDefault = true;
    const relsPart = relsPartOf(sheetPart);
    const relsEntry = pkg.zip.entry(relsPart);
    const relsXml = relsEntry ? await pkg.partText(relsPart) : relationshipsXml([]);
    const ids = new Set((await pkg.relationshipsOf(sheetPart)).map((r) => r.id));
    const fresh = (): string => {
      let k = 1;
      while (ids.has(`rIdQd${k}`)) k++;
      ids.add(`rIdQd${k}`);
      return `rIdQd${k}`;
    };
    const vmlId = fresh();
    const items = [
      {
        id: fresh(),
        type: `${ns.relTypes}/comments`,
        target: posix.relative(posix.dirname(sheetPart), commentsPart),
      },
      { id: vmlId, type: `${ns.relTypes}/vmlDrawing`, target: posix.relative(posix.dirname(sheetPart), vmlPart) },
    ]
      .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`)
      .join('');
    newParts.set(relsPart, withRelationships(relsXml, items));
    s.editsOf(sheet).legacyDrawing = { id: vmlId, relNamespace: ns.rel };
  }

  // workbook.xml: new sheets, the add-in's names (QD_OWNED on each own sheet).
  let workbookXml = pkg.workbookXml;
  const relIds = new Set(pkg.workbookRels.map((r) => r.id));
  const newRels: { id: string; type: string; target: string }[] = [];
  let nextSheetId = Math.max(0, ...pkg.sheets.map((s) => s.sheetId)) + 1;
  const wbPrefix = /<([A-Za-z_][\w.-]*:)?workbook[\s>]/.exec(workbookXml)?.[1] ?? '';
  // Only a prefix declared on the root is in scope for a new <sheet> (openpyxl declares it per sheet).
  const root = /<([A-Za-z_][\w.-]*:)?workbook[\s>][^>]*>/.exec(workbookXml)?.[0] ?? '';
  const relPrefix = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)="${ns.rel.replace(/[.]/g, '\\.')}"`).exec(root)?.[1];
  const sheetIndex = new Map(pkg.sheets.map((s) => [s.name, s.index]));
  const freshRelId = (): string => {
    let k = 1;
    while (relIds.has(`rIdQd${k}`)) k++;
    relIds.add(`rIdQd${k}`);
    return `rIdQd${k}`;
  };
  let sheetElements = '';
  for (const { own, part } of newSheets) {
    const id = freshRelId();
    newRels.push({
      id,
      type: `${ns.relTypes}/worksheet`,
      target: posix.relative(posix.dirname(pkg.workbookPart), part),
    });
    const r = relPrefix ? `${relPrefix}:id="${id}"` : `xmlns:r="${ns.rel}" r:id="${id}"`;
    sheetElements += `<${wbPrefix}sheet name="${escapeXml(own.name)}" sheetId="${nextSheetId++}" ${r}/>`;
    sheetIndex.set(own.name, sheetIndex.size);
  }
  if (sheetElements) {
    const close = `</${wbPrefix}sheets>`;
    const at = workbookXml.indexOf(close);
    if (at < 0) throw corruptPackage(pkg.file, '工作簿没有工作表列表', 'the workbook has no sheet list');
    workbookXml = workbookXml.slice(0, at) + sheetElements + workbookXml.slice(at);
  }
  const names: { name: string; local: number | undefined; xml: string }[] = [];
  for (const [name, ref] of s.definedNames)
    names.push({
      name,
      local: undefined,
      xml: `<${wbPrefix}definedName name="${name}">${escapeXml(ref)}</${wbPrefix}definedName>`,
    });
  for (const own of s.own.values()) {
    const index = sheetIndex.get(own.name) as number;
    if (own.print) names.push(...printNames(own.name, index, own.print, wbPrefix));
    if (s.owned.has(index)) continue;
    names.push({
      name: OWNED_SHEET_NAME,
      local: index,
      xml: `<${wbPrefix}definedName name="${OWNED_SHEET_NAME}" localSheetId="${index}" hidden="1">${escapeXml(
        `'${own.name.replace(/'/g, "''")}'!$A$1`,
      )}</${wbPrefix}definedName>`,
    });
  }
  workbookXml = withDefinedNames(workbookXml, wbPrefix, names);

  // Relationships and content types: additions only (and the entries of dropped parts).
  let relsXml = pkg.workbookRelsXml;
  if (newRels.length > 0 || !pkg.stylesPart) {
    const stylesPart = `${wbDir}styles.xml`;
    if (!pkg.stylesPart) {
      const id = freshRelId();
      newRels.push({
        id,
        type: `${ns.relTypes}/styles`,
        target: posix.relative(posix.dirname(pkg.workbookPart), stylesPart),
      });
      contentTypes.push({ part: stylesPart, type: CT_STYLES });
    }
    const items = newRels
      .map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeXml(r.target)}"/>`)
      .join('');
    relsXml = relsXml.replace(/<\/([A-Za-z_][\w.-]*:)?Relationships>\s*$/, (close) => `${items}${close}`);
  }
  const ctXml = withVmlDefault(withContentTypes(pkg.contentTypes, contentTypes, dropped), vmlDefault);
  const stylesXml = withStyles(s.stylesXml, s.addedXfs, s.addedDxfs);

  const writer = new ZipWriter(temporary);
  try {
    const written = new Set<string>();
    const replaced = new Map<string, string>([
      ['[content_types].xml', ctXml],
      [pkg.workbookPart.toLowerCase(), workbookXml],
      [relsPartOf(pkg.workbookPart).toLowerCase(), relsXml],
    ]);
    if (pkg.stylesPart) replaced.set(pkg.stylesPart.toLowerCase(), stylesXml);
    for (const [part, xml] of newParts) replaced.set(part.toLowerCase(), xml);
    const editedParts = new Map<string, SheetEdits>();
    for (const [sheet, e] of s.edits) editedParts.set(s.inputSheet(sheet).part.toLowerCase(), e);
    const ctx = { dateStyle, date1904: pkg.date1904, dxfOf: (f: { fill: string; font: string }) => s.dxfIndex(f) };
    for (const entry of pkg.zip.entries) {
      const key = entry.name.toLowerCase();
      if (written.has(key)) continue;
      written.add(key);
      const text = replaced.get(key);
      const edits = editedParts.get(key);
      if (text !== undefined) await writer.addDeflated(entry.name, text);
      else if (dropped.has(key)) continue;
      else if (edits) {
        const chunks = s.sheetBytes(entry.name);
        await writer.addStream(entry.name, (emit) =>
          rewriteSheet(chunks, edits, ctx, emit).catch((e: unknown) => {
            throw asPackageError(pkg.file, entry.name, e);
          }),
        );
      } else await writer.copyRaw(entry, await pkg.zip.rawStream(entry));
    }
    if (!pkg.zip.entry(relsPartOf(pkg.workbookPart))) await writer.addDeflated(relsPartOf(pkg.workbookPart), relsXml);
    if (!pkg.stylesPart) await writer.addDeflated(`${wbDir}styles.xml`, stylesXml);
    for (const [part, xml] of newParts) if (!written.has(part.toLowerCase())) await writer.addDeflated(part, xml);
    await writer.finish();
  } catch (e) {
    writer.abort();
    throw e;
  }
}
