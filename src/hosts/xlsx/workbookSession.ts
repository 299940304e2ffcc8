// The state of an open .xlsx workbook that a commit writes: its own sheets, edits, notes, names and styles.
import type { CellWrite, ChartSpec, NumberFormat, PrintLayout } from '../../grading';
import type { ColumnStyle } from './cellXml';
import type { Note } from './legacyNotes';
import type { OpcPackage, SheetInfo } from './opcPackage';
import type { BandRange, ListValidation, SheetEdits } from './sheetEdits';

/** A sheet the add-in writes whole in this session. */
export interface OwnSheet {
  readonly name: string;
  /** The sheet it replaces (marked or adopted), keeping its place, id and part. */
  readonly existing: SheetInfo | undefined;
  rows: CellWrite[][];
  widths: readonly number[];
  styles: ColumnStyle[];
  charts: ChartSpec[];
  bands: BandRange[];
  validations: ListValidation[];
  print: PrintLayout | undefined;
}

/** Where a sheet's notes go: new parts, the add-in's own parts (with their notes' text by cell), or none. */
export type NoteTarget =
  | { readonly kind: 'new'; readonly texts: ReadonlyMap<string, string> }
  | {
      readonly kind: 'own';
      readonly commentsPart: string;
      readonly commentsXml: string;
      readonly vmlPart: string;
      readonly vmlXml: string;
      readonly texts: ReadonlyMap<string, string>;
    }
  | { readonly kind: 'user' };

/** A sheet's note target and the notes added in this session, by cell reference. */
export interface SheetNotes {
  readonly target: NoteTarget;
  readonly added: Map<string, Note>;
}

/** What `writePackage` reads of an open workbook, and the workbook's helpers it calls. */
export interface PackageSession {
  readonly pkg: OpcPackage;
  readonly own: ReadonlyMap<string, OwnSheet>;
  readonly edits: ReadonlyMap<string, SheetEdits>;
  readonly notes: ReadonlyMap<string, SheetNotes>;
  readonly definedNames: ReadonlyMap<string, string>;
  readonly owned: ReadonlySet<number>;
  readonly stylesXml: string;
  readonly addedXfs: readonly string[];
  readonly addedDxfs: readonly string[];
  xfIndex(format: NumberFormat | 'date'): number;
  dxfIndex(fill: { fill: string; font: string }): number;
  usedIdBlocks(): Promise<number>;
  inputSheet(name: string): SheetInfo & { part: string };
  editsOf(sheet: string): SheetEdits;
  sheetBytes(part: string): AsyncIterable<Buffer>;
}
