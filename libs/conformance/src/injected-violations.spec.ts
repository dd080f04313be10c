import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  INJECTABLE_CONDITIONS,
  parseScenarioDefinition,
  streamObservedEvents,
} from '@uamd/traffic';
import faultyFeed from '../../../scenarios/faulty-feed.v1.json';
import tinyJson from '../../../scenarios/tiny.v1.json';
import { type ConformanceReport } from './conformance-run';
import { conformanceOf, failingMandatory } from './testing/exchanged-traffic';

const SEED = 7;
const ROOT = join(__dirname, '..', '..', '..');
const at = (min: number) => new Date(Date.parse(tinyJson.start) + min * 60_000).toISOString();
const whole = { from: at(0), to: at(20) };
const camera = (cameraId: string) => ({ cameraId, ...whole });
/** Otaci's Moldovan declarations, most of them lodged (and delivered) before tiny starts. */
const mdOtaci = {
  country: 'MD',
  crossingPoint: 'mohyliv-podilskyi-otaci',
  from: at(-120),
  to: at(20),
};
const declarations = (country: string, crossingPoint: string) => ({
  country,
  crossingPoint,
  ...whole,
});

/** Tiny (twenty minutes at all three posts, no noise) with these violations, checked. */
function conformanceWith(violations: unknown[], seed = SEED): Promise<ConformanceReport> {
  const scenario = parseScenarioDefinition(
    { ...tinyJson, name: 'tiny-faulty', violations },
    'tiny-faulty.v1.json',
  );
  return conformanceOf([...streamObservedEvents(scenario, seed)]);
}

const resultOf = (report: ConformanceReport, id: string) =>
  report.results.find((r) => r.condition.id === id)!;

describe('each injected violation against the conformance checks', () => {
  it('given tiny without a block, then every mandatory condition passes, each injectable one on traffic it checked', async () => {
    const report = await conformanceWith([]);
    expect(failingMandatory(report)).toEqual([]);
    for (const id of INJECTABLE_CONDITIONS) {
      expect([id, resultOf(report, id).verdict]).toEqual([id, 'pass']);
      expect(resultOf(report, id).checked).toBeGreaterThan(0);
    }
  });

  it.each<[string, string, Record<string, unknown>, number]>([
    [
      'TC-FIELD-1',
      '3 reads on a lane off the registry',
      { ...camera('MD-1-EXIT-L1'), count: 3 },
      3,
    ],
    [
      'TC-FIELD-2',
      '2 read plates with a bad character',
      { ...camera('MD-1-EXIT-L1'), count: 2 },
      2,
    ],
    ['TC-FIELD-2', '2 declared plates with a bad character', { ...mdOtaci, count: 2 }, 2],
    ['TC-FIELD-3', '3 MRNs with a wrong check character', { ...mdOtaci, count: 3 }, 3],
    ['TC-FIELD-4', '3 broken goods lines', { ...mdOtaci, count: 3 }, 3],
    [
      'TC-FIELD-5',
      '2 reads stamped after their delivery',
      { ...camera('MD-1-EXIT-L1'), count: 2 },
      2,
    ],
    [
      'TC-TIME-1',
      '2 reads delivered 16 min late',
      { cameraId: 'MD-1-EXIT-L2', from: at(0), to: at(4), count: 2, lateMinutes: 16 },
      2,
    ],
    [
      'TC-TIME-2',
      '3 declarations delivered 16 min late',
      { ...mdOtaci, to: at(0), count: 3, lateMinutes: 16 },
      3,
    ],
    [
      'TC-FEED-1',
      'a camera skipping 2 numbers',
      { ...camera('MD-1-EXIT-L1'), fault: 'gap', count: 2 },
      2,
    ],
    [
      'TC-FEED-1',
      'a camera repeating 2 numbers',
      { ...camera('MD-1-EXIT-L1'), fault: 'repeat', count: 2 },
      2,
    ],
    ['TC-FEED-2', '3 camera heartbeats reusing an id', { ...camera('MD-1-EXIT-L1'), count: 3 }, 3],
    [
      'TC-FEED-2',
      '2 declaration heartbeats reusing an id',
      { ...declarations('UA', 'mamalyha-criva'), count: 2 },
      2,
    ],
    [
      'TC-FEED-3',
      'a camera silent 2 min, 1 silence',
      { cameraId: 'UA-1-EXIT-L1', from: at(5), to: at(7) },
      1,
    ],
    [
      'TC-FEED-3',
      'a declaration feed silent 1 min, 1 silence',
      { country: 'MD', crossingPoint: 'mamalyha-criva', from: at(5), to: at(6) },
      1,
    ],
    ['TC-FEED-4', '3 reads held past a heartbeat', { ...camera('MD-1-EXIT-L1'), count: 3 }, 3],
    [
      'TC-FEED-4',
      '2 declarations held past a heartbeat',
      { ...declarations('UA', 'mohyliv-podilskyi-otaci'), count: 2 },
      2,
    ],
    [
      'TC-FEED-5',
      '3 camera heartbeats stepping back',
      { ...camera('MD-1-EXIT-L1'), field: 'upTo', count: 3 },
      3,
    ],
    [
      'TC-FEED-5',
      '2 declaration heartbeats stepping back',
      { ...declarations('UA', 'mohyliv-podilskyi-otaci'), field: 'upTo', count: 2 },
      2,
    ],
    [
      'TC-FEED-5',
      '3 reads stamped before the record ahead of them',
      { ...camera('MD-1-EXIT-L1'), field: 'deliveredAt', count: 3 },
      3,
    ],
    [
      'TC-FEED-5',
      '2 declarations stamped before the record ahead of them',
      { ...declarations('UA', 'mohyliv-podilskyi-otaci'), field: 'deliveredAt', count: 2 },
      2,
    ],
    ['TC-DECL-1', '3 declarations released before lodged', { ...mdOtaci, count: 3 }, 3],
  ])(
    'given %s injected (%s), then that condition alone fails, as often',
    async (id, _, entry, count) => {
      const report = await conformanceWith([{ condition: id, ...entry }]);
      expect(failingMandatory(report)).toEqual([id]);
      expect(resultOf(report, id).violations).toBe(count);
    },
  );

  it('given two entries on one camera, then both conditions fail, each as often as asked', async () => {
    const report = await conformanceWith([
      { condition: 'TC-FEED-1', fault: 'gap', ...camera('MD-1-EXIT-L1'), count: 2 },
      { condition: 'TC-FEED-4', ...camera('MD-1-EXIT-L1'), count: 2 },
    ]);
    expect(failingMandatory(report)).toEqual(['TC-FEED-1', 'TC-FEED-4']);
    expect(resultOf(report, 'TC-FEED-1').violations).toBe(2);
    expect(resultOf(report, 'TC-FEED-4').violations).toBe(2);
  });
});

describe('scenarios/faulty-feed.v1.json', () => {
  /** What its notes, scenarios/README.md and docs/technical-conditions.md say it fails, and how often. */
  const FAILS = {
    'TC-FIELD-2': 2,
    'TC-FIELD-3': 1,
    'TC-TIME-2': 3,
    'TC-FEED-1': 2,
    'TC-FEED-3': 1,
    'TC-FEED-4': 1,
    'TC-FEED-5': 1,
  };
  const idsIn = (text: string) => [...text.matchAll(/TC-[A-Z]+-\d+/g)].map((m) => m[0]);

  it('given seed 1, then conformance fails exactly the conditions its block breaks, each as often as it asks', async () => {
    const scenario = parseScenarioDefinition(faultyFeed, 'scenarios/faulty-feed.v1.json');
    const report = await conformanceOf([...streamObservedEvents(scenario, 1)]);
    expect(failingMandatory(report)).toEqual(Object.keys(FAILS));
    for (const [id, count] of Object.entries(FAILS))
      expect([id, resultOf(report, id).violations]).toEqual([id, count]);
  });

  it('is documented as failing those: in its notes, the scenarios README and the conditions document', () => {
    expect(idsIn(faultyFeed.notes)).toEqual(Object.keys(FAILS));
    const readme = readFileSync(join(ROOT, 'scenarios', 'README.md'), 'utf8');
    const claim = readme
      .split('\n\n')
      .find((p) => p.includes('`faulty-feed.v1.json`') && p.includes('fails exactly'));
    expect(idsIn(claim ?? '')).toEqual(Object.keys(FAILS));
    const doc = readFileSync(join(ROOT, 'docs', 'technical-conditions.md'), 'utf8');
    const row = doc.split('\n').find((line) => line.startsWith('| `faulty-feed`'));
    expect(idsIn(row ?? '')).toEqual(Object.keys(FAILS));
  });
});
