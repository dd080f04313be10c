import { type AvroCodec, type TrafficHeader, writeTrafficFile } from '@uamd/codec';
import { rmSync } from 'node:fs';
import { basename } from 'node:path';
import { type PartnerImport } from './import-csv';
import { toTrafficRecord } from './traffic-io';

/**
 * An import written as a traffic file, streamed from the export (a block of records at a time).
 * A failure part-way leaves no half-written file behind.
 */
export function writeImportedTraffic(
  out: string,
  file: string,
  imported: PartnerImport,
  codec: AvroCodec,
): TrafficHeader & { written: number } {
  try {
    return writeTrafficFile(
      out,
      {
        source: 'import-csv',
        origin: basename(file),
        start: imported.start,
        end: imported.end,
        heartbeats: imported.heartbeats,
        delivery: imported.delivery,
      },
      (function* () {
        for (const event of imported.events) yield toTrafficRecord(event, codec);
      })(),
    );
  } catch (error) {
    rmSync(out, { force: true });
    throw error;
  }
}
