import {
  cameraIdFor,
  CROSSING_POINTS,
  findCrossingPoint,
  type CameraHeartbeat,
  type Country,
  type CrossingPoint,
  type Direction,
  type InputEvent,
  type PlateRead,
} from '@uamd/domain';
import { type ConditionCheck, type TechnicalCondition } from '../../condition';
import { type CheckOptions } from '../check-options';
import { MessageCheck } from '../message-check';
import { quoted } from './field-text';

const KNOWN_POINTS = CROSSING_POINTS.map((p) => p.id).join(', ');

export const REGISTRY: TechnicalCondition = {
  id: 'TC-FIELD-1',
  title: 'Crossing point, lane and camera are in the border-post registry',
  rule: "Every message names a crossing point of the border-post registry. A plate read names one of the lanes the registry lists for the reporting country's side of that post, and exactly the camera the registry gives for that country, post, direction and lane: a camera watches one direction of one lane, so its id and the read's direction and lane agree. A camera heartbeat names one of that side's cameras.",
  severity: 'mandatory',
  parameters: {
    crossingPoints: KNOWN_POINTS,
    cameraIdFormat: '<country>-<post index>-<direction>-<lane>',
  },
};

interface CameraPlace {
  direction: Direction;
  lane: string;
}

const DIRECTIONS: readonly Direction[] = ['EXIT', 'ENTRY'];

/** Every camera of one side of a post, with what it watches: built once, from the registry. */
const CAMERAS = new Map<string, ReadonlyMap<string, CameraPlace>>(
  CROSSING_POINTS.flatMap((point) =>
    (['UA', 'MD'] as const).map((country) => [
      sideKey(country, point.id),
      new Map(
        DIRECTIONS.flatMap((direction) =>
          point.sides[country].lanes.map(
            (lane) => [cameraIdFor(country, point, direction, lane), { direction, lane }] as const,
          ),
        ),
      ),
    ]),
  ),
);

function sideKey(country: Country, pointId: string): string {
  return `${country}|${pointId}`;
}

/** TC-FIELD-1: post, lane and camera as the registry has them (the rule `plate-read.validator.ts` applies on input). */
export class RegistryCheck extends MessageCheck implements ConditionCheck {
  constructor(options: CheckOptions) {
    super(REGISTRY, options);
  }

  protected problemsOf(event: InputEvent): string[] {
    const { country, crossingPoint } = event.data;
    const point = findCrossingPoint(crossingPoint);
    if (!point)
      return [
        `crossing point ${quoted(crossingPoint)} is not in the border-post registry (known: ${KNOWN_POINTS})`,
      ];
    const cameras = CAMERAS.get(sideKey(country, point.id));
    // The codec admits only UA and MD, and the registry has both sides of every post.
    if (!cameras) return [`country ${country} has no side at ${point.id}`];
    switch (event.type) {
      case 'PlateRead':
        return readProblems(event.data, point, cameras);
      case 'CameraHeartbeat':
        return heartbeatProblems(event.data, cameras);
      case 'CustomsDeclaration':
      case 'DeclarationHeartbeat':
        return [];
      default: {
        const unreachable: never = event;
        throw new Error(`unknown input ${JSON.stringify(unreachable)}`);
      }
    }
  }
}

function sideName(country: Country, point: CrossingPoint): string {
  return `the ${country} side of ${point.id}`;
}

function readProblems(
  read: PlateRead,
  point: CrossingPoint,
  cameras: ReadonlyMap<string, CameraPlace>,
): string[] {
  const { country, laneId, cameraId, direction } = read;
  const lanes = point.sides[country].lanes;
  if (!lanes.includes(laneId)) {
    const problems = [
      `lane ${quoted(laneId)} is not a lane of ${sideName(country, point)} (${lanes.join(', ')})`,
    ];
    if (!cameras.has(cameraId))
      problems.push(`camera ${quoted(cameraId)} is not a camera of ${sideName(country, point)}`);
    return problems;
  }
  const expected = cameraIdFor(country, point, direction, laneId);
  if (cameraId === expected) return [];
  const place = cameras.get(cameraId);
  const what = place
    ? place.direction !== direction
      ? `: that camera watches ${place.direction}, the read says ${direction}`
      : `: that camera watches lane ${place.lane}, the read says ${laneId}`
    : '';
  return [
    `camera ${quoted(cameraId)} is not ${expected}, the registry's ${direction} camera of lane ${laneId} at ${sideName(country, point)}${what}`,
  ];
}

function heartbeatProblems(
  heartbeat: CameraHeartbeat,
  cameras: ReadonlyMap<string, CameraPlace>,
): string[] {
  if (cameras.has(heartbeat.cameraId)) return [];
  return [
    `camera ${quoted(heartbeat.cameraId)} is not a camera of the ${heartbeat.country} side of ${heartbeat.crossingPoint} (${[...cameras.keys()].join(', ')})`,
  ];
}
