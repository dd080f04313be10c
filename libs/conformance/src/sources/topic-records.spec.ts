import { type IncomingRecord } from '@uamd/messaging';
import { exchangedFromTopics } from './topic-records';

const record = (
  topic: string,
  partition: number,
  offset: string,
  timestamp: number,
): IncomingRecord => ({
  topic,
  partition,
  offset,
  key: Buffer.from('mamalyha-criva'),
  value: Buffer.from([0]),
  timestamp,
  headers: {},
});

describe('exchangedFromTopics', () => {
  it('given records of prefixed topics, then they come unprefixed, positioned, merged by delivery time, each partition in its offset order', () => {
    const out = exchangedFromTopics(
      [
        record('run1.ua.plate-reads', 0, '7', 2_000),
        record('run1.ua.plate-reads', 0, '8', 2_000),
        record('run1.md.declarations', 2, '3', 1_000),
        record('run1.ua.plate-reads', 0, '9', 1_500),
      ],
      'run1.',
    );
    // Offset 9 steps back in time: it stays after 7 and 8, where its partition has it.
    expect(out.map((r) => [r.position, r.topic, r.deliveredAt])).toEqual([
      ['run1.md.declarations:2@3', 'md.declarations', 1_000],
      ['run1.ua.plate-reads:0@7', 'ua.plate-reads', 2_000],
      ['run1.ua.plate-reads:0@8', 'ua.plate-reads', 2_000],
      ['run1.ua.plate-reads:0@9', 'ua.plate-reads', 1_500],
    ]);
    expect(out[0]!.key).toBe('mamalyha-criva');
  });
});
