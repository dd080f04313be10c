import { type AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { AvroCodec } from '@uamd/codec';
import { type CustomsConfig } from '@uamd/config';
import {
  allTopics,
  createKafka,
  ensureTopics,
  KafkaEventProducer,
  topicNames,
  type EventProducer,
} from '@uamd/messaging';
import { generateWorld, observeSide, scenarioByName, withNoiseScale } from '@uamd/traffic';
import { CustomsModule } from './customs.module';
import { type CustomsRuntime } from './customs.runtime';
import { bodyParserErrorHandler } from './http-problems';
import { HttpEventIds } from './http-event-ids';
import { IntakeHeartbeats } from './intake-heartbeats';
import { SidePublisher, type Clock } from './side-publisher';

export interface CustomsServiceDeps {
  /** An injected producer means the caller owns the Kafka connection and the topics: none are created here. */
  producer?: EventProducer;
  /** Wall clock for the future-skew check and the publisher's pacing. */
  clock?: Clock;
  /** Silences Nest and kafkajs logs (tests, or the CLI running both services in one process). */
  quiet?: boolean;
}

export interface CustomsServiceHandle {
  /** The port actually listened on (a random one when the config says 0). */
  port: number;
  /** Present when the config says simulate. */
  publisher?: SidePublisher;
  close(): Promise<void>;
}

const BODY_LIMIT = '64kb';

/**
 * Starts one country's customs service: topics, an idempotent producer, the HTTP app and, when
 * simulating, the publisher of this side of the seeded world. No process-global state, so the
 * CLI can run both countries in one process.
 */
export async function startCustomsService(
  config: CustomsConfig,
  deps: CustomsServiceDeps = {},
): Promise<CustomsServiceHandle> {
  const clock = deps.clock ?? ((): number => Date.now());
  const topics = topicNames(config.topicPrefix);
  const codec = AvroCodec.load();
  // Resolved before connecting anything, so an unknown scenario fails without side effects.
  const scenario = config.simulate
    ? withNoiseScale(scenarioByName(config.scenario), config.noise)
    : undefined;
  const target = { encoder: codec, topics, partitions: config.partitions };

  let ownProducer: KafkaEventProducer | undefined;
  let app: NestExpressApplication | undefined;
  let publisher: SidePublisher | undefined;
  let heartbeats: IntakeHeartbeats | undefined;
  const close = async (): Promise<void> => {
    await publisher?.stop();
    await heartbeats?.stop();
    await app?.close();
    await ownProducer?.disconnect();
    publisher = app = ownProducer = undefined;
  };

  try {
    let producer = deps.producer;
    if (!producer) {
      const kafka = createKafka({
        brokers: config.brokers,
        clientId: `${config.country.toLowerCase()}-customs`,
        quiet: deps.quiet,
      });
      await ensureTopics(kafka, allTopics(topics), config.partitions);
      producer = ownProducer = await KafkaEventProducer.connect(kafka);
    }
    if (scenario) {
      const events = observeSide(generateWorld(scenario, config.seed), config.country);
      publisher = new SidePublisher(
        { ...target, events, producer, scenarioStart: scenario.start, speed: config.speed },
        clock,
      );
    }
    const runtime: CustomsRuntime = {
      config,
      target,
      producer,
      clock,
      ids: new HttpEventIds(),
      publisher,
    };
    app = await NestFactory.create<NestExpressApplication>(CustomsModule.forRuntime(runtime), {
      bodyParser: false,
      abortOnError: false,
      logger: deps.quiet ? false : ['log', 'warn', 'error'],
    });
    app.disable('x-powered-by');
    app.useBodyParser('json', { limit: BODY_LIMIT, strict: false });
    app.use(bodyParserErrorHandler(BODY_LIMIT));
    await app.listen(config.port, config.host);
    const port = (app.getHttpServer().address() as AddressInfo).port;
    publisher?.start();
    if (!publisher) {
      // HTTP intake only: this side's feeds still have to move in time for the reconciler.
      heartbeats = new IntakeHeartbeats({ ...target, country: config.country, producer, clock });
      heartbeats.start();
    }
    return { port, publisher, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}
