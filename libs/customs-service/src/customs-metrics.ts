import { exchangeDelayMs } from '@uamd/latency';
import { CROSSING_POINTS, type Country, eventTimeOf, type InputEventType } from '@uamd/domain';
import { inputTopicFor, type TopicNames } from '@uamd/messaging';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { type PublishedEvent, type PublishObserver } from './event-records';
import { type Clock } from './side-publisher';

/**
 * Exchange delay, capture (or lodging) → delivery: 1 ms to 1 h. HTTP intake of a live camera is
 * milliseconds to seconds; the simulated feeds deliver seconds to minutes late, an outage's
 * backlog up to about an hour. Anything later lands in +Inf (its sum still counts it).
 */
export const EXCHANGE_DELAY_BUCKETS_SECONDS = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800,
  3600,
];

/** The events whose delay is a fact about the feed: a read's capture, a declaration's lodging. */
const DELAY_TYPES: readonly InputEventType[] = ['PlateRead', 'CustomsDeclaration'];
const ALL_TYPES: readonly InputEventType[] = [
  'PlateRead',
  'CameraHeartbeat',
  'CustomsDeclaration',
  'DeclarationHeartbeat',
];
const KNOWN_POINTS = new Set(CROSSING_POINTS.map((p) => p.id));
/** A crossing point outside the registry (the validators refuse those; this keeps the label set bounded regardless). */
const OTHER_POINT = 'other';

/** What the paced publisher reports: how far it lags its schedule now, undefined when it has none. */
export interface PublisherLagSource {
  lagMs(now: number): number | undefined;
}

export interface CustomsMetricsOptions {
  country: Country;
  /** This service's topics: the published-events counter starts at 0 for each of its series. */
  topics: TopicNames;
  /** Wall clock, for the heartbeat age and the publisher's lag. */
  clock?: Clock;
}

/**
 * A customs service's Prometheus metrics (GET /metrics), in their own registry so two services
 * in one process (the CLI) never share a series. Every label takes values from a fixed set:
 * the country, this service's two topics, the four event types, the registry's crossing points,
 * and for HTTP the route patterns, a normalized method and the status code.
 */
export class CustomsMetrics implements PublishObserver {
  readonly registry = new Registry();
  readonly country: Country;
  private readonly clock: Clock;
  private lastHeartbeatAt: number | undefined;
  private publisher: PublisherLagSource | undefined;

  readonly httpRequests = new Counter({
    name: 'uamd_http_requests_total',
    help: 'HTTP requests answered, by route pattern (unmatched for none), method and status',
    labelNames: ['route', 'method', 'status'],
    registers: [this.registry],
  });
  private readonly eventsPublished = new Counter({
    name: 'uamd_events_published_total',
    help: 'Events Kafka acknowledged, by topic and event type (HTTP intake, simulation and heartbeats)',
    labelNames: ['country', 'topic', 'type'],
    registers: [this.registry],
  });
  private readonly exchangeDelay = new Histogram({
    name: 'uamd_exchange_delay_seconds',
    help: "Capture (plate read) or lodging (declaration) to delivery to Kafka (the record timestamp), in the world's time",
    labelNames: ['country', 'crossing_point', 'type'],
    buckets: EXCHANGE_DELAY_BUCKETS_SECONDS,
    registers: [this.registry],
  });
  private readonly publisherBehind = new Gauge({
    name: 'uamd_publisher_behind_seconds',
    help: 'Paced simulation: how long the oldest event not yet acknowledged is past its scheduled send (0 when on time)',
    labelNames: ['country'],
    registers: [this.registry],
    collect: () => {
      const lag = this.publisher?.lagMs(this.clock());
      if (lag !== undefined) this.publisherBehind.set({ country: this.country }, lag / 1000);
    },
  });
  private readonly heartbeatAge = new Gauge({
    name: 'uamd_feed_heartbeat_age_seconds',
    help: 'Wall seconds since Kafka last acknowledged a camera or declaration heartbeat of this feed',
    labelNames: ['country'],
    registers: [this.registry],
    collect: () => {
      if (this.lastHeartbeatAt === undefined) return;
      const age = Math.max(0, this.clock() - this.lastHeartbeatAt) / 1000;
      this.heartbeatAge.set({ country: this.country }, age);
    },
  });

  constructor(options: CustomsMetricsOptions) {
    this.country = options.country;
    this.clock = options.clock ?? ((): number => Date.now());
    collectDefaultMetrics({ register: this.registry, prefix: 'uamd_customs_' });
    // Every series that can exist, at 0 from the start: a rate() or increase() then counts the first event too.
    for (const type of ALL_TYPES)
      this.eventsPublished.inc(
        { country: this.country, topic: inputTopicFor(options.topics, type, this.country), type },
        0,
      );
    for (const point of KNOWN_POINTS)
      for (const type of DELAY_TYPES)
        this.exchangeDelay.zero({ country: this.country, crossing_point: point, type });
  }

  /** The paced publisher whose lag `uamd_publisher_behind_seconds` reports at each scrape. */
  trackPublisher(source: PublisherLagSource): void {
    this.publisher = source;
  }

  /** Events Kafka has acknowledged, `at` (wall clock) the moment it did. */
  published(sent: readonly PublishedEvent[], at: number): void {
    const counts = new Map<string, { topic: string; type: InputEventType; n: number }>();
    for (const { event, record } of sent) {
      const key = `${record.topic} ${event.type}`;
      const entry = counts.get(key) ?? { topic: record.topic, type: event.type, n: 0 };
      entry.n++;
      counts.set(key, entry);
      // A heartbeat vouches for a time; it was not captured, so it has no exchange delay.
      if (event.type === 'CameraHeartbeat' || event.type === 'DeclarationHeartbeat') {
        this.lastHeartbeatAt = at;
        continue;
      }
      const origin = eventTimeOf(event);
      const point = event.data.crossingPoint;
      this.exchangeDelay.observe(
        {
          country: this.country,
          crossing_point: KNOWN_POINTS.has(point) ? point : OTHER_POINT,
          type: event.type,
        },
        // A record without a timestamp is stamped by the broker: about when it acknowledged.
        exchangeDelayMs(origin, record.timestamp ?? at) / 1000,
      );
    }
    for (const { topic, type, n } of counts.values())
      this.eventsPublished.inc({ country: this.country, topic, type }, n);
  }
}
