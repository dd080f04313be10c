/**
 * One row of a partner export (a CSV row or a JSON line): the line it starts on and its
 * non-blank values by column name. CSV values are text; JSON values keep their JSON type.
 */
export interface PartnerRow {
  line: number;
  values: Readonly<Record<string, unknown>>;
}

/** A row that cannot become a plate read, and why (column names, never internal field names). */
export interface RowError {
  line: number;
  reason: string;
}

/** A row of the file, or why a line of it is no row; a reader yields them in file order. */
export type RowItem = PartnerRow | RowError;

export const isRowError = (item: RowItem): item is RowError => 'reason' in item;
