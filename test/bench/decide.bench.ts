import { AvroCodec } from '@uamd/codec';
import {
  DEFAULT_MATCHING_CONFIG,
  defaultPlateMatcher,
  feedRankOf,
  initialState,
  InputAligner,
  INPUT_FEEDS,
  PERSISTED_COLLECTIONS,
  partitionFor,
  reconcile,
  type InputEvent,
  type PartitionState,
  type ReconcileContext,
  type ReconcileResult,
  type TimedInput,
} from '@uamd/domain';
import { commitFromState, stateFromClaim } from '@uamd/reconciler';
import { STATE_COLLECTIONS, type BatchCommit, type ClaimedPartition } from '@uamd/state-store';
import { generateWorld, observeBothSides, scenarioByName } from '@uamd/traffic';
import { createHash, type Hash } from 'node:crypto';
import { GCProfiler } from 'node:v8';

/** The drain bench's topics have three partitions: one post each. */
const PARTITIONS = 3;
/** The runtime decides a released backlog in runs of at most this many records (its MAX_RECORDS_PER_COMMIT). */
const RUN_RECORDS = 5_000;

export interface DecideOptions {
  /** Registry volumes times this (and as many entry lanes), as the drain bench's backlog. */
  volumeFactor?: number;
  /** Timed passes over the same backlog, each from empty states: the best and the median are printed. */
  repeats?: number;
  /** Hash every run's outputs and state writes (off for a profile: hashing is not deciding). */
  digest?: boolean;
  /** Rebuild each partition's state from its persisted form every this many runs (0: never), as a restart does. */
  reloadEvery?: number;
}

export interface DecideFigures {
  events: number;
  runs: number;
  outputs: number;
  /** Decide time of the fastest pass, and the median pass. */
  seconds: number;
  medianSeconds: number;
  eventsPerSecond: number;
  /** GC pauses inside the timed decide calls, as a share of their time (the fastest pass). */
  gcShare: number;
  /** Those pauses by V8 GC type (`Scavenge`, `MarkSweepCompact`…), counted. */
  gcPauses: Record<string, number>;
  /** sha256 of every output (type, content, cause), per partition in decision order. */
  outputDigest: string;
  /** sha256 of every state write (what the committer would put in Redis), per run. */
  stateDigest: string;
}

type Run = ReadonlyArray<TimedInput<null>>;

interface PassResult {
  seconds: number;
  gcSeconds: number;
  gcPauses: Record<string, number>;
  outputs: number;
  outputDigest: string;
  stateDigest: string;
}

/**
 * The pure decision path alone (issue 14): the drain bench's backlog (a weekday at 40× volume,
 * seed 7, both sides observed) decoded as the reconciler decodes it, merged per partition by the
 * aligner and cut into the runs the runtime hands to `reconcile`, then decided with nothing else
 * in the loop: no Kafka, no Avro, no Redis. Only the `reconcile` calls are timed. The digests
 * show an optimisation changes no decision and no persisted byte.
 */
export function benchDecide(
  log: (line: string) => void,
  options: DecideOptions = {},
): DecideFigures {
  const volumeFactor = options.volumeFactor ?? 40;
  const repeats = Math.max(1, options.repeats ?? 5);
  const lanes = backlogRuns(volumeFactor, log);
  const events = lanes.flat().reduce((n, run) => n + run.length, 0);
  const runs = lanes.reduce((n, lane) => n + lane.length, 0);
  const passes: PassResult[] = [];
  for (let i = 0; i < repeats; i++) {
    const pass = decidePass(lanes, options);
    passes.push(pass);
    log(
      `pass ${i + 1}: ${Math.round(events / pass.seconds).toLocaleString('en')} events/s (${pass.seconds.toFixed(3)} s, GC ${pct(pass.gcSeconds / pass.seconds)}: ${pausesText(pass.gcPauses)})`,
    );
  }
  const digests = new Set(passes.map((p) => `${p.outputDigest} ${p.stateDigest}`));
  if (digests.size > 1) throw new Error('bench: two passes over one backlog decided differently');
  const sorted = passes.slice().sort((a, b) => a.seconds - b.seconds);
  const best = sorted[0]!;
  const figures: DecideFigures = {
    events,
    runs,
    outputs: best.outputs,
    seconds: best.seconds,
    medianSeconds: sorted[Math.floor(sorted.length / 2)]!.seconds,
    eventsPerSecond: events / best.seconds,
    gcShare: best.gcSeconds / best.seconds,
    gcPauses: best.gcPauses,
    outputDigest: best.outputDigest,
    stateDigest: best.stateDigest,
  };
  log(
    `decide ${Math.round(figures.eventsPerSecond).toLocaleString('en')} events/s best of ${repeats} (${figures.seconds.toFixed(3)} s; median ${figures.medianSeconds.toFixed(3)} s), GC ${pct(figures.gcShare)}; ${events.toLocaleString('en')} events in ${runs} runs, ${figures.outputs.toLocaleString('en')} outputs`,
  );
  if (options.digest !== false)
    log(`output digest ${figures.outputDigest}, state digest ${figures.stateDigest}`);
  return figures;
}

const pct = (share: number) => `${(100 * share).toFixed(1)}%`;

const pausesText = (pauses: Record<string, number>) =>
  Object.entries(pauses)
    .map(([type, n]) => `${n} ${type}`)
    .join(', ') || 'no pauses';

/** Per partition, the merged backlog in the runs the runtime would decide it in. */
function backlogRuns(volumeFactor: number, log: (line: string) => void): Run[][] {
  const started = performance.now();
  // As the drain bench: more lanes with the volume, a load test rather than a 40-fold queue.
  const scenario = {
    ...scenarioByName('weekday'),
    volumeFactor,
    entryCapacityFactor: volumeFactor,
  };
  const observed = observeBothSides(generateWorld(scenario, 7));
  const codec = AvroCodec.load();
  const aligners = Array.from(
    { length: PARTITIONS },
    () => new InputAligner<InputEvent>(INPUT_FEEDS.length),
  );
  for (const { event, deliverAt } of observed) {
    // Through the wire and back: the decider sees avsc's records, as the runtime's does.
    const decoded = codec.decodeInput(codec.encode(event)).event;
    aligners[partitionFor(event.data.crossingPoint, PARTITIONS)]!.push(
      feedRankOf(decoded),
      decoded,
      deliverAt,
    );
  }
  // Pushed whole, released once: the merge's order does not depend on how fetches interleave.
  const lanes = aligners.map((aligner) => {
    const released = aligner.release();
    const runs: Run[] = [];
    for (let i = 0; i < released.length; i += RUN_RECORDS)
      runs.push(
        released
          .slice(i, i + RUN_RECORDS)
          .map(({ item, at }) => ({ event: item, loggedAt: at, origin: null })),
      );
    return runs;
  });
  log(
    `generated, encoded, decoded and merged ${observed.length.toLocaleString('en')} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return lanes;
}

/**
 * One pass over every partition's runs from empty states, the partitions taken in turn as the
 * runtime's lanes take them. Between runs, untimed, the state's changes are taken as the
 * committer takes them (and hashed), so the tracked maps never grow past one run's changes.
 */
function decidePass(lanes: Run[][], options: DecideOptions): PassResult {
  const ctx: ReconcileContext = { config: DEFAULT_MATCHING_CONFIG, matcher: defaultPlateMatcher };
  const digest = options.digest !== false;
  const reloadEvery = options.reloadEvery ?? 0;
  const states = lanes.map(() => initialState());
  const persisted = lanes.map(() => emptyClaim());
  const outputHash = createHash('sha256');
  const stateHash = createHash('sha256');
  const gc = new GCProfiler();
  let seconds = 0;
  let gcSeconds = 0;
  const gcPauses: Record<string, number> = {};
  let outputs = 0;
  const longest = Math.max(...lanes.map((lane) => lane.length));
  for (let r = 0; r < longest; r++) {
    for (let p = 0; p < lanes.length; p++) {
      const run = lanes[p]![r];
      if (!run) continue;
      gc.start();
      const started = performance.now();
      const result = reconcile(states[p]!, run, ctx);
      seconds += (performance.now() - started) / 1000;
      gcSeconds += gcPauseSeconds(gc, gcPauses);
      outputs += result.outputs.length;
      if (!digest && reloadEvery === 0) {
        takeChanges(states[p]!);
        continue;
      }
      const commit = commitFromState(states[p]!, [], null, []);
      if (digest) {
        hashRun(outputHash, p, run, result);
        stateHash.update(JSON.stringify([p, r, commit.collections]));
      }
      if (reloadEvery > 0) {
        applyCommit(persisted[p]!, commit);
        if ((r + 1) % reloadEvery === 0)
          states[p] = stateFromClaim(persisted[p]!, ctx.matcher!, ctx.config);
      }
    }
  }
  return {
    seconds,
    gcSeconds,
    gcPauses,
    outputs,
    outputDigest: outputHash.digest('hex'),
    stateDigest: stateHash.digest('hex'),
  };
}

/** Stops the profiler; counts its pauses by type into `pauses` and returns their length. */
function gcPauseSeconds(gc: GCProfiler, pauses: Record<string, number>): number {
  let micros = 0;
  for (const s of gc.stop()?.statistics ?? []) {
    micros += s.cost;
    pauses[s.gcType] = (pauses[s.gcType] ?? 0) + 1;
  }
  return micros / 1e6;
}

/** What the committer does with a state after a run, without encoding it. */
function takeChanges(state: PartitionState): void {
  for (const name of PERSISTED_COLLECTIONS) state[name].takeChanges();
}

/** Outputs with the id of the input that raised each, plus the run's rejects and late inputs. */
function hashRun(hash: Hash, partition: number, run: Run, result: ReconcileResult<null>): void {
  result.outputs.forEach((output, k) => {
    const cause = run[result.causes[k]!]!.event.data;
    const causeId = 'eventId' in cause ? cause.eventId : null;
    hash.update(JSON.stringify([partition, causeId, output]));
    hash.update('\n');
  });
  const rejected = result.rejected.map((r) => [r.input.event.type, r.reason]);
  hash.update(JSON.stringify([partition, rejected, result.late]));
}

/** A partition's Redis hashes, as the store would hold them for a claim. */
function emptyClaim(): ClaimedPartition {
  return {
    epoch: 'bench',
    offsets: new Map(),
    outbox: [],
    pending: new Map(),
    done: new Map(),
    cameras: new Map(),
    alarms: new Map(),
    cases: new Map(),
  };
}

function applyCommit(claim: ClaimedPartition, commit: BatchCommit): void {
  for (const name of STATE_COLLECTIONS) {
    const write = commit.collections[name];
    for (const key of write.del) claim[name].delete(key);
    for (const [key, value] of write.put) claim[name].set(key, value);
  }
}

/** `node dist/test/bench/decide.bench.js [--repeats N] [--no-digest] [--reload-every N]` */
function main(argv: string[]): void {
  const option = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? Number(argv[at + 1]) : undefined;
  };
  benchDecide((line) => console.log(line), {
    repeats: option('--repeats'),
    digest: !argv.includes('--no-digest'),
    reloadEvery: option('--reload-every'),
    volumeFactor: option('--volume-factor'),
  });
}

if (require.main === module) main(process.argv.slice(2));
