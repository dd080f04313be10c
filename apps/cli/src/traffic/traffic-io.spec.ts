import { AvroCodec } from '@uamd/codec';
import { scenarioByName } from '@uamd/traffic';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTraffic, truthFileOf, writeGeneratedTraffic } from './traffic-io';

describe('generated traffic files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'gen-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the same scenario and seed give byte-identical files; another seed does not; the truth lies beside', () => {
    const codec = AvroCodec.load();
    const file = (name: string, seed: number) => {
      const path = join(dir, name);
      writeGeneratedTraffic(path, scenarioByName('demo'), seed, 1, codec);
      return path;
    };
    const a = file('a.avro', 7);
    const b = file('b.avro', 7);
    const c = file('c.avro', 8);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect(readFileSync(a).equals(readFileSync(c))).toBe(false);
    expect(readFileSync(truthFileOf(a), 'utf8')).toBe(readFileSync(truthFileOf(b), 'utf8'));
    const loaded = loadTraffic(a, codec);
    expect(loaded.header).toMatchObject({
      source: 'generate',
      scenario: 'demo',
      seed: 7,
      noise: 1,
    });
    expect(loaded.events.length).toBeGreaterThan(1000);
    // Delivery order, both countries present.
    expect(
      loaded.events.every((e, i, all) => i === 0 || all[i - 1]!.deliverAt <= e.deliverAt),
    ).toBe(true);
    expect(new Set(loaded.events.map((e) => e.event.data.country))).toEqual(new Set(['UA', 'MD']));
  });
});
