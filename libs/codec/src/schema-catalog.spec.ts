import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSchemasDir, loadCatalog } from './schema-catalog';

const plateRead = {
  type: 'record',
  name: 'PlateRead',
  namespace: 'uamd.exchange',
  fields: [{ name: 'eventId', type: 'string' }],
};

describe('schema catalog', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'uamd-catalog-'));
    writeFileSync(join(dir, 'PlateRead.v1.avsc'), JSON.stringify(plateRead));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** By default every record named in `schemas` is declared FULL, so only the rows are under test. */
  function writeCatalog(schemas: unknown[], compatibility?: unknown): void {
    const names = schemas
      .map((s) => (s as { name?: unknown }).name)
      .filter((n): n is string => typeof n === 'string');
    const modes = compatibility ?? Object.fromEntries(names.map((n) => [n, 'FULL']));
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify({ compatibility: modes, schemas }));
  }

  it('given the repository, when searched from this folder, then the schemas folder with catalog.json is found', () => {
    expect(findSchemasDir()).toMatch(/[/\\]schemas$/);
  });

  it('given the repository catalog, then every entry loads with its schema', () => {
    const entries = loadCatalog();
    expect(entries.map((e) => e.id)).toEqual([1, 2, 3, 4, 101, 102, 103, 104]);
    expect(entries[0]).toMatchObject({
      id: 1,
      name: 'uamd.exchange.PlateRead',
      version: 1,
      file: 'PlateRead.v1.avsc',
    });
    expect(entries[0]!.schema).toMatchObject({ type: 'record', name: 'PlateRead' });
  });

  it('given two versions of a record, then both carry the mode declared for the record', () => {
    writeFileSync(join(dir, 'PlateRead.v2.avsc'), JSON.stringify(plateRead));
    writeCatalog(
      [
        { id: 1, name: 'uamd.exchange.PlateRead', version: 1, file: 'PlateRead.v1.avsc' },
        { id: 11, name: 'uamd.exchange.PlateRead', version: 2, file: 'PlateRead.v2.avsc' },
      ],
      { 'uamd.exchange.PlateRead': 'BACKWARD' },
    );
    expect(loadCatalog(dir).map((e) => [e.version, e.compatibility])).toEqual([
      [1, 'BACKWARD'],
      [2, 'BACKWARD'],
    ]);
  });

  it('given a valid temporary catalog, then it loads', () => {
    writeCatalog([
      { id: 7, name: 'uamd.exchange.PlateRead', version: 1, file: 'PlateRead.v1.avsc' },
    ]);
    expect(loadCatalog(dir)).toHaveLength(1);
  });

  it.each([
    [
      'a duplicate id',
      [
        { id: 7, v: 1 },
        { id: 7, v: 2 },
      ],
      /duplicate schema id 7/,
    ],
    ['id 0', [{ id: 0, v: 1 }], /id must be an integer/],
    ['id 2^31', [{ id: 2 ** 31, v: 1 }], /id must be an integer/],
    ['a fractional id', [{ id: 1.5, v: 1 }], /id must be an integer/],
    [
      'a duplicate version',
      [
        { id: 1, v: 1 },
        { id: 2, v: 1 },
      ],
      /duplicate version 1/,
    ],
  ])('given %s, then loading fails', (_what, rows, message) => {
    writeCatalog(
      rows.map(({ id, v }) => ({
        id,
        name: 'uamd.exchange.PlateRead',
        version: v,
        file: 'PlateRead.v1.avsc',
      })),
    );
    expect(() => loadCatalog(dir)).toThrow(message);
  });

  it('given a file that does not exist, then loading fails naming it', () => {
    writeCatalog([
      { id: 1, name: 'uamd.exchange.PlateRead', version: 2, file: 'PlateRead.v2.avsc' },
    ]);
    expect(() => loadCatalog(dir)).toThrow(/PlateRead\.v2\.avsc does not exist/);
  });

  it('given a file outside the schemas folder, then loading fails', () => {
    writeCatalog([
      { id: 1, name: 'uamd.exchange.PlateRead', version: 1, file: '../PlateRead.v1.avsc' },
    ]);
    expect(() => loadCatalog(dir)).toThrow(/file must be a file name/);
  });

  it('given a file whose record full name differs from the catalog name, then loading fails', () => {
    writeCatalog([
      { id: 1, name: 'uamd.exchange.reconciler.PlateRead', version: 1, file: 'PlateRead.v1.avsc' },
    ]);
    expect(() => loadCatalog(dir)).toThrow(
      /defines uamd\.exchange\.PlateRead, catalog says uamd\.exchange\.reconciler\.PlateRead/,
    );
  });

  describe('compatibility declaration', () => {
    const rows = [
      { id: 1, name: 'uamd.exchange.PlateRead', version: 1, file: 'PlateRead.v1.avsc' },
    ];

    it('given no "compatibility" object, then loading fails saying what is expected', () => {
      writeFileSync(join(dir, 'catalog.json'), JSON.stringify({ schemas: rows }));
      expect(() => loadCatalog(dir)).toThrow(
        /compatibility: expected an object mapping every record name to one of BACKWARD, .*NONE/,
      );
    });

    it.each([
      [
        'a record without a mode',
        {},
        /compatibility: uamd\.exchange\.PlateRead has no mode \(one of BACKWARD/,
      ],
      [
        'a mode outside the list',
        { 'uamd.exchange.PlateRead': 'BACKWARDS' },
        /uamd\.exchange\.PlateRead: "BACKWARDS" is no mode/,
      ],
      [
        'a mode in lower case',
        { 'uamd.exchange.PlateRead': 'full' },
        /uamd\.exchange\.PlateRead: "full" is no mode/,
      ],
      [
        'a name no schema has',
        { 'uamd.exchange.PlateRead': 'FULL', 'uamd.exchange.PlateReed': 'FULL' },
        /uamd\.exchange\.PlateReed is no record of this catalog/,
      ],
    ])('given %s, then loading fails naming it', (_what, compatibility, message) => {
      writeCatalog(rows, compatibility);
      expect(() => loadCatalog(dir)).toThrow(message);
    });

    it('given several problems, then one error lists them all', () => {
      writeCatalog(rows, { 'uamd.exchange.Other': 'FULL' });
      expect(() => loadCatalog(dir)).toThrow(
        /uamd\.exchange\.Other is no record of this catalog; uamd\.exchange\.PlateRead has no mode/,
      );
    });
  });
});
