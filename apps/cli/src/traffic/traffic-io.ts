import {
  readTrafficFile,
  TrafficFileError,
  writeTrafficFile,
  type AvroCodec,
  type TrafficHeader,
  type TrafficRecord,
} from '@uamd/codec';
import { type InputEvent } from '@uamd/domain';
import { SidePublisher } from '@uamd/customs-service';
import {
  inputTopicFor,
  inputTopics,
  topicNames,
  type EventProducer,
  type IncomingRecord,
  type TopicNames,
} from '@uamd/messaging';
import {
  generateWorld,
  scenarioEnd,
  streamObservedEvents,
  truthOf,
  type ObservedEvent,
  type Scenario,
  type ScenarioFileRef,
} from '@uamd/traffic';
import { rmSync, writeFileSync } from 'node:fs';

/** Topic names as stored in traffic files: no deployment prefix. */
const FILE_TOPICS = topicNames('');
const KNOWN_TOPICS = new Set(inputTopics(FILE_TOPICS));

/** Where the truth of a generated traffic file goes: beside it, never inside it. */
export const truthFileOf = (trafficFile: string) => `${trafficFile}.truth.jsonl`;

export function toTrafficRecord(
  { deliverAt, event }: ObservedEvent,
  codec: AvroCodec,
): TrafficRecord {
  return {
    deliverAt,
    topic: inputTopicFor(FILE_TOPICS, event.type, event.data.country),
    key: event.data.crossingPoint,
    value: codec.encode(event),
  };
}

/** Longest scenario whose truth `generate` writes: the truth needs the whole world in memory. */
export const TRUTH_LIMIT_MINUTES = 7 * 24 * 60;

/**
 * `generate`: the scenario's traffic to FILE, streamed (a month never sits in memory), and for
 * scenarios up to a week its truth to FILE.truth.jsonl (which needs the whole world).
 * `scenarioFile`: the file a user scenario came from, kept in the header so that
 * `simulate --traffic` and `evaluate` can regenerate its world.
 */
export function writeGeneratedTraffic(
  file: string,
  scenario: Scenario,
  seed: number,
  noise: number,
  codec: AvroCodec,
  scenarioFile?: ScenarioFileRef | null,
): TrafficHeader & { written: number; truthFile: string | null } {
  const start = scenario.start;
  const end = scenarioEnd(scenario);
  const header = writeTrafficFile(
    file,
    {
      source: 'generate',
      scenario: scenario.name,
      ...(scenarioFile ? { scenarioFile } : {}),
      seed,
      noise,
      start,
      end,
    },
    (function* () {
      for (const e of streamObservedEvents(scenario, seed)) yield toTrafficRecord(e, codec);
    })(),
  );
  if (scenario.durationMinutes > TRUTH_LIMIT_MINUTES) {
    rmSync(truthFileOf(file), { force: true });
    return { ...header, truthFile: null };
  }
  writeFileSync(
    truthFileOf(file),
    truthOf(generateWorld(scenario, seed))
      .map((t) => JSON.stringify(t))
      .join('\n') + '\n',
  );
  return { ...header, truthFile: truthFileOf(file) };
}

export interface LoadedTraffic {
  header: TrafficHeader;
  events: ObservedEvent[];
  /** Records refused with --skip-bad, by position. */
  skipped: Array<{ position: string; reason: string }>;
}

/**
 * Reads and checks a whole traffic file before anything is sent, so a refused file leaves
 * nothing half-written in Kafka: every message must decode with the catalog, sit on the topic
 * of its country and type, be keyed by its crossing point, and come in delivery order.
 * With `skipBad` a bad record is reported and left out; a damaged container still stops.
 */
export function loadTraffic(file: string, codec: AvroCodec, skipBad = false): LoadedTraffic {
  let header: TrafficHeader | undefined;
  const events: ObservedEvent[] = [];
  const skipped: LoadedTraffic['skipped'] = [];
  let n = 0;
  let last = -Infinity;
  for (const record of readTrafficFile(file, (h) => (header = h))) {
    n += 1;
    const problem = checkRecord(record, codec, last);
    if (typeof problem === 'string') {
      if (!skipBad) throw new TrafficFileError(file, `record ${n}`, problem);
      skipped.push({ position: `record ${n}`, reason: problem });
      continue;
    }
    last = record.deliverAt;
    events.push({ deliverAt: record.deliverAt, event: problem });
  }
  if (!header) throw new TrafficFileError(file, 'header', 'no header');
  return { header, events, skipped };
}

function checkRecord(record: TrafficRecord, codec: AvroCodec, last: number): InputEvent | string {
  if (!KNOWN_TOPICS.has(record.topic))
    return `unknown topic '${record.topic}' (expected one of ${[...KNOWN_TOPICS].join(', ')})`;
  if (record.deliverAt < last) return 'out of delivery order';
  let event: InputEvent;
  try {
    event = codec.decodeInput(record.value).event;
  } catch (error) {
    return `message does not decode: ${(error as Error).message}`;
  }
  const expectedTopic = inputTopicFor(FILE_TOPICS, event.type, event.data.country);
  if (record.topic !== expectedTopic)
    return `a ${event.type} of ${event.data.country} on '${record.topic}', expected '${expectedTopic}'`;
  if (record.key !== event.data.crossingPoint)
    return `key '${record.key}' is not the event's crossing point '${event.data.crossingPoint}'`;
  return event;
}

/** Publishes loaded traffic in its order and spacing, scaled by `speed`; start it, await `done`. */
export function trafficPublisher(
  traffic: LoadedTraffic,
  target: {
    producer: EventProducer;
    codec: AvroCodec;
    topics: TopicNames;
    partitions: number;
    speed: number | 'max';
  },
): SidePublisher {
  return new SidePublisher({
    events: traffic.events,
    producer: target.producer,
    scenarioStart: traffic.events[0]?.deliverAt ?? 0,
    speed: target.speed,
    encoder: target.codec,
    topics: target.topics,
    partitions: target.partitions,
  });
}

/**
 * Captured Kafka records as traffic: each partition's order kept, partitions merged by Kafka
 * timestamp, topic names without the deployment prefix, the bytes as they were. A message that
 * does not decode is left out and counted (a file must replay cleanly). Traffic files carry the
 * catalog's schema ids: records read with a schema registry's ids (`codec` differs from
 * `catalog`) are written again with the catalog's.
 */
export function recordedTraffic(
  captured: readonly IncomingRecord[],
  prefix: string,
  codec: AvroCodec,
  catalog: AvroCodec = codec,
): { records: TrafficRecord[]; undecodable: number } {
  const byPartition = new Map<string, IncomingRecord[]>();
  for (const r of captured) {
    const key = `${r.topic}:${r.partition}`;
    const list = byPartition.get(key) ?? [];
    byPartition.set(key, list);
    list.push(r);
  }
  const queues = [...byPartition.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, list]) => list.sort((a, b) => (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1)));
  const heads = queues.map(() => 0);
  const records: TrafficRecord[] = [];
  let undecodable = 0;
  let deliverAt = -Infinity;
  for (;;) {
    let pick = -1;
    queues.forEach((q, i) => {
      const head = q[heads[i]!];
      if (head && (pick < 0 || head.timestamp < queues[pick]![heads[pick]!]!.timestamp)) pick = i;
    });
    if (pick < 0) break;
    const r = queues[pick]![heads[pick]!++]!;
    let event: InputEvent;
    try {
      event = codec.decodeInput(r.value).event;
    } catch {
      undecodable += 1;
      continue;
    }
    // Delivery order of the file: a partition's timestamps may step back a little (producer clocks).
    deliverAt = Math.max(deliverAt, r.timestamp);
    records.push({
      deliverAt,
      topic: r.topic.startsWith(prefix) ? r.topic.slice(prefix.length) : r.topic,
      key: r.key?.toString('utf8') ?? '',
      value: catalog === codec ? (r.value ?? Buffer.alloc(0)) : catalog.encode(event),
    });
  }
  return { records, undecodable };
}
