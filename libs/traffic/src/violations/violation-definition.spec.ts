import { parseScenarioDefinition, ScenarioFileError, SCENARIO_FORMAT } from '../scenario-file';

/** An hour from 00:00 at the border (21:00 UTC the day before). */
const minimal = {
  format: SCENARIO_FORMAT,
  name: 'my-faults',
  version: 1,
  description: 'Faults of my own.',
  start: '2024-09-03T00:00:00+03:00',
  durationMinutes: 60,
};
const at = (min: number) => new Date(Date.parse(minimal.start) + min * 60_000).toISOString();
const ms = (min: number) => Date.parse(minimal.start) + min * 60_000;
const window = { from: at(10), to: at(20) };
const OTACI = 'mohyliv-podilskyi-otaci';
const mdOtaci = { country: 'MD', crossingPoint: OTACI };
const camera = { kind: 'camera', cameraId: 'UA-1-EXIT-L1', country: 'UA', crossingPoint: OTACI };
const declarations = { kind: 'declarations', country: 'MD', crossingPoint: OTACI };

const parse = (violations: unknown, extra: object = {}) =>
  parseScenarioDefinition({ ...minimal, ...extra, violations }, 'scenarios/my-faults.v1.json')
    .violations;

/** Every problem of a refused definition, one `field: problem` each. */
const refusal = (violations: unknown, extra: object = {}): string[] => {
  try {
    parse(violations, extra);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioFileError);
    return (e as ScenarioFileError).problems.map((p) => `${p.field}: ${p.problem}`);
  }
  throw new Error('accepted');
};

describe('a scenario file’s violations block', () => {
  it('given no block or an empty one, then the scenario has no violations or an empty list', () => {
    expect(parseScenarioDefinition(minimal, 'x.json').violations).toBeUndefined();
    expect(parse([])).toEqual([]);
  });

  it('reads every injectable condition, filling in the defaults and converting times to epoch ms', () => {
    const cam = { cameraId: 'UA-1-EXIT-L1', ...window };
    const decl = { ...mdOtaci, ...window };
    expect(
      parse([
        { condition: 'TC-FIELD-1', ...cam, count: 2 },
        { condition: 'TC-FIELD-2', ...decl, note: 'why' },
        { condition: 'TC-FIELD-3', ...decl },
        { condition: 'TC-FIELD-4', ...decl },
        { condition: 'TC-FIELD-5', ...cam },
        { condition: 'TC-TIME-1', ...cam, lateMinutes: 30 },
        { condition: 'TC-TIME-2', ...decl },
        { condition: 'TC-FEED-1', ...cam, fault: 'repeat', count: 3 },
        { condition: 'TC-FEED-2', ...cam },
        { condition: 'TC-FEED-3', ...decl },
        { condition: 'TC-FEED-4', ...cam },
        { condition: 'TC-FEED-5', ...decl, field: 'deliveredAt' },
        { condition: 'TC-DECL-1', ...decl, releasedBeforeMinutes: 5 },
      ]),
    ).toEqual([
      { condition: 'TC-FIELD-1', feed: camera, from: ms(10), to: ms(20), count: 2 },
      { condition: 'TC-FIELD-2', feed: declarations, from: ms(10), to: ms(20), count: 1 },
      { condition: 'TC-FIELD-3', feed: declarations, from: ms(10), to: ms(20), count: 1 },
      { condition: 'TC-FIELD-4', feed: declarations, from: ms(10), to: ms(20), count: 1 },
      {
        condition: 'TC-FIELD-5',
        feed: camera,
        from: ms(10),
        to: ms(20),
        count: 1,
        aheadSeconds: 600,
      },
      { condition: 'TC-TIME-1', feed: camera, from: ms(10), to: ms(20), count: 1, lateMinutes: 30 },
      {
        condition: 'TC-TIME-2',
        feed: declarations,
        from: ms(10),
        to: ms(20),
        count: 1,
        lateMinutes: 20,
      },
      { condition: 'TC-FEED-1', feed: camera, from: ms(10), to: ms(20), count: 3, fault: 'repeat' },
      { condition: 'TC-FEED-2', feed: camera, from: ms(10), to: ms(20), count: 1 },
      { condition: 'TC-FEED-3', feed: declarations, from: ms(10), to: ms(20) },
      { condition: 'TC-FEED-4', feed: camera, from: ms(10), to: ms(20), count: 1 },
      {
        condition: 'TC-FEED-5',
        feed: declarations,
        from: ms(10),
        to: ms(20),
        count: 1,
        field: 'deliveredAt',
        stepBackSeconds: 5,
      },
      {
        condition: 'TC-DECL-1',
        feed: declarations,
        from: ms(10),
        to: ms(20),
        count: 1,
        releasedBeforeMinutes: 5,
      },
    ]);
  });

  const cam = { cameraId: 'UA-1-EXIT-L1', ...window };
  const decl = { ...mdOtaci, ...window };
  it.each<[string, unknown, string]>([
    ['not a list', { condition: 'TC-FEED-2' }, 'violations: must be a list'],
    ['an entry not an object', ['TC-FEED-2'], 'violations[0]: must be a JSON object'],
    ['no condition', [cam], 'violations[0].condition: must be a non-empty string'],
    [
      'an unknown condition',
      [{ condition: 'TC-FEED-9', ...cam }],
      'violations[0].condition: must be one of TC-FIELD-1, TC-FIELD-2, TC-FIELD-3, TC-FIELD-4, TC-FIELD-5, TC-TIME-1, TC-TIME-2, TC-FEED-1, TC-FEED-2, TC-FEED-3, TC-FEED-4, TC-FEED-5, TC-DECL-1',
    ],
    [
      'a condition that cannot be injected',
      [{ condition: 'TC-FRAME-1', ...cam }],
      'violations[0].condition: TC-FRAME-1 cannot be injected: framing is about bytes, and the generator writes only valid Avro records (the framing tests use hand-made bytes)',
    ],
    [
      'an unknown camera',
      [{ condition: 'TC-FEED-2', ...cam, cameraId: 'UA-1-EXIT-L3' }],
      "violations[0].cameraId: unknown camera 'UA-1-EXIT-L3' (ids are <country>-<post index>-<EXIT|ENTRY>-<lane>, e.g. MD-1-ENTRY-L1)",
    ],
    [
      'a camera and a declaration feed at once',
      [{ condition: 'TC-FEED-2', ...cam, country: 'UA' }],
      'violations[0].country: not with cameraId: a violation is injected into one feed',
    ],
    [
      'no feed',
      [{ condition: 'TC-FEED-2', ...window }],
      'violations[0].cameraId: missing: name a camera (cameraId) or a declaration feed (country and crossingPoint)',
    ],
    [
      'a declaration feed without its country',
      [{ condition: 'TC-FIELD-3', crossingPoint: OTACI, ...window }],
      'violations[0].country: must be one of UA, MD',
    ],
    [
      'an unknown crossing point',
      [{ condition: 'TC-FIELD-3', ...decl, crossingPoint: 'otaci' }],
      "violations[0].crossingPoint: unknown crossing point 'otaci' (known: mamalyha-criva, mohyliv-podilskyi-otaci, maiaki-udobne-palanca)",
    ],
    [
      'a camera for a declaration condition',
      [{ condition: 'TC-DECL-1', ...cam, ...mdOtaci }],
      'violations[0].cameraId: unknown field',
    ],
    [
      'a declaration feed for a camera condition',
      [{ condition: 'TC-FEED-1', fault: 'gap', ...decl }],
      'violations[0].cameraId: must be a non-empty string',
    ],
    [
      'a time without a zone',
      [{ condition: 'TC-FEED-2', ...cam, from: '2024-09-03T00:10:00' }],
      "violations[0].from: must be an ISO 8601 time with a zone, e.g. 2024-09-03T00:00:00+03:00; got '2024-09-03T00:10:00'",
    ],
    [
      'an empty window',
      [{ condition: 'TC-FEED-2', ...cam, to: at(10) }],
      'violations[0].to: must be after from',
    ],
    [
      'a count of none',
      [{ condition: 'TC-FEED-2', ...cam, count: 0 }],
      'violations[0].count: must be at least 1',
    ],
    [
      'a count in parts',
      [{ condition: 'TC-FEED-2', ...cam, count: 1.5 }],
      'violations[0].count: must be a whole number',
    ],
    [
      'a lateness within the deadline',
      [{ condition: 'TC-TIME-1', ...cam, lateMinutes: 15 }],
      'violations[0].lateMinutes: must be more than 15, the delivery deadline',
    ],
    [
      'a lateness past the end',
      [{ condition: 'TC-TIME-2', ...decl, lateMinutes: 41 }],
      "violations[0].lateMinutes: to + lateMinutes is after the scenario end: a message delivered then would come after every feed's last heartbeat",
    ],
    [
      'a capture within the skew allowance',
      [{ condition: 'TC-FIELD-5', ...cam, aheadSeconds: 180 }],
      'violations[0].aheadSeconds: must be more than 180, the clock-skew allowance of TC-FIELD-5',
    ],
    [
      'a sequence fault of no kind',
      [{ condition: 'TC-FEED-1', ...cam, fault: 'hole' }],
      'violations[0].fault: must be one of gap, repeat',
    ],
    [
      'a step back of no field',
      [{ condition: 'TC-FEED-5', ...cam }],
      'violations[0].field: must be one of upTo, deliveredAt',
    ],
    [
      'a step back too far',
      [{ condition: 'TC-FEED-5', ...cam, field: 'upTo', stepBackSeconds: 31 }],
      'violations[0].stepBackSeconds: must be at most 30',
    ],
    [
      'a release no earlier than the lodgement',
      [{ condition: 'TC-DECL-1', ...decl, releasedBeforeMinutes: 0 }],
      'violations[0].releasedBeforeMinutes: must be at least 1',
    ],
    [
      'a silence with a count',
      [{ condition: 'TC-FEED-3', ...cam, count: 2 }],
      'violations[0].count: unknown field',
    ],
    [
      'a silence shorter than the one allowed',
      [{ condition: 'TC-FEED-3', ...cam, to: new Date(ms(11) - 1000).toISOString() }],
      'violations[0].to: must be at least 60 s after from, the longest silence TC-FEED-3 allows',
    ],
    [
      'a silence from the start',
      [{ condition: 'TC-FEED-3', ...cam, from: at(0) }],
      "violations[0].from: must be after the scenario start: a feed's silence counts from its first heartbeat",
    ],
    [
      'a dishonest heartbeat before the heartbeats start',
      [{ condition: 'TC-FEED-4', ...cam, from: at(-5) }],
      "violations[0].from: must be at or after the scenario start: the feeds' heartbeats start there",
    ],
    [
      'a misspelt field',
      [{ condition: 'TC-TIME-1', ...cam, lateMinute: 30 }],
      'violations[0].lateMinute: unknown field',
    ],
  ])('refuses %s, naming the field', (_, violations, problem) => {
    expect(refusal(violations)).toContain(problem);
  });

  it('refuses a feed at a post the scenario has no traffic at, camera or declarations', () => {
    const elsewhere = { crossingPoints: ['mamalyha-criva'] };
    expect(refusal([{ condition: 'TC-FEED-2', ...cam }], elsewhere)).toEqual([
      'violations[0].cameraId: mohyliv-podilskyi-otaci has no traffic in this scenario (crossingPoints)',
    ]);
    expect(refusal([{ condition: 'TC-FIELD-4', ...decl }], elsewhere)).toEqual([
      'violations[0].crossingPoint: mohyliv-podilskyi-otaci has no traffic in this scenario (crossingPoints)',
    ]);
  });

  it('lists every problem of every entry, one each, not only the first', () => {
    expect(
      refusal([
        {
          condition: 'TC-TIME-1',
          cameraId: 'UA-1-EXIT-L3',
          from: 'noon',
          to: at(20),
          lateMinutes: 5,
        },
        { condition: 'TC-FEED-3', ...decl, count: 1 },
        { condition: 'TC-OUT-1' },
      ]),
    ).toEqual([
      expect.stringMatching(/^violations\[0\]\.cameraId: unknown camera 'UA-1-EXIT-L3'/),
      expect.stringMatching(/^violations\[0\]\.from: must be an ISO 8601 time/),
      'violations[0].lateMinutes: must be more than 15, the delivery deadline',
      'violations[1].count: unknown field',
      'violations[2].condition: TC-OUT-1 cannot be injected: the reconciler’s outcome over the whole exchange, not a fault of one message',
    ]);
  });
});
