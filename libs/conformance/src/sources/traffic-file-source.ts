import { readTrafficFile, type TrafficHeader } from '@uamd/codec';
import { type ExchangedRecord } from '../exchanged-record';

/**
 * The records of a traffic file, streamed one block at a time, as exchanged records. A damaged
 * container stops the run with a `TrafficFileError` naming the position: past that point the
 * file cannot be read, so nothing more could be checked.
 */
export function* trafficFileRecords(
  path: string,
  onHeader?: (header: TrafficHeader) => void,
): Generator<ExchangedRecord> {
  let n = 0;
  for (const record of readTrafficFile(path, onHeader)) {
    n += 1;
    yield {
      position: `record ${n}`,
      topic: record.topic,
      key: record.key,
      deliveredAt: record.deliverAt,
      value: record.value,
    };
  }
}
