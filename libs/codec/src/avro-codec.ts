import { resolve } from 'node:path';
import { type Type } from 'avsc';
import { type InputEvent, type OutputEvent } from '@uamd/domain';
import { AvroBoundsGuard, DEFAULT_BOUNDS_LIMITS } from './avro-bounds.guard';
import { createAvroType } from './avro-type.factory';
import { DecodeError, EncodeError } from './decode-error';
import { compileDomainEnumCheck, type DomainEnumCheck } from './domain-enum.guard';
import {
  type CodecEvent,
  type CodecEventType,
  isCodecEventType,
  isInputEvent,
  isOutputEvent,
  shortName,
} from './event-types';
import { type RegisteredWriter } from './registry/schema-registry.source';
import { type CatalogEntry, findSchemasDir, loadCatalog } from './schema-catalog';
import { illFormedTextPaths } from './well-formed-text';

export interface AvroCodecOptions {
  /** Whole framed message, header included. Default 1 MiB. */
  readonly maxMessageBytes?: number;
  /** Array items plus map entries in one message. Default 100 000. */
  readonly maxItems?: number;
  /** Nesting of records, arrays, maps and unions. Default 64. */
  readonly maxDepth?: number;
}

export interface DecodedEvent<E extends CodecEvent = CodecEvent> {
  /** The id the message was framed with (may be an older version than the one encode writes). */
  readonly schemaId: number;
  readonly event: E;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
const MAGIC_BYTE = 0x00;
/** Registry look-ups remembered as refused; past this, further unknown ids are not looked up. */
const MAX_REFUSED_IDS = 10_000;

/** Where unknown ids are looked up (see `registry/schema-registry.source.ts`). */
export interface WriterLookup {
  readonly url: string;
  writerFor(id: number): Promise<RegisteredWriter | undefined>;
}

/** A registry the catalog can be registered in, returning the registry's id per catalog id. */
export interface CatalogRegistry extends WriterLookup {
  registerCatalog(entries: readonly CatalogEntry[]): Promise<Map<number, number>>;
}
const HEADER_BYTES = 5;

type Resolver = ReturnType<Type['createResolver']>;

/** Everything needed to read one schema id, built once at load. */
interface Binding {
  readonly entry: CatalogEntry;
  readonly eventType: CodecEventType;
  readonly writer: Type;
  /** The newest version of the same record: what every message of this name is decoded into. */
  readonly reader: Type;
  readonly resolver: Resolver | undefined;
  readonly guard: AvroBoundsGuard;
  readonly enumCheck: DomainEnumCheck | undefined;
}

/**
 * The one owner of the wire format (docs/design.md §5): Confluent framing (0x00, 4-byte big-endian
 * schema id, Avro binary) with ids from `schemas/catalog.json`. Types, resolvers and guards are
 * built once per catalog; anything that does not decode throws a DecodeError for the dead-letter topic.
 */
export class AvroCodec {
  private static readonly loaded = new Map<string, AvroCodec>();

  private readonly byId = new Map<number, Binding>();
  private readonly newestByType = new Map<CodecEventType, Binding>();
  private readonly newestByName = new Map<string, Binding>();
  private knownIds: string;
  private readonly maxMessageBytes: number;
  private readonly limits: { maxItems: number; maxDepth: number };
  /** Ids looked up in the registry and refused, with why; capped so random ids cannot grow it. */
  private readonly refusedIds = new Map<number, string>();

  private constructor(
    entries: readonly CatalogEntry[],
    options: AvroCodecOptions,
    private readonly registry?: WriterLookup,
  ) {
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.limits = {
      maxItems: options.maxItems ?? DEFAULT_BOUNDS_LIMITS.maxItems,
      maxDepth: options.maxDepth ?? DEFAULT_BOUNDS_LIMITS.maxDepth,
    };
    const writers = new Map(entries.map((entry) => [entry.id, buildType(entry)]));
    const newest = new Map<string, CatalogEntry>();
    for (const entry of entries) {
      const current = newest.get(entry.name);
      if (!current || entry.version > current.version) newest.set(entry.name, entry);
    }
    for (const entry of entries) {
      const newestEntry = newest.get(entry.name)!;
      const binding = this.bind(
        entry,
        writers.get(entry.id)!,
        writers.get(newestEntry.id)!,
        newestEntry,
      );
      this.byId.set(entry.id, binding);
      if (newestEntry === entry) {
        this.newestByType.set(binding.eventType, binding);
        this.newestByName.set(entry.name, binding);
      }
    }
    this.knownIds = this.listIds();
  }

  /** Builds the codec for a schemas folder (default: the repo's `schemas/`) once per folder and options. */
  static load(dir?: string, options: AvroCodecOptions = {}): AvroCodec {
    const schemasDir = resolve(dir ?? findSchemasDir());
    const key = JSON.stringify([
      schemasDir,
      options.maxMessageBytes,
      options.maxItems,
      options.maxDepth,
    ]);
    let codec = AvroCodec.loaded.get(key);
    if (!codec) {
      codec = new AvroCodec(loadCatalog(schemasDir), options);
      AvroCodec.loaded.set(key, codec);
    }
    return codec;
  }

  /**
   * A codec whose ids are a schema registry's: the catalog's schemas are registered there (each
   * record's subject in its catalog mode), messages are framed with the registry's ids, and an id
   * the catalog does not know is looked up there by `learnIds` before decoding.
   */
  static async withRegistry(
    registry: CatalogRegistry,
    options: AvroCodecOptions & { schemasDir?: string } = {},
  ): Promise<AvroCodec> {
    const entries = loadCatalog(resolve(options.schemasDir ?? findSchemasDir()));
    const ids = await registry.registerCatalog(entries);
    const remapped = entries.map((entry) => ({ ...entry, id: ids.get(entry.id)! }));
    return new AvroCodec(remapped, options, registry);
  }

  /** The registry this codec takes its ids from, if any. */
  get registryUrl(): string | undefined {
    return this.registry?.url;
  }

  /**
   * Looks up, in the registry, the schema ids of these messages that the codec does not know yet,
   * so that `decode` can read them: another version of a record the exchange knows is read into
   * the newest one (or refused with why); anything else stays unknown. Without a registry, or
   * when every id is known, nothing is asked. A registry that does not answer throws
   * (retriable): a message is never dead-lettered because the registry was down.
   */
  async learnIds(values: Iterable<Buffer | null>): Promise<void> {
    if (!this.registry) return;
    for (const value of values) {
      if (value === null || value.length < HEADER_BYTES || value[0] !== MAGIC_BYTE) continue;
      const id = value.readUInt32BE(1);
      if (this.byId.has(id) || this.refusedIds.has(id)) continue;
      if (this.refusedIds.size >= MAX_REFUSED_IDS) return;
      await this.learn(id, this.registry);
    }
  }

  /** The id `encode` writes for this event type: the newest version in the catalog. */
  schemaIdFor(type: CodecEventType): number {
    const binding = this.newestByType.get(type);
    if (!binding) throw new Error(`no schema for event type ${type}`);
    return binding.entry.id;
  }

  encode(event: CodecEvent): Buffer {
    const type = String((event as { type?: unknown }).type);
    const binding = isCodecEventType(type) ? this.newestByType.get(type) : undefined;
    if (!binding) throw new EncodeError(type, [], `no schema for event type ${type}`);
    const problems: string[] = [];
    const paths: string[] = [];
    const valid = binding.writer.isValid(event.data, {
      errorHook: (path: string[], value: unknown) => {
        const at = path.length === 0 ? '(record)' : path.join('.');
        paths.push(at);
        problems.push(`${at} = ${describe(value)}`);
      },
    });
    if (!valid) {
      throw new EncodeError(
        type,
        paths,
        `cannot encode ${type} as schema id ${binding.entry.id}: invalid ${problems.join('; ')}`,
      );
    }
    const illFormed = illFormedTextPaths(binding.writer, event.data);
    if (illFormed.length > 0) {
      throw new EncodeError(
        type,
        illFormed,
        `cannot encode ${type} as schema id ${binding.entry.id}: ${illFormed.join(', ')} ${illFormed.length === 1 ? 'is' : 'are'} not well-formed UTF-16 (a lone surrogate), so not UTF-8 on the wire`,
      );
    }
    const body = binding.writer.toBuffer(event.data);
    if (HEADER_BYTES + body.length > this.maxMessageBytes) {
      throw new EncodeError(
        type,
        [],
        `${type} takes ${HEADER_BYTES + body.length} bytes, over the limit of ${this.maxMessageBytes}`,
      );
    }
    const message = Buffer.allocUnsafe(HEADER_BYTES + body.length);
    message[0] = MAGIC_BYTE;
    message.writeUInt32BE(binding.entry.id, 1);
    body.copy(message, HEADER_BYTES);
    return message;
  }

  /** Takes kafkajs' `Buffer | null` value as is: a null (tombstone) value is EMPTY. */
  decode(buf: Buffer | null): DecodedEvent {
    if (buf === null || buf.length === 0) throw new DecodeError('EMPTY', 'empty message');
    if (buf.length > this.maxMessageBytes) {
      throw new DecodeError(
        'TOO_LARGE',
        `message of ${buf.length} bytes is over the limit of ${this.maxMessageBytes}`,
      );
    }
    if (buf[0] !== MAGIC_BYTE) {
      throw new DecodeError(
        'BAD_MAGIC',
        `first byte is 0x${hex(buf[0])}, expected 0x00 (Confluent framing)`,
      );
    }
    if (buf.length < HEADER_BYTES) {
      throw new DecodeError(
        'TRUNCATED',
        `message of ${buf.length} bytes is shorter than the ${HEADER_BYTES}-byte header`,
      );
    }
    const schemaId = buf.readUInt32BE(1);
    const binding = this.byId.get(schemaId);
    if (!binding) {
      const refused = this.refusedIds.get(schemaId);
      throw new DecodeError(
        'UNKNOWN_SCHEMA_ID',
        `unknown schema id ${schemaId} (${refused ?? `known: ${this.knownIds}`})`,
        { schemaId },
      );
    }
    // Bounds first: avsc itself would trust block counts and lengths read from the input.
    const end = binding.guard.check(buf, HEADER_BYTES);
    if (end < buf.length) throw trailing(schemaId, end, buf.length);

    let decoded: { value: unknown; offset: number };
    try {
      decoded = binding.reader.decode(buf, HEADER_BYTES, binding.resolver);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new DecodeError('INVALID_AVRO', `schema id ${schemaId}: ${detail}`, {
        schemaId,
        cause: err,
      });
    }
    if (decoded.offset === -1) {
      throw new DecodeError('TRUNCATED', `schema id ${schemaId}: message ends inside the value`, {
        schemaId,
      });
    }
    if (decoded.offset < buf.length) throw trailing(schemaId, decoded.offset, buf.length);

    const violation = binding.enumCheck?.(decoded.value);
    if (violation) {
      throw new DecodeError(
        'UNSUPPORTED_VALUE',
        `schema id ${schemaId}: ${violation.path} = ${violation.symbol} is not one of ${violation.allowed.join(', ')}`,
        { schemaId },
      );
    }
    return { schemaId, event: { type: binding.eventType, data: decoded.value } as CodecEvent };
  }

  /** For consumers of the input topics: an output event there is a routing error, not data. */
  decodeInput(buf: Buffer | null): DecodedEvent<InputEvent> {
    const { schemaId, event } = this.decode(buf);
    if (!isInputEvent(event)) throw unexpected(schemaId, event.type, 'an input event');
    return { schemaId, event };
  }

  decodeOutput(buf: Buffer | null): DecodedEvent<OutputEvent> {
    const { schemaId, event } = this.decode(buf);
    if (!isOutputEvent(event)) throw unexpected(schemaId, event.type, 'an output event');
    return { schemaId, event };
  }

  private async learn(id: number, registry: WriterLookup): Promise<void> {
    const writer = await registry.writerFor(id);
    const newest = writer && this.newestByName.get(writer.name);
    if (!writer || !newest) {
      const why = writer
        ? `registry ${registry.url} has record ${writer.name} under it, not a record of the exchange`
        : `not in the catalog nor in registry ${registry.url}`;
      this.refusedIds.set(id, why);
      return;
    }
    const entry: CatalogEntry = {
      ...newest.entry,
      id,
      version: 0,
      file: `${registry.url} id ${id}`,
      schema: writer.type.schema(),
    };
    try {
      this.byId.set(id, this.bind(entry, writer.type, newest.reader, newest.entry));
      this.knownIds = this.listIds();
    } catch (error) {
      this.refusedIds.set(id, error instanceof Error ? error.message : String(error));
    }
  }

  private bind(
    entry: CatalogEntry,
    writer: Type,
    reader: Type,
    readerEntry: CatalogEntry,
  ): Binding {
    const eventType = shortName(entry.name);
    if (!isCodecEventType(eventType)) {
      throw new Error(`schema id ${entry.id}: record ${entry.name} is no domain event type`);
    }
    return {
      entry,
      eventType,
      writer,
      reader,
      resolver: reader === writer ? undefined : buildResolver(reader, writer, entry, readerEntry),
      guard: new AvroBoundsGuard(writer, entry.id, this.limits),
      enumCheck: compileDomainEnumCheck(reader),
    };
  }

  private listIds(): string {
    return [...this.byId.keys()].sort((a, b) => a - b).join(', ');
  }
}

function buildType(entry: CatalogEntry): Type {
  try {
    return createAvroType(entry.schema);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(`schema id ${entry.id} (${entry.file}): ${detail}`, { cause: err });
  }
}

function buildResolver(
  reader: Type,
  writer: Type,
  writerEntry: CatalogEntry,
  readerEntry: CatalogEntry,
): Resolver {
  try {
    return reader.createResolver(writer);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new Error(
      `schema id ${writerEntry.id} (${writerEntry.name} v${writerEntry.version}) cannot be read as id ${readerEntry.id} (v${readerEntry.version}): ${detail}`,
      { cause: err },
    );
  }
}

function trailing(schemaId: number, end: number, length: number): DecodeError {
  const detail = `value ends at byte ${end}, message has ${length - end} more`;
  return new DecodeError('TRAILING_BYTES', `schema id ${schemaId}: ${detail}`, { schemaId });
}

function unexpected(schemaId: number, type: string, expected: string): DecodeError {
  return new DecodeError(
    'UNEXPECTED_TYPE',
    `schema id ${schemaId} carries ${type}, expected ${expected}`,
    { schemaId },
  );
}

function hex(byte: number | undefined): string {
  return (byte ?? 0).toString(16).padStart(2, '0');
}

/** Short, log-safe rendering of an offending value. */
function describe(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null ||
    value === undefined
  ) {
    return String(value);
  }
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
