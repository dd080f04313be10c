import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Schema } from 'avsc';
import { createAvroType } from './avro-type.factory';
import { FIXTURES } from './codec.fixtures';
import { findSchemasDir } from './schema-catalog';
import {
  checkCompatibility,
  type CompatibilityMode,
  formatProblem,
  type SchemaVersion,
} from './schema-compatibility';

interface Field {
  name: string;
  type: Schema;
  default?: unknown;
  aliases?: string[];
}
interface RecordSchema {
  type: 'record';
  name: string;
  namespace?: string;
  fields: Field[];
}

const v1: RecordSchema = JSON.parse(
  readFileSync(join(findSchemasDir(), 'PlateRead.v1.avsc'), 'utf8'),
) as RecordSchema;

/** PlateRead v1 with its fields passed through `edit`: each spec writes only the change it is about. */
function evolved(edit: (fields: Field[]) => Field[]): RecordSchema {
  return { ...v1, fields: edit(v1.fields.map((f) => ({ ...f }))) };
}

function replaced(name: string, by: Partial<Field>): (fields: Field[]) => Field[] {
  return (fields) => fields.map((f) => (f.name === name ? { ...f, ...by } : f));
}

function versions(...schemas: RecordSchema[]): SchemaVersion[] {
  return schemas.map((schema, i) => ({ version: i + 1, schema: schema }));
}

function check(mode: CompatibilityMode, ...schemas: RecordSchema[]): string[] {
  return checkCompatibility(versions(...schemas), mode).map(formatProblem);
}

const withLaneName = evolved((f) => [
  ...f,
  { name: 'laneName', type: ['null', 'string'], default: null },
]);
const plateRenamed = evolved(replaced('plateText', { name: 'plate' }));
const plateRenamedWithAlias = evolved(
  replaced('plateText', { name: 'plate', aliases: ['plateText'] }),
);
const withLaneNameRequired = evolved((f) => [...f, { name: 'laneName', type: 'string' }]);

describe('checkCompatibility', () => {
  it('given an optional field with a default added, then it passes FULL_TRANSITIVE', () => {
    expect(check('FULL_TRANSITIVE', v1, withLaneName)).toEqual([]);
  });

  it('given a field renamed without an alias, then BACKWARD fails naming the field, the versions and the old name', () => {
    const problems = checkCompatibility(versions(v1, plateRenamed), 'BACKWARD');
    expect(problems).toEqual([
      {
        record: 'uamd.exchange.PlateRead',
        readerVersion: 2,
        writerVersion: 1,
        direction: 'backward',
        field: 'plate',
        why: expect.stringMatching(
          /v1 data has no field plate and v2 declares no default.*v1's plateText is not read by v2.*"aliases": \["plateText"\] on plate/,
        ) as unknown,
      },
    ]);
    expect(formatProblem(problems[0]!)).toMatch(
      /^uamd\.exchange\.PlateRead, field plate: v2 cannot read data written by v1 \(backward\): v1 data/,
    );
  });

  it('given a field renamed with the old name as alias, then BACKWARD passes and v1 data reads into the new name', () => {
    expect(check('BACKWARD', v1, plateRenamedWithAlias)).toEqual([]);
    const [reader, writer] = [createAvroType(plateRenamedWithAlias), createAvroType(v1)];
    const read = reader.fromBuffer(
      writer.toBuffer(FIXTURES.plateRead.data),
      reader.createResolver(writer),
    ) as Record<string, unknown>;
    expect(read['plate']).toBe(FIXTURES.plateRead.data.plateText);
  });

  it('given a field renamed with an alias, then FULL still fails forward: v1 cannot read v2 data', () => {
    expect(check('FULL', v1, plateRenamedWithAlias)).toEqual([
      expect.stringMatching(
        /^uamd\.exchange\.PlateRead, field plateText: v1 cannot read data written by v2 \(forward\): .*keep writing plateText in v2/,
      ),
    ]);
  });

  it('given a field added without a default, then BACKWARD fails on it and FORWARD passes', () => {
    expect(check('BACKWARD', v1, withLaneNameRequired)).toEqual([
      expect.stringMatching(
        /, field laneName: v2 cannot read data written by v1 \(backward\): .*give it a default in v2$/,
      ),
    ]);
    expect(check('FORWARD', v1, withLaneNameRequired)).toEqual([]);
  });

  describe('transitive against non-transitive', () => {
    // v2 adds laneName with a default, v3 drops the default: each step is fine, v3 reading v1 is not.
    const v2 = evolved((f) => [...f, { name: 'laneName', type: 'string', default: '' }]);
    const v3 = withLaneNameRequired;

    it('given v1 → v2 → v3, then BACKWARD checks only neighbours and passes', () => {
      expect(check('BACKWARD', v1, v2)).toEqual([]);
      expect(check('BACKWARD', v2, v3)).toEqual([]);
      expect(check('BACKWARD', v1, v2, v3)).toEqual([]);
    });

    it('given v1 → v2 → v3, then BACKWARD_TRANSITIVE catches v3 reading v1', () => {
      expect(checkCompatibility(versions(v1, v2, v3), 'BACKWARD_TRANSITIVE')).toEqual([
        expect.objectContaining({ readerVersion: 3, writerVersion: 1, field: 'laneName' }),
      ]);
    });

    it('given the versions in any order, then they are checked by version number', () => {
      const shuffled = [2, 0, 1].map((i) => versions(v1, v2, v3)[i]!);
      expect(checkCompatibility(shuffled, 'BACKWARD_TRANSITIVE')).toEqual(
        checkCompatibility(versions(v1, v2, v3), 'BACKWARD_TRANSITIVE'),
      );
    });
  });

  it('given a type changed from long to string, then both directions fail naming field and types', () => {
    expect(check('FULL', v1, evolved(replaced('sequence', { type: 'string' })))).toEqual([
      'uamd.exchange.PlateRead, field sequence: v2 cannot read data written by v1 (backward): type changed: v1 writes long, v2 reads string, and Avro has no promotion from the one to the other',
      'uamd.exchange.PlateRead, field sequence: v1 cannot read data written by v2 (forward): type changed: v2 writes string, v1 reads long, and Avro has no promotion from the one to the other',
    ]);
  });

  it('given a timestamp-millis field made a string, then the logical type is named as the codec has it', () => {
    expect(check('BACKWARD', v1, evolved(replaced('captureTime', { type: 'string' })))).toEqual([
      expect.stringContaining(
        'field captureTime: v2 cannot read data written by v1 (backward): type changed: v1 writes long (timestamp-millis), v2 reads string',
      ),
    ]);
  });

  it('given a float promoted to double, then BACKWARD passes and FORWARD fails (no demotion)', () => {
    const promoted = evolved(replaced('ocrConfidence', { type: 'double' }));
    expect(check('BACKWARD', v1, promoted)).toEqual([]);
    expect(check('FORWARD', v1, promoted)).toEqual([
      expect.stringContaining(
        'field ocrConfidence: v1 cannot read data written by v2 (forward): type changed: v2 writes double, v1 reads float',
      ),
    ]);
  });

  it("given an int widened to the codec's exact long, then FULL fails only forward", () => {
    const base = evolved(replaced('sequence', { type: 'int' }));
    expect(checkCompatibility(versions(base, v1), 'FULL')).toEqual([
      expect.objectContaining({ direction: 'forward', field: 'sequence', readerVersion: 1 }),
    ]);
  });

  it('given an optional field made required, then BACKWARD fails on the null branch v1 may write', () => {
    expect(
      check(
        'BACKWARD',
        v1,
        evolved(replaced('plateNationality', { type: 'string', default: 'UA' })),
      ),
    ).toEqual([
      expect.stringContaining(
        'field plateNationality: v2 cannot read data written by v1 (backward): v1 may write null here, which v2 (string) cannot read',
      ),
    ]);
  });

  it('given an enum symbol added to an enum without a default, then FORWARD fails naming the symbol', () => {
    const transit = evolved(
      replaced('direction', {
        type: { type: 'enum', name: 'Direction', symbols: ['ENTRY', 'EXIT', 'TRANSIT'] },
      }),
    );
    expect(check('BACKWARD', v1, transit)).toEqual([]);
    expect(check('FORWARD', v1, transit)).toEqual([
      expect.stringMatching(
        /field direction: v1 cannot read data written by v2 \(forward\): v2 may write enum uamd\.exchange\.Direction symbol\(s\) TRANSIT, which v1 does not have/,
      ),
    ]);
  });

  it('given a named type renamed without an alias, then BACKWARD names the field and both names', () => {
    const renamed = evolved(
      replaced('vehicleCategory', {
        type: {
          type: 'enum',
          name: 'Category',
          symbols: ['CAR', 'BUS', 'TRUCK', 'VAN', 'MOTORCYCLE', 'UNKNOWN'],
          default: 'UNKNOWN',
        },
      }),
    );
    expect(check('BACKWARD', v1, renamed)).toEqual([
      expect.stringContaining(
        "field vehicleCategory: v2 cannot read data written by v1 (backward): v1's enum uamd.exchange.VehicleCategory is enum uamd.exchange.Category in v2 without an alias",
      ),
    ]);
  });

  it('given a field added without a default inside records in an array, then the path reaches into the items', () => {
    const lane = (fields: Field[]): Schema => ({
      type: 'array',
      items: { type: 'record', name: 'Lane', fields },
    });
    const post = (fields: Field[]): RecordSchema => ({
      type: 'record',
      name: 'Post',
      namespace: 'test',
      fields: [{ name: 'lanes', type: lane(fields) }],
    });
    const before = post([{ name: 'id', type: 'string' }]);
    const after = post([
      { name: 'id', type: 'string' },
      { name: 'width', type: 'int' },
    ]);
    expect(checkCompatibility(versions(before, after), 'BACKWARD')).toEqual([
      expect.objectContaining({ record: 'test.Post', field: 'lanes[].width' }),
    ]);
  });

  it('given two breaking fields in one version, then each is its own problem', () => {
    const twice = evolved((f) =>
      replaced('sequence', { type: 'string' })(f).concat({ name: 'laneName', type: 'string' }),
    );
    expect(checkCompatibility(versions(v1, twice), 'BACKWARD').map((p) => p.field)).toEqual([
      'sequence',
      'laneName',
    ]);
  });

  it('given NONE, then even a breaking change is not reported', () => {
    expect(check('NONE', v1, plateRenamed)).toEqual([]);
  });

  it('given a single version, then there is nothing to check', () => {
    expect(check('FULL_TRANSITIVE', v1)).toEqual([]);
  });

  it('given a version number twice, then the check refuses it', () => {
    expect(() =>
      checkCompatibility(
        [
          { version: 1, schema: v1 },
          { version: 1, schema: withLaneName },
        ],
        'FULL',
      ),
    ).toThrow(/version 1 is given twice/);
  });

  it('given a schema the codec cannot build, then the check fails naming the version', () => {
    const bad = evolved(replaced('sequence', { type: 'no-such-type' }));
    expect(() => check('FULL', v1, bad)).toThrow(/version 2: not a valid schema/);
  });
});
