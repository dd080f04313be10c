import { type PlateRead } from '@uamd/domain';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boundedLines } from './bounded-lines';
import { writeLines } from './chunked-lines';
import { type DeliveredRead } from './row-judge';

/** Reads held in memory before a sorted run of them goes to a temporary file. */
export const RUN_READS = 100_000;

/** A read's line in a run file is a few hundred bytes: its fields are bounded by the validator. */
const RUN_LINE_LIMITS = { maxRowBytes: 1 << 16, windowBytes: 1 << 18 };

interface Entry extends DeliveredRead {
  line: number;
}

const before = (a: Entry, b: Entry) => a.deliverAt - b.deliverAt || a.line - b.line;

/**
 * The reads of a file put in delivery order (by delivery time, rows delivered at the same
 * instant in file order) in bounded memory: an external merge sort. Up to `runReads` reads are
 * held and sorted at a time; each full batch goes to a temporary file as one sorted run (a JSON
 * line per read), and the runs are merged as they are read back. A file that fits in one batch
 * never touches the disk. `sorted` is read once; the temporary files go when it ends or is
 * left, and with `close`.
 */
export class SortedRuns {
  private held: Entry[] = [];
  private dir: string | undefined;
  private readonly runs: string[] = [];

  constructor(private readonly runReads = RUN_READS) {}

  add(line: number, read: DeliveredRead): void {
    this.held.push({ line, deliverAt: read.deliverAt, read: read.read });
    if (this.held.length >= this.runReads) this.spill();
  }

  *sorted(): Generator<DeliveredRead> {
    try {
      this.held.sort(before);
      if (this.runs.length === 0) {
        for (const { deliverAt, read } of this.held) yield { deliverAt, read };
        return;
      }
      this.spill();
      yield* merged(this.runs.map((file) => runEntries(file)));
    } finally {
      this.close();
    }
  }

  close(): void {
    this.held = [];
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  private spill(): void {
    if (this.held.length === 0) return;
    this.held.sort(before);
    this.dir ??= mkdtempSync(join(tmpdir(), 'uamd-import-'));
    const file = join(this.dir, `run-${this.runs.length}.jsonl`);
    writeLines(file, runLines(this.held));
    this.runs.push(file);
    this.held = [];
  }
}

/** A run's entries as lines, one at a time (a run holds up to 100,000 reads). */
function* runLines(held: readonly Entry[]): Generator<string> {
  for (const { line, deliverAt, read } of held) yield JSON.stringify([deliverAt, line, read]);
}

function* runEntries(file: string): Generator<Entry> {
  for (const read of boundedLines(file, RUN_LINE_LIMITS)) {
    if ('tooLong' in read) throw new Error(`${file}:${read.line}: a sorted run's line is too long`);
    const [deliverAt, line, data] = JSON.parse(read.text) as [number, number, PlateRead];
    yield { deliverAt, line, read: data };
  }
}

/** The runs merged: each is in order, so the smallest head is next. */
function* merged(runs: Array<Generator<Entry>>): Generator<DeliveredRead> {
  const heads = runs.map((run) => run.next());
  try {
    for (;;) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const head = heads[i]!;
        if (head.done) continue;
        if (best < 0 || before(head.value, heads[best]!.value as Entry) < 0) best = i;
      }
      if (best < 0) return;
      const { deliverAt, read } = heads[best]!.value as Entry;
      heads[best] = runs[best]!.next();
      yield { deliverAt, read };
    }
  } finally {
    for (const run of runs) run.return(undefined);
  }
}
