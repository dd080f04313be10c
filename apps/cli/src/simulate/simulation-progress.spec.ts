import { Writable } from 'node:stream';
import { simulationSample, SimulationProgress, type SimulationCounts } from './simulation-progress';
import { progressLine } from '../progress';

const counts = (over: Partial<SimulationCounts> = {}): SimulationCounts => ({
  total: 10_000,
  published: { UA: 2_600, MD: 2_400 },
  outputs: { CrossingMatched: 410, CrossingOverdue: 3, CrossingDiscrepancy: 1, FeedStale: 0 },
  consumed: 4_988,
  latencies: [30, 50, 40],
  elapsedSeconds: 10,
  ...over,
});

describe('simulate progress', () => {
  it('counts both countries against the traffic to publish, with what is decided and the lag', () => {
    expect(progressLine('published', simulationSample(counts()))).toBe(
      'published 5,000/10,000 (50%, 500/s, ETA 10 s); UA 2,600, MD 2,400; 410 matched, 3 overdue; reconciler 12 behind; match p50 40 ms',
    );
  });

  it('before any crossing: no latency; a reconciler ahead of the count is not behind', () => {
    const p = simulationSample(counts({ latencies: [], consumed: 6_000 }));
    expect(p.detail).toBe('UA 2,600, MD 2,400; 410 matched, 3 overdue; reconciler 0 behind');
  });

  it('the latency is of the latest crossings, not diluted by the whole run', () => {
    const latencies = [
      ...Array.from({ length: 5_000 }, () => 10),
      ...Array.from({ length: 1_000 }, () => 900),
    ];
    expect(simulationSample(counts({ latencies })).detail).toContain('match p50 900 ms');
  });

  it('shows nothing without a stream, and routes log lines straight through', () => {
    const logged: string[] = [];
    const progress = new SimulationProgress(undefined, (line) => logged.push(line));
    progress.publishing({
      total: 1,
      published: () => {
        throw new Error('not sampled without a stream');
      },
      outputs: () => counts().outputs,
      consumed: () => 0,
      latencies: () => [],
    });
    progress.log('reconciler: hello');
    progress.stop();
    expect(logged).toEqual(['reconciler: hello']);
  });

  it('on a pipe: a first line when publishing starts and a last one at stop', () => {
    const written: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written.push(String(chunk));
        done();
      },
    });
    const progress = new SimulationProgress(stream, () => undefined);
    let sent = 0;
    progress.publishing({
      total: 4,
      published: () => ({ UA: sent, MD: sent }),
      outputs: () => counts().outputs,
      consumed: () => 2 * sent,
      latencies: () => [],
    });
    sent = 2;
    progress.stop();
    const lines = written.join('').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^published 0\/4 \(0%, .*; UA 0, MD 0; 410 matched/);
    expect(lines[1]).toMatch(
      /^published 4\/4 \(100%, .*ETA 0 s\); UA 2, MD 2; .*reconciler 0 behind$/,
    );
  });
});
