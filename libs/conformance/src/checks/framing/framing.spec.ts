import { exchangedAll, observedTraffic, runCheck } from '../../testing/exchanged-traffic';
import { DEFAULT_CHECK_OPTIONS } from '../check-options';
import { DecodesCheck } from './decodes.check';
import { TopicFitCheck } from './topic-fit.check';

describe('framing conditions', () => {
  const clean = exchangedAll(observedTraffic());

  it('given clean generated traffic, then every message decodes and fits its topic', () => {
    expect(clean.length).toBeGreaterThan(100);
    for (const check of [
      new DecodesCheck(DEFAULT_CHECK_OPTIONS),
      new TopicFitCheck(DEFAULT_CHECK_OPTIONS),
    ]) {
      const result = runCheck(check, clean);
      expect({
        id: result.condition.id,
        verdict: result.verdict,
        violations: result.violations,
      }).toEqual({
        id: check.condition.id,
        verdict: 'pass',
        violations: 0,
      });
      expect(result.checked).toBe(clean.length);
    }
  });

  it('given random bytes, a truncated frame and an unknown schema id, then TC-FRAME-1 names each reason and position', () => {
    const good = clean[5]!;
    const bad = [
      { ...good, position: 'record 1', value: Buffer.from([0xde, 0xad, 0xbe, 0xef]) },
      { ...good, position: 'record 2', value: good.value!.subarray(0, good.value!.length - 3) },
      { ...good, position: 'record 3', value: Buffer.from([0, 0, 0, 0x7f, 0x7f, 1, 2]) },
      { ...good, position: 'record 4', value: null },
      good,
    ];
    const result = runCheck(new DecodesCheck(DEFAULT_CHECK_OPTIONS), bad);
    expect(result.verdict).toBe('fail');
    expect(result.violations).toBe(4);
    expect(result.samples.map((s) => [s.position, s.reason.split(':')[0]])).toEqual([
      ['record 1', 'BAD_MAGIC'],
      ['record 2', 'TRUNCATED'],
      ['record 3', 'UNKNOWN_SCHEMA_ID'],
      ['record 4', 'EMPTY'],
    ]);
  });

  it('given a string length prefix of a terabyte and a 5 MB message, then each is a TC-FRAME-1 violation saying so', () => {
    const read = clean.find((r) => r.topic === 'ua.plate-reads')!;
    const header = read.value!.subarray(0, 5);
    // The body starts with the eventId string: its length prefix comes first.
    const result = runCheck(new DecodesCheck(DEFAULT_CHECK_OPTIONS), [
      { ...read, position: 'record 1', value: Buffer.concat([header, varint(2 ** 40)]) },
      { ...read, position: 'record 2', value: Buffer.concat([header, Buffer.alloc(5 << 20)]) },
      read,
    ]);
    expect(result.violations).toBe(2);
    expect(result.samples.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^TRUNCATED: .*string at byte \d+ needs 1099511627776 bytes/),
      'TOO_LARGE: message of 5242885 bytes is over the limit of 1048576',
    ]);
  });

  it('given a declaration whose goods array claims two billion lines, or a negative count with an absurd block size, then TC-FRAME-1 refuses it without building them', () => {
    const decl = clean.find((r) => r.topic.endsWith('.declarations') && r.value![4] === 3);
    expect(decl).toBeDefined();
    const value = decl!.value!;
    const at = goodsOffset(value);
    const rest = value.subarray(at + varintLength(value, at));
    const result = runCheck(new DecodesCheck(DEFAULT_CHECK_OPTIONS), [
      {
        ...decl!,
        position: 'record 1',
        value: Buffer.concat([value.subarray(0, at), varint(2 ** 31 - 1), rest]),
      },
      {
        ...decl!,
        position: 'record 2',
        value: Buffer.concat([value.subarray(0, at), varint(-(2 ** 31)), varint(2 ** 50), rest]),
      },
    ]);
    expect(result.samples.map((s) => s.reason)).toEqual([
      expect.stringMatching(/^TRUNCATED: .*claims 2147483647 items/),
      expect.stringMatching(/^TRUNCATED: .*claims 1125899906842624 bytes/),
    ]);
  });

  it("given a UA read on MD's topic and a wrong key, then TC-FRAME-2 reports both", () => {
    const read = clean.find((r) => r.topic === 'ua.plate-reads')!;
    const result = runCheck(new TopicFitCheck(DEFAULT_CHECK_OPTIONS), [
      { ...read, topic: 'md.plate-reads' },
      { ...read, key: 'elsewhere' },
      { ...read, topic: 'ua.telemetry', value: Buffer.from('x') },
    ]);
    expect(result.violations).toBe(3);
    expect(result.samples.map((s) => s.reason)).toEqual([
      expect.stringContaining("on 'md.plate-reads', expected 'ua.plate-reads'"),
      expect.stringContaining("key 'elsewhere' is not the crossing point"),
      "unknown topic 'ua.telemetry'",
    ]);
  });
});

/** An Avro long (zig-zag varint). */
function varint(n: number): Buffer {
  let v = (BigInt(n) << 1n) ^ (n < 0 ? -1n : 0n);
  const out: number[] = [];
  for (;;) {
    const b = Number(v & 0x7fn);
    v >>= 7n;
    if (v === 0n) return Buffer.from([...out, b]);
    out.push(b | 0x80);
  }
}

function varintLength(buf: Buffer, at: number): number {
  let n = 1;
  while (buf[at + n - 1]! & 0x80) n++;
  return n;
}

function readLong(buf: Buffer, at: number): { value: number; next: number } {
  let raw = 0n;
  let shift = 0n;
  let p = at;
  for (;;) {
    const b = buf[p++]!;
    raw |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if (!(b & 0x80)) break;
  }
  return { value: Number((raw >> 1n) ^ -(raw & 1n)), next: p };
}

/** Where a CustomsDeclaration's goods count sits: after eventId, country, post, kind, mrn, plates. */
function goodsOffset(value: Buffer): number {
  let p = 5;
  const string = () => {
    const { value: length, next } = readLong(value, p);
    p = next + length;
  };
  const long = () => (p = readLong(value, p).next);
  string();
  long();
  string();
  long();
  string();
  string();
  const branch = readLong(value, p);
  p = branch.next;
  if (branch.value === 1) string();
  return p;
}
