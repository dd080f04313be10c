import { type SimulationSummary } from './run-simulation';
import { printSummary } from './simulate.command';

/** A finished run's summary; `simulate --traffic` runs take seed and noise from the file (0 when absent). */
function summary(over: Partial<SimulationSummary> = {}): SimulationSummary {
  return {
    scenario: 'demo',
    seed: 42,
    noise: 1,
    speed: 600,
    wallSeconds: 12.5,
    published: {
      UA: { total: 3, byType: { PlateRead: 2, CameraHeartbeat: 1 } },
      MD: { total: 2, byType: { PlateRead: 1, CameraHeartbeat: 1 } },
    },
    crossingsMatched: 1,
    exitsStillPending: 0,
    overdue: 0,
    feedStaleAlarms: 0,
    discrepancies: 0,
    deadLettered: 0,
    duplicateOutputsDropped: 0,
    matchLatencyMs: { count: 1, p50: 40, p99: 40, max: 40 },
    stack: {
      brokers: ['127.0.0.1:9092'],
      redisUrl: 'redis://127.0.0.1:6379',
      startedLocally: true,
      kafkaLogin: 'plaintext',
    },
    files: {
      crossings: 'out/crossings.jsonl',
      latency: 'out/latency.jsonl',
      summary: 'out/summary.json',
      truth: null,
    },
    ...over,
  };
}

const headline = (s: SimulationSummary) => {
  const lines: string[] = [];
  printSummary(s, (line) => lines.push(line));
  return lines[1];
};

describe('the run summary names where the traffic came from', () => {
  it('a generated world: its scenario, seed and noise', () => {
    expect(headline(summary())).toBe(
      'Scenario demo, seed 42, noise ×1, speed 600: 12.5 s wall time',
    );
  });

  it('an imported CSV: the traffic file and how it was made, not a scenario it never was', () => {
    const line = headline(
      summary({
        seed: 0,
        noise: 0,
        speed: 'max',
        traffic: {
          file: 'reads.avro',
          records: 5,
          skipped: 0,
          header: {
            source: 'import-csv',
            origin: 'reads.csv',
            start: Date.UTC(2024, 8, 2, 6, 0, 0),
            end: Date.UTC(2024, 8, 2, 7, 30, 0),
            records: 5,
          },
        },
      }),
    );
    expect(line).toBe(
      'Traffic file reads.avro (imported from reads.csv by import-csv, 2024-09-02T06:00:00.000Z to 2024-09-02T07:30:00.000Z), speed max: 12.5 s wall time',
    );
    expect(line).not.toMatch(/Scenario|seed/);
  });

  it('an export imported as sent: says it has no heartbeats, which is why nothing matched', () => {
    const line = headline(
      summary({
        seed: 0,
        noise: 0,
        traffic: {
          file: 'partner.avro',
          records: 2,
          skipped: 0,
          header: { source: 'import-csv', origin: 'partner.jsonl', heartbeats: 'as-sent' },
        },
      }),
    );
    expect(line).toBe(
      'Traffic file partner.avro (imported from partner.jsonl by import-csv, as sent, without heartbeats), speed 600: 12.5 s wall time',
    );
  });

  it('a recording and a generated file: what made each', () => {
    const traffic = (header: NonNullable<SimulationSummary['traffic']>['header']) => ({
      file: 'f.avro',
      records: 5,
      skipped: 0,
      header,
    });
    expect(
      headline(summary({ traffic: traffic({ source: 'record', start: 0, end: 1_000 }) })),
    ).toBe(
      'Traffic file f.avro (recorded from Kafka by record, 1970-01-01T00:00:00.000Z to 1970-01-01T00:00:01.000Z), speed 600: 12.5 s wall time',
    );
    expect(
      headline(
        summary({
          scenario: 'tiny',
          seed: 5,
          noise: 0,
          traffic: traffic({ source: 'generate', scenario: 'tiny', seed: 5, noise: 0 }),
        }),
      ),
    ).toBe(
      'Traffic file f.avro (generated from scenario tiny, seed 5, noise ×0), speed 600: 12.5 s wall time',
    );
  });
});
