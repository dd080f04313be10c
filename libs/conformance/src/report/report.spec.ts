import { type ConditionResult, type TechnicalCondition } from '../condition';
import { type ConformanceReport } from '../conformance-run';
import { htmlReport } from './html-report';
import { overallLine } from './overall-verdict';
import { reportJson } from './report-json';
import { summaryTable } from './summary-table';

const RLO = '\u202E';
const HOSTILE = `plate "AA1234BB" <script>alert(1)</script> read as ${RLO}AB4321AA & 'more'`;

function condition(
  id: TechnicalCondition['id'],
  title: string,
  severity: TechnicalCondition['severity'],
  parameters: TechnicalCondition['parameters'] = {},
): TechnicalCondition {
  return { id, title, rule: `The rule of ${id}: ${title.toLowerCase()}.`, severity, parameters };
}

const sample = (n: number, reason: string, eventId?: string) => ({
  position: `record ${n}`,
  topic: 'ua.plate-reads',
  reason,
  ...(eventId === undefined ? {} : { eventId }),
});

const PASSING: ConditionResult = {
  condition: condition('TC-FRAME-1', 'Every message is framed and decodes', 'mandatory', {
    maxMessageBytes: 1048576,
  }),
  verdict: 'pass',
  checked: 1200,
  violations: 0,
  samples: [],
  distributions: [
    {
      title: 'message size per topic',
      unit: 's',
      series: [{ key: 'md.declarations', count: 20, p50: 0.4, p90: 0.9, p99: 1.2, max: 1.5 }],
    },
  ],
};

const FAILING_MANDATORY: ConditionResult = {
  condition: condition('TC-FEED-1', 'Camera sequences have no gaps', 'mandatory', {
    maxGapMessages: 0,
  }),
  verdict: 'fail',
  checked: 1180,
  violations: 8,
  samples: [
    sample(12, 'sequence 12 after 10 on camera UA-MAM-EXIT-L1: 1 missing', 'e-0012'),
    sample(40, HOSTILE, 'e-0040'),
    sample(41, 'camera \u001b[31mUA-MAM-EXIT-L2\u001b[0m restarted at 0', 'e-0041'),
    sample(50, 'sequence 3 after 1 on camera MD-LEU-ENTRY-L1: 1 missing', 'e-0050'),
    sample(51, 'sequence 9 after 7 on camera MD-LEU-ENTRY-L1: 1 missing', 'e-0051'),
    sample(60, 'sequence 30 after 28 on camera MD-LEU-ENTRY-L1: 1 missing', 'e-0060'),
  ],
  figures: { camerasWithGaps: 3, worstCamera: 'MD-LEU-ENTRY-L1' },
};

const FAILING_ADVISORY: ConditionResult = {
  condition: condition('TC-TIME-3', 'Reads arrive within 60 s', 'advisory', { maxDelayS: 60 }),
  verdict: 'fail',
  checked: 1180,
  violations: 1,
  samples: [sample(77, 'delivered 95 s after capture, over 60 s')],
  distributions: [
    {
      title: 'delivery delay per camera',
      unit: 'ms',
      series: [
        { key: 'UA-MAM-EXIT-L1', count: 600, p50: 850, p90: 2400, p99: 9100, max: 95000 },
        { key: 'MD-LEU-ENTRY-L2', count: 580, p50: 700, p90: 2000, p99: 7800, max: 41000 },
      ],
    },
  ],
};

const NOT_APPLICABLE: ConditionResult = {
  condition: condition('TC-DECL-2', 'Declarations name a known post', 'mandatory'),
  verdict: 'not-applicable',
  checked: 0,
  violations: 0,
  samples: [],
};

const REPORT: ConformanceReport = {
  source: {
    kind: 'traffic file',
    name: 'scenarios/demo.uamd',
    details: { seed: 42, generator: 'libs/traffic <b>demo</b>' },
  },
  records: 1200,
  firstDeliveredAt: Date.UTC(2025, 4, 1, 6, 0, 0),
  lastDeliveredAt: Date.UTC(2025, 4, 1, 7, 30, 0, 250),
  results: [PASSING, FAILING_MANDATORY, FAILING_ADVISORY, NOT_APPLICABLE],
  verdict: 'fail',
};

describe('summaryTable', () => {
  const lines = summaryTable(REPORT).split('\n');

  it('given four conditions, then one aligned row each under the heading, numbers right-aligned', () => {
    const start = lines.indexOf(lines.find((l) => l.startsWith('id '))!);
    expect(lines.slice(start, start + 6)).toEqual([
      'id          title                                severity   checked  violations  verdict',
      '----------  -----------------------------------  ---------  -------  ----------  -------',
      'TC-FRAME-1  Every message is framed and decodes  mandatory     1200           0  PASS',
      'TC-FEED-1   Camera sequences have no gaps        mandatory     1180           8  FAIL',
      'TC-TIME-3   Reads arrive within 60 s             advisory      1180           1  FAIL',
      'TC-DECL-2   Declarations name a known post       mandatory        0           0  n/a',
    ]);
  });

  it('given a failing condition with more violations than shown, then its first five samples and the rest counted', () => {
    const start = lines.indexOf(
      'TC-FEED-1 Camera sequences have no gaps (mandatory): 8 violations',
    );
    expect(start).toBeGreaterThan(0);
    expect(lines.slice(start + 1, start + 8)).toEqual([
      '  record 12 (ua.plate-reads, id e-0012): sequence 12 after 10 on camera UA-MAM-EXIT-L1: 1 missing',
      `  record 40 (ua.plate-reads, id e-0040): plate "AA1234BB" <script>alert(1)</script> read as ⟨U+202E⟩AB4321AA & 'more'`,
      '  record 41 (ua.plate-reads, id e-0041): camera ⟨U+001B⟩[31mUA-MAM-EXIT-L2⟨U+001B⟩[0m restarted at 0',
      '  record 50 (ua.plate-reads, id e-0050): sequence 3 after 1 on camera MD-LEU-ENTRY-L1: 1 missing',
      '  record 51 (ua.plate-reads, id e-0051): sequence 9 after 7 on camera MD-LEU-ENTRY-L1: 1 missing',
      '  … and 3 more',
      '',
    ]);
  });

  it('given a failing advisory sample without an event id, then the topic alone in brackets', () => {
    const start = lines.indexOf('TC-TIME-3 Reads arrive within 60 s (advisory): 1 violation');
    expect(lines[start + 1]).toBe(
      '  record 77 (ua.plate-reads): delivered 95 s after capture, over 60 s',
    );
    expect(lines[start + 2]).toBe('');
  });

  it('given samplesShown 1, then one sample and the rest of the violations counted', () => {
    const out = summaryTable(REPORT, { samplesShown: 1 });
    expect(out).toContain('1 missing\n  … and 7 more\n');
    expect(out).not.toContain('record 40');
  });

  it('given a partner ESC or bidi override, then the terminal gets markers, never the raw characters', () => {
    const out = summaryTable(REPORT);
    expect(rawInvisible(out)).toEqual([]);
    expect(out).not.toContain('TC-FRAME-1 Every message'); // passing conditions list no samples
  });

  it('given the report, then the source and delivery range head it and the overall line ends it', () => {
    expect(lines.slice(0, 2)).toEqual([
      'source: traffic file scenarios/demo.uamd',
      'records: 1200, delivered 2025-05-01T06:00:00.000Z to 2025-05-01T07:30:00.250Z',
    ]);
    expect(lines.at(-2)).toBe(
      'conformance: FAIL (1 mandatory condition failed: TC-FEED-1; 1 advisory: TC-TIME-3; 1 not applicable: TC-DECL-2)',
    );
    expect(lines.at(-1)).toBe('');
  });
});

describe('overallLine', () => {
  const failed = (r: ConditionResult): ConditionResult => ({
    ...r,
    verdict: 'fail',
    violations: 1,
  });
  const passed = (r: ConditionResult): ConditionResult => ({ ...r, verdict: 'pass', checked: 5 });
  const time1: ConditionResult = {
    ...PASSING,
    condition: condition('TC-TIME-1', 'Clocks agree', 'mandatory'),
  };

  it.each<[string, ConditionResult[], ConformanceReport['verdict'], string]>([
    [
      'two mandatory and one advisory failure',
      [PASSING, FAILING_MANDATORY, failed(time1), FAILING_ADVISORY],
      'fail',
      'conformance: FAIL (2 mandatory conditions failed: TC-FEED-1, TC-TIME-1; 1 advisory: TC-TIME-3)',
    ],
    [
      'every mandatory condition met',
      [PASSING, passed(FAILING_MANDATORY), passed(FAILING_ADVISORY), passed(NOT_APPLICABLE)],
      'pass',
      'conformance: PASS (all 3 mandatory conditions met)',
    ],
    [
      'a pass with an advisory failure and a condition that never applied',
      [PASSING, passed(FAILING_MANDATORY), FAILING_ADVISORY, NOT_APPLICABLE],
      'pass',
      'conformance: PASS (2 of 3 mandatory conditions met; 1 advisory failed: TC-TIME-3; 1 not applicable: TC-DECL-2)',
    ],
  ])('given %s, then the line names them', (_, results, verdict, line) => {
    expect(overallLine({ ...REPORT, results, verdict })).toBe(line);
  });
});

describe('htmlReport', () => {
  const html = htmlReport(REPORT, { generatedAt: '2025-05-02T09:00:00Z' });

  it('given a reason with a script tag, quotes and a bidi override, then all are escaped and the override shown by code point', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain(
      'plate &quot;AA1234BB&quot; &lt;script&gt;alert(1)&lt;/script&gt; read as <span class="invisible">⟨U+202E⟩</span>AB4321AA &amp; &#39;more&#39;',
    );
    expect(html).toContain('<span class="invisible">⟨U+001B⟩</span>[31m');
    expect(rawInvisible(html)).toEqual([]);
    expect(html).toContain('libs/traffic &lt;b&gt;demo&lt;/b&gt;');
  });

  it('given the report, then it references nothing outside the file and runs no script', () => {
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/\ssrc\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    const hrefs = html.match(/href\s*=\s*"[^"]*"/gi) ?? [];
    expect(hrefs).toHaveLength(4);
    for (const href of hrefs) expect(href).toMatch(/^href="#condition-\d+"$/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });

  it('given the report, then title, reconstruction notice, source, range, records and overall verdict are shown', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>UA–MD data exchange: conformance report</title>');
    expect(html).toContain('reconstruction of the technical conditions');
    expect(html).toContain('signed text is not public');
    expect(html).toContain('traffic file: <span class="mono">scenarios/demo.uamd</span>');
    expect(html).toContain('2025-05-01T06:00:00.000Z to 2025-05-01T07:30:00.250Z');
    expect(html).toContain('<th scope="row">Records checked</th><td>1200</td>');
    expect(html).toContain('<th scope="row">Report generated</th><td>2025-05-02T09:00:00Z</td>');
    expect(html).toMatch(
      /<div class="overall fail"[^>]*><strong>Overall verdict: FAIL<\/strong> <span>1 mandatory condition failed: TC-FEED-1;/,
    );
  });

  it('given four conditions, then a summary row each with its verdict as a word, not only a colour', () => {
    const rows = html.match(/<tr><td class="mono"><a href="#condition-\d+">[^]*?<\/tr>/g) ?? [];
    expect(rows).toHaveLength(4);
    const verdicts = rows.map((row) => /class="verdict ([a-z-]+)">([^<]+)</.exec(row)?.slice(1));
    expect(verdicts).toEqual([
      ['pass', 'PASS'],
      ['fail', 'FAIL'],
      ['fail', 'FAIL'],
      ['not-applicable', 'not applicable'],
    ]);
    expect(rows[1]).toContain('<td class="num">1180</td><td class="num">8</td>');
  });

  it('given a failing condition, then its section has rule, parameters, figures and the samples as a table', () => {
    const section = sectionOf(html, 2);
    expect(section).toContain('The rule of TC-FEED-1: camera sequences have no gaps.');
    expect(section).toMatch(
      /<th scope="row" class="mono">maxGapMessages<\/th><td class="num">0<\/td>/,
    );
    expect(section).toMatch(/camerasWithGaps<\/th><td class="num">3<\/td>/);
    expect(section).toContain('The first 6 of 8 violations, in source order');
    expect(section.match(/<tbody>[^]*<\/tbody>/)?.[0].match(/<tr>/g)).toHaveLength(6);
    expect(section).toContain(
      '<tr><td class="mono nowrap">record 12</td><td class="mono nowrap">ua.plate-reads</td><td class="mono">e-0012</td>',
    );
    expect(sectionOf(html, 3)).toContain('<td class="mono">—</td><td>delivered 95 s after capture');
    expect(sectionOf(html, 4)).toContain('No violations.');
  });

  it('given two distributions, then an inline SVG each, in its condition, naming its series keys', () => {
    const svgs = html.match(/<svg[\s>][^]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(2);
    expect(sectionOf(html, 1)).toContain('md.declarations');
    const delay = sectionOf(html, 3).match(/<svg[\s>][^]*?<\/svg>/)?.[0] ?? '';
    expect(delay).toContain('>UA-MAM-EXIT-L1</text>');
    expect(delay).toContain('>MD-LEU-ENTRY-L2</text>');
    expect(delay).toContain('p50 850 · p90 2400 · p99 9100 · max 95000 ms · n=600');
    expect(delay).toContain('>milliseconds</text>');
  });

  it('given the same report twice, without generatedAt, then the same text and no generated row', () => {
    const plain = htmlReport(REPORT);
    expect(plain).toBe(htmlReport(REPORT));
    expect(plain).not.toContain('Report generated');
  });
});

describe('reportJson', () => {
  const json = reportJson(REPORT);

  it('given the report, then format and version come first and parsing gives the report back', () => {
    const { format, version, ...rest } = JSON.parse(json) as Record<string, unknown>;
    expect([format, version]).toEqual(['uamd.conformance-report', 1]);
    expect(Object.keys(JSON.parse(json) as object).slice(0, 2)).toEqual(['format', 'version']);
    expect(rest).toEqual(REPORT);
  });

  it('given the report, then it is indented by two spaces and ends with a newline', () => {
    expect(json.split('\n').slice(0, 3)).toEqual([
      '{',
      '  "format": "uamd.conformance-report",',
      '  "version": 1,',
    ]);
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('given the same report built with its keys in another order, then the same text', () => {
    const shuffled = reversedKeys(REPORT) as ConformanceReport;
    expect(Object.keys(shuffled)[0]).toBe('verdict');
    expect(reportJson(shuffled)).toBe(json);
  });

  it('given a bidi override in a reason, then it is written as an escape a terminal cannot act on', () => {
    expect(json).not.toContain(RLO);
    expect(json).toContain('read as \\u202eAB4321AA');
    expect(json).toContain('\\u001b[31m');
  });
});

/** Controls (other than the newlines between lines) and bidi controls left in the output. */
function rawInvisible(text: string): string[] {
  return Array.from(text).filter((c) => {
    const code = c.codePointAt(0)!;
    const control = code < 0x20 && c !== '\n';
    const bidi = (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
    return control || bidi;
  });
}

/** The same value with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

/** The HTML of the n-th condition section (1-based). */
function sectionOf(html: string, n: number): string {
  return (
    new RegExp(`<section class="condition" id="condition-${n}">[^]*?</section>`).exec(html)?.[0] ??
    ''
  );
}
