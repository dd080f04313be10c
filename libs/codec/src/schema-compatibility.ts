import { type Schema, type Type } from 'avsc';
import { createAvroType } from './avro-type.factory';
import { explainResolution } from './resolver-failure.explainer';

/**
 * Compatibility modes as Confluent Schema Registry names them. BACKWARD: the new version reads
 * data written with the previous one; FORWARD: the previous one reads data written with the new;
 * FULL: both; `_TRANSITIVE`: against every earlier version, not only the previous; NONE: unchecked.
 */
export const COMPATIBILITY_MODES = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

export function isCompatibilityMode(value: unknown): value is CompatibilityMode {
  return (COMPATIBILITY_MODES as readonly unknown[]).includes(value);
}

/** `backward`: the newer version is the reader of older data; `forward`: the older one reads newer data. */
export type CompatibilityDirection = 'backward' | 'forward';

export interface SchemaVersion {
  readonly version: number;
  readonly schema: Schema;
}

export interface CompatibilityProblem {
  /** Record full name, e.g. `uamd.exchange.PlateRead`. */
  readonly record: string;
  readonly readerVersion: number;
  readonly writerVersion: number;
  readonly direction: CompatibilityDirection;
  /** Dotted path of the field at fault (`items[]` inside an array, `values{}` inside a map), when one is. */
  readonly field?: string;
  readonly why: string;
}

const RULES: Readonly<
  Record<CompatibilityMode, { directions: CompatibilityDirection[]; transitive: boolean }>
> = {
  BACKWARD: { directions: ['backward'], transitive: false },
  BACKWARD_TRANSITIVE: { directions: ['backward'], transitive: true },
  FORWARD: { directions: ['forward'], transitive: false },
  FORWARD_TRANSITIVE: { directions: ['forward'], transitive: true },
  FULL: { directions: ['backward', 'forward'], transitive: false },
  FULL_TRANSITIVE: { directions: ['backward', 'forward'], transitive: true },
  NONE: { directions: [], transitive: false },
};

interface BuiltVersion {
  readonly version: number;
  readonly type: Type;
}

/**
 * Checks each version of one record against the earlier ones the mode asks for, with the avsc
 * resolver the codec itself would build (types from `createAvroType`, so exact longs and
 * timestamp-millis resolve as they do on the wire). Each failing pair is explained field by field.
 */
export function checkCompatibility(
  versions: readonly SchemaVersion[],
  mode: CompatibilityMode,
): CompatibilityProblem[] {
  const built = [...versions]
    .sort((a, b) => a.version - b.version)
    .map((v, i, sorted): BuiltVersion => {
      if (i > 0 && sorted[i - 1]!.version === v.version)
        throw new Error(`version ${v.version} is given twice`);
      return { version: v.version, type: buildType(v) };
    });
  const record = built.at(-1)?.type.name ?? 'record';
  const { directions, transitive } = RULES[mode];
  const problems: CompatibilityProblem[] = [];
  for (let j = 1; j < built.length; j++) {
    const newer = built[j]!;
    for (const older of transitive ? built.slice(0, j) : [built[j - 1]!]) {
      for (const direction of directions) {
        const [reader, writer] = direction === 'backward' ? [newer, older] : [older, newer];
        const labels = { reader: `v${reader.version}`, writer: `v${writer.version}`, direction };
        problems.push(
          ...explainResolution(reader.type, writer.type, labels).map((finding) => ({
            record,
            readerVersion: reader.version,
            writerVersion: writer.version,
            direction,
            ...finding,
          })),
        );
      }
    }
  }
  return problems;
}

/** Every record of a catalog in its declared mode (entries of one record may come in any order). */
export function checkCatalogCompatibility(
  entries: readonly {
    readonly name: string;
    readonly version: number;
    readonly schema: Schema;
    readonly compatibility: CompatibilityMode;
  }[],
): CompatibilityProblem[] {
  const byRecord = new Map<string, (typeof entries)[number][]>();
  for (const entry of entries)
    byRecord.set(entry.name, [...(byRecord.get(entry.name) ?? []), entry]);
  return [...byRecord.values()].flatMap((versions) =>
    checkCompatibility(versions, versions[0]!.compatibility),
  );
}

/** One line a failing test can print: record, field, versions, direction and why. */
export function formatProblem(problem: CompatibilityProblem): string {
  const field = problem.field === undefined ? '' : `, field ${problem.field}`;
  return (
    `${problem.record}${field}: v${problem.readerVersion} cannot read data written by ` +
    `v${problem.writerVersion} (${problem.direction}): ${problem.why}`
  );
}

function buildType({ version, schema }: SchemaVersion): Type {
  try {
    return createAvroType(schema);
  } catch (err) {
    throw new Error(
      `version ${version}: not a valid schema (${err instanceof Error ? err.message : String(err)})`,
      { cause: err },
    );
  }
}
