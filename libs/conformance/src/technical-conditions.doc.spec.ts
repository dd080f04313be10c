import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { conformanceChecks } from './checks';

/** docs/technical-conditions.md is what users and partners read: it must state what is checked. */
describe('docs/technical-conditions.md', () => {
  const doc = readFileSync(
    join(__dirname, '..', '..', '..', 'docs', 'technical-conditions.md'),
    'utf8',
  );
  const conditions = conformanceChecks().map((check) => check.condition);

  it.each(conditions.map((c) => [c.id, c]))('states %s as the check enforces it', (_, c) => {
    const section = doc.slice(doc.indexOf(`### ${c.id} — `));
    expect(section.startsWith(`### ${c.id} — ${c.title}\n`)).toBe(true);
    const end = section.indexOf('\n### ', 1);
    const body = end < 0 ? section : section.slice(0, end);
    expect(body).toContain(`**Severity:** ${c.severity}`);
    expect(body).toContain(c.rule);
    for (const name of Object.keys(c.parameters)) expect(body).toContain(`\`${name}\``);
  });

  it('lists no condition that is not checked', () => {
    const listed = [...doc.matchAll(/^### (TC-[A-Z]+-\d+) /gm)].map((m) => m[1]);
    expect(listed).toEqual(conditions.map((c) => c.id));
  });
});
