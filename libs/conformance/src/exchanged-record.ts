import { type AvroCodec, type DecodedEvent, DecodeError } from '@uamd/codec';
import { type InputEvent } from '@uamd/domain';

/** The input topics a partner writes, without a deployment prefix. */
export const INPUT_TOPICS = [
  'ua.plate-reads',
  'ua.declarations',
  'md.plate-reads',
  'md.declarations',
] as const;

/**
 * One message as exchanged: from a traffic file, a partner export, or a live topic. Nothing in
 * it is trusted: the value is the wire bytes as received.
 */
export interface ExchangedRecord {
  /** Where it sits in its source, for people: `record 12`, `ua.plate-reads:0@345`. */
  position: string;
  /** Topic without a deployment prefix (`ua.plate-reads`…); may be anything a source holds. */
  topic: string;
  key: string | null;
  /** When it was appended (the record timestamp, or a traffic file's `deliverAt`), epoch ms. */
  deliveredAt: number;
  value: Buffer | null;
}

/** A record with the codec's reading of it: the event, or why it does not decode. */
export interface CheckedRecord extends ExchangedRecord {
  decoded?: DecodedEvent<InputEvent>;
  decodeError?: DecodeError;
}

/** Decodes once, for every check: a value that is not an input event carries its error. */
export function checkedRecord(codec: AvroCodec, record: ExchangedRecord): CheckedRecord {
  try {
    return { ...record, decoded: codec.decodeInput(record.value) };
  } catch (error) {
    const decodeError =
      error instanceof DecodeError
        ? error
        : new DecodeError('INVALID_AVRO', error instanceof Error ? error.message : String(error));
    return { ...record, decodeError };
  }
}
