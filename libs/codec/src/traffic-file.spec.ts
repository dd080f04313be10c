import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { Type } from 'avsc';
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

  it('refuses a block that inflates past 64 MiB (a zip bomb) before holding it, and writes big records in blocks it can read', () => {
    const path = join(dir, 'one.avro');
    writeTrafficFile(path, { source: 'generate' }, records(1));
    const bytes = readFileSync(path);
    const sync = bytes.subarray(bytes.length - 16);
    const headerEnd = bytes.indexOf(sync) + 16;
    // 100 KB of deflate that inflates to 128 MiB.
    const bomb = deflateRawSync(Buffer.alloc(128 * 1024 * 1024));
    const long = Type.forSchema('long');
    writeFileSync(
      join(dir, 'bomb.avro'),
      Buffer.concat([
        bytes.subarray(0, headerEnd),
        long.toBuffer(1),
        long.toBuffer(bomb.length),
        bomb,
        sync,
      ]),
    );
    const error = errorOf(() => readAll(join(dir, 'bomb.avro')));
    expect(error).toBeInstanceOf(TrafficFileError);
    expect((error as TrafficFileError).message).toMatch(/corrupt block data: .*(larger|length)/i);

    // 100 records of 900 KB: blocks are flushed by size, so the reader takes every one.
    const big = Array.from({ length: 100 }, (_, i) => ({
      ...records(1)[0]!,
      value: Buffer.alloc(900_000, i),
    }));
    writeTrafficFile(join(dir, 'big.avro'), { source: 'generate' }, big);
    const { out } = readAll(join(dir, 'big.avro'));
    expect(out.map((r) => r.value[0])).toEqual(big.map((_, i) => i));
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
