import { type ForSchemaOptions, Type, type Schema } from 'avsc';
import { exactLongTypeHook } from './exact-long.type';
import { LOGICAL_TYPES } from './timestamp-millis.logical-type';

/**
 * The one way the codec turns a schema into an avsc Type, so writer and reader types of every
 * version agree: unwrapped unions (`["null","string"]` is `null | string`; ambiguous unions
 * fail here), exact longs, epoch-ms timestamps, and records as plain data without avsc methods.
 */
export function createAvroType(schema: Schema): Type {
  // A copy: avsc keeps the named types it meets in `options.registry`, one registry per schema.
  return Type.forSchema(schema, { ...AVRO_TYPE_OPTIONS });
}

/**
 * The options behind `createAvroType`, for a schema registry client that parses schemas itself;
 * pass a copy (avsc adds a `registry` of named types to the object it is given).
 */
export const AVRO_TYPE_OPTIONS: Partial<ForSchemaOptions> = {
  wrapUnions: false,
  logicalTypes: LOGICAL_TYPES,
  assertLogicalTypes: true,
  typeHook: exactLongTypeHook(false),
  omitRecordMethods: true,
};
