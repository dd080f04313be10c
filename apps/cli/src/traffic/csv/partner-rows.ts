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

export interface PartnerRows {
  rows: PartnerRow[];
  errors: RowError[];
}
