import { type CameraHeartbeat, type InputEvent } from '@uamd/domain';
import { plateRead } from '../../../domain/src/testing/event-builders';
import { type CheckedRecord } from '../exchanged-record';
import { MAX_UNKNOWN_KEYS } from './bounded-states';
import { DEFAULT_CHECK_OPTIONS } from './check-options';
import {
  EventIdsCheck,
  HeartbeatHonestyCheck,
  HeartbeatIntervalCheck,
  MonotoneCheck,
  SequenceCheck,
} from './feed';
import { ExchangeOutcomeCheck } from './outcome/exchange-outcome.check';
import { PromptReadsCheck, ReadDeadlineCheck } from './timeliness';

const START = Date.UTC(2024, 8, 2);
const POST = 'mamalyha-criva';
const REGISTRY_CAMERA = 'UA-0-EXIT-L1';

function record(n: number, event: InputEvent): CheckedRecord {
  return {
    position: `record ${n}`,
    topic: 'ua.plate-reads',
    key: POST,
    deliveredAt: START + n,
    value: null,
    decoded: { schemaId: event.type === 'PlateRead' ? 1 : 2, event },
  };
}

function read(cameraId: string, sequence: number, at: number): InputEvent {
  return plateRead('UA', 'EXIT', 'AA1234BC', 0, {
    eventId: `r-${cameraId}-${sequence}`,
    crossingPoint: POST,
    cameraId,
    sequence,
    ocrConfidence: 0.9,
    captureTime: at - 500,
  });
}

function heartbeat(cameraId: string, lastSequence: number, at: number): InputEvent {
  const data: CameraHeartbeat = {
    eventId: `h-${cameraId}-${at}`,
    country: 'UA',
    crossingPoint: POST,
    cameraId,
    upTo: at - 100,
    lastSequence,
  };
  return { type: 'CameraHeartbeat', data };
}

/**
 * A hostile feed: a million messages, each of a camera never seen before, and among them one
 * registry camera that skips a number its heartbeat then vouches for.
 */
function* hostileFeed(cameras: number): Generator<CheckedRecord> {
  let n = 0;
  yield record(++n, read(REGISTRY_CAMERA, 0, START + n));
  yield record(++n, heartbeat(REGISTRY_CAMERA, 0, START + n));
  for (let i = 0; i < cameras; i++) {
    const at = START + n + 1;
    yield record(++n, i % 2 === 0 ? read(`cam-${i}`, 0, at) : heartbeat(`cam-${i}`, 0, at));
  }
  yield record(++n, read(REGISTRY_CAMERA, 2, START + n));
  yield record(++n, heartbeat(REGISTRY_CAMERA, 2, START + n));
}

describe('checks fed a million cameras outside the registry', () => {
  const CAMERAS = 1_000_000;
  const options = DEFAULT_CHECK_OPTIONS;
  const sequence = new SequenceCheck(options);
  const interval = new HeartbeatIntervalCheck(options);
  const honesty = new HeartbeatHonestyCheck(options);
  const monotone = new MonotoneCheck(options);
  const deadline = new ReadDeadlineCheck(options);
  const prompt = new PromptReadsCheck(options);
  const ids = new EventIdsCheck(options, 24, 10_000);
  const outcome = new ExchangeOutcomeCheck(options, 10_000);
  const keyed = { sequence, interval, honesty, monotone, deadline, prompt };
  const checks = [...Object.values(keyed), ids, outcome];
  let largest = { keys: 0, ids: 0, held: 0 };

  beforeAll(() => {
    let n = 0;
    for (const r of hostileFeed(CAMERAS)) {
      for (const check of checks) check.observe(r);
      if (++n % 50_000 === 0)
        largest = {
          keys: Math.max(largest.keys, ...Object.values(keyed).map((c) => c.keysTracked)),
          ids: Math.max(largest.ids, ids.idsRemembered),
          held: Math.max(largest.held, outcome.held),
        };
    }
  });

  it('then no check keeps state for more than the registry and 64 other keys', () => {
    // One registry camera (its feed, its partition) and the first 64 unknown ones, per map:
    // TC-FEED-5 keeps three (partitions, upTo and lastSequence per feed).
    expect(largest.keys).toBeLessThanOrEqual(3 * (1 + MAX_UNKNOWN_KEYS));
    for (const [name, check] of Object.entries(keyed))
      expect([name, check.keysTracked]).toEqual([
        name,
        name === 'monotone' ? 2 * (1 + MAX_UNKNOWN_KEYS) + 1 : 1 + MAX_UNKNOWN_KEYS,
      ]);
    expect(largest.ids).toBeLessThanOrEqual(10_000);
    expect(largest.held).toBeLessThanOrEqual(10_000 + 1);
  });

  it('then each still gives its verdict, says how many messages it did not track, and judges the registry camera in full', () => {
    const gap = sequence.finish();
    expect(gap.violations).toBe(1);
    expect(gap.samples[0]!.reason).toBe(
      `sequence 1 of camera ${REGISTRY_CAMERA} never delivered, though its heartbeat vouches up to lastSequence 2: 1 missing`,
    );
    expect(gap.figures).toEqual({
      'cameras not tracked': `more than ${MAX_UNKNOWN_KEYS} cameras outside the registry (or with names over 100 characters): ${CAMERAS - MAX_UNKNOWN_KEYS} messages of further ones not judged here`,
    });
    for (const [name, check] of Object.entries(keyed)) {
      const figures = check.finish().figures ?? {};
      const note = Object.entries(figures).find(([k]) => k.endsWith('not tracked'));
      expect([name, note?.[1]]).toEqual([
        name,
        expect.stringMatching(/messages of further ones not judged here$/),
      ]);
    }
    const remembered = ids.finish();
    expect(remembered.verdict ?? (remembered.violations > 0 ? 'fail' : 'pass')).toBe('pass');
    expect(remembered.figures!['ids forgotten before their window ended']).toBe(
      CAMERAS + 4 - 10_000,
    );
    expect(outcome.finish().figures!['run stopped']).toMatch(
      /^at record \d+: the reconciler held more than 10000/,
    );
  });
});
