import { type PlateRead } from '@uamd/domain';
import { heartbeatViolations, type ObservedEvent } from '@uamd/traffic';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCsv as importStreamed, type ImportOptions } from './import-csv';

/** The import with its events read from the file into an array, for the assertions below. */
function importCsv(file: string, options?: ImportOptions) {
  const imported = importStreamed(file, options);
  return { ...imported, events: [...imported.events] };
}

const readsOf = (events: ObservedEvent[]): PlateRead[] =>
  events.flatMap((e) => (e.event.type === 'PlateRead' ? [e.event.data] : []));
const POST = 'mohyliv-podilskyi-otaci';

describe('import-csv: a partner export of plate reads as traffic', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'csv-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (lines: string[], name = 'reads.csv') => {
    const file = join(dir, name);
    writeFileSync(file, lines.join('\n'));
    return file;
  };

  describe('given no ids, sequences or delivery times', () => {
    it('then reads come in capture order, numbered per camera, delivered at capture, with honest heartbeats', () => {
      const file = write([
        'country,crossing_point,direction,plate,capture_time,category,confidence',
        `MD,${POST},ENTRY,"AA 1234 BC",2024-09-02T06:20:00Z,TRUCK,0.9`,
        `UA,${POST},EXIT,АА1234ВС,2024-09-02T06:00:00Z,TRUCK,`,
        `UA,${POST},EXIT,BC5678AE,2024-09-02T06:05:00Z,CAR,`,
      ]);
      const imported = importCsv(file);
      expect(imported).toMatchObject({
        skipped: [],
        heartbeats: 'synthesised',
        delivery: 'at-capture',
      });
      const reads = readsOf(imported.events);
      expect(reads.map((r) => [r.eventId, r.sequence])).toEqual([
        ['csv.reads.csv.3', 0],
        ['csv.reads.csv.4', 1],
        ['csv.reads.csv.2', 0],
      ]);
      expect(reads[0]).toMatchObject({ plateText: 'АА1234ВС', ocrConfidence: 1 });
      const late = imported.events.filter(
        (e) => e.event.type === 'PlateRead' && e.deliverAt !== e.event.data.captureTime,
      );
      expect(late).toEqual([]);
      for (const country of ['UA', 'MD'])
        expect(
          heartbeatViolations(imported.events.filter((e) => e.event.data.country === country)),
        ).toEqual([]);
    });

    it('then every feed of every post present heartbeats to the end of the file, not only of its own reads', () => {
      const file = write([
        'country,crossing_point,direction,plate,capture_time',
        'MD,mamalyha-criva,EXIT,CBT123,2024-09-02T03:10:00Z',
        `UA,${POST},EXIT,AA1234BC,2024-09-02T06:52:00Z`,
      ]);
      const { events } = importCsv(file);
      const lastBeat = new Map<string, number>();
      for (const e of events)
        if (e.event.type === 'CameraHeartbeat' || e.event.type === 'DeclarationHeartbeat') {
          const feed =
            'cameraId' in e.event.data
              ? e.event.data.cameraId
              : `${e.event.data.country}:${e.event.data.crossingPoint}`;
          lastBeat.set(feed, e.deliverAt);
        }
      // 2 posts × 2 sides × (4 cameras + 1 declaration feed).
      expect(lastBeat.size).toBe(20);
      expect(new Set(lastBeat.values())).toEqual(new Set([Date.parse('2024-09-02T06:52:30Z')]));
    });

    it('then both declaration feeds of each post move on the camera heartbeat grid', () => {
      const file = write([
        'country,crossing_point,direction,plate,capture_time',
        `UA,${POST},EXIT,AA1234BC,2024-09-02T06:00:10Z`,
        `MD,${POST},ENTRY,AA1234BC,2024-09-02T06:20:00Z`,
      ]);
      const { events } = importCsv(file);
      const declBeats = events.flatMap((e) =>
        e.event.type === 'DeclarationHeartbeat' ? [{ at: e.deliverAt, hb: e.event.data }] : [],
      );
      const cameraGrid = new Set(
        events.flatMap((e) => (e.event.type === 'CameraHeartbeat' ? [e.deliverAt] : [])),
      );
      for (const country of ['UA', 'MD'] as const) {
        const feed = declBeats.filter(({ hb }) => hb.country === country);
        expect(feed.map(({ hb }) => hb.upTo)).toEqual([...cameraGrid].sort((a, b) => a - b));
        expect(feed.every(({ at, hb }) => at === hb.upTo && hb.crossingPoint === POST)).toBe(true);
      }
      expect(new Set(declBeats.map(({ hb }) => hb.eventId)).size).toBe(declBeats.length);
    });
  });

  describe("given the partner's event ids, cameras, sequences and delivery times", () => {
    const exported = [
      'event_id,country,crossing_point,direction,lane,camera,sequence,plate,capture_time,delivered_at',
      `ua-77,UA,${POST},EXIT,L2,UA-1-EXIT-L2,40,AA1234BC,2024-09-02T06:00:00Z,2024-09-02T06:00:02Z`,
      // Captured first, delivered last: the partner sent it late.
      `ua-76,UA,${POST},EXIT,L2,UA-1-EXIT-L2,39,BC5678AE,2024-09-02T05:59:00Z,2024-09-02T06:03:00Z`,
      `md-9,MD,${POST},ENTRY,L1,MD-1-ENTRY-L1,7,AA1234BC,2024-09-02T06:21:00Z,2024-09-02T06:21:01Z`,
    ];

    it("then ids, sequences and the rows' order as delivery order are kept, delivered when the partner says", () => {
      const imported = importCsv(write(exported));
      expect(imported.delivery).toBe('as-sent');
      const reads = imported.events.filter((e) => e.event.type === 'PlateRead');
      expect(
        reads.map((e) => [
          e.event.data.eventId,
          (e.event.data as PlateRead).sequence,
          new Date(e.deliverAt).toISOString(),
        ]),
      ).toEqual([
        ['ua-77', 40, '2024-09-02T06:00:02.000Z'],
        ['ua-76', 39, '2024-09-02T06:03:00.000Z'],
        ['md-9', 7, '2024-09-02T06:21:01.000Z'],
      ]);
      expect(readsOf(imported.events)[0]).toMatchObject({ laneId: 'L2', cameraId: 'UA-1-EXIT-L2' });
    });

    it('then no synthesised heartbeat of the camera vouches for the late read before it is delivered', () => {
      const { events } = importCsv(write(exported));
      const late = events.findIndex((e) => e.event.data.eventId === 'ua-76');
      const before = events
        .slice(0, late)
        .flatMap((e) =>
          e.event.type === 'CameraHeartbeat' && e.event.data.cameraId === 'UA-1-EXIT-L2'
            ? [e.event.data]
            : [],
        );
      expect(before.length).toBeGreaterThan(0);
      // upTo held below its capture, lastSequence below its number, while it is on its way.
      expect(before.every((hb) => hb.upTo < Date.parse('2024-09-02T05:59:00Z'))).toBe(true);
      expect(before.every((hb) => hb.lastSequence < 39)).toBe(true);
      const after = events
        .slice(late)
        .flatMap((e) =>
          e.event.type === 'CameraHeartbeat' && e.event.data.cameraId === 'UA-1-EXIT-L2'
            ? [e.event.data]
            : [],
        );
      expect(after[0]).toMatchObject({ lastSequence: 40 });
    });

    it('then a row delivered before the row above it is refused, naming delivered_at and that line', () => {
      const file = write([
        ...exported,
        `md-8,MD,${POST},ENTRY,L1,MD-1-ENTRY-L1,6,BC5678AE,2024-09-02T06:10:00Z,2024-09-02T06:20:00Z`,
      ]);
      expect(() => importCsv(file)).toThrow(
        `${file}:5: delivered_at: 2024-09-02T06:20:00.000Z is before 2024-09-02T06:21:01.000Z of line 4 above it`,
      );
      expect(importCsv(file, { skipBad: true }).reads).toBe(3);
    });

    it('then a row without the delivery time or sequence the other rows give is refused, naming both', () => {
      const file = write([
        ...exported,
        `md-10,MD,${POST},ENTRY,L1,,,CC1111AA,2024-09-02T06:30:00Z,`,
      ]);
      const { skipped } = importCsv(file, { skipBad: true });
      expect(skipped).toEqual([
        {
          line: 5,
          reason:
            'sequence: is required: other rows of the file give one; delivered_at: is required: other rows of the file give one',
        },
      ]);
    });

    it('then a camera that is not the registry camera of its lane is refused, naming camera', () => {
      const file = write([exported[0]!, exported[1]!.replace(',UA-1-EXIT-L2,', ',UA-1-EXIT-L1,')]);
      expect(() => importCsv(file)).toThrow(
        /reads\.csv:2: camera: must be UA-1-EXIT-L2 \(the EXIT camera of lane L2 at this post\), got "UA-1-EXIT-L1"/,
      );
    });
  });

  describe('given a lane the registry does not have at the post', () => {
    const lines = [
      'country,crossing_point,direction,lane,plate,capture_time',
      `UA,${POST},EXIT,L2,AA1234BC,2024-09-02T06:00:00Z`,
      `UA,${POST},EXIT,L7,BC5678AE,2024-09-02T06:01:00Z`,
    ];

    it('then with synthesised heartbeats the row is refused, naming the lanes there are and how to keep it', () => {
      expect(() => importCsv(write(lines))).toThrow(
        'reads.csv:3: lane: must be one of L1, L2, got "L7" (--heartbeats none keeps it as sent, for a conformance report)',
      );
    });

    it('then as sent (heartbeats none) it is kept and listed, for the conformance report to judge', () => {
      const imported = importCsv(write(lines), { heartbeats: 'none' });
      expect(imported.heartbeats).toBe('as-sent');
      expect(imported.events.every((e) => e.event.type === 'PlateRead')).toBe(true);
      expect(readsOf(imported.events).map((r) => [r.laneId, r.cameraId])).toEqual([
        ['L2', 'UA-1-EXIT-L2'],
        ['L7', 'UA-1-EXIT-L7'],
      ]);
      expect(imported.keptAsSent).toEqual([
        { line: 3, reason: 'lane: must be one of L1, L2, got "L7"' },
      ]);
    });
  });

  describe('given bad rows', () => {
    const header = 'country,crossing_point,direction,plate,capture_time,confidence,category';
    const good = `UA,${POST},EXIT,AA1234BC,2024-09-02T06:00:00Z,0.9,CAR`;

    it('then every bad column of a row is named by its CSV name, saying what the cell held', () => {
      const file = write([header, good, `XX,${POST},SIDEWAYS,,yesterday,high,BIKE`]);
      expect(() => importCsv(file)).toThrow(
        `${file}:3: country: must be UA or MD, got "XX"; direction: must be one of ENTRY, EXIT, got "SIDEWAYS"; plate: is required; confidence: must be a number, got string "high"; capture_time: must be an ISO-8601 time with a timezone (e.g. 2024-09-02T06:15:00Z) or epoch milliseconds, got "yesterday"; category: must be one of CAR, BUS, TRUCK, VAN, MOTORCYCLE, UNKNOWN, got "BIKE"`,
      );
    });

    it('then the refusal lists every bad row; --skip-bad reports them and keeps the rest', () => {
      const file = write([
        header,
        good,
        `UA,nowhere,EXIT,AA1234BC,2024-09-02T06:00:00Z,,`,
        `UA,${POST},EXIT,AA1234BC,2024-09-02T06:00:00Z,1.5,`,
      ]);
      expect(() => importCsv(file)).toThrow(
        new RegExp(
          `2 bad row\\(s\\), 1 valid .*\\n.*reads\\.csv:3: crossing_point: is not a known crossing point.*\\n.*reads\\.csv:4: confidence: must be ≤ 1, got 1\\.5`,
        ),
      );
      const { events, skipped } = importCsv(file, { skipBad: true });
      expect(skipped.map((s) => s.line)).toEqual([3, 4]);
      expect(readsOf(events)).toHaveLength(1);
    });

    it('then with no valid row left the import fails even with --skip-bad, rather than write an empty file', () => {
      const file = write([header, `UA,nowhere,EXIT,AA1234BC,2024-09-02T06:00:00Z,,`]);
      expect(() => importCsv(file, { skipBad: true })).toThrow(
        `${file}: 1 bad row(s), no valid row:\n  ${file}:2: crossing_point: is not a known crossing point`,
      );
      expect(() => importCsv(write([header]))).toThrow(/reads\.csv: no rows: nothing to write/);
    });
  });

  describe('given the header', () => {
    it('then one without the required columns is refused, naming them', () => {
      expect(() => importCsv(write(['plate,time', 'AA1234BC,1']))).toThrow(
        /reads\.csv:1: the header lacks column\(s\) country, crossing_point, direction, capture_time/,
      );
    });

    it('then a column it does not know is refused by name, while event_id and the other optional ones are known', () => {
      expect(() =>
        importCsv(
          write(['event_id,country,crossing_point,direction,plate,capture_time,speed_kmh']),
        ),
      ).toThrow(/reads\.csv:1: unknown column\(s\) speed_kmh \(columns: country,/);
    });
  });

  describe('given JSON lines (.jsonl) with the same keys', () => {
    it('then each object is a row, typed values as they are, null as left out, a bad line a row error of its own', () => {
      const file = write(
        [
          JSON.stringify({
            event_id: 'ua-1',
            country: 'UA',
            crossing_point: POST,
            direction: 'EXIT',
            plate: 'AA1234BC',
            capture_time: Date.UTC(2024, 8, 2, 6),
            confidence: 0.8,
            sequence: 3,
            nationality: null,
          }),
          '',
          '{"country": "UA", oops}',
          JSON.stringify(['UA', POST]),
          JSON.stringify({
            country: 'UA',
            crossing_point: POST,
            direction: 'EXIT',
            plate: 12,
            capture_time: '2024-09-02T06:05:00Z',
            sequence: '4',
            speed: 1,
          }),
          JSON.stringify({
            country: 'UA',
            crossing_point: POST,
            direction: 'EXIT',
            plate: 12,
            capture_time: '2024-09-02T06:05:00Z',
            sequence: 4,
          }),
        ],
        'export.jsonl',
      );
      const imported = importCsv(file, { skipBad: true });
      expect(imported.format).toBe('jsonl');
      expect(readsOf(imported.events)).toEqual([
        expect.objectContaining({
          eventId: 'ua-1',
          sequence: 3,
          ocrConfidence: 0.8,
          plateNationality: null,
          captureTime: Date.UTC(2024, 8, 2, 6),
        }),
      ]);
      expect(imported.skipped.map((s) => [s.line, s.reason.replace(/:.*/s, '')])).toEqual([
        [3, 'not JSON'],
        [4, 'must be a JSON object, got an array'],
        [5, 'unknown column(s) speed (columns'],
        [6, 'plate'],
      ]);
      expect(imported.skipped[3]!.reason).toBe('plate: must be a string, got number 12');
    });

    it('then the rows are the reads the same CSV gives, ids apart', () => {
      const row = {
        country: 'MD',
        crossing_point: POST,
        direction: 'ENTRY',
        plate: 'AA 1234 BC',
        capture_time: '2024-09-02T06:20:00Z',
        category: 'truck',
        confidence: '0.9',
      };
      const fromJson = readsOf(importCsv(write([JSON.stringify(row)], 'x.jsonl')).events);
      const fromCsv = readsOf(
        importCsv(write([Object.keys(row).join(','), Object.values(row).join(',')], 'x.csv'))
          .events,
      );
      expect(fromJson[0]!.eventId).toBe('jsonl.x.jsonl.1');
      expect({ ...fromJson[0], eventId: '' }).toEqual({ ...fromCsv[0], eventId: '' });
    });
  });

  describe('given a file no partner should send', () => {
    const header = 'country,crossing_point,direction,plate,capture_time,camera';
    const row = (i: number, camera = '') =>
      `UA,${POST},EXIT,AA${String(i).padStart(4, '0')}BC,${Date.UTC(2024, 8, 2) + i * 1000},${camera}`;

    it('then refusing it stops reading past the thousandth bad row, saying where', () => {
      const file = write([header, row(0), ...Array.from({ length: 5000 }, () => 'junk,"x')]);
      expect(() => importCsv(file)).toThrow(
        `${file}: more than 1000 bad rows (reading stopped at line 1003), 1 valid before them (--skip-bad to leave the bad ones out):\n  ${file}:3: text after a closing quote`,
      );
      expect(importCsv(file, { skipBad: true }).skippedCount).toBe(5000);
    });

    it('then a thousand cameras outside the registry are kept as sent, and further ones refused by name', () => {
      const lines = [header, ...Array.from({ length: 1002 }, (_, i) => row(i, `CAM-${i}`))];
      const imported = importCsv(write(lines), { heartbeats: 'none', skipBad: true });
      expect(imported.keptAsSentCount).toBe(1000);
      expect(imported.skipped).toEqual([
        {
          line: 1002,
          reason:
            'camera: more than 1000 cameras outside the registry in one file: CAM-1000 is not kept',
        },
        {
          line: 1003,
          reason:
            'camera: more than 1000 cameras outside the registry in one file: CAM-1001 is not kept',
        },
      ]);
    });

    it('then reads spanning more than a year are refused heartbeats, naming the rows; as sent they are kept', () => {
      const lines = [
        'country,crossing_point,direction,plate,capture_time',
        `UA,${POST},EXIT,AA1234BC,2001-01-02T00:00:00Z`,
        `UA,${POST},EXIT,AA1234BD,2100-01-02T00:00:00Z`,
      ];
      expect(() => importCsv(write(lines))).toThrow(
        /reads\.csv: the reads span 36159 days, from 2001-01-02T00:00:00\.000Z \(line 2\) to 2100-01-02T00:00:00\.000Z \(line 3\): heartbeats are synthesised for at most 366 days/,
      );
      expect(importCsv(write(lines), { heartbeats: 'none' }).reads).toBe(2);
    });
  });

  describe('given any export with delivery times, late reads and missing numbers', () => {
    it('then the synthesised heartbeats keep their promise and each camera vouches for its gap-free run', () => {
      const cameras = ['UA-1-EXIT-L1', 'UA-1-EXIT-L2', 'MD-1-ENTRY-L1'];
      const reads = fc.array(
        fc.record({
          camera: fc.constantFrom(...cameras),
          gap: fc.integer({ min: 0, max: 90_000 }),
          delay: fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 600_000 })),
          skip: fc.boolean(),
        }),
        { minLength: 1, maxLength: 40 },
      );
      fc.assert(
        fc.property(reads, (list) => {
          let at = Date.UTC(2024, 8, 2, 6);
          const next = new Map<string, number>();
          const lines = list.map(({ camera, gap, delay, skip }, i) => {
            at += gap;
            const previous = next.get(camera);
            const sequence = previous === undefined ? 0 : previous + (skip ? 2 : 1);
            next.set(camera, sequence);
            const [country, , direction, lane] = camera.split('-');
            return `e${i},${country},${POST},${direction},${lane},${camera},${sequence},AA${i}BC,${at - delay},${at}`;
          });
          const file = write([
            'event_id,country,crossing_point,direction,lane,camera,sequence,plate,capture_time,delivered_at',
            ...lines,
          ]);
          const { events } = importCsv(file);
          for (const country of ['UA', 'MD'])
            expect(
              heartbeatViolations(events.filter((e) => e.event.data.country === country)),
            ).toEqual([]);
          const delivered = new Map<string, Set<number>>();
          const vouched: number[] = [];
          const gapFree: number[] = [];
          for (const { event } of events) {
            if (event.type === 'PlateRead') {
              const own = delivered.get(event.data.cameraId) ?? new Set<number>();
              delivered.set(event.data.cameraId, own.add(event.data.sequence));
            } else if (event.type === 'CameraHeartbeat') {
              const own = delivered.get(event.data.cameraId) ?? new Set<number>();
              let last = own.size === 0 ? -1 : Math.min(...own) - 1;
              while (own.has(last + 1)) last++;
              vouched.push(event.data.lastSequence);
              gapFree.push(last);
            }
          }
          expect(vouched).toEqual(gapFree);
        }),
        { numRuns: 60 },
      );
    });
  });
});
