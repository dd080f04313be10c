import { type FactoryProvider, type Provider } from '@nestjs/common';
import { type CustomsConfig } from '@uamd/config';
import { type EventProducer } from '@uamd/messaging';
import {
  generateWorld,
  observeSide,
  resolveScenario,
  withNoiseScale,
  type Scenario,
} from '@uamd/traffic';
import {
  CLOCK,
  CUSTOMS_CONFIG,
  CUSTOMS_FEED,
  EVENT_PRODUCER,
  RECORD_TARGET,
} from './customs.tokens';
import { CustomsMetrics } from './customs-metrics';
import { type RecordTarget } from './event-records';
import { FeedLifecycle } from './feed-lifecycle';
import { IntakeHeartbeats } from './intake-heartbeats';
import { SidePublisher, type Clock } from './side-publisher';

const FEED_DEPS = [CUSTOMS_CONFIG, RECORD_TARGET, EVENT_PRODUCER, CLOCK, CustomsMetrics];

/**
 * This side's feed, run by `FeedLifecycle`: when simulating, the publisher of this side of the
 * seeded world (injectable as `SidePublisher`, for status); otherwise the heartbeats that keep an
 * HTTP-only side moving for the reconciler. The scenario (a name, or a file's path) is resolved
 * here, while the module is described, so an unknown one fails before anything connects.
 */
export function feedProviders(config: CustomsConfig): Provider[] {
  const feed = config.simulate
    ? sidePublisher(withNoiseScale(resolveScenario(config.scenario).scenario, config.noise))
    : intakeHeartbeats();
  return [feed, { provide: CUSTOMS_FEED, useExisting: feed.provide }, FeedLifecycle];
}

function sidePublisher(scenario: Scenario): FactoryProvider<SidePublisher> {
  return {
    provide: SidePublisher,
    inject: FEED_DEPS,
    useFactory: (
      c: CustomsConfig,
      target: RecordTarget,
      producer: EventProducer,
      clock: Clock,
      metrics: CustomsMetrics,
    ) => {
      const publisher = new SidePublisher(
        {
          ...target,
          events: observeSide(generateWorld(scenario, c.seed), c.country),
          producer,
          scenarioStart: scenario.start,
          speed: c.speed,
          observer: metrics,
        },
        clock,
      );
      metrics.trackPublisher(publisher);
      return publisher;
    },
  };
}

function intakeHeartbeats(): FactoryProvider<IntakeHeartbeats> {
  return {
    provide: IntakeHeartbeats,
    inject: FEED_DEPS,
    useFactory: (
      c: CustomsConfig,
      target: RecordTarget,
      producer: EventProducer,
      clock: Clock,
      metrics: CustomsMetrics,
    ) =>
      new IntakeHeartbeats({ ...target, country: c.country, producer, clock, observer: metrics }),
  };
}
