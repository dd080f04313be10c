import { PartitionLanes } from './partition-lanes';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PartitionLanes', () => {
  it('runs one partition in order and lets another partition overtake it', async () => {
    const lanes = new PartitionLanes();
    const log: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const a1 = lanes.run(0, async () => {
      await slow;
      log.push('p0-first');
    });
    const a2 = lanes.run(0, () => Promise.resolve(log.push('p0-second')));
    const b = lanes.run(1, () => Promise.resolve(log.push('p1')));
    await b;
    expect(log).toEqual(['p1']);
    release();
    await Promise.all([a1, a2]);
    expect(log).toEqual(['p1', 'p0-first', 'p0-second']);
  });

  it('holds work queued after a barrier until the barrier and all earlier work are done', async () => {
    const lanes = new PartitionLanes();
    const log: string[] = [];
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const before = lanes.run(2, async () => {
      await slow;
      log.push('before');
    });
    const barrier = lanes.barrier(() => Promise.resolve(void log.push('barrier')));
    const after = lanes.run(3, () => Promise.resolve(log.push('after')));
    await tick();
    expect(log).toEqual([]);
    release();
    await Promise.all([before, barrier, after]);
    expect(log).toEqual(['before', 'barrier', 'after']);
  });

  it('keeps a lane going after a failed piece of work', async () => {
    const lanes = new PartitionLanes();
    await expect(lanes.run(0, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lanes.run(0, () => Promise.resolve(7))).resolves.toBe(7);
  });
});
