import { IMPORT_COLUMNS, listed, MAX_COLUMNS, MAX_ROW_BYTES } from './import-columns';
import { type PartnerRows } from './partner-rows';

const NEWLINE = 0x0a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * A JSON-lines export's rows: one JSON object per line, keyed by the CSV column names exactly,
 * values of any JSON type (the checks say what a value should have been). A line that is not
 * such an object, or is over 1 MiB (measured before it is decoded), is a row error of its own.
 * `null` and `""` count as left out, as a blank CSV cell does.
 */
export function readJsonlRows(buf: Buffer): PartnerRows {
  const out: PartnerRows = { rows: [], errors: [] };
  let at = buf.subarray(0, BOM.length).equals(BOM) ? BOM.length : 0;
  for (let line = 1; at < buf.length; line++) {
    const newline = buf.indexOf(NEWLINE, at);
    const end = newline < 0 ? buf.length : newline;
    const next = end + 1;
    if (end - at > MAX_ROW_BYTES) {
      out.errors.push({ line, reason: `longer than ${MAX_ROW_BYTES / 2 ** 20} MiB` });
      at = next;
      continue;
    }
    const text = buf.toString('utf8', at, end).trim();
    at = next;
    if (text === '') continue;
    const row = rowOf(text);
    if (typeof row === 'string') out.errors.push({ line, reason: row });
    else out.rows.push({ line, values: row });
  }
  return out;
}

function rowOf(text: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`;
  const keys = Object.keys(value);
  if (keys.length > MAX_COLUMNS) return `${keys.length} keys, more than ${MAX_COLUMNS}`;
  const unknown = keys.filter((k) => !IMPORT_COLUMNS.includes(k));
  if (unknown.length > 0)
    return `unknown column(s) ${listed(unknown)} (columns: ${IMPORT_COLUMNS.join(', ')})`;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== ''),
  );
}
