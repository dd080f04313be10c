import fc from 'fast-check';
import { AvroCodec } from '@uamd/codec';
import { makeMrn, type InputEvent } from '@uamd/domain';
import { topicNames } from '@uamd/messaging';
import { toOutgoingRecord, type RecordTarget } from './event-records';
import { badRequest, type ProblemBody } from './http-problems';
import { declarationBody, plateReadBody } from './testing/intake-bodies.arbitraries';
import {
  validateDeclarationInput,
  validatePlateReadInput,
  type PlateReadContext,
  type ValidationResult,
} from './validation';

const NOW = Date.UTC(2024, 8, 2, 12);
const codec = AvroCodec.load();
const target: RecordTarget = { encoder: codec, topics: topicNames('spec.'), partitions: 3 };
const READ_REQUIRED = ['crossingPoint', 'direction', 'plateText', 'ocrConfidence', 'captureTime'];
const DECLARATION_REQUIRED = ['crossingPoint', 'kind', 'mrn', 'tractorPlate', 'goods', 'lodgedAt'];
const MRN = makeMrn('24', 'UA', '100000A1B2C3', 'J');
/** A thousand bodies take about a second alone; the whole unit run on two workers may be slower. */
const PROPERTY_TIMEOUT_MS = 30_000;

function context(): PlateReadContext {
  let ids = 0;
  return {
    country: 'UA',
    nowMs: NOW,
    maxFutureSkewMs: 300_000,
    maxPastMs: 86_400_000,
    ids: { nextSequence: () => 0, newEventId: () => `id-${ids++}` },
  };
}

/** Avro `float` is 32-bit: the confidence comes back as Math.fround of what was accepted. */
function asOnTheWire(event: InputEvent): InputEvent {
  if (event.type !== 'PlateRead') return event;
  return {
    ...event,
    data: { ...event.data, ocrConfidence: Math.fround(event.data.ocrConfidence) },
  };
}

function holdsLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return /\p{Cs}/u.test(value);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([k, v]) => holdsLoneSurrogate(k) || holdsLoneSurrogate(v));
}

/** Counts of each branch, so a test can show neither was vacuous. */
interface Seen {
  accepted: number;
  refused: number;
}

/** The property for one body: a 400 naming fields the body has (or required ones it lacks), or delivered intact. */
function refusedOrDelivered(
  body: Record<string, unknown>,
  result: ValidationResult<InputEvent>,
  required: readonly string[],
  seen: Seen,
): void {
  if (!result.ok) {
    seen.refused++;
    const refusal = badRequest(result.problems);
    expect(refusal.getStatus()).toBe(400);
    const sent = refusal.getResponse() as ProblemBody;
    expect(sent.problems.length).toBeGreaterThan(0);
    for (const { field } of sent.problems) {
      const top = field.split(/[.[]/)[0]!;
      expect(top in body || required.includes(top)).toBe(true);
    }
    return;
  }
  seen.accepted++;
  expect(holdsLoneSurrogate(body)).toBe(false);
  const record = toOutgoingRecord(result.event, target, NOW, NOW);
  expect(codec.decodeInput(record.value).event).toEqual(asOnTheWire(result.event));
}

describe('HTTP intake property: refused with a 400 naming a field, or delivered intact', () => {
  it(
    'given arbitrary plate-read bodies, then each is a 400 naming its fields, or encodes and decodes to the same record',
    () => {
      const seen: Seen = { accepted: 0, refused: 0 };
      fc.assert(
        fc.property(plateReadBody(NOW), (body) => {
          refusedOrDelivered(body, validatePlateReadInput(body, context()), READ_REQUIRED, seen);
        }),
        { numRuns: 1000 },
      );
      // Neither branch may be vacuous (about 8% of these bodies are accepted).
      expect(seen.accepted).toBeGreaterThan(30);
      expect(seen.refused).toBeGreaterThan(30);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'given arbitrary declaration bodies, then each is a 400 naming its fields, or encodes and decodes to the same record',
    () => {
      const seen: Seen = { accepted: 0, refused: 0 };
      fc.assert(
        fc.property(declarationBody(NOW, MRN), (body) => {
          const ctx = { ...context(), newEventId: () => 'd-1' };
          refusedOrDelivered(body, validateDeclarationInput(body, ctx), DECLARATION_REQUIRED, seen);
        }),
        { numRuns: 1000 },
      );
      expect(seen.accepted).toBeGreaterThan(25);
      expect(seen.refused).toBeGreaterThan(25);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
