import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCsv } from './import-csv';

describe('import-csv: a user CSV of plate reads as traffic', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'csv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (text: string) => {
    const file = join(dir, 'reads.csv');
    writeFileSync(file, text);
    return file;
  };

  it('turns rows into plate reads in capture order, numbered per camera, with honest heartbeats', () => {
    const file = write(
      [
        'country,crossing_point,direction,plate,capture_time,category,confidence',
        'MD,mohyliv-podilskyi-otaci,ENTRY,"AA 1234 BC",2024-09-02T06:20:00Z,TRUCK,0.9',
        'UA,mohyliv-podilskyi-otaci,EXIT,АА1234ВС,2024-09-02T06:00:00Z,TRUCK,',
      ].join('\n'),
    );
    const { events, skipped } = importCsv(file);
    expect(skipped).toEqual([]);
    const reads = events.flatMap((e) => (e.event.type === 'PlateRead' ? [e.event.data] : []));
    expect(reads.map((r) => [r.country, r.eventId])).toEqual([
      ['UA', 'csv.reads.csv.3'],
      ['MD', 'csv.reads.csv.2'],
    ]);
    expect(reads[0]).toMatchObject({ plateText: 'АА1234ВС', sequence: 0, ocrConfidence: 1 });
    const beats = events.flatMap((e) => (e.event.type === 'CameraHeartbeat' ? [e.event.data] : []));
    expect(beats.length).toBeGreaterThan(0);
    // A heartbeat never vouches for a read it comes before.
    for (const read of reads) {
      const index = events.findIndex((e) => e.event.data.eventId === read.eventId);
      const earlier = events
        .slice(0, index)
        .flatMap((e) => (e.event.type === 'CameraHeartbeat' ? [e.event.data] : []));
      expect(
        earlier.filter((b) => b.cameraId === read.cameraId && b.upTo >= read.captureTime),
      ).toEqual([]);
    }
  });

  it('keeps both declaration feeds of each post in the file moving on the camera heartbeat grid', () => {
    const file = write(
      [
        'country,crossing_point,direction,plate,capture_time',
        'UA,mohyliv-podilskyi-otaci,EXIT,AA1234BC,2024-09-02T06:00:10Z',
        'MD,mohyliv-podilskyi-otaci,ENTRY,AA1234BC,2024-09-02T06:20:00Z',
      ].join('\n'),
    );
    const { events } = importCsv(file);
    const declBeats = events.flatMap((e) =>
      e.event.type === 'DeclarationHeartbeat' ? [{ at: e.deliverAt, hb: e.event.data }] : [],
    );
    const cameraGrid = new Set(
      events.flatMap((e) => (e.event.type === 'CameraHeartbeat' ? [e.event.data.upTo] : [])),
    );
    for (const country of ['UA', 'MD'] as const) {
      const feed = declBeats.filter(({ hb }) => hb.country === country);
      expect(feed.map(({ hb }) => hb.upTo)).toEqual([...cameraGrid].sort((a, b) => a - b));
      expect(feed.every(({ at, hb }) => at === hb.upTo)).toBe(true);
      expect(feed.every(({ hb }) => hb.crossingPoint === 'mohyliv-podilskyi-otaci')).toBe(true);
    }
    expect(new Set(declBeats.map(({ hb }) => hb.eventId)).size).toBe(declBeats.length);
    expect(events.some((e) => e.event.type === 'CustomsDeclaration')).toBe(false);
  });

  it('refuses a bad row naming file, line and field; --skip-bad reports it and keeps the rest', () => {
    const file = write(
      [
        'country,crossing_point,direction,plate,capture_time',
        'UA,mohyliv-podilskyi-otaci,EXIT,AA1234BC,2024-09-02T06:00:00Z',
        'UA,nowhere,EXIT,AA1234BC,2024-09-02T06:00:00Z',
        'UA,mohyliv-podilskyi-otaci,SIDEWAYS,AA1234BC,yesterday',
      ].join('\n'),
    );
    expect(() => importCsv(file)).toThrow(`${file}:3: crossingPoint`);
    const { events, skipped } = importCsv(file, true);
    expect(skipped.map((s) => s.line)).toEqual([3, 4]);
    expect(skipped[1]!.reason).toMatch(/direction.*captureTime|captureTime.*direction/s);
    expect(events.filter((e) => e.event.type === 'PlateRead')).toHaveLength(1);
  });

  it('refuses a header without the required columns', () => {
    expect(() => importCsv(write('plate,time\nAA1234BC,1\n'))).toThrow(
      /reads\.csv:1: the header lacks column\(s\) country, crossing_point, direction, capture_time/,
    );
  });
});
