import { NO_NOISE, TARGET_NOISE } from './noise';
import { parseScenarioDefinition, ScenarioFileError, SCENARIO_FORMAT } from './scenario-file';
import { SCENARIOS } from './scenarios';

const minimal = {
  format: SCENARIO_FORMAT,
  name: 'my-day',
  version: 1,
  description: 'A day of my own.',
  start: '2024-09-03T00:00:00+03:00',
  durationMinutes: 60,
};
const parse = (json: unknown) => parseScenarioDefinition(json, 'scenarios/my-day.v1.json');
const refusal = (json: unknown): string => {
  try {
    parse(json);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioFileError);
    return (e as Error).message;
  }
  throw new Error('accepted');
};

describe('parseScenarioDefinition', () => {
  it('given the required fields only, fills in the defaults and converts times to epoch ms', () => {
    expect(parse(minimal)).toEqual({
      name: 'my-day',
      version: 1,
      description: 'A day of my own.',
      start: Date.UTC(2024, 8, 2, 21),
      durationMinutes: 60,
      volumeFactor: 1,
      entryCapacityFactor: 1,
      heartbeatIntervalSeconds: 30,
      cyrillicShareUa: 0.3,
      noise: TARGET_NOISE,
      noShowShare: 0.01,
    });
    expect(parse({ ...minimal, noise: 'none' }).noise).toBe(NO_NOISE);
  });

  it('reads every incident kind', () => {
    const at = (h: number) => `2024-09-03T${String(h).padStart(2, '0')}:00:00Z`;
    const scenario = parse({
      ...minimal,
      incidents: [
        {
          kind: 'post-closed',
          crossingPoint: 'mohyliv-podilskyi-otaci',
          from: at(1),
          to: at(2),
          divertTo: { 'mamalyha-criva': 0.5 },
        },
        {
          kind: 'blockade',
          crossingPoint: 'mamalyha-criva',
          entryCountry: 'UA',
          from: at(1),
          to: at(2),
        },
        { kind: 'declarations-outage', country: 'MD', from: at(1), to: at(2) },
        { kind: 'camera-outage', cameraId: 'UA-0-EXIT-L2', from: at(1), to: at(2), note: 'why' },
        { kind: 'late-feed', country: 'UA', from: at(1), delayMinutes: 30 },
        {
          kind: 'clock-drift',
          cameraId: 'MD-2-ENTRY-L1',
          from: at(1),
          msPerMinute: -500,
          maxDriftMs: 60_000,
        },
      ],
    });
    const t = (h: number) => Date.UTC(2024, 8, 3, h);
    expect(scenario.incidents).toEqual([
      {
        kind: 'post-closed',
        crossingPoint: 'mohyliv-podilskyi-otaci',
        from: t(1),
        to: t(2),
        divertTo: { 'mamalyha-criva': 0.5 },
      },
      {
        kind: 'blockade',
        crossingPoint: 'mamalyha-criva',
        entryCountry: 'UA',
        from: t(1),
        to: t(2),
      },
      { kind: 'declarations-outage', country: 'MD', from: t(1), to: t(2), catchUpMinutes: 10 },
      { kind: 'camera-outage', cameraId: 'UA-0-EXIT-L2', from: t(1), to: t(2) },
      { kind: 'late-feed', country: 'UA', from: t(1), delayMinutes: 30 },
      {
        kind: 'clock-drift',
        cameraId: 'MD-2-ENTRY-L1',
        from: t(1),
        msPerMinute: -500,
        maxDriftMs: 60_000,
      },
    ]);
  });

  it.each([
    [
      { ...minimal, format: 'uamd-scenario/2' },
      /my-day\.v1\.json: format: unsupported scenario format/,
    ],
    [{ ...minimal, durationMinutess: 60 }, /durationMinutess: unknown field/],
    [{ ...minimal, start: '2024-09-03T00:00:00' }, /start: must be an ISO 8601 time with a zone/],
    [{ ...minimal, name: 'My Day' }, /name: must be lower-case/],
    [{ ...minimal, volumeFactor: -1 }, /volumeFactor: must be at least 0/],
    [
      { ...minimal, crossingPoints: ['otaci'] },
      /crossingPoints\[0\]: unknown crossing point 'otaci'/,
    ],
    [{ ...minimal, categoryFactors: { LORRY: 2 } }, /categoryFactors\.LORRY: unknown field/],
    [
      {
        ...minimal,
        incidents: [
          {
            kind: 'camera-outage',
            cameraId: 'MD-1-ENTRY-L3',
            from: minimal.start,
            to: minimal.start,
          },
        ],
      },
      /incidents\[0\]\.cameraId: unknown camera 'MD-1-ENTRY-L3'/,
    ],
    [
      {
        ...minimal,
        incidents: [
          {
            kind: 'blockade',
            crossingPoint: 'mamalyha-criva',
            entryCountry: 'UA',
            from: '2024-09-03T02:00:00Z',
            to: '2024-09-03T01:00:00Z',
          },
        ],
      },
      /incidents\[0\]\.to: must be after from/,
    ],
    [
      {
        ...minimal,
        incidents: [
          {
            kind: 'post-closed',
            crossingPoint: 'mamalyha-criva',
            from: '2024-09-03T01:00:00Z',
            to: '2024-09-03T02:00:00Z',
            divertTo: { 'mohyliv-podilskyi-otaci': 0.7, 'maiaki-udobne-palanca': 0.6 },
          },
        ],
      },
      /incidents\[0\]\.divertTo: shares add up to 1\.3/,
    ],
    [{ ...minimal, incidents: [{ kind: 'earthquake' }] }, /incidents\[0\]\.kind: must be one of/],
    [[minimal], /\(file\): must be a JSON object/],
  ])('refuses a bad definition, naming the file and the field (%#)', (json, message) => {
    expect(refusal(json)).toMatch(message);
  });

  it('lists every problem of a definition, one line each, not only the first', () => {
    let error: unknown;
    try {
      parse({
        ...minimal,
        volumeFactor: -1,
        durationMinutess: 60,
        incidents: [
          { kind: 'camera-outage', cameraId: 'MD-1-ENTRY-L3', from: 'noon', to: minimal.start },
        ],
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioFileError);
    expect((error as ScenarioFileError).problems.map((p) => p.field)).toEqual([
      'volumeFactor',
      'incidents[0].cameraId',
      'incidents[0].from',
      'durationMinutess',
    ]);
    expect((error as Error).message.split('\n')).toEqual([
      'scenarios/my-day.v1.json: volumeFactor: must be at least 0',
      expect.stringMatching(
        /^scenarios\/my-day\.v1\.json: incidents\[0\]\.cameraId: unknown camera/,
      ),
      expect.stringMatching(
        /^scenarios\/my-day\.v1\.json: incidents\[0\]\.from: must be an ISO 8601/,
      ),
      'scenarios/my-day.v1.json: durationMinutess: unknown field',
    ]);
  });

  it('loads every shipped definition with a one-line description and a unique name', () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(SCENARIOS.map((s) => s.name)).size).toBe(SCENARIOS.length);
    for (const s of SCENARIOS) expect(s.description).not.toMatch(/\n/);
  });
});
