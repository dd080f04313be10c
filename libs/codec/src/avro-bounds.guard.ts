import { isUtf8 } from 'node:buffer';
import { type Type, type types } from 'avsc';
import { DecodeError, type DecodeErrorReason } from './decode-error';

export interface AvroBoundsLimits {
  /** Array items plus map entries over the whole message. */
  readonly maxItems: number;
  /** Nesting of records, arrays, maps and unions (recursive schemas would otherwise blow the stack). */
  readonly maxDepth: number;
}

export const DEFAULT_BOUNDS_LIMITS: AvroBoundsLimits = { maxItems: 100_000, maxDepth: 64 };

/** The shape of a writer schema, reduced to what decides how many bytes a value takes. */
type Plan =
  | { readonly kind: 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string' }
  | { readonly kind: 'fixed'; readonly size: number }
  | { readonly kind: 'enum'; readonly count: number }
  | { readonly kind: 'union'; readonly branches: Plan[] }
  | { readonly kind: 'array'; items: Plan; itemMinBytes: number }
  | { readonly kind: 'map'; values: Plan; itemMinBytes: number }
  | { readonly kind: 'record'; readonly fields: Plan[] };

const MAX_LONG_BYTES = 10;
const MAX_INT_BYTES = 5;
const EMPTY = new Uint8Array(0);

/**
 * Walks Avro binary against a writer schema without building values, before avsc decodes it.
 * avsc trusts lengths and block counts from the input (a 2-billion item block count in five
 * bytes makes it allocate until the process dies of heap exhaustion), so every count is checked
 * against the bytes left and a hard item cap here; each step consumes input or counts against that cap, so the walk is
 * linear in the message size.
 */
export class AvroBoundsGuard {
  private readonly root: Plan;
  private buf: Uint8Array = EMPTY;
  private pos = 0;
  private items = 0;

  constructor(
    type: Type,
    private readonly schemaId: number,
    private readonly limits: AvroBoundsLimits = DEFAULT_BOUNDS_LIMITS,
  ) {
    this.root = compile(type, new Map());
    setMinBytes(this.root, new Map());
  }

  /** Checks the value starting at `start`; returns the offset just past it. */
  check(buf: Uint8Array, start: number): number {
    this.buf = buf;
    this.pos = start;
    this.items = 0;
    try {
      this.walk(this.root, 0);
      return this.pos;
    } finally {
      // Do not keep the last message alive between calls.
      this.buf = EMPTY;
    }
  }

  private walk(plan: Plan, depth: number): void {
    switch (plan.kind) {
      case 'null':
        return;
      case 'boolean': {
        const at = this.pos;
        if (this.byte() > 1) this.fail('INVALID_AVRO', `boolean at byte ${at} is neither 0 nor 1`);
        return;
      }
      case 'int':
        this.varint(MAX_INT_BYTES);
        return;
      case 'long':
        this.varint(MAX_LONG_BYTES);
        return;
      case 'float':
        this.skip(4, 'float');
        return;
      case 'double':
        this.skip(8, 'double');
        return;
      case 'fixed':
        this.skip(plan.size, 'fixed');
        return;
      case 'bytes':
        this.skip(this.length('bytes'), 'bytes');
        return;
      case 'string':
        this.string();
        return;
      case 'enum': {
        const at = this.pos;
        const index = this.varint(MAX_LONG_BYTES);
        if (index < 0 || index >= plan.count) {
          this.fail(
            'INVALID_AVRO',
            `enum index ${index} at byte ${at} is not in 0..${plan.count - 1}`,
          );
        }
        return;
      }
      case 'union': {
        this.enter(depth);
        const at = this.pos;
        const index = this.varint(MAX_LONG_BYTES);
        const branch = index >= 0 ? plan.branches[index] : undefined;
        if (branch === undefined) {
          this.fail(
            'INVALID_AVRO',
            `union index ${index} at byte ${at} is not in 0..${plan.branches.length - 1}`,
          );
        }
        this.walk(branch, depth + 1);
        return;
      }
      case 'record':
        this.enter(depth);
        for (const field of plan.fields) this.walk(field, depth + 1);
        return;
      case 'array':
        this.enter(depth);
        this.blocks(plan.items, undefined, plan.itemMinBytes, depth + 1);
        return;
      case 'map':
        this.enter(depth);
        this.blocks(plan.values, 'map key', plan.itemMinBytes, depth + 1);
        return;
    }
  }

  /** Array and map blocks: a count (negative: followed by the block's byte size), then items, until a zero count. */
  private blocks(item: Plan, key: string | undefined, itemMinBytes: number, depth: number): void {
    for (;;) {
      const at = this.pos;
      let count = this.varint(MAX_LONG_BYTES);
      if (count === 0) return;
      let blockEnd = -1;
      if (count < 0) {
        count = -count;
        const size = this.length('block size');
        if (size > this.remaining())
          this.fail(
            'TRUNCATED',
            `block at byte ${at} claims ${size} bytes, ${this.remaining()} left`,
          );
        blockEnd = this.pos + size;
      }
      if (count * itemMinBytes > this.remaining()) {
        this.fail(
          'TRUNCATED',
          `block at byte ${at} claims ${count} items, only ${this.remaining()} bytes left`,
        );
      }
      this.items += count;
      if (this.items > this.limits.maxItems) {
        this.fail(
          'INVALID_AVRO',
          `block at byte ${at} brings the item count to ${this.items}, over the limit of ${this.limits.maxItems}`,
        );
      }
      for (let i = 0; i < count; i++) {
        if (key !== undefined) this.string();
        this.walk(item, depth);
      }
      if (blockEnd >= 0 && this.pos !== blockEnd) {
        this.fail(
          'INVALID_AVRO',
          `block at byte ${at} declares its size as ending at byte ${blockEnd}, items end at ${this.pos}`,
        );
      }
    }
  }

  private string(): void {
    const length = this.length('string');
    const start = this.pos;
    this.skip(length, 'string');
    // avsc would silently turn bad UTF-8 into U+FFFD: a plate text must not change on the way.
    if (!isUtf8(this.buf.subarray(start, this.pos)))
      this.fail('INVALID_AVRO', `string at byte ${start} is not valid UTF-8`);
  }

  private length(what: string): number {
    const at = this.pos;
    const length = this.varint(MAX_LONG_BYTES);
    if (length < 0) this.fail('INVALID_AVRO', `${what} length ${length} at byte ${at} is negative`);
    return length;
  }

  /** Zig-zag varint as a float: exact up to 2^53, and larger values only ever fail a bound. */
  private varint(maxBytes: number): number {
    const at = this.pos;
    let raw = 0;
    let scale = 1;
    for (let i = 0; ; i++) {
      if (i === maxBytes)
        this.fail('INVALID_AVRO', `varint at byte ${at} is longer than ${maxBytes} bytes`);
      const b = this.byte();
      raw += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) break;
      scale *= 128;
    }
    // The sign is the low bit of the first byte, which float arithmetic on big values would lose.
    const half = Math.floor(raw / 2);
    return (this.buf[at]! & 1) === 1 ? -half - 1 : half;
  }

  private byte(): number {
    if (this.pos >= this.buf.length)
      this.fail('TRUNCATED', `message ends at byte ${this.buf.length}, value expected`);
    return this.buf[this.pos++]!;
  }

  private skip(count: number, what: string): void {
    if (count > this.remaining()) {
      this.fail(
        'TRUNCATED',
        `${what} at byte ${this.pos} needs ${count} bytes, ${this.remaining()} left`,
      );
    }
    this.pos += count;
  }

  private remaining(): number {
    return this.buf.length - this.pos;
  }

  private enter(depth: number): void {
    if (depth >= this.limits.maxDepth)
      this.fail('INVALID_AVRO', `nesting deeper than ${this.limits.maxDepth} at byte ${this.pos}`);
  }

  private fail(reason: DecodeErrorReason, detail: string): never {
    throw new DecodeError(reason, `schema id ${this.schemaId}: ${detail}`, {
      schemaId: this.schemaId,
    });
  }
}

function compile(type: Type, records: Map<Type, Plan>): Plan {
  const typeName = type.typeName;
  switch (typeName) {
    case 'null':
    case 'boolean':
    case 'int':
    case 'long':
    case 'float':
    case 'double':
    case 'bytes':
    case 'string':
      return { kind: typeName };
    case 'fixed':
      return { kind: 'fixed', size: (type as types.FixedType).size };
    case 'enum':
      return { kind: 'enum', count: (type as types.EnumType).symbols.length };
    case 'array':
      return {
        kind: 'array',
        items: compile((type as types.ArrayType).itemsType, records),
        itemMinBytes: 0,
      };
    case 'map':
      return {
        kind: 'map',
        values: compile((type as types.MapType).valuesType as Type, records),
        itemMinBytes: 0,
      };
    case 'union:unwrapped':
    case 'union:wrapped':
      return {
        kind: 'union',
        branches: (type as types.UnwrappedUnionType).types.map((t) => compile(t, records)),
      };
    case 'record':
    case 'error': {
      const known = records.get(type);
      if (known) return known;
      // Registered before its fields so a recursive reference finds it.
      const fields: Plan[] = [];
      const plan: Plan = { kind: 'record', fields };
      records.set(type, plan);
      for (const field of (type as types.RecordType).fields)
        fields.push(compile(field.type, records));
      return plan;
    }
    default:
      if (typeName.startsWith('logical:'))
        return compile((type as types.LogicalType).underlyingType, records);
      // avsc's abstract long types are written as longs.
      if (typeName.startsWith('abstract:')) return { kind: 'long' };
      throw new Error(`avro bounds guard: unsupported type ${typeName}`);
  }
}

/** Least bytes one value of the plan can take; a record still being computed (recursion) counts as 0, a safe underestimate. */
function setMinBytes(plan: Plan, records: Map<Plan, number>): number {
  switch (plan.kind) {
    case 'null':
      return 0;
    case 'boolean':
    case 'int':
    case 'long':
    case 'enum':
    case 'bytes':
    case 'string':
      return 1;
    case 'float':
      return 4;
    case 'double':
      return 8;
    case 'fixed':
      return plan.size;
    case 'union': {
      let least = Infinity;
      for (const branch of plan.branches) least = Math.min(least, setMinBytes(branch, records));
      return 1 + (least === Infinity ? 0 : least);
    }
    case 'array':
      plan.itemMinBytes = setMinBytes(plan.items, records);
      return 1;
    case 'map':
      plan.itemMinBytes = 1 + setMinBytes(plan.values, records);
      return 1;
    case 'record': {
      const known = records.get(plan);
      if (known !== undefined) return known;
      records.set(plan, 0);
      let total = 0;
      for (const field of plan.fields) total += setMinBytes(field, records);
      records.set(plan, total);
      return total;
    }
  }
}
