import { AvroCodec } from '../avro-codec';
import { SchemaRegistrySource } from './schema-registry.source';

const connected = new Map<string, Promise<AvroCodec>>();

/**
 * The codec every service and command uses: with `SCHEMA_REGISTRY_URL` set, ids from that
 * Confluent-compatible registry (the catalog registered there first, once per process);
 * otherwise the ids committed in `schemas/catalog.json`.
 */
export function codecFromEnvironment(env: NodeJS.ProcessEnv = process.env): Promise<AvroCodec> {
  return codecFor(env['SCHEMA_REGISTRY_URL']?.trim() || undefined);
}

/** The catalog's codec without a registry URL, else the codec of that registry (one per URL). */
export function codecFor(url: string | undefined): Promise<AvroCodec> {
  if (url === undefined) return Promise.resolve(AvroCodec.load());
  let codec = connected.get(url);
  if (!codec) {
    codec = AvroCodec.withRegistry(new SchemaRegistrySource(url));
    // A failed start is not remembered: the next caller tries again.
    codec.catch(() => connected.delete(url));
    connected.set(url, codec);
  }
  return codec;
}
