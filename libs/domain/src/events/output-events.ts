import { type Country } from './input-events';

/**
 * The reconciler's decisions. Ids derive from the source event ids, so a republished
 * output is recognisably the same decision. Every field, `decidedAt` included, is log time
 * (docs/design.md §3), so a replay of the same log gives the same bytes; wall-clock times
 * travel in record headers (libs/latency/src/latency-definitions.ts).
 */
export interface CrossingMatched {
  crossingId: string;
  crossingPoint: string;
  exitCountry: Country;
  entryCountry: Country;
  exitEventId: string;
  entryEventId: string;
  exitPlateText: string;
  entryPlateText: string;
  plate: string;
  exitCaptureTime: number;
  entryCaptureTime: number;
  score: number;
  /** Set when the exit had already been reported overdue. */
  overdueAlarmId: string | null;
  /** Delivery time (record timestamp) of the later of the two source events: log time. */
  lastInputAt: number;
  decidedAt: number;
}

export interface CrossingOverdue {
  alarmId: string;
  crossingPoint: string;
  exitCountry: Country;
  exitEventId: string;
  plate: string;
  exitCaptureTime: number;
  windowEnd: number;
  /** The other side's watermark that passed the window end. */
  entrySideWatermark: number;
  decidedAt: number;
}

export type DiscrepancyReason =
  | 'GOODS_NOT_DECLARED_ON_ENTRY'
  | 'PLATE_MISMATCH'
  | 'GROSS_MASS_MISMATCH'
  | 'HS_CODE_MISMATCH'
  | 'DECLARED_AFTER_CROSSING';

export interface CrossingDiscrepancy {
  discrepancyId: string;
  crossingPoint: string;
  reason: DiscrepancyReason;
  detail: string;
  sourceEventIds: string[];
  exitCaptureTime: number | null;
  entryCaptureTime: number | null;
  decidedAt: number;
}

export interface FeedStale {
  alarmId: string;
  crossingPoint: string;
  country: Country;
  /** Watermark of the stalled side and of the side that moved on. */
  staleWatermark: number;
  otherWatermark: number;
  recovered: boolean;
  decidedAt: number;
}

export type OutputEvent =
  | { type: 'CrossingMatched'; data: CrossingMatched }
  | { type: 'CrossingOverdue'; data: CrossingOverdue }
  | { type: 'CrossingDiscrepancy'; data: CrossingDiscrepancy }
  | { type: 'FeedStale'; data: FeedStale };

export type OutputEventType = OutputEvent['type'];

export function outputId(event: OutputEvent): string {
  switch (event.type) {
    case 'CrossingMatched':
      return event.data.crossingId;
    case 'CrossingOverdue':
      return event.data.alarmId;
    case 'CrossingDiscrepancy':
      return event.data.discrepancyId;
    case 'FeedStale':
      return event.data.alarmId;
    default: {
      const unreachable: never = event;
      throw new Error(`unknown output ${JSON.stringify(unreachable)}`);
    }
  }
}
