import { COMPATIBILITY, SchemaRegistry, SchemaType } from '@kafkajs/confluent-schema-registry';
import { type Type } from 'avsc';
import { AVRO_TYPE_OPTIONS } from '../avro-type.factory';
import { type CatalogEntry } from '../schema-catalog';

/** What the registry holds under one id: the writer type, parsed the codec's way, and its record name. */
export interface RegisteredWriter {
  readonly id: number;
  readonly name: string;
  readonly type: Type;
}

/** A registry that does not answer, or answers with a server error: the caller retries, never dead-letters. */
export class SchemaRegistryUnavailableError extends Error {
  override readonly name = 'SchemaRegistryUnavailableError';
  readonly retriable = true;
}

/** The registry refused a schema of the catalog (409: incompatible with a version already there; 422: invalid). */
export class SchemaRegistryRefusedError extends Error {
  override readonly name = 'SchemaRegistryRefusedError';
  readonly retriable = false;
}

/**
 * A Confluent-compatible schema registry (Confluent's own, Apicurio's `/apis/ccompat/v7`, …)
 * through `@kafkajs/confluent-schema-registry`. Subjects follow the record-name strategy (the
 * subject is the record's full name, `uamd.exchange.PlateRead`), because one topic carries two
 * record types (a read and a heartbeat). Each subject gets the record's compatibility mode from
 * the catalog, so the registry refuses what `npm test`'s schema gate refuses.
 */
export class SchemaRegistrySource {
  private readonly client: SchemaRegistry;

  constructor(readonly url: string) {
    this.client = new SchemaRegistry(
      { host: url, clientId: 'uamd-codec', retry: { retries: 2 } },
      { [SchemaType.AVRO]: AVRO_TYPE_OPTIONS },
    );
  }

  /**
   * Registers every catalog version, oldest first per record, and returns the registry's id for
   * each catalog id. Registering a schema already there returns its id, so this is idempotent.
   */
  async registerCatalog(entries: readonly CatalogEntry[]): Promise<Map<number, number>> {
    const ids = new Map<number, number>();
    const ordered = [...entries].sort(
      (a, b) => a.name.localeCompare(b.name) || a.version - b.version,
    );
    for (const entry of ordered) {
      ids.set(entry.id, await this.register(entry));
    }
    return ids;
  }

  /** The writer registered under `id`, or undefined when the registry has no such id (404). */
  async writerFor(id: number): Promise<RegisteredWriter | undefined> {
    let type: Type;
    try {
      type = (await this.client.getSchema(id)) as Type;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.unavailable(`schema id ${id}`, error);
    }
    return { id, name: type.name ?? '(unnamed)', type };
  }

  private async register(entry: CatalogEntry): Promise<number> {
    try {
      const { id } = await this.client.register(
        { type: SchemaType.AVRO, schema: JSON.stringify(entry.schema) },
        { subject: entry.name, compatibility: COMPATIBILITY[entry.compatibility] },
      );
      return id;
    } catch (error) {
      const status = statusOf(error);
      if (status !== undefined && status >= 400 && status < 500) {
        throw new SchemaRegistryRefusedError(
          `${this.url} refused ${entry.name} v${entry.version} (${entry.file}) under subject ${entry.name} in mode ${entry.compatibility}: ${messageOf(error)}`,
          { cause: error },
        );
      }
      if (isCompatibilityMismatch(error)) {
        throw new SchemaRegistryRefusedError(
          `${this.url}: subject ${entry.name} is not in mode ${entry.compatibility} as schemas/catalog.json says: ${messageOf(error)}`,
          { cause: error },
        );
      }
      throw this.unavailable(`registering ${entry.name} v${entry.version}`, error);
    }
  }

  private unavailable(what: string, error: unknown): SchemaRegistryUnavailableError {
    return new SchemaRegistryUnavailableError(
      `schema registry ${this.url} did not answer for ${what}: ${messageOf(error)}`,
      { cause: error },
    );
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

function isCompatibilityMismatch(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ConfluentSchemaRegistryCompatibilityError';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
