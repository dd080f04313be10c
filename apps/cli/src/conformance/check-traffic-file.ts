import { AvroCodec, type TrafficHeader } from '@uamd/codec';
import {
  conformanceChecks,
  runConformance,
  trafficFileRecords,
  type ConformanceReport,
} from '@uamd/conformance';
import { resolve } from 'node:path';
import { startProgress } from '../progress';

/** A traffic file, streamed, with progress over its traffic time. */
export async function checkTrafficFile(
  file: string,
  sampleLimit: number,
): Promise<ConformanceReport> {
  let header: TrafficHeader | undefined;
  const records = trafficFileRecords(file, (h) => (header = h));
  let checked = 0;
  let coveredMs = 0;
  const started = performance.now();
  const stopProgress = startProgress('checked traffic (s)', () => {
    const span =
      header?.start !== undefined && header.end !== undefined ? header.end - header.start : 0;
    const done = Math.max(0, Math.round(coveredMs / 1000));
    return {
      done,
      total: Math.max(done, Math.round(span / 1000)),
      elapsedSeconds: (performance.now() - started) / 1000,
      detail: `${checked.toLocaleString('en')} records`,
    };
  });
  try {
    const report = await runConformance(
      AvroCodec.load(),
      { kind: 'traffic file', name: resolve(file) },
      records,
      conformanceChecks({ sampleLimit }),
      {
        onProgress: (n, lastDeliveredAt) => {
          checked = n;
          if (header?.start !== undefined) coveredMs = lastDeliveredAt - header.start;
        },
      },
    );
    // The header is read with the first block, so it is known once the run is over.
    report.source.details = headerDetails(header);
    return report;
  } finally {
    stopProgress();
  }
}

/** The header's facts for the report: what made the file, from what, over which range. */
function headerDetails(header: TrafficHeader | undefined): Record<string, string | number> {
  if (!header) return {};
  const details: Record<string, string | number> = { source: header.source };
  if (header.origin) details['origin'] = header.origin;
  if (header.scenario) details['scenario'] = header.scenario;
  if (header.seed !== undefined) details['seed'] = header.seed;
  if (header.noise !== undefined) details['noise'] = header.noise;
  if (header.heartbeats) details['heartbeats'] = header.heartbeats;
  if (header.delivery) details['delivery'] = header.delivery;
  if (header.start !== undefined) details['start'] = new Date(header.start).toISOString();
  if (header.end !== undefined) details['end'] = new Date(header.end).toISOString();
  return details;
}
