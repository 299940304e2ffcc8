/// <reference types="et-jsapi-declare" />
/**
 * The pane's workbook settings (the remembered column mapping) kept in the workbook itself, so they
 * travel with the file as Office's document settings do: custom document properties (docProps/custom.xml
 * when saved as .xlsx, the summary stream in .et/.xls). Not `PluginStorage`, which lives on one
 * machine and is gone when WPS closes.
 *
 * A text property holds at most 255 characters, so a value is kept in numbered parts:
 * `QD.<key>` holds the part count, `QD.<key>.1` … the parts.
 *
 * @packageDocumentation
 */

/** Characters per property part (COM's limit for a text property is 255). */
export const PART_CHARS = 240;
/** msoPropertyTypeString: ET's enumerations are types only, so the number is written here. */
const MSO_PROPERTY_TYPE_STRING = 4;

function find(props: Kso.DocumentProperties, name: string): Kso.DocumentProperty | null {
  for (let i = 1; i <= props.Count; i++) {
    const p = props.Item(i);
    if (p.Name === name) return p;
  }
  return null;
}

function put(props: Kso.DocumentProperties, name: string, value: string): void {
  const p = find(props, name);
  if (p) p.Value = value;
  else props.Add(name, false, MSO_PROPERTY_TYPE_STRING, value);
}

/** The setting kept under `key`, or null when the workbook has none (or only part of one). */
export function readWorkbookSetting(wb: Et.Workbook, key: string): string | null {
  const props = wb.CustomDocumentProperties as Kso.DocumentProperties;
  const count = Number(find(props, `QD.${key}`)?.Value);
  if (!Number.isInteger(count) || count < 0) return null;
  let text = '';
  for (let i = 1; i <= count; i++) {
    const part = find(props, `QD.${key}.${i}`);
    if (!part) return null;
    text += String(part.Value);
  }
  return text;
}

/** Keeps `value` under `key`: the parts first, the count last, and parts left over from a longer value removed. */
export function writeWorkbookSetting(wb: Et.Workbook, key: string, value: string): void {
  const props = wb.CustomDocumentProperties as Kso.DocumentProperties;
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += PART_CHARS) parts.push(value.slice(i, i + PART_CHARS));
  parts.forEach((part, i) => put(props, `QD.${key}.${i + 1}`, part));
  put(props, `QD.${key}`, String(parts.length));
  for (let i = parts.length + 1; ; i++) {
    const extra = find(props, `QD.${key}.${i}`);
    if (!extra) break;
    extra.Delete();
  }
}
