/**
 * The column mapping the user saved for a sheet on the Grade tab, kept in the workbook's settings
 * under `qd.mapping.<sheet>`; read the same way by the Grade and Rules tabs.
 */
import { INPUT_COLUMNS, type ColumnMapping, type InputKey } from '../../grading';

/** The settings key prefix: `qd.mapping.<sheet name>`. */
export const MAPPING_KEY = 'qd.mapping.';

/** The mapping saved in `text`, or null when there is none or it has another shape (the headers decide then). */
export function parseSavedMapping(text: string | null): ColumnMapping | null {
  if (!text) return null;
  try {
    const raw: unknown = JSON.parse(text);
    if (typeof raw !== 'object' || raw === null) return null;
    const known = new Set<string>(INPUT_COLUMNS.map((c) => c.key));
    const out: ColumnMapping = {};
    for (const [k, v] of Object.entries(raw))
      if (known.has(k) && Number.isInteger(v) && Number(v) > 0) out[k as InputKey] = Number(v);
    return out;
  } catch {
    // A setting another version wrote in another shape: ignore it and detect afresh.
    return null;
  }
}
