import { scenarioOfTraffic } from './traffic-source';

describe('the scenario a simulate --traffic run is summarised under', () => {
  it('given a generated file, then its own scenario, which evaluate can regenerate', () => {
    expect(scenarioOfTraffic('w.avro', { source: 'generate', scenario: 'weekday', seed: 42 })).toBe(
      'weekday',
    );
  });

  it('given an imported export, then the file and its source, never the default scenario', () => {
    expect(
      scenarioOfTraffic('out/partner.avro', {
        source: 'import-csv',
        origin: 'partner-export.csv',
        heartbeats: 'as-sent',
      }),
    ).toBe(
      'traffic file out/partner.avro (imported from partner-export.csv by import-csv, as sent, without heartbeats)',
    );
    expect(
      scenarioOfTraffic('r.avro', { source: 'record', origin: '{ua,md}.* on 127.0.0.1:9092' }),
    ).toBe('traffic file r.avro (recorded from {ua,md}.* on 127.0.0.1:9092 by record)');
  });
});
