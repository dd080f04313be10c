import { boundedLines } from './bounded-lines';
import { DEFAULT_ROW_LIMITS, type RowLimits } from './file-window';
import { IMPORT_COLUMNS, listed, MAX_COLUMNS } from './import-columns';
import { type RowItem } from './partner-rows';

/**
 * A JSON-lines export's rows, streamed: one JSON object per line, keyed by the CSV column names
 * exactly, values of any JSON type (the checks say what a value should have been). A line that
 * is not such an object, or is over 1 MiB (measured before it is decoded, and skipped unread),
 * is a row error of its own. `null` and `""` count as left out, as a blank CSV cell does.
 */
export function* readJsonlRows(
  file: string,
  limits: RowLimits = DEFAULT_ROW_LIMITS,
): Generator<RowItem> {
  for (const read of boundedLines(file, limits)) {
    if ('tooLong' in read) {
      yield { line: read.line, reason: read.reason };
      continue;
    }
    const text = read.text.trim();
    if (text === '') continue;
    const row = rowOf(text);
    if (typeof row === 'string') yield { line: read.line, reason: row };
    else yield { line: read.line, values: row };
  }
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
