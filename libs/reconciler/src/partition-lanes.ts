/**
 * Work on one partition runs in order; different partitions run side by side, so one
 * partition's Redis or Kafka round trip overlaps another's decoding and deciding.
 * `barrier` work (a new assignment) waits for every lane and holds back later work.
 */
export class PartitionLanes {
  private readonly lanes = new Map<number, Promise<unknown>>();
  private gate: Promise<unknown> = Promise.resolve();

  run<T>(partition: number, work: () => Promise<T>): Promise<T> {
    const previous = this.lanes.get(partition) ?? this.gate;
    const next = previous.then(work, work);
    this.lanes.set(
      partition,
      next.catch(() => undefined),
    );
    return next;
  }

  barrier(work: () => Promise<void>): Promise<void> {
    const all = Promise.all([this.gate, ...this.lanes.values()]);
    const next = all.then(work);
    this.gate = next.catch(() => undefined);
    this.lanes.clear();
    return next;
  }

  async settled(): Promise<void> {
    await Promise.all([this.gate, ...this.lanes.values()]);
  }
}
