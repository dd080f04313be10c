import {
  cameraIdFor,
  crossingPoint,
  otherCountry,
  type Country,
  type Direction,
} from '@uamd/domain';
import { laneFor } from './captures';
import { IncidentEffects, type Incident, type IncidentKind } from './incidents';
import { type Passage, type Trip, type TripDeclarations, type World } from './world';

/** What a trip needs for `tripIncidents`. */
export interface TripFacts {
  crossingPoint: string;
  exitCountry: Trip['exitCountry'];
  category: Trip['category'];
  divertedFrom: string | null;
  readyAt: number;
  plannedEntryTime: number | null;
  exit: Passage;
  entry: Passage | null;
  declarations: TripDeclarations | null;
}

/**
 * The incidents that changed what happened to this trip or what was seen of it, in scenario
 * order: diverted from a closed post, held at an entry control past a stop, a passage unseen by
 * a camera that was down, a read from a drifting clock, a declaration published late after a
 * declarations outage, a read or declaration delivered late by a late feed.
 */
export function tripIncidents(t: TripFacts, effects: IncidentEffects): IncidentKind[] {
  const kinds = new Set<IncidentKind>();
  const point = crossingPoint(t.crossingPoint);
  const entryCountry = otherCountry(t.exitCountry);
  for (const incident of effects.incidents) {
    switch (incident.kind) {
      case 'post-closed':
        if (t.divertedFrom === incident.crossingPoint) kinds.add(incident.kind);
        if (
          incident.crossingPoint === t.crossingPoint &&
          heldPast(incident, t.readyAt, t.plannedEntryTime)
        )
          kinds.add(incident.kind);
        break;
      case 'blockade':
        if (
          incident.crossingPoint === t.crossingPoint &&
          incident.entryCountry === entryCountry &&
          heldPast(incident, t.readyAt, t.plannedEntryTime)
        )
          kinds.add(incident.kind);
        break;
      case 'camera-outage': {
        const unseen = (p: Passage | null, direction: Direction) =>
          p !== null &&
          cameraIdFor(
            p.country,
            point,
            direction,
            laneFor(t.category, point.sides[p.country].lanes),
          ) === incident.cameraId &&
          p.time >= incident.from &&
          p.time < incident.to;
        if (unseen(t.exit, 'EXIT') || unseen(t.entry, 'ENTRY')) kinds.add(incident.kind);
        break;
      }
      case 'clock-drift':
        if (
          [t.exit, t.entry].some((p) =>
            p?.reads.some((r) => r.cameraId === incident.cameraId && r.trueTime > incident.from),
          )
        )
          kinds.add(incident.kind);
        break;
      case 'declarations-outage':
        if (lodgedIn(t, incident.country, (at) => at >= incident.from && at < incident.to))
          kinds.add(incident.kind);
        break;
      case 'late-feed': {
        const late = (at: number) => at >= incident.from;
        const read = [t.exit, t.entry].some(
          (p) => p?.country === incident.country && p.reads.some((r) => late(r.trueTime)),
        );
        if (read || lodgedIn(t, incident.country, late)) kinds.add(incident.kind);
        break;
      }
      default: {
        const unreachable: never = incident;
        throw new Error(`unknown incident ${JSON.stringify(unreachable)}`);
      }
    }
  }
  return [...kinds];
}

/** Reached the entry control before the stop ended and passed only once it had. */
function heldPast(stop: { from: number; to: number }, readyAt: number, entry: number | null) {
  return entry !== null && readyAt < stop.to && entry >= stop.to;
}

/** True when one of the trip's declarations lodged in `country` was lodged at a time `when` accepts. */
function lodgedIn(t: TripFacts, country: Country, when: (at: number) => boolean): boolean {
  const d = t.declarations;
  if (!d) return false;
  return (
    (t.exitCountry === country && when(d.export.lodgedAt)) ||
    (d.import !== null && t.exitCountry !== country && when(d.import.lodgedAt))
  );
}

/** An incident as the truth tells it: its definition and how many trips it touched. */
export type IncidentTruth = Incident & { trips: number };

/** The incidents of the world's scenario, each with the number of trips it touched (`Trip.incidents`). */
export function incidentsOf(world: World): IncidentTruth[] {
  const effects = new IncidentEffects(world.scenario.incidents);
  return effects.incidents.map((incident) => ({
    ...incident,
    trips: world.trips.filter((t) => t.incidents.includes(incident.kind)).length,
  }));
}
