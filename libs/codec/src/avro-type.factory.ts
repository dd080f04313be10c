import { Type, type Schema } from 'avsc';
import { exactLongTypeHook } from './exact-long.type';
import { LOGICAL_TYPES } from './timestamp-millis.logical-type';

/**
 * The one way the codec turns a schema into an avsc Type, so writer and reader types of every
 * version agree: unwrapped unions (`["null","string"]` is `null | string`; ambiguous unions
 * fail here), exact longs, epoch-ms timestamps, and records as plain data without avsc methods.
 */
export function createAvroType(schema: Schema): Type {
  return Type.forSchema(schema, {
    wrapUnions: false,
    logicalTypes: LOGICAL_TYPES,
    assertLogicalTypes: true,
    typeHook: exactLongTypeHook(false),
    omitRecordMethods: true,
  });
}
