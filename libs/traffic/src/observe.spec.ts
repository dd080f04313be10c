import fc from 'fast-check';
import {
  camerasOf,
  CROSSING_POINTS,
  isMixedScript,
  normalisePlate,
  type CameraHeartbeat,
  type PlateRead,
} from '@uamd/domain';
import { observeSide, type ObservedEvent } from './observe';
import { scenarioByName, type Scenario } from './scenarios';
import { generateWorld } from './traffic-generator';
import { truthOf } from './truth';

const demo = scenarioByName('demo');
const small: Scenario = { ...scenarioByName('tiny'), durationMinutes: 90, volumeFactor: 2 };

const reads = (events: ObservedEvent[]): PlateRead[] =>
  events.flatMap((o) => (o.event.type === 'PlateRead' ? [o.event.data] : []));

/** The ordering invariant of DESIGN.md §3: a heartbeat comes after every read it vouches for. */
function heartbeatViolations(events: ObservedEvent[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const { event } of events) {
    if (event.type === 'PlateRead') seen.set(event.data.cameraId, event.data.sequence);
    if (event.type !== 'CameraHeartbeat') continue;
    const hb: CameraHeartbeat = event.data;
    if ((seen.get(hb.cameraId) ?? -1) !== hb.lastSequence)
      problems.push(
        `${hb.eventId}: lastSequence ${hb.lastSequence}, sent ${seen.get(hb.cameraId) ?? -1}`,
      );
  }
  return problems;
}

describe('observeSide', () => {
  const world = generateWorld(demo, 42);
  const ua = observeSide(world, 'UA');
  const md = observeSide(world, 'MD');
  const truth = truthOf(world);

  it('given the same world twice, observes the same events', () => {
    expect(observeSide(generateWorld(demo, 42), 'UA')).toEqual(ua);
  });

  it('returns events in deliverAt order and only of the observing side', () => {
    for (const [side, events] of [
      ['UA', ua],
      ['MD', md],
    ] as const) {
      expect(new Set(events.map((o) => o.event.data.country))).toEqual(new Set([side]));
      const times = events.map((o) => o.deliverAt);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });

  it('pairs every exit read with exactly one entry read of the same normalised plate, as the truth says', () => {
    const byId = new Map([...reads(ua), ...reads(md)].map((r) => [r.eventId, r]));
    expect(byId.size).toBe(reads(ua).length + reads(md).length);
    const exits = [...byId.values()].filter((r) => r.direction === 'EXIT');
    expect(exits).toHaveLength(truth.length);
    for (const trip of truth) {
      const exit = byId.get(trip.exitEventId)!;
      expect(exit.direction).toBe('EXIT');
      expect(exit.country).toBe(trip.exitCountry);
      expect(normalisePlate(exit.plateText)).toBe(trip.plate);
      expect(exit.captureTime).toBe(trip.exitCaptureTime);
      if (trip.entryEventId === null) continue;
      const entry = byId.get(trip.entryEventId)!;
      expect(entry.direction).toBe('ENTRY');
      expect(entry.country).not.toBe(trip.exitCountry);
      expect(normalisePlate(entry.plateText)).toBe(trip.plate);
      expect(entry.captureTime).toBe(trip.entryCaptureTime);
    }
    const entries = [...byId.values()].filter((r) => r.direction === 'ENTRY');
    expect(entries).toHaveLength(truth.filter((t) => t.entryEventId !== null).length);
    expect(truth.some((t) => t.entryEventId === null && !t.noShow)).toBe(true);
  });

  it('gives each camera a gap-free sequence from 0 in capture order', () => {
    const byCamera = new Map<string, PlateRead[]>();
    for (const r of [...reads(ua), ...reads(md)])
      byCamera.set(r.cameraId, [...(byCamera.get(r.cameraId) ?? []), r]);
    for (const camReads of byCamera.values()) {
      camReads.forEach((r, i) => expect(r.sequence).toBe(i));
      expect(
        camReads.every((r) => r.laneId === (r.vehicleCategory === 'TRUCK' ? 'L2' : 'L1')),
      ).toBe(true);
    }
  });

  it('prints UA plates on UA cameras in Cyrillic or mixed script about as often as configured, and MD cameras in Latin', () => {
    const uaPlatesOnUa = reads(ua).filter((r) => r.plateNationality === 'UA');
    const nonLatin = uaPlatesOnUa.filter((r) => /[\u0400-\u04FF]/.test(r.plateText));
    expect(nonLatin.length / uaPlatesOnUa.length).toBeGreaterThan(0.2);
    expect(nonLatin.length / uaPlatesOnUa.length).toBeLessThan(0.4);
    expect(nonLatin.some((r) => isMixedScript(r.plateText))).toBe(true);
    expect(reads(md).every((r) => /^[A-Z0-9 ]+$/.test(r.plateText))).toBe(true);
    expect(reads(ua).every((r) => r.ocrConfidence >= 0.85 && r.ocrConfidence <= 0.99)).toBe(true);
  });

  it('sends a heartbeat for every camera of the side every interval, start to end inclusive', () => {
    const ticks = (demo.durationMinutes * 60) / demo.heartbeatIntervalSeconds + 1;
    const beats = ua.filter((o) => o.event.type === 'CameraHeartbeat');
    const cameras = CROSSING_POINTS.flatMap((p) => [
      ...camerasOf('UA', p, 'EXIT'),
      ...camerasOf('UA', p, 'ENTRY'),
    ]);
    expect(beats).toHaveLength(cameras.length * ticks);
    expect(new Set(beats.map((o) => o.event.data.eventId)).size).toBe(beats.length);
  });

  it('lodges both declarations of a truck with the same MRN, export on the origin side', () => {
    const decls = [...ua, ...md].flatMap((o) =>
      o.event.type === 'CustomsDeclaration' ? [o.event.data] : [],
    );
    const exports = decls.filter((d) => d.kind === 'EXPORT');
    expect(exports.length).toBe(truth.filter((t) => t.category === 'TRUCK').length);
    for (const d of decls.filter((x) => x.kind === 'IMPORT')) {
      const exp = exports.find((e) => e.mrn === d.mrn)!;
      expect(exp.country).not.toBe(d.country);
      expect(d.mrn.slice(2, 4)).toBe(exp.country);
      expect(d.tractorPlate).toBe(exp.tractorPlate);
    }
  });

  it('property: every heartbeat comes after all reads it vouches for (seeds replayable)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom('UA' as const, 'MD' as const),
        (seed, side) => {
          expect(heartbeatViolations(observeSide(generateWorld(small, seed), side))).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });
});
