import avro from 'avsc';
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { findSchemasDir } from './schema-catalog';

/**
 * Traffic files (issue 5): recorded or generated exchange traffic, both countries' messages in
 * publishing order with their original topics, keys and wire bytes, in an Avro object container
 * file (`schemas/traffic-file.v1.avsc`): self-describing, block-compressed, with a checksum per
 * block (deflate), and readable by any Avro tool. The truth of generated traffic is never in it.
 */
/**
 * 2: every input feed heartbeats (declaration heartbeats added) and `deliverAt` becomes each
 * message's record timestamp, so a file without them would hold the reconciler's merge back;
 * the one exception says so in its header (`heartbeats: 'as-sent'`, a partner export kept as
 * sent for a conformance report). Header fields are optional and readers ignore those they do
 * not know, so adding one keeps the version.
 */
export const TRAFFIC_FILE_VERSION = '2';
const VERSION_KEY = 'uamd.traffic.version';
const HEADER_KEY = 'uamd.traffic.header';

export interface TrafficHeader {
  /** What made the file: `generate`, `record` or `import-csv`. */
  source: string;
  /** Where it came from, for people: the CSV file's name, or the topics it was recorded from. */
  origin?: string;
  scenario?: string;
  /** A scenario read from a file (`generate --scenario <path>`): its absolute path and SHA-256. */
  scenarioFile?: { path: string; sha256: string };
  seed?: number;
  noise?: number;
  /** Traffic clock range covered, epoch ms. */
  start?: number;
  end?: number;
  /** Number of records, when known before writing (a streamed file leaves it out). */
  records?: number;
  /**
   * An imported partner export (`import-csv`): `synthesised` when its heartbeats were made up by
   * the import (the export holds reads only) so that the reconciler can merge it, `as-sent` when
   * the file holds the partner's messages only, for a conformance report.
   */
  heartbeats?: 'synthesised' | 'as-sent';
  /** An imported export: delivery times and order the partner's (`as-sent`), or taken as capture times. */
  delivery?: 'as-sent' | 'at-capture';
}

export interface TrafficRecord {
  deliverAt: number;
  topic: string;
  key: string;
  value: Buffer;
}

/** A traffic file that cannot be used: names the file and where in it. */
export class TrafficFileError extends Error {
  constructor(
    readonly file: string,
    readonly position: string,
    readonly reason: string,
  ) {
    super(`${file}: ${position}: ${reason}`);
  }
}

let recordType: avro.Type | undefined;
function trafficRecordType(): avro.Type {
  recordType ??= avro.Type.forSchema(
    JSON.parse(readFileSync(join(findSchemasDir(), 'traffic-file.v1.avsc'), 'utf8')) as avro.Schema,
  );
  return recordType;
}

const MAGIC = Buffer.from([0x4f, 0x62, 0x6a, 0x01]); // "Obj" 1: Avro object container
const META_TYPE = avro.Type.forSchema({ type: 'map', values: 'bytes' });
const LONG_TYPE = avro.Type.forSchema('long');
const RECORDS_PER_BLOCK = 1000;
/** A block is written once its records reach this many bytes (before deflate), or 1,000 records. */
const BLOCK_FLUSH_BYTES = 16 * 1024 * 1024;
/**
 * Inflated size of one block at most, well above what the writer makes (a block is flushed at
 * 16 MiB, plus one record of up to the codec's 1 MiB): a small block that inflates past it is a
 * zip bomb, refused before it is in memory.
 */
const MAX_INFLATED_BLOCK_BYTES = 64 * 1024 * 1024;
const SYNC_SIZE = 16;
/** A block larger than this is a corrupt size field, not traffic. */
const MAX_BLOCK_BYTES = 64 * 1024 * 1024;

/**
 * Writes records (already in delivery order) to `path` as an Avro object container file with
 * deflate blocks of 1,000 records, streaming (a block at a time). The sync marker is derived
 * from the header and the codec is deterministic, so the same traffic always gives a
 * byte-identical file.
 */
export function writeTrafficFile(
  path: string,
  header: Omit<TrafficHeader, 'records'>,
  records: Iterable<TrafficRecord>,
): TrafficHeader & { written: number } {
  // An array's length goes into the header; a stream is written block by block, never held whole.
  const full: TrafficHeader = Array.isArray(records)
    ? { ...header, records: records.length }
    : { ...header };
  const json = JSON.stringify(full);
  const type = trafficRecordType();
  const sync = createHash('sha256').update(json).digest().subarray(0, SYNC_SIZE);
  const meta = META_TYPE.toBuffer({
    'avro.schema': Buffer.from(JSON.stringify(type.schema())),
    'avro.codec': Buffer.from('deflate'),
    [VERSION_KEY]: Buffer.from(TRAFFIC_FILE_VERSION),
    [HEADER_KEY]: Buffer.from(json),
  });
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    writeSync(fd, Buffer.concat([MAGIC, meta, sync]));
    let block: Buffer[] = [];
    let blockBytes = 0;
    const flush = () => {
      if (block.length === 0) return;
      blockBytes = 0;
      const data = deflateRawSync(Buffer.concat(block));
      writeSync(
        fd,
        Buffer.concat([
          LONG_TYPE.toBuffer(block.length),
          LONG_TYPE.toBuffer(data.length),
          data,
          sync,
        ]),
      );
      written += block.length;
      block = [];
    };
    for (const record of records) {
      const encoded = type.toBuffer(record);
      block.push(encoded);
      blockBytes += encoded.length;
      if (block.length === RECORDS_PER_BLOCK || blockBytes >= BLOCK_FLUSH_BYTES) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return { ...full, written };
}

/** avsc's `decode` types its value as any: give it a type at the one place it is read. */
function decodeAt<T>(
  type: avro.Type,
  buf: Buffer,
  pos: number,
  resolver?: avro.Resolver,
): { value: T; offset: number } {
  const decoded: { value: unknown; offset: number } = type.decode(buf, pos, resolver);
  return { value: decoded.value as T, offset: decoded.offset };
}

/** Reads a file sequentially in chunks, keeping only what is not yet parsed. */
class ChunkReader {
  private buf = Buffer.alloc(0);
  /** File offset of `buf[0]`. */
  base = 0;
  private eof = false;
  constructor(private readonly fd: number) {}

  /** Ensures `n` bytes from `at` (buffer-relative) are loaded; false at end of file. */
  need(at: number, n: number): boolean {
    while (this.buf.length < at + n && !this.eof) {
      const chunk = Buffer.alloc(Math.max(1 << 20, at + n - this.buf.length));
      const read = readSync(this.fd, chunk, 0, chunk.length, this.base + this.buf.length);
      if (read === 0) this.eof = true;
      this.buf = Buffer.concat([this.buf, chunk.subarray(0, read)]);
    }
    return this.buf.length >= at + n;
  }

  get bytes(): Buffer {
    return this.buf;
  }

  drop(n: number): void {
    this.buf = this.buf.subarray(n);
    this.base += n;
  }

  atEnd(): boolean {
    return !this.need(0, 1);
  }
}

/**
 * Reads a traffic file record by record, streaming (one block in memory), checking the
 * container, the format version and every block. Errors name the file and the position: the
 * record number and the byte offset of its block.
 */
export function* readTrafficFile(
  path: string,
  onHeader?: (header: TrafficHeader) => void,
): Generator<TrafficRecord> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new TrafficFileError(path, 'start', (error as Error).message);
  }
  const r = new ChunkReader(fd);
  let index = 0;
  const fail = (position: string, reason: string) => new TrafficFileError(path, position, reason);
  try {
    if (!r.need(0, MAGIC.length) || !r.bytes.subarray(0, 4).equals(MAGIC))
      throw fail('byte 0', 'not an Avro object container file (no "Obj" magic)');
    // The header map is small; load up to 1 MiB of it.
    r.need(0, 1 << 20);
    const decodedMeta = decodeAt<Record<string, Buffer>>(META_TYPE, r.bytes, MAGIC.length);
    if (decodedMeta.offset < 0 || !r.need(decodedMeta.offset, SYNC_SIZE))
      throw fail('header', 'truncated Avro header');
    const meta = decodedMeta.value;
    const version = meta[VERSION_KEY]?.toString();
    if (version !== TRAFFIC_FILE_VERSION)
      throw fail(
        'header',
        version === undefined
          ? 'not a traffic file (no uamd.traffic.version in the Avro header)'
          : version === '1'
            ? 'traffic file format version 1 has no declaration heartbeats, which the reconciler now needs to merge the feeds; generate or record it again (this tool reads version 2)'
            : `traffic file format version ${version}; this tool reads version ${TRAFFIC_FILE_VERSION}`,
      );
    if (meta['avro.codec']?.toString() !== 'deflate')
      throw fail('header', `unsupported block codec '${meta['avro.codec']?.toString() ?? 'null'}'`);
    let header: TrafficHeader;
    let writer: avro.Type;
    try {
      header = JSON.parse(meta[HEADER_KEY]?.toString() ?? '') as TrafficHeader;
      writer = avro.Type.forSchema(
        JSON.parse(meta['avro.schema']?.toString() ?? '') as avro.Schema,
      );
    } catch (error) {
      throw fail('header', `bad header: ${(error as Error).message}`);
    }
    if (writer.name !== 'uamd.traffic.TrafficRecord')
      throw fail(
        'header',
        `records are ${writer.name ?? 'unnamed'}, not uamd.traffic.TrafficRecord`,
      );
    const reader = trafficRecordType();
    const resolver = reader.createResolver(writer);
    onHeader?.(header);
    const sync = Buffer.from(r.bytes.subarray(decodedMeta.offset, decodedMeta.offset + SYNC_SIZE));
    r.drop(decodedMeta.offset + SYNC_SIZE);
    while (!r.atEnd()) {
      const blockAt = `record ${index + 1} (block at byte ${r.base})`;
      r.need(0, 20);
      const count = decodeAt<number>(LONG_TYPE, r.bytes, 0);
      const size =
        count.offset < 0
          ? { value: -1, offset: -1 }
          : decodeAt<number>(LONG_TYPE, r.bytes, count.offset);
      if (size.offset < 0) throw fail(blockAt, 'truncated block header');
      if (count.value <= 0 || size.value < 0 || size.value > MAX_BLOCK_BYTES)
        throw fail(blockAt, `corrupt block header (count ${count.value}, size ${size.value})`);
      if (!r.need(size.offset, size.value + SYNC_SIZE))
        throw fail(
          blockAt,
          `truncated block: ${size.value + SYNC_SIZE} bytes announced, the file ends first`,
        );
      const end = size.offset + size.value;
      if (!r.bytes.subarray(end, end + SYNC_SIZE).equals(sync))
        throw fail(blockAt, 'corrupt block (sync marker mismatch)');
      let data: Buffer;
      try {
        // A small block may inflate to gigabytes (a zip bomb): no block of ours exceeds this.
        data = inflateRawSync(r.bytes.subarray(size.offset, end), {
          maxOutputLength: MAX_INFLATED_BLOCK_BYTES,
        });
      } catch (error) {
        throw fail(blockAt, `corrupt block data: ${(error as Error).message}`);
      }
      let pos = 0;
      for (let k = 0; k < count.value; k++) {
        let decoded: { value: TrafficRecord; offset: number };
        try {
          decoded = decodeAt<TrafficRecord>(reader, data, pos, resolver);
        } catch (error) {
          throw fail(`record ${index + 1}`, `corrupt record: ${(error as Error).message}`);
        }
        if (decoded.offset < 0)
          throw fail(`record ${index + 1}`, 'corrupt record (runs past its block)');
        pos = decoded.offset;
        index += 1;
        yield decoded.value;
      }
      if (pos !== data.length)
        throw fail(
          blockAt,
          `corrupt block: ${data.length - pos} bytes after its ${count.value} records`,
        );
      r.drop(end + SYNC_SIZE);
    }
  } finally {
    closeSync(fd);
  }
}
