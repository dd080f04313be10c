import { decisionLatencyMs, endToEndMs, routeOf } from './latency-definitions';
import { LatencyHistograms } from './latency-histograms';
import { latencyOfOutput, seriesKey } from './output-latency';
import { parseSlo, sloBreaches } from './slo';

describe('latency definitions', () => {
  it('starts at the scheduled send when the input had one, else at the actual send', () => {
    expect(decisionLatencyMs({ appendedAt: 1_250, inputSentAt: 1_200 })).toBe(50);
    // The sender was 180 ms late: that delay is latency too (no coordinated omission).
    expect(
      decisionLatencyMs({ appendedAt: 1_250, inputSentAt: 1_200, inputScheduledAt: 1_020 }),
    ).toBe(230);
    expect(decisionLatencyMs({ appendedAt: 1_250 })).toBeUndefined();
  });

  it('end to end is the read exchange delay plus the match latency', () => {
    expect(endToEndMs({ appendedAt: 10_040, inputSentAt: 10_000 }, 5_000, 7_000)).toBe(2_040);
  });

  it('names routes exit country first', () => {
    expect([routeOf('UA'), routeOf('MD')]).toEqual(['UA-MD', 'MD-UA']);
  });
});

describe('latencyOfOutput', () => {
  const headers = {
    'uamd.event-type': 'CrossingMatched',
    'uamd.route': 'MD-UA',
    'uamd.input-sent-at': '1000',
    'uamd.decided-at': '1003',
  };

  it('reads a crossing from its headers, key and append time', () => {
    const sample = latencyOfOutput('mamalyha-criva', headers, 1_012);
    expect(sample).toMatchObject({
      kind: 'match',
      crossingPoint: 'mamalyha-criva',
      route: 'MD-UA',
      ms: 12,
    });
    expect(seriesKey(sample!)).toBe('match mamalyha-criva MD-UA');
  });

  it('measures overdue alarms as lateness and nothing for other outputs or missing headers', () => {
    expect(
      latencyOfOutput('p', { ...headers, 'uamd.event-type': 'CrossingOverdue' }, 1_500)?.kind,
    ).toBe('alarm');
    expect(
      latencyOfOutput('p', { ...headers, 'uamd.event-type': 'FeedStale' }, 1_500),
    ).toBeUndefined();
    expect(latencyOfOutput('p', { 'uamd.event-type': 'CrossingMatched' }, 1_500)).toBeUndefined();
    expect(
      latencyOfOutput('p', { ...headers, 'uamd.input-sent-at': 'soon' }, 1_500),
    ).toBeUndefined();
  });
});

describe('LatencyHistograms', () => {
  it('gives exact percentiles per series and over all, never averaged', () => {
    const h = new LatencyHistograms();
    for (let ms = 1; ms <= 1_000; ms++) h.record('a', ms);
    for (let i = 0; i < 10; i++) h.record('b', 2_000);
    expect(h.percentiles('a')).toEqual({
      count: 1_000,
      p50: 500,
      p90: 900,
      p99: 990,
      p999: 999,
      max: 1_000,
    });
    expect(h.percentiles('b')).toMatchObject({ count: 10, p50: 2_000, max: 2_000 });
    // Over all 1,010 samples: the 99th percentile is the 1,000th value, 1,000 ms, not a mean of series.
    expect(h.percentiles()).toMatchObject({ count: 1_010, p50: 505, p99: 1_000 });
    expect(h.keys()).toEqual(['a', 'b']);
  });

  it('never reports a percentile above the largest value, where buckets are wider than 1 ms', () => {
    const h = new LatencyHistograms();
    h.record('one', 3_182);
    const p = h.percentiles('one');
    expect([p.p50, p.p99, p.p999]).toEqual([p.max, p.max, p.max]);
    expect(Math.abs(p.max - 3_182)).toBeLessThanOrEqual(2);
  });

  it('clamps what is beyond ten minutes to the top and reports an empty series as zeros', () => {
    const h = new LatencyHistograms();
    h.record('slow', 3_600_000);
    expect(h.percentiles('slow').max).toBeGreaterThanOrEqual(599_000);
    expect(h.percentiles('none')).toEqual({ count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 });
  });
});

describe('SLO', () => {
  it('parses bounds with units and names every bad part', () => {
    expect(parseSlo('p99=2s, p50=200ms,max=1m,p90=30')).toEqual({
      p99: 2_000,
      p50: 200,
      max: 60_000,
      p90: 30,
    });
    expect(() => parseSlo('p98=1s,p99=fast')).toThrow(/'p98=1s'.*\n.*'p99=fast'/s);
    expect(() => parseSlo(' , ')).toThrow(/no bound/);
  });

  it('lists each series and percentile over its bound; an empty series cannot breach', () => {
    const slo = parseSlo('p99=100ms');
    const series = [
      { key: 'ok', percentiles: { count: 5, p50: 10, p90: 20, p99: 100, p999: 120, max: 130 } },
      { key: 'slow', percentiles: { count: 5, p50: 10, p90: 20, p99: 101, p999: 120, max: 130 } },
      { key: 'empty', percentiles: { count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 } },
    ];
    expect(sloBreaches(slo, series)).toEqual([
      { series: 'slow', percentile: 'p99', measuredMs: 101, boundMs: 100 },
    ]);
  });
});
