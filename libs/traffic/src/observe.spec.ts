import fc from 'fast-check';
import {
  camerasOf,
  CROSSING_POINTS,
  isMixedScript,
  normalisePlate,
  type PlateRead,
} from '@uamd/domain';
import { NO_NOISE, TARGET_NOISE } from './noise';
import { heartbeatViolations } from './heartbeat-contract';
import { lastDeliveryOf } from './heartbeat-schedule';
import { observeSide, type ObservedEvent } from './observe';
import { scenarioByName, type Scenario } from './scenarios';
import { generateWorld } from './traffic-generator';
import { truthOf } from './truth';

const demo = scenarioByName('demo');
const cleanDemo: Scenario = { ...demo, noise: NO_NOISE };
/** Small and noisy, with many late deliveries and wide clock skew, for the heartbeat property. */
const lateAndSkewed: Scenario = {
  ...scenarioByName('tiny'),
  durationMinutes: 90,
  volumeFactor: 2,
  noise: { ...TARGET_NOISE, lateDeliveryRate: 0.2, maxClockSkewMs: 10 * 60_000 },
};

const reads = (events: ObservedEvent[]): PlateRead[] =>
  events.flatMap((o) => (o.event.type === 'PlateRead' ? [o.event.data] : []));

describe('observeSide', () => {
  const world = generateWorld(demo, 42);
  const ua = observeSide(world, 'UA');
  const md = observeSide(world, 'MD');
  const truth = truthOf(world);

  it('given the same noisy world twice, observes deep-equal events', () => {
    expect(observeSide(generateWorld(demo, 42), 'UA')).toEqual(ua);
    expect(observeSide(generateWorld(demo, 42), 'MD')).toEqual(md);
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

  it('without noise, reads every passage exactly once with the true plate, as the truth says', () => {
    const clean = generateWorld(cleanDemo, 42);
    const cleanTruth = truthOf(clean);
    const all = [...reads(observeSide(clean, 'UA')), ...reads(observeSide(clean, 'MD'))];
    const byId = new Map(all.map((r) => [r.eventId, r]));
    expect(byId.size).toBe(all.length);
    for (const trip of cleanTruth) {
      expect(trip.exitEventIds).toHaveLength(1);
      const exit = byId.get(trip.exitEventIds[0]!)!;
      expect(exit).toMatchObject({ direction: 'EXIT', country: trip.exitCountry });
      expect(normalisePlate(exit.plateText)).toBe(trip.plate);
      expect(exit.captureTime).toBe(trip.exitCaptureTime);
      expect(trip.entryEventIds).toHaveLength(trip.entryCaptureTime === null ? 0 : 1);
      if (trip.entryCaptureTime === null) continue;
      const entry = byId.get(trip.entryEventIds[0]!)!;
      expect(entry.direction).toBe('ENTRY');
      expect(entry.country).not.toBe(trip.exitCountry);
      expect(normalisePlate(entry.plateText)).toBe(trip.plate);
      expect(entry.captureTime).toBe(trip.entryCaptureTime);
    }
    expect(all).toHaveLength(
      cleanTruth.reduce((n, t) => n + t.exitEventIds.length + t.entryEventIds.length, 0),
    );
    expect(cleanTruth.some((t) => t.entryCaptureTime === null && !t.noShow)).toBe(true);
  });

  it('gives each camera a gap-free sequence from 0 in capture order, primary reads on the lane of their category', () => {
    const byCamera = new Map<string, PlateRead[]>();
    for (const r of [...reads(ua), ...reads(md)])
      byCamera.set(r.cameraId, [...(byCamera.get(r.cameraId) ?? []), r]);
    for (const camReads of byCamera.values()) {
      camReads.sort((a, b) => a.sequence - b.sequence);
      camReads.forEach((r, i) => expect(r.sequence).toBe(i));
      const times = camReads.map((r) => r.captureTime);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    const offLane = world.trips.flatMap((t) =>
      [t.exit, t.entry]
        .flatMap((p) => p?.reads ?? [])
        .filter((r) => r.kind === 'primary' && r.laneId !== (t.category === 'TRUCK' ? 'L2' : 'L1')),
    );
    expect(offLane).toEqual([]);
  });

  it('prints UA plates on UA cameras in Cyrillic or mixed script about as often as configured, and MD cameras in Latin', () => {
    const uaPlatesOnUa = reads(ua).filter(
      (r) => r.cameraId.startsWith('UA') && r.plateNationality === 'UA',
    );
    const nonLatin = uaPlatesOnUa.filter((r) => /[\u0400-\u04FF]/.test(r.plateText));
    expect(nonLatin.length / uaPlatesOnUa.length).toBeGreaterThan(0.2);
    expect(nonLatin.length / uaPlatesOnUa.length).toBeLessThan(0.4);
    expect(nonLatin.some((r) => isMixedScript(r.plateText))).toBe(true);
    expect(reads(md).every((r) => /^[A-Z0-9 ]+$/.test(r.plateText))).toBe(true);
  });

  it('gives misread reads a lower OCR confidence than exact ones', () => {
    const plateOf = new Map(
      truth.flatMap((t) => [...t.exitEventIds, ...t.entryEventIds].map((id) => [id, t.plate])),
    );
    for (const r of [...reads(ua), ...reads(md)]) {
      const exact = normalisePlate(r.plateText) === plateOf.get(r.eventId);
      expect(r.ocrConfidence >= 0.85).toBe(exact);
      expect(r.ocrConfidence).toBeGreaterThanOrEqual(0.55);
      expect(r.ocrConfidence).toBeLessThanOrEqual(0.99);
    }
  });

  it('sends a heartbeat for every camera of the side every interval, start to end inclusive', () => {
    // Nothing of this world is delivered after its end, so the feeds stop there (`lastDeliveryOf`).
    expect(lastDeliveryOf(world)).toBe(world.end);
    const ticks = (demo.durationMinutes * 60) / demo.heartbeatIntervalSeconds + 1;
    const beats = ua.filter((o) => o.event.type === 'CameraHeartbeat');
    const cameras = CROSSING_POINTS.flatMap((p) => [
      ...camerasOf('UA', p, 'EXIT'),
      ...camerasOf('UA', p, 'ENTRY'),
    ]);
    expect(beats).toHaveLength(cameras.length * ticks);
    expect(new Set(beats.map((o) => o.event.data.eventId)).size).toBe(beats.length);
  });

  it('lodges both declarations of a truck with the same MRN, export on the origin side, the same plate unless a mismatch was injected', () => {
    const decls = [...ua, ...md].flatMap((o) =>
      o.event.type === 'CustomsDeclaration' ? [o.event.data] : [],
    );
    const exports = decls.filter((d) => d.kind === 'EXPORT');
    expect(exports.length).toBe(truth.filter((t) => t.category === 'TRUCK').length);
    const injected = new Map(
      truth.flatMap((t) => (t.declarations ? [[t.declarations.mrn, t.declarations.injected]] : [])),
    );
    for (const d of decls.filter((x) => x.kind === 'IMPORT')) {
      const exp = exports.find((e) => e.mrn === d.mrn)!;
      expect(exp.country).not.toBe(d.country);
      expect(d.mrn.slice(2, 4)).toBe(exp.country);
      expect(normalisePlate(d.tractorPlate) === normalisePlate(exp.tractorPlate)).toBe(
        !injected.get(d.mrn)!.includes('PLATE_MISMATCH'),
      );
    }
  });

  it('keeps heartbeats honest on the demo world (skew and late delivery)', () => {
    expect(heartbeatViolations(ua)).toEqual([]);
    expect(heartbeatViolations(md)).toEqual([]);
  });

  it('property: a heartbeat never vouches for a read not yet published, whatever the seed (seeds replayable)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom('UA' as const, 'MD' as const),
        (seed, side) => {
          const events = observeSide(generateWorld(lateAndSkewed, seed), side);
          expect(events.some((o) => o.event.type === 'PlateRead')).toBe(true);
          expect(heartbeatViolations(events)).toEqual([]);
        },
      ),
      { numRuns: 20 },
    );
  });
});
