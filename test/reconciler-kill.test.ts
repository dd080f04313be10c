import { ReconcilerStateStore } from '@uamd/state-store';
import { spawn, type ChildProcess } from 'node:child_process';
import { plateRead } from '../libs/domain/src/testing/event-builders';
import { ExchangeHarness } from './support/exchange-harness';
import { assertReconcilerBuilt, harnessEnv, RECONCILER_MAIN } from './support/reconciler-process';
import { testStackEnv } from './support/stack-env';
import { waitFor } from './support/wait-for';

describe('a reconciler process killed with SIGKILL between its Redis write and its publish', () => {
  let harness: ExchangeHarness | undefined;
  let child: ChildProcess | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await harness?.close();
  });

  it('leaves the crossing in the outbox, and a new instance republishes it with the same id and carries on', async () => {
    assertReconcilerBuilt();
    const h = await ExchangeHarness.create('sigkill');
    harness = h;
    const { brokers, redisUrl } = testStackEnv();
    let output = '';
    child = spawn(process.execPath, [RECONCILER_MAIN], {
      env: {
        ...process.env,
        KAFKA_BROKERS: brokers.join(','),
        REDIS_URL: redisUrl,
        ...harnessEnv(h),
        PORT: '0',
        SESSION_TIMEOUT_MS: '6000',
        FAULT_KILL_AFTER_COMMIT: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child!.once('exit', (_code, signal) => resolve(signal)),
    );
    await waitFor(
      () => output.includes('assignment 1'),
      `the reconciler process to join its group (output: ${output})`,
    );

    const exit = plateRead('UA', 'EXIT', 'KX4242XK', 0);
    const entry = plateRead('MD', 'ENTRY', 'KX4242XK', 7);
    await h.publishAndVouch(8, exit, entry);
    expect(await exited).toBe('SIGKILL');
    const outbox = await new ReconcilerStateStore(h.redis, h.namespace).peekOutbox(1);
    const leftIds = outbox.flatMap((b) => b.entries.map((e) => e.id));
    expect(leftIds).toHaveLength(1);
    expect(h.matched()).toHaveLength(0);

    // The dead member holds its partitions until its 6 s session expires; then the survivor takes over.
    await h.startReconciler({ sessionTimeoutMs: 6_000 });
    const [crossing] = await waitFor(
      () => h.matched().length > 0 && h.matched(),
      'the republished crossing',
      60_000,
    );
    expect(crossing).toMatchObject({
      crossingId: leftIds[0],
      exitEventId: exit.data.eventId,
      entryEventId: entry.data.eventId,
    });
    const next = [
      plateRead('UA', 'EXIT', 'KX4243XK', 10),
      plateRead('MD', 'ENTRY', 'KX4243XK', 15),
    ];
    await h.publishAndVouch(16, ...next);
    await waitFor(() => h.matched().length >= 2, 'the next crossing');
    expect(h.matched().map((m) => m.exitEventId)).toEqual([
      exit.data.eventId,
      next[0]!.data.eventId,
    ]);
  });
});
