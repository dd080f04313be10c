import { validatePlateReadInput, type PlateReadContext } from './plate-read.validator';

const NOW = Date.UTC(2024, 8, 2, 12);

function context(): PlateReadContext {
  const counters = new Map<string, number>();
  let ids = 0;
  return {
    country: 'UA',
    nowMs: NOW,
    maxFutureSkewMs: 300_000,
    ids: {
      nextSequence: (cameraId) => {
        const next = counters.get(cameraId) ?? 0;
        counters.set(cameraId, next + 1);
        return next;
      },
      newEventId: () => `id-${ids++}`,
    },
  };
}

const valid = {
  crossingPoint: 'mohyliv-podilskyi-otaci',
  direction: 'EXIT',
  plateText: 'ВН 1234 АА',
  ocrConfidence: 0.93,
  captureTime: '2024-09-02T11:59:00Z',
};

describe('validatePlateReadInput', () => {
  it('given the minimal valid body, fills the defaults: lane L1, its camera, a counter sequence, a fresh id', () => {
    const ctx = context();
    const first = validatePlateReadInput(valid, ctx);
    const second = validatePlateReadInput(valid, ctx);
    expect(first).toEqual({
      ok: true,
      event: {
        type: 'PlateRead',
        data: {
          eventId: 'id-0',
          country: 'UA',
          crossingPoint: 'mohyliv-podilskyi-otaci',
          laneId: 'L1',
          cameraId: 'UA-1-EXIT-L1',
          sequence: 0,
          direction: 'EXIT',
          plateText: 'ВН 1234 АА',
          plateNationality: null,
          ocrConfidence: 0.93,
          captureTime: NOW - 60_000,
          vehicleCategory: 'UNKNOWN',
        },
      },
    });
    expect(second.ok && second.event.data).toMatchObject({ eventId: 'id-1', sequence: 1 });
  });

  it.each([
    [
      'all optional fields',
      {
        ...valid,
        eventId: 'cam-42',
        country: 'UA',
        laneId: 'L2',
        cameraId: 'UA-1-EXIT-L2',
        sequence: 7,
        plateNationality: 'UA',
        vehicleCategory: 'TRUCK',
      },
    ],
    ['epoch ms capture time', { ...valid, captureTime: NOW }],
    ['ISO time with offset', { ...valid, captureTime: '2024-09-02T14:59:00+03:00' }],
    ['a capture just inside the skew', { ...valid, captureTime: NOW + 300_000 }],
    ['confidence bounds', { ...valid, ocrConfidence: 0 }],
    ['a 35-character plate', { ...valid, plateText: 'X'.repeat(35) }],
  ])('accepts %s', (_name, body) => {
    expect(validatePlateReadInput(body, context())).toMatchObject({ ok: true });
  });

  it.each([
    ['a non-object body', [1, 2], 'body', /JSON object/],
    ['no body', undefined, 'body', /no body/],
    [
      'an unknown crossing point',
      { ...valid, crossingPoint: 'kyiv-boryspil' },
      'crossingPoint',
      /not a known crossing point/,
    ],
    ['a sideways direction', { ...valid, direction: 'SIDEWAYS' }, 'direction', /ENTRY, EXIT/],
    ['another country', { ...valid, country: 'MD' }, 'country', /must be UA/],
    ['an empty plate', { ...valid, plateText: '  ' }, 'plateText', /empty/],
    ['a 36-character plate', { ...valid, plateText: 'X'.repeat(36) }, 'plateText', /at most 35/],
    ['a numeric plate', { ...valid, plateText: 1234 }, 'plateText', /string/],
    ['confidence above 1', { ...valid, ocrConfidence: 1.2 }, 'ocrConfidence', /≤ 1/],
    ['confidence as text', { ...valid, ocrConfidence: '0.9' }, 'ocrConfidence', /number/],
    [
      'a capture a day ahead',
      { ...valid, captureTime: NOW + 86_400_000 },
      'captureTime',
      /in the future/,
    ],
    [
      'a local time without zone',
      { ...valid, captureTime: '2024-09-02T11:59:00' },
      'captureTime',
      /timezone/,
    ],
    ['a fractional epoch', { ...valid, captureTime: 1.5 }, 'captureTime', /epoch milliseconds/],
    ['no capture time', { ...valid, captureTime: undefined }, 'captureTime', /required/],
    ['an unknown category', { ...valid, vehicleCategory: 'TRACTOR' }, 'vehicleCategory', /one of/],
    ['a lane the post does not have', { ...valid, laneId: 'L9' }, 'laneId', /L1, L2/],
    [
      'a camera of another lane',
      { ...valid, cameraId: 'UA-1-EXIT-L2' },
      'cameraId',
      /must be UA-1-EXIT-L1/,
    ],
    ['a negative sequence', { ...valid, sequence: -1 }, 'sequence', /≥ 0/],
    ['a fractional sequence', { ...valid, sequence: 1.5 }, 'sequence', /integer/],
    [
      'a lowercase nationality',
      { ...valid, plateNationality: 'ua' },
      'plateNationality',
      /nationality sign/,
    ],
    ['a misspelt field', { ...valid, captureTIme: NOW }, 'captureTIme', /not a known field/],
  ])('refuses %s, naming the field', (_name, body, field, message) => {
    const result = validatePlateReadInput(body, context());
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toContainEqual({ field, message: expect.stringMatching(message) as unknown });
  });

  it('reports every problem of a body at once and uses up no sequence', () => {
    const ctx = context();
    const result = validatePlateReadInput(
      { crossingPoint: 'nowhere', direction: 'UP', ocrConfidence: 2 },
      ctx,
    );
    const fields = result.ok ? [] : result.problems.map((p) => p.field);
    expect(fields.sort()).toEqual([
      'captureTime',
      'crossingPoint',
      'direction',
      'ocrConfidence',
      'plateText',
    ]);
    expect(ctx.ids.nextSequence('UA-1-EXIT-L1')).toBe(0);
  });
});
