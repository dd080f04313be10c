import { distributionChart, niceAxis } from './distribution-chart';

const bars = (svg: string) =>
  [
    ...svg.matchAll(
      /<rect x="([\d.-]+)" y="[\d.]+" width="([\d.]+)" height="12" fill="#[0-9a-f]+"\/>/g,
    ),
  ].map((m) => ({ x: Number(m[1]), width: Number(m[2]) }));

describe('distributionChart', () => {
  it('given one series, then four nested bars from zero, max widest and p50 narrowest, drawn last', () => {
    const svg = distributionChart(
      {
        title: 'delay',
        unit: 'ms',
        series: [{ key: 'UA-MAM-EXIT-L1', count: 10, p50: 100, p90: 200, p99: 300, max: 400 }],
      },
      'c',
    );
    const drawn = bars(svg);
    expect(drawn).toHaveLength(4);
    expect(new Set(drawn.map((b) => b.x)).size).toBe(1);
    // max, p99, p90, p50 on an axis from 0 to 400 over 300 px.
    expect(drawn.map((b) => b.width)).toEqual([300, 225, 150, 75]);
    expect(svg).toContain('>p50 100 · p90 200 · p99 300 · max 400 ms · n=10</text>');
    expect(
      [...svg.matchAll(/text-anchor="middle" [^>]*>([\d.-]+)<\/text>/g)].map((m) => m[1]),
    ).toEqual(['0', '100', '200', '300', '400']);
  });

  it('given a negative p50 (a partner clock ahead), then its bar runs left of the zero line', () => {
    const svg = distributionChart(
      {
        title: 'skew',
        unit: 's',
        series: [{ key: 'k', count: 3, p50: -2, p90: 4, p99: 6, max: 8 }],
      },
      'c',
    );
    const [max, , , p50] = bars(svg);
    expect(p50!.x + p50!.width).toBeCloseTo(max!.x, 0);
    expect(svg).toContain('>seconds</text>');
  });

  it('given a long or hostile key, then it is shortened and escaped, and the full key kept in a title', () => {
    const key = `<b>${'X'.repeat(40)}</b>`;
    const svg = distributionChart(
      { title: 't', unit: 'ms', series: [{ key, count: 1, p50: 1, p90: 1, p99: 1, max: 1 }] },
      'c',
    );
    expect(svg).not.toContain('<b>');
    expect(svg).toContain(`<title>&lt;b&gt;${'X'.repeat(40)}&lt;/b&gt;</title>`);
    expect(svg).toContain(`>&lt;b&gt;${'X'.repeat(24)}…</text>`);
  });

  it('given no series, then an SVG that says so', () => {
    const svg = distributionChart({ title: 't', unit: 'ms', series: [] }, 'c');
    expect(svg).toMatch(/^<svg[^]*>no series<\/text><\/svg>$/);
  });
});

describe('niceAxis', () => {
  it.each([
    [[0, 95000], 0, 100000],
    [[0.4, 1.5], 0, 1.5],
    [[0, 0.6], 0, 0.6],
    [[-2, 8], -5, 10],
    [[0, 0], 0, 1],
  ])('given %j, then the axis runs from a round %p to %p', (values, lo, hi) => {
    const axis = niceAxis(values);
    expect([axis.lo, axis.hi]).toEqual([lo, hi]);
    expect(axis.ticks[0]).toBe(lo);
    expect(axis.ticks.at(-1)).toBe(hi);
  });
});
