import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readTrafficFile,
  TrafficFileError,
  writeTrafficFile,
  type TrafficRecord,
} from './traffic-file';

const records = (n: number): TrafficRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    deliverAt: 1_725_256_800_000 + i * 1000,
    topic: i % 2 ? 'md.plate-reads' : 'ua.plate-reads',
    key: 'mamalyha-criva',
    value: Buffer.from(`message ${i} `.repeat(20)),
  }));

function readAll(path: string) {
  const out: TrafficRecord[] = [];
  let header: unknown;
  for (const r of readTrafficFile(path, (h) => (header = h))) out.push(r);
  return { out, header };
}
const errorOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('traffic files (Avro object container, deflate)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'traffic-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('round-trips records and header, byte-identical for the same traffic', () => {
    const header = { source: 'generate', scenario: 'tiny', seed: 7, noise: 1 };
    writeTrafficFile(join(dir, 'a.avro'), header, records(5000));
    writeTrafficFile(join(dir, 'b.avro'), header, records(5000));
    expect(readFileSync(join(dir, 'a.avro')).equals(readFileSync(join(dir, 'b.avro')))).toBe(true);
    const { out, header: read } = readAll(join(dir, 'a.avro'));
    // Buffers compared as base64: jest's deep equality walks them byte by byte.
    const flat = (list: TrafficRecord[]) =>
      list.map((r) => ({ ...r, value: r.value.toString('base64') }));
    expect(flat(out)).toEqual(flat(records(5000)));
    expect(read).toEqual({ ...header, records: 5000 });
  });

  it('refuses a truncated or corrupted file, naming the file and the position', () => {
    const path = join(dir, 'a.avro');
    writeTrafficFile(path, { source: 'generate' }, records(5000));
    const bytes = readFileSync(path);
    writeFileSync(join(dir, 'cut.avro'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length * 0.5)]! ^= 0xff;
    writeFileSync(join(dir, 'flip.avro'), flipped);
    for (const name of ['cut.avro', 'flip.avro']) {
      const error = errorOf(() => readAll(join(dir, name)));
      expect(error).toBeInstanceOf(TrafficFileError);
      expect((error as TrafficFileError).message).toContain(join(dir, name));
      expect((error as TrafficFileError).position).toMatch(/^record \d+/);
      // Every record before the damage is still readable, so --skip-bad can keep them.
      let good = 0;
      expect(() => {
        for (const _ of readTrafficFile(join(dir, name))) good += 1;
      }).toThrow(TrafficFileError);
      expect(good).toBeGreaterThan(0);
    }
  });

  it('refuses another format version and files that are not traffic files', () => {
    const path = join(dir, 'a.avro');
    writeTrafficFile(path, { source: 'generate' }, records(3));
    const bytes = readFileSync(path);
    const at = bytes.indexOf(Buffer.from('uamd.traffic.version'));
    // The version value follows its key (a 1-byte length, then "2"): make it "3", then "1".
    const other = (digit: string) => {
      const copy = Buffer.from(bytes);
      copy[at + 'uamd.traffic.version'.length + 1] = digit.charCodeAt(0);
      writeFileSync(join(dir, `v${digit}.avro`), copy);
      return join(dir, `v${digit}.avro`);
    };
    expect(() => readAll(other('3'))).toThrow(/format version 3; this tool reads version 2/);
    // Version 1 files predate declaration heartbeats: the refusal says what to do.
    expect(() => readAll(other('1'))).toThrow(/version 1 has no declaration heartbeats.*again/);
    writeFileSync(join(dir, 'csv.avro'), 'plate,time\nAA1234BC,1\n');
    expect(() => readAll(join(dir, 'csv.avro'))).toThrow(
      /csv.avro: byte 0: not an Avro object container/,
    );
  });
});
