import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  freePort,
  grantExchangeAcls,
  principalEnv,
  processAlive,
  type LocalKafka,
  type ScramPrincipal,
  type SecureMaterial,
  startKafkaBroker,
} from '@uamd/local-stack';
import {
  allTopics,
  createKafka,
  ensureTopics,
  kafkaErrorTypes,
  kafkaSecurityFromEnv,
  KafkaEventProducer,
  readTopicRange,
  topicNames,
} from '@uamd/messaging';
import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import { uniqueName, waitFor } from './support/wait-for';

/**
 * Issue 13 item 2 on a broker of its own (the shared one stays plaintext): SASL/SCRAM-SHA-512
 * over TLS and the exchange's ACLs. Each principal logs in the way a service would, from its
 * environment (a password file and the CA file), and every refusal comes from the broker.
 */
describe('a SASL_SSL broker with the exchange ACLs', () => {
  const prefix = `${uniqueName('secure')}.`;
  const topics = topicNames(prefix);
  let broker: LocalKafka | undefined;
  let material: SecureMaterial;
  let controllerPort: number;
  /** What the broker printed: WARN and above, and each request the authorizer refused. */
  const brokerLog: string[] = [];

  const brokers = (): string[] => broker?.brokers ?? [];

  const clientAs = (principal: ScramPrincipal, password?: string): Kafka => {
    const env: Record<string, string | undefined> = principalEnv(material, principal);
    if (password !== undefined) {
      env.KAFKA_SASL_PASSWORD_FILE = undefined;
      env.KAFKA_SASL_PASSWORD = password;
    }
    return createKafka({
      brokers: brokers(),
      clientId: `security-test-${principal}`,
      quiet: true,
      ...kafkaSecurityFromEnv(env),
    });
  };

  /** The services' own producer: idempotent, acks=all, explicit partitions. */
  const send = async (kafka: Kafka, topic: string, value: string): Promise<void> => {
    const producer = await KafkaEventProducer.connect(kafka);
    try {
      await producer.send([{ topic, partition: 0, key: 'k', value: Buffer.from(value) }]);
    } finally {
      await producer.disconnect();
    }
  };

  /** The CLI's output readers' way: a one-off group, from the start to now. */
  const readAll = async (kafka: Kafka, topic: string, group: string): Promise<string[]> => {
    const records = await readTopicRange(kafka, {
      topics: [topic],
      from: 0,
      to: Date.now(),
      groupId: uniqueName(`${prefix}${group}`),
    });
    return records.map((r) => r.value?.toString() ?? '');
  };

  beforeAll(async () => {
    controllerPort = await freePort();
    broker = await startKafkaBroker({
      security: 'sasl_ssl',
      controllerPort,
      log: (line) => brokerLog.push(line),
    });
    if (!broker.secure) throw new Error('a sasl_ssl broker must return its material');
    material = broker.secure;
    // Only admin creates topics and ACLs; the services' own ensureTopics would be refused.
    const admin = clientAs('admin');
    await ensureTopics(admin, allTopics(topics), 3);
    await grantExchangeAcls(admin, { topicPrefix: prefix });
    await send(admin, topics.crossings, 'seed-crossing');
    await send(admin, topics.plateReads.UA, 'seed-plate-read');
  });

  afterAll(async () => {
    const pid = broker?.pid;
    await broker?.stop();
    if (pid !== undefined && processAlive(pid))
      throw new Error(`broker pid ${pid} outlived stop()`);
  });

  it('keeps its certificates and passwords owner-only, in a git-ignored folder', () => {
    const mode = (file: string): number => statSync(file).mode & 0o777;
    expect(mode(material.dir)).toBe(0o700);
    expect(mode(material.credentialsFile)).toBe(0o600);
    expect(mode(material.keystoreFile)).toBe(0o600);
    expect(mode(material.passwordFile('ua-customs'))).toBe(0o600);
    expect(mode(join(broker!.dataDir, 'server.properties'))).toBe(0o600);
    // Exits non-zero (and throws) unless git ignores the folder.
    execFileSync('git', ['check-ignore', '-q', material.credentialsFile], { cwd: material.dir });
  });

  it('lets ua-customs write ua.plate-reads and read reconciler.crossings', async () => {
    const ua = clientAs('ua-customs');
    await send(ua, topics.plateReads.UA, 'ua-read');
    await expect(readAll(ua, topics.crossings, 'ua-customs')).resolves.toContain('seed-crossing');
  });

  it('refuses ua-customs writing md.plate-reads (TOPIC_AUTHORIZATION_FAILED)', async () => {
    await expectRefused(send(clientAs('ua-customs'), topics.plateReads.MD, 'forged'), [
      'TOPIC_AUTHORIZATION_FAILED',
    ]);
    // The broker's authorizer, not the client, said no.
    await expectAudited(
      `Principal = User:ua-customs is Denied operation = DESCRIBE from host = 127.0.0.1 on resource = Topic:LITERAL:${topics.plateReads.MD}`,
    );
  });

  it('lets md-customs write md.* only', async () => {
    const md = clientAs('md-customs');
    await send(md, topics.declarations.MD, 'md-declaration');
    await expectRefused(send(md, topics.declarations.UA, 'forged'), ['TOPIC_AUTHORIZATION_FAILED']);
  });

  it('refuses a wrong password (SASL authentication failed)', async () => {
    const admin = clientAs('ua-customs', 'not-the-password').admin();
    await expect(admin.connect()).rejects.toMatchObject({
      name: 'KafkaJSSASLAuthenticationError',
      message: expect.stringMatching(/SASL SCRAM SHA512 authentication failed/) as unknown,
    });
  });

  it('lets the reconciler read ua.plate-reads with its group and write reconciler.crossings, not ua.*', async () => {
    const reconciler = clientAs('reconciler');
    await expect(readAll(reconciler, topics.plateReads.UA, 'reconciler')).resolves.toContain(
      'seed-plate-read',
    );
    await send(reconciler, topics.crossings, 'reconciler-crossing');
    await expectRefused(send(reconciler, topics.plateReads.UA, 'forged'), [
      'TOPIC_AUTHORIZATION_FAILED',
    ]);
    // Its topics, but a group that is not its own.
    const group = uniqueName(`${prefix}ua-customs`);
    await expect(joinError(reconciler, topics.plateReads.UA, group)).resolves.toBe(
      'KafkaJSGroupCoordinatorNotFound',
    );
    await expectAudited(
      `Principal = User:reconciler is Denied operation = DESCRIBE from host = 127.0.0.1 on resource = Group:LITERAL:${group}`,
    );
  });

  it('lets the observer read the outputs and write nothing', async () => {
    const observer = clientAs('observer');
    await expect(readAll(observer, topics.crossings, 'uamd-tail')).resolves.toContain(
      'seed-crossing',
    );
    // The services' idempotent producer: WRITE on no topic earns no producer id (KIP-679).
    await expectRefused(send(observer, topics.crossings, 'forged'), [
      'CLUSTER_AUTHORIZATION_FAILED',
    ]);
    // A plain producer gets to the write itself: on an output it may see (READ implies DESCRIBE)
    // the produce request is refused, on an input even its metadata.
    const plain = observer.producer();
    await plain.connect();
    try {
      for (const topic of [topics.crossings, topics.deadLetter, topics.plateReads.UA])
        await expectRefused(plain.send({ topic, messages: [{ partition: 0, value: 'forged' }] }), [
          'TOPIC_AUTHORIZATION_FAILED',
        ]);
    } finally {
      await plain.disconnect();
    }
    await expectRefused(readAll(observer, topics.plateReads.UA, 'uamd-tail'), [
      'TOPIC_AUTHORIZATION_FAILED',
    ]);
  });

  it('refuses a plaintext client: the TLS listener drops it', async () => {
    const admin = probeClient({}).admin();
    await expect(admin.connect()).rejects.toMatchObject({ message: 'Closed connection' });
  });

  it('keeps the controller listener closed to clients: no broker certificate, no TLS session', async () => {
    const admin = probeClient(
      kafkaSecurityFromEnv(principalEnv(material, 'admin')),
      `127.0.0.1:${controllerPort}`,
    ).admin();
    await expect(admin.connect()).rejects.toMatchObject({
      message: expect.stringMatching(/certificate/) as unknown,
    });
  });

  it('reaches itself over the SCRAM inter-broker listener: a transaction commits and is read', async () => {
    const producer = clientAs('admin').producer({
      transactionalId: uniqueName(`${prefix}tx`),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    try {
      const tx = await producer.transaction();
      await tx.send({
        topic: topics.alerts,
        messages: [{ partition: 1, value: 'committed-alert' }],
      });
      await tx.commit();
    } finally {
      await producer.disconnect();
    }
    // Read committed: visible only once the broker has written the marker to itself.
    const observer = clientAs('observer');
    const alerts = await waitFor(
      async () => {
        const read = await readAll(observer, topics.alerts, 'uamd-latency');
        return read.includes('committed-alert') && read;
      },
      'the committed alert',
      20_000,
      200,
    );
    expect(alerts).toEqual(['committed-alert']);
  });

  /**
   * Why joining `group` failed. The broker answers FindCoordinator with GROUP_AUTHORIZATION_FAILED,
   * but kafkajs swallows that answer (cluster/brokerPool `withBroker`) and crashes the consumer
   * with "group coordinator not found"; the broker's audit log names the refusal.
   */
  async function joinError(kafka: Kafka, topic: string, group: string): Promise<string> {
    const consumer = kafka.consumer({ groupId: group, retry: { retries: 0 } });
    const crashed = new Promise<unknown>((resolve) =>
      consumer.on(consumer.events.CRASH, ({ payload }) => resolve(payload.error)),
    );
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachMessage: () => Promise.resolve() });
      return ((await crashed) as Error).name;
    } finally {
      await consumer.disconnect();
    }
  }

  /** The broker's output reaches this process through a pipe, shortly after the refusal itself. */
  async function expectAudited(denial: string): Promise<void> {
    const line = await waitFor(() => brokerLog.find((l) => l.includes(denial)), denial, 5_000);
    expect(line).toContain('(kafka.authorizer.logger)');
  }

  /** No retries: a refused connection fails at once instead of after createKafka's back-off. */
  function probeClient(security: Pick<KafkaConfig, 'ssl' | 'sasl'>, address?: string): Kafka {
    return new Kafka({
      clientId: 'security-test-probe',
      brokers: address ? [address] : brokers(),
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3_000,
      requestTimeout: 5_000,
      retry: { retries: 0 },
      ...security,
    });
  }
});

/** kafkajs wraps the broker's error code: the type sits on the error or on its cause. */
async function expectRefused(work: Promise<unknown>, types: string[]): Promise<void> {
  const error = await work.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (error === undefined) throw new Error(`expected the broker to refuse (${types.join(' or ')})`);
  const found = kafkaErrorTypes(error);
  if (!found.some((t) => types.includes(t)))
    throw new Error(`expected ${types.join(' or ')}, got ${explain(error)} [${found.join(', ')}]`);
  expect(found).toEqual(expect.arrayContaining([expect.stringMatching(types.join('|'))]));
}

function explain(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error);
}
