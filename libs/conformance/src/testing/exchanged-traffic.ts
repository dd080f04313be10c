import { AvroCodec, createAvroType, EncodeError, loadCatalog } from '@uamd/codec';
import { type InputEvent } from '@uamd/domain';
import { inputTopicFor, topicNames } from '@uamd/messaging';
import { scenarioByName, streamObservedEvents, type ObservedEvent } from '@uamd/traffic';
import { conformanceChecks } from '../checks';
import { type ConditionCheck, type ConditionResult, verdictOf } from '../condition';
import { type ConformanceReport, runConformance } from '../conformance-run';
import { checkedRecord, type ExchangedRecord } from '../exchanged-record';

const FILE_TOPICS = topicNames('');

/** An observed event as it would be exchanged: its topic, key and wire bytes. */
export function exchanged(
  { deliverAt, event }: ObservedEvent,
  position: string,
  codec: AvroCodec = AvroCodec.load(),
): ExchangedRecord {
  return {
    position,
    topic: inputTopicFor(FILE_TOPICS, event.type, event.data.country),
    key: event.data.crossingPoint,
    deliveredAt: deliverAt,
    value: partnerBytes(event, codec),
  };
}

/**
 * The bytes a partner's producer would send: the codec's, or, for text the codec refuses to
 * write (a lone surrogate), what a plain Avro writer makes of it (not UTF-8), so the checks can
 * be shown such a feed.
 */
function partnerBytes(event: InputEvent, codec: AvroCodec): Buffer {
  try {
    return codec.encode(event);
  } catch (error) {
    if (!(error instanceof EncodeError)) throw error;
    const entry = loadCatalog().find((e) => e.id === codec.schemaIdFor(event.type))!;
    const body = createAvroType(entry.schema).toBuffer(event.data);
    const header = Buffer.alloc(5);
    header.writeUInt32BE(entry.id, 1);
    return Buffer.concat([header, body]);
  }
}

/** A scenario's generated traffic as observed events (clean: every condition should pass). */
export function observedTraffic(scenario = 'tiny', seed = 7): ObservedEvent[] {
  return [...streamObservedEvents(scenarioByName(scenario), seed)];
}

/** Observed events as exchanged records, numbered `record 1…` in order. */
export function exchangedAll(events: readonly ObservedEvent[]): ExchangedRecord[] {
  const codec = AvroCodec.load();
  return events.map((e, i) => exchanged(e, `record ${i + 1}`, codec));
}

/** Runs one check over records, as `runConformance` would, and returns its result. */
export function runCheck(
  check: ConditionCheck,
  records: Iterable<ExchangedRecord>,
): ConditionResult {
  const codec = AvroCodec.load();
  for (const record of records) check.observe(checkedRecord(codec, record));
  const outcome = check.finish();
  return { ...outcome, condition: check.condition, verdict: verdictOf(outcome) };
}

/** Observed events checked as `uamd conformance` checks a file: every condition, in one pass. */
export function conformanceOf(events: readonly ObservedEvent[]): Promise<ConformanceReport> {
  return runConformance(
    AvroCodec.load(),
    { kind: 'generated traffic', name: 'test' },
    exchangedAll(events),
    conformanceChecks(),
  );
}

/** The ids of the mandatory conditions a report fails, in the order of the conditions. */
export function failingMandatory(report: ConformanceReport): string[] {
  return report.results
    .filter((r) => r.condition.severity === 'mandatory' && r.verdict === 'fail')
    .map((r) => r.condition.id);
}

/** A copy of an observed event with some of its data replaced (for violating feeds in tests). */
export function withData<E extends ObservedEvent>(
  observed: E,
  patch: Partial<InputEvent['data']>,
): ObservedEvent {
  return {
    ...observed,
    event: { ...observed.event, data: { ...observed.event.data, ...patch } } as InputEvent,
  };
}
