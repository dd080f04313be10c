import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clientSecurity,
  freePort,
  processAlive,
  readSecureMaterial,
  readStackFile,
  useStackDefaults,
} from '@uamd/local-stack';
import { Kafka, logLevel } from 'kafkajs';
import { type CliRun, runUamd } from './support/uamd-cli';

/**
 * `uamd stack` as a user runs it, through the built bin (`npm test` builds first): a broker and a
 * Redis that outlive the command, found again by the next command, stopped by `down`. Its own
 * stack file and free ports, so neither a user's stack nor the README examples are touched.
 */
const home = mkdtempSync(join(tmpdir(), 'uamd-stack-test-'));
const stackFile = join(home, 'stack.json');
const env: NodeJS.ProcessEnv = { ...process.env, UAMD_STACK_FILE: stackFile };
delete env.KAFKA_BROKERS;
delete env.REDIS_URL;

function uamd(...args: string[]): Promise<CliRun> {
  return runUamd(env, args, 90_000);
}

describe('uamd stack', () => {
  const started: number[] = [];

  afterAll(async () => {
    await uamd('stack', 'down', '--purge');
    // Last resort, only for processes this test saw the stack start.
    for (const pid of started) if (processAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(home, { recursive: true, force: true });
  });

  it('starts a broker and a Redis that outlive the command, reports them, and stops them', async () => {
    const [kafkaPort, controllerPort, redisPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const upArgs = [
      'stack',
      'up',
      '--kafka-port',
      String(kafkaPort),
      '--controller-port',
      String(controllerPort),
      '--redis-port',
      String(redisPort),
    ];
    const up = await uamd(...upArgs);
    expect(up).toMatchObject({ code: 0 });
    expect(up.stdout).toContain(`started: KAFKA_BROKERS=127.0.0.1:${kafkaPort}`);

    const record = readStackFile(stackFile);
    expect(record?.kafka.brokers).toEqual([`127.0.0.1:${kafkaPort}`]);
    expect(record?.redis.url).toBe(`redis://127.0.0.1:${redisPort}`);
    started.push(record!.kafka.pid, record!.redis.pid!);
    // The command has exited; what it started still runs and serves.
    expect(processAlive(record!.kafka.pid)).toBe(true);
    // Secured by default: the record names the folder of its logins, and admin can log in.
    expect(record?.kafka.secureDir).toBeDefined();
    const material = readSecureMaterial(record!.kafka.secureDir!);
    const admin = new Kafka({
      brokers: record!.kafka.brokers,
      logLevel: logLevel.NOTHING,
      ...clientSecurity(material!),
    }).admin();
    await admin.connect();
    await expect(admin.describeCluster()).resolves.toMatchObject({
      brokers: [{ port: kafkaPort }],
    });
    await admin.disconnect();

    const again = await uamd('stack', 'up', '--kafka-port', String(kafkaPort));
    expect(again.stdout).toContain(
      `already running: KAFKA_BROKERS=127.0.0.1:${kafkaPort} (pid ${record!.kafka.pid}, SASL_SSL with the exchange ACLs)`,
    );

    const status = await uamd('stack', 'status', '--json');
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      kafka: { running: true, answers: true },
      redis: { running: true, answers: true },
    });

    const used: NodeJS.ProcessEnv = { UAMD_STACK_FILE: stackFile };
    expect(useStackDefaults(used, 'observer')).toContain('(SASL_SSL as observer)');
    expect(used).toMatchObject({
      KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      KAFKA_SASL_USERNAME: 'observer',
      KAFKA_SASL_PASSWORD_FILE: material!.passwordFile('observer'),
    });
    const explicit: NodeJS.ProcessEnv = {
      UAMD_STACK_FILE: stackFile,
      KAFKA_BROKERS: 'elsewhere:9092',
    };
    expect(useStackDefaults(explicit)).toBeUndefined();
    expect(explicit.KAFKA_BROKERS).toBe('elsewhere:9092');

    const down = await uamd('stack', 'down');
    expect(down.stdout).toContain(
      `stopped Kafka (pid ${record!.kafka.pid}), Redis (pid ${record!.redis.pid})`,
    );
    expect(processAlive(record!.kafka.pid)).toBe(false);
    expect(processAlive(record!.redis.pid!)).toBe(false);
    expect(readStackFile(stackFile)).toBeUndefined();
    expect(await uamd('stack', 'status')).toMatchObject({ code: 3 });

    // Up again on the data `down` kept: the broker's storage keeps its cluster id and credentials.
    const reup = await uamd(...upArgs);
    expect(reup).toMatchObject({ code: 0 });
    const second = readStackFile(stackFile);
    started.push(second!.kafka.pid, second!.redis.pid!);
    expect(second!.kafka.dataDir).toBe(record!.kafka.dataDir);
    expect(await uamd('stack', 'status')).toMatchObject({ code: 0 });
    expect(await uamd('stack', 'down', '--purge')).toMatchObject({ code: 0 });
  });

  it('refuses a Kafka port another process holds, starting nothing', async () => {
    const redisPort = await freePort();
    const { createServer } = await import('node:net');
    const squatter = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => squatter.once('listening', resolve));
    const address = squatter.address();
    const taken = typeof address === 'object' && address ? address.port : 0;
    try {
      const up = await uamd(
        'stack',
        'up',
        '--kafka-port',
        String(taken),
        '--redis-port',
        String(redisPort),
      );
      expect(up.code).not.toBe(0);
      expect(up.stderr).toContain(`port ${taken} (--kafka-port) is taken by another process`);
      expect(readStackFile(stackFile)).toBeUndefined();
    } finally {
      squatter.close();
    }
  });
});
