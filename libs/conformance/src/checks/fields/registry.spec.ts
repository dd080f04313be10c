import { CROSSING_POINTS } from '@uamd/domain';
import { exchangedAll, observedTraffic, runCheck, withData } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { firstOf, overCleanTraffic } from './field-testing';
import { RegistryCheck } from './registry.check';

const ALL_TYPES = [
  'PlateRead',
  'CameraHeartbeat',
  'CustomsDeclaration',
  'DeclarationHeartbeat',
] as const;

describe('TC-FIELD-1 registry', () => {
  it.each([
    ['tiny', 7],
    ['demo', 42],
  ])(
    'given clean %s traffic, then every post, lane and camera is in the registry',
    (name, seed) => {
      const { result, applicable } = overCleanTraffic(
        new RegistryCheck(DEFAULT_CHECK_OPTIONS),
        name,
        seed,
        ALL_TYPES,
      );
      expect([result.verdict, result.violations]).toEqual(['pass', 0]);
      expect(result.checked).toBe(applicable);
    },
  );

  const events = observedTraffic();
  const read = firstOf(events, 'PlateRead', (e) => e.event.data.country === 'UA');
  const { crossingPoint: post, direction, laneId, cameraId } = read.event.data;
  const index = CROSSING_POINTS.find((p) => p.id === post)!.index;
  const otherDirection = direction === 'EXIT' ? 'ENTRY' : 'EXIT';
  const otherLane = laneId === 'L1' ? 'L2' : 'L1';
  const side = `the UA side of ${post}`;

  it('given reads naming an unknown post, lane or camera, then each is named against the registry', () => {
    const result = runCheck(
      new RegistryCheck(DEFAULT_CHECK_OPTIONS),
      exchangedAll([
        withData(read, { crossingPoint: 'nowhere' }),
        withData(read, { laneId: 'L3' }),
        withData(read, { laneId: 'L3', cameraId: 'CAM-7' }),
        withData(read, { direction: otherDirection }),
        withData(read, { cameraId: `UA-${index}-${direction}-${otherLane}` }),
        withData(read, { cameraId: `MD-${index}-${direction}-${laneId}` }),
        read,
      ]),
    );
    expect(result.checked).toBe(7);
    expect(result.violations).toBe(6);
    expect(result.samples.map((s) => [s.position, s.reason])).toEqual([
      [
        'record 1',
        `crossing point 'nowhere' is not in the border-post registry (known: ${CROSSING_POINTS.map((p) => p.id).join(', ')})`,
      ],
      ['record 2', `lane 'L3' is not a lane of ${side} (L1, L2)`],
      [
        'record 3',
        `lane 'L3' is not a lane of ${side} (L1, L2); camera 'CAM-7' is not a camera of ${side}`,
      ],
      [
        'record 4',
        `camera '${cameraId}' is not UA-${index}-${otherDirection}-${laneId}, the registry's ${otherDirection} camera of lane ${laneId} at ${side}: that camera watches ${direction}, the read says ${otherDirection}`,
      ],
      [
        'record 5',
        `camera 'UA-${index}-${direction}-${otherLane}' is not ${cameraId}, the registry's ${direction} camera of lane ${laneId} at ${side}: that camera watches lane ${otherLane}, the read says ${laneId}`,
      ],
      [
        'record 6',
        `camera 'MD-${index}-${direction}-${laneId}' is not ${cameraId}, the registry's ${direction} camera of lane ${laneId} at ${side}`,
      ],
    ]);
  });

  it('given a heartbeat of a camera the side does not have and a declaration at an unknown post, then both are reported', () => {
    const beat = firstOf(events, 'CameraHeartbeat');
    const declaration = firstOf(events, 'CustomsDeclaration');
    const { country, crossingPoint } = beat.event.data;
    const result = runCheck(
      new RegistryCheck(DEFAULT_CHECK_OPTIONS),
      exchangedAll([
        withData(beat, { cameraId: `${country}-9-EXIT-L1` }),
        beat,
        withData(declaration, { crossingPoint: 'Criva' }),
      ]),
    );
    expect(result.violations).toBe(2);
    expect(result.samples.map((s) => s.reason)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^camera '${country}-9-EXIT-L1' is not a camera of the ${country} side of ${crossingPoint} \\(${country}-\\d-EXIT-L1, `,
        ),
      ),
      expect.stringContaining("crossing point 'Criva' is not in the border-post registry"),
    ]);
  });

  it('given a record that does not decode, then it is left to TC-FRAME-1 and not counted', () => {
    const [good] = exchangedAll([read]);
    const result = runCheck(new RegistryCheck(DEFAULT_CHECK_OPTIONS), [
      { ...good!, value: Buffer.from([1, 2, 3]) },
    ]);
    expect([result.checked, result.violations, result.verdict]).toEqual([0, 0, 'not-applicable']);
  });
});
