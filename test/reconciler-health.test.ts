import { partitionFor } from '@uamd/domain';
import {
  startKafkaBroker,
  startRedisServer,
  type LocalKafka,
  type LocalRedis,
} from '@uamd/local-stack';
import Redis from 'ioredis';
import { plateRead } from '../libs/domain/src/testing/event-builders';
import { ExchangeHarness, PARTITIONS } from './support/exchange-harness';
import {
  assertReconcilerBuilt,
  harnessEnv,
  startApp,
  waitForAssignment,
  type HealthBody,
  waitForHealth,
  type ReconcilerProcess,
} from './support/reconciler-process';
import { testStackEnv } from './support/stack-env';
import { uniqueName, waitFor } from './support/wait-for';

const POST = 'mohyliv-podilskyi-otaci';

describe('the reconciler app reports readiness on /health', () => {
  const apps: ReconcilerProcess[] = [];
  const namespaces: string[] = [];
  const harnesses: ExchangeHarness[] = [];
  let broker: LocalKafka | undefined;
  let redisServer: LocalRedis | undefined;
  const frozen = new Set<number>();

  beforeAll(assertReconcilerBuilt);

  afterAll(async () => {
    for (const app of apps) await app.stop();
    // A stopped (SIGSTOP) process would sit on a SIGTERM: wake it first.
    for (const pid of frozen) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // Already gone.
      }
    }
    await broker?.stop();
    await redisServer?.stop();
    for (const h of harnesses) await h.close();
    const redis = new Redis(testStackEnv().redisUrl);
    for (const namespace of namespaces) {
      const keys = await redis.keys(`${namespace}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
  });

  it('is ready, notices its Redis projection deleted under it, re-claims, and is ready and matching again', async () => {
    const h = await ExchangeHarness.create('health');
    harnesses.push(h);
    const app = await startApp(apps, harnessEnv(h));
    await waitForAssignment(app);
    const ready = await waitForHealth(app, 200, 'ready');
    expect(ready.body.info).toMatchObject({
      runtime: { status: 'up' },
      kafka: { status: 'up' },
      redis: { status: 'up' },
      partitions: { status: 'up', consuming: [0, 1, 2] },
    });

    await matchOne(h, 'KH1001KH', 0);
    const before = await app.status();
    expect(before.partitions).toEqual({ '0': 'consuming', '1': 'consuming', '2': 'consuming' });

    const keys = await h.redis.keys(`${h.namespace}:*`);
    expect(keys.length).toBeGreaterThan(0);
    await h.redis.del(...keys);
    // The next commit finds the projection gone: publish something to decide.
    await h.publishAndVouch(8, plateRead('UA', 'EXIT', 'KH1002KH', 8));
    const notReady: HealthBody[] = [];
    const after = await waitFor(
      async () => {
        const health = await app.health();
        if (health.code === 503) notReady.push(health.body);
        const status = await app.status();
        return status.reclaims > before.reclaims && status;
      },
      'the app to re-claim its partition',
      30_000,
      10,
    );
    expect(after.reclaims).toBeGreaterThan(before.reclaims);
    // A re-claim takes milliseconds: a poll seldom lands inside it, but when it does, it names the partition.
    for (const body of notReady)
      expect(body.error).toEqual({
        partitions: expect.objectContaining({
          status: 'down',
          reclaiming: [partitionFor(POST, PARTITIONS)],
        }) as unknown,
      });

    await waitForHealth(app, 200, 'ready again');
    await matchOne(h, 'KH1003KH', 10);
    expect((await app.health()).code).toBe(200);
    expect((await app.status()).partitions).toEqual(before.partitions);

    // One shutdown path: SIGTERM stops HTTP, the runtime, then Redis and Kafka, and the process exits.
    expect(await app.stop()).toEqual(expect.objectContaining({ exited: true, signal: 'SIGTERM' }));
  });

  it('is not ready while its own broker is frozen or stopped, and ready again once the broker answers', async () => {
    // Secured as the shared one is (the same material): the app logs in with the run's login.
    broker = await startKafkaBroker({
      security: process.env.KAFKA_SASL_USERNAME ? 'sasl_ssl' : 'plaintext',
    });
    const app = await startApp(apps, {
      KAFKA_BROKERS: broker.brokers.join(','),
      ...freshNames('health-kafka', namespaces),
    });
    await waitForAssignment(app);
    await waitForHealth(app, 200, 'ready on the private broker', 60_000);

    // Frozen (SIGSTOP): the port still accepts connections, nothing answers.
    process.kill(broker.pid, 'SIGSTOP');
    frozen.add(broker.pid);
    const hung = await waitForHealth(app, 503, 'not ready with the broker frozen', 15_000);
    expect(Object.keys(hung.body.error ?? {})).toEqual(['kafka']);
    expect(hung.body.error?.kafka).toMatchObject({ status: 'down' });
    expect(hung.body.info?.redis).toMatchObject({ status: 'up' });
    process.kill(broker.pid, 'SIGCONT');
    frozen.delete(broker.pid);
    await waitForHealth(app, 200, 'ready again with the broker thawed', 30_000);

    // Stopped: a restart would come up on other free ports, so only the 503 is checked here.
    await broker.stop();
    const gone = await waitForHealth(app, 503, 'not ready with the broker stopped', 15_000);
    expect(gone.body.error?.kafka).toMatchObject({ status: 'down' });
    expect((await app.live()).code).toBe(200);
  });

  it('is not ready while its Redis is frozen or stopped, and ready again once Redis answers', async () => {
    redisServer = await startRedisServer();
    const h = await ExchangeHarness.create('health-redis');
    harnesses.push(h);
    const app = await startApp(apps, { ...harnessEnv(h), REDIS_URL: redisServer.url });
    await waitForAssignment(app);
    await waitForHealth(app, 200, 'ready on the private Redis');
    await matchOne(h, 'KH2001KH', 0);

    const pid = redisServer.pid!;
    process.kill(pid, 'SIGSTOP');
    frozen.add(pid);
    const hung = await waitForHealth(app, 503, 'not ready with Redis frozen', 15_000);
    expect(hung.body.error?.redis).toMatchObject({ status: 'down' });
    process.kill(pid, 'SIGCONT');
    frozen.delete(pid);
    await waitForHealth(app, 200, 'ready again with Redis thawed');
    await matchOne(h, 'KH2002KH', 10);

    await redisServer.stop();
    const gone = await waitForHealth(app, 503, 'not ready with Redis stopped', 15_000);
    expect(gone.body.error?.redis).toMatchObject({ status: 'down' });
    expect((await app.live()).code).toBe(200);
  });
});

/** An exit at `minute` and its entry 5 minutes later, vouched for, and the crossing they make. */
async function matchOne(h: ExchangeHarness, plate: string, minute: number): Promise<void> {
  const exit = plateRead('UA', 'EXIT', plate, minute);
  await h.publishAndVouch(minute + 6, exit, plateRead('MD', 'ENTRY', plate, minute + 5));
  await waitFor(
    () => h.matched().some((m) => m.exitEventId === exit.data.eventId),
    `the crossing of ${plate}`,
  );
}

/** Topics, group and Redis namespace of their own, on whichever broker the app is given. */
function freshNames(name: string, namespaces: string[]): Record<string, string> {
  const namespace = uniqueName(`test:${name}`);
  namespaces.push(namespace);
  return {
    TOPIC_PREFIX: `${uniqueName(name)}.`,
    GROUP_ID: uniqueName(`${name}-reconciler`),
    REDIS_NAMESPACE: namespace,
  };
}
