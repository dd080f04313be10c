import { type OutputEvent } from '@uamd/domain';
import { isoTime } from '../simulate/crossings-line';

const at = (ms: number | null): string => isoTime(ms)?.replace('.000Z', 'Z') ?? '-';

/** One output as a line a person reads: when (event time), what, where, and the essentials. */
export function outputLine(event: OutputEvent, latencyMs?: number): string {
  const latency = latencyMs === undefined ? '' : `  (${latencyMs} ms after its input)`;
  switch (event.type) {
    case 'CrossingMatched': {
      const d = event.data;
      return `${at(d.entryCaptureTime)}  crossing   ${d.crossingPoint}  ${d.exitCountry}→${d.entryCountry}  ${d.plate}  exit ${at(d.exitCaptureTime)} read '${d.exitPlateText}', entry read '${d.entryPlateText}', score ${d.score}${latency}`;
    }
    case 'CrossingOverdue': {
      const d = event.data;
      return `${at(d.windowEnd)}  overdue    ${d.crossingPoint}  ${d.exitCountry}→  ${d.plate}  exit ${at(d.exitCaptureTime)}, no entry by ${at(d.windowEnd)}${latency}`;
    }
    case 'CrossingDiscrepancy': {
      const d = event.data;
      return `${at(d.entryCaptureTime ?? d.exitCaptureTime)}  discrepancy ${d.crossingPoint}  ${d.reason}: ${d.detail}`;
    }
    case 'FeedStale': {
      const d = event.data;
      return `${at(d.otherWatermark)}  ${d.recovered ? 'recovered' : 'stale    '}  ${d.crossingPoint}  ${d.country} feed at ${at(d.staleWatermark)}, the other side at ${at(d.otherWatermark)}`;
    }
    default: {
      const unreachable: never = event;
      return JSON.stringify(unreachable);
    }
  }
}
