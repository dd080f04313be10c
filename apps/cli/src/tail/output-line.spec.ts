import { outputLine } from './output-line';

describe('outputLine', () => {
  it('shows a crossing with its event times, route, reads and latency', () => {
    const line = outputLine(
      {
        type: 'CrossingMatched',
        data: {
          crossingId: 'xm-1',
          crossingPoint: 'mohyliv-podilskyi-otaci',
          exitCountry: 'UA',
          entryCountry: 'MD',
          exitEventId: 'e1',
          entryEventId: 'e2',
          exitPlateText: 'АА 1234 ВС',
          entryPlateText: 'AA1234BC',
          plate: 'AA1234BC',
          exitCaptureTime: Date.UTC(2024, 8, 2, 6, 0, 0),
          entryCaptureTime: Date.UTC(2024, 8, 2, 6, 21, 40),
          score: 1,
          overdueAlarmId: null,
          lastInputAt: Date.UTC(2024, 8, 2, 6, 21, 40),
          decidedAt: Date.UTC(2024, 8, 2, 6, 22, 0),
        },
      },
      85,
    );
    expect(line).toBe(
      "2024-09-02T06:21:40Z  crossing   mohyliv-podilskyi-otaci  UA→MD  AA1234BC  exit 2024-09-02T06:00:00Z read 'АА 1234 ВС', entry read 'AA1234BC', score 1  (85 ms after its input)",
    );
  });

  it('says whether a feed went stale or recovered', () => {
    const stale = (recovered: boolean) =>
      outputLine({
        type: 'FeedStale',
        data: {
          alarmId: 'fs-1',
          crossingPoint: 'mamalyha-criva',
          country: 'MD',
          staleWatermark: Date.UTC(2024, 8, 2, 10, 0, 0),
          otherWatermark: Date.UTC(2024, 8, 2, 10, 13, 0),
          recovered,
          decidedAt: 0,
        },
      });
    expect(stale(false)).toMatch(
      /^2024-09-02T10:13:00Z {2}stale {6}mamalyha-criva {2}MD feed at 2024-09-02T10:00:00Z/,
    );
    expect(stale(true)).toMatch(/ {2}recovered {2}mamalyha-criva/);
  });
});
