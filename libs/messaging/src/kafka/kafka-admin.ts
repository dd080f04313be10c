import { type Admin, type Kafka } from 'kafkajs';

export interface PartitionOffsets {
  partition: number;
  low: string;
  high: string;
}

/** How long a client that may not create a topic waits for its owner to (docs/design.md §1). */
const OWNER_CREATES_WITHIN_MS = 60_000;

/**
 * Creates missing topics with the given partition count; input topics must all share it
 * (co-partitioning). On a secured cluster each side may create only the topics it writes: a topic
 * the broker refuses to let this client create is waited for, until its owner has created it.
 */
export async function ensureTopics(
  kafka: Kafka,
  topics: string[],
  partitions: number,
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t));
    if (missing.length > 0) await createOrAwait(admin, missing, partitions);
    // A busy broker may briefly deny knowing a topic it has just created: poll until every partition has a leader.
    const metadata = await retrying(async () => {
      const m = await admin.fetchTopicMetadata({ topics });
      if (m.topics.some((t) => t.partitions.some((p) => p.leader < 0))) {
        throw Object.assign(new Error('partitions without a leader yet'), { retriable: true });
      }
      return m;
    });
    const wrong = metadata.topics.filter((t) => t.partitions.length !== partitions);
    if (wrong.length > 0) {
      throw new Error(
        `topics must all have ${partitions} partitions (co-partitioned inputs): ${wrong.map((t) => `${t.name} has ${t.partitions.length}`).join(', ')}`,
      );
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * Creates `topics`, or waits for their owners: the broker creates what this client may create and
 * refuses the rest (TOPIC_AUTHORIZATION_FAILED), which appear once their owners have made them.
 */
async function createOrAwait(admin: Admin, topics: string[], partitions: number): Promise<void> {
  try {
    // Another service may create the same topics at the same moment: "already exists" is fine.
    await admin.createTopics({
      waitForLeaders: false,
      topics: topics.map((topic) => ({
        topic,
        numPartitions: partitions,
        replicationFactor: -1,
        // Input records carry simulated delivery times (often years ago): time-based retention
        // would delete them at once, and a topic is the log that everything replays from.
        configEntries: [
          { name: 'retention.ms', value: '-1' },
          { name: 'message.timestamp.type', value: 'CreateTime' },
        ],
      })),
    });
  } catch (error) {
    if (!kafkaErrorTypes(error).some((t) => AUTHORIZATION_FAILED.has(t))) throw error;
    const deadline = Date.now() + OWNER_CREATES_WITHIN_MS;
    for (;;) {
      const existing = new Set(await admin.listTopics());
      const absent = topics.filter((t) => !existing.has(t));
      if (absent.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(
          `${absent.join(', ')} do not exist and this client may not create them (the broker's ACLs): their owners have not created them within ${OWNER_CREATES_WITHIN_MS / 1000} s`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

const AUTHORIZATION_FAILED = new Set([
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
]);

/** kafkajs puts a broker's error code on the error, its cause, or each error of an aggregate. */
export function kafkaErrorTypes(error: unknown, depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 4) return [];
  const e = error as { type?: unknown; cause?: unknown; errors?: unknown };
  return [
    ...(typeof e.type === 'string' ? [e.type] : []),
    ...kafkaErrorTypes(e.cause, depth + 1),
    ...(Array.isArray(e.errors) ? e.errors.flatMap((x) => kafkaErrorTypes(x, depth + 1)) : []),
  ];
}

/** Right after topic creation a broker may briefly answer "not the leader": those errors are retriable. */
async function retrying<T>(work: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

export async function topicOffsets(
  kafka: Kafka,
  topics: string[],
): Promise<Map<string, PartitionOffsets[]>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const result = new Map<string, PartitionOffsets[]>();
    for (const topic of topics) {
      const offsets = await retrying(() => admin.fetchTopicOffsets(topic));
      result.set(
        topic,
        offsets
          .map((o) => ({ partition: o.partition, low: o.low, high: o.high }))
          .sort((a, b) => a.partition - b.partition),
      );
    }
    return result;
  } finally {
    await admin.disconnect();
  }
}

/** The group's committed offset per `topic:partition` ('-1' when none): where the client will start without a seek. */
export async function committedOffsets(
  kafka: Kafka,
  groupId: string,
  topics: string[],
): Promise<Map<string, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const result = new Map<string, string>();
    for (const { topic, partitions } of await retrying(() =>
      admin.fetchOffsets({ groupId, topics }),
    )) {
      for (const p of partitions) result.set(`${topic}:${p.partition}`, p.offset);
    }
    return result;
  } finally {
    await admin.disconnect();
  }
}

/** True when every non-empty partition in `ends` has a position (next offset, keyed `topic:partition`) at or past its end. */
export function reachedEnds(
  positions: ReadonlyMap<string, string | bigint>,
  ends: ReadonlyMap<string, PartitionOffsets[]>,
): boolean {
  for (const [topic, partitions] of ends) {
    for (const p of partitions) {
      if (p.high === p.low) continue;
      if (BigInt(positions.get(`${topic}:${p.partition}`) ?? -1n) < BigInt(p.high)) return false;
    }
  }
  return true;
}
