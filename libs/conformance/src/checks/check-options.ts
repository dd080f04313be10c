/** What every check is built with. */
export interface CheckOptions {
  /** Offending messages kept per condition for the report (the count is always complete). */
  sampleLimit: number;
}

export const DEFAULT_CHECK_OPTIONS: CheckOptions = { sampleLimit: 20 };
