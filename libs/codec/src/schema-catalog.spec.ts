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

  function writeCatalog(schemas: unknown[]): void {
    writeFileSync(join(dir, 'catalog.json'), JSON.stringify({ schemas }));
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
});
