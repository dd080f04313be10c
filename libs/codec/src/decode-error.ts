/** Why a message could not be turned into a domain event; the caller dead-letters it with this reason. */
export type DecodeErrorReason =
  | 'EMPTY'
  | 'BAD_MAGIC'
  | 'UNKNOWN_SCHEMA_ID'
  | 'TRUNCATED'
  | 'TRAILING_BYTES'
  | 'INVALID_AVRO'
  | 'TOO_LARGE'
  | 'UNEXPECTED_TYPE'
  | 'UNSUPPORTED_VALUE';

export interface DecodeErrorOptions {
  schemaId?: number;
  cause?: unknown;
}

/** The bytes themselves are wrong, so redelivering them cannot help (docs/style.md item 7: errors say whether a retry can). */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  readonly retriable = false;
  readonly schemaId: number | undefined;

  constructor(
    readonly reason: DecodeErrorReason,
    message: string,
    options: DecodeErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.schemaId = options.schemaId;
  }
}

/** The event does not fit its schema; a retry sends the same invalid value again. */
export class EncodeError extends Error {
  override readonly name = 'EncodeError';
  readonly retriable = false;

  constructor(
    readonly eventType: string,
    /** Dotted paths of the offending fields, e.g. `captureTime` or `goods.0.hsCode`. */
    readonly paths: readonly string[],
    message: string,
  ) {
    super(message);
  }
}
