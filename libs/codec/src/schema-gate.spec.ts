import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInputEventType, shortName } from './event-types';
import { findSchemasDir, loadCatalog } from './schema-catalog';
import { checkCatalogCompatibility, formatProblem } from './schema-compatibility';

/**
 * The schema-evolution gate of `npm test`: every version of every record in `schemas/catalog.json`
 * against the earlier ones, in the mode the catalog declares for it. A failure prints one line per
 * problem (record, field, versions, direction, why) in the diff of the expectation.
 */
describe('schema evolution gate', () => {
  it('given the repository catalog, then every record is compatible in its declared mode', () => {
    expect(checkCatalogCompatibility(loadCatalog()).map(formatProblem)).toEqual([]);
  });

  it('given the repository catalog, then inputs stay FULL_TRANSITIVE and outputs at least BACKWARD_TRANSITIVE', () => {
    // Weakening a mode to get a schema past the gate must be a visible edit here, not in the catalog alone.
    const weakened = loadCatalog()
      .filter((e) =>
        isInputEventType(shortName(e.name))
          ? e.compatibility !== 'FULL_TRANSITIVE'
          : !['BACKWARD_TRANSITIVE', 'FULL_TRANSITIVE'].includes(e.compatibility),
      )
      .map((e) => `${e.name} v${e.version}: ${e.compatibility}`);
    expect(weakened).toEqual([]);
  });

  describe('given a future PlateRead v2 that renames plateText without an alias', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'uamd-gate-'));
      cpSync(findSchemasDir(), dir, { recursive: true });
      const v1 = JSON.parse(readFileSync(join(dir, 'PlateRead.v1.avsc'), 'utf8')) as {
        fields: { name: string }[];
      };
      const v2 = {
        ...v1,
        fields: v1.fields.map((f) => (f.name === 'plateText' ? { ...f, name: 'plate' } : f)),
      };
      writeFileSync(join(dir, 'PlateRead.v2.avsc'), JSON.stringify(v2));
      const catalog = JSON.parse(readFileSync(join(dir, 'catalog.json'), 'utf8')) as {
        schemas: unknown[];
      };
      catalog.schemas.push({
        id: 11,
        name: 'uamd.exchange.PlateRead',
        version: 2,
        file: 'PlateRead.v2.avsc',
      });
      writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('then the gate fails in both directions of FULL_TRANSITIVE with the field named', () => {
      const lines = checkCatalogCompatibility(loadCatalog(dir)).map(formatProblem);
      expect(lines).toEqual([
        expect.stringMatching(
          /^uamd\.exchange\.PlateRead, field plate: v2 cannot read data written by v1 \(backward\): .*"aliases": \["plateText"\]/,
        ),
        expect.stringMatching(
          /^uamd\.exchange\.PlateRead, field plateText: v1 cannot read data written by v2 \(forward\): /,
        ),
      ]);
    });
  });
});
