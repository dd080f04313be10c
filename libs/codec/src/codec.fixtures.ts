import { type Schema } from 'avsc';
import { type InputEvent, type OutputEvent } from '@uamd/domain';
import { loadCatalog } from './schema-catalog';

/** One realistic event of every type, with both null and non-null union branches (test data only). */
export const FIXTURES = {
  plateRead: {
    type: 'PlateRead',
    data: {
      eventId: 'ua-mp-cam-07-000000000412',
      country: 'UA',
      crossingPoint: 'mohyliv-podilskyi-otaci',
      laneId: 'exit-2',
      cameraId: 'ua-mp-cam-07',
      sequence: 412,
      direction: 'EXIT',
      plateText: 'АА 1234 ВС',
      plateNationality: 'UA',
      ocrConfidence: Math.fround(0.97),
      captureTime: Date.UTC(2025, 4, 12, 8, 30, 15, 250),
      vehicleCategory: 'CAR',
    },
  },
  plateReadNoNationality: {
    type: 'PlateRead',
    data: {
      eventId: 'md-ot-cam-03-000000000077',
      country: 'MD',
      crossingPoint: 'mohyliv-podilskyi-otaci',
      laneId: 'entry-1',
      cameraId: 'md-ot-cam-03',
      sequence: 77,
      direction: 'ENTRY',
      plateText: 'CXN-123',
      plateNationality: null,
      ocrConfidence: Math.fround(0.61),
      captureTime: Date.UTC(2025, 4, 12, 8, 41, 2, 0),
      vehicleCategory: 'TRUCK',
    },
  },
  cameraHeartbeat: {
    type: 'CameraHeartbeat',
    data: {
      eventId: 'ua-mp-cam-07-hb-1747038615000',
      country: 'UA',
      crossingPoint: 'mohyliv-podilskyi-otaci',
      cameraId: 'ua-mp-cam-07',
      upTo: Date.UTC(2025, 4, 12, 8, 30, 15, 0),
      lastSequence: -1,
    },
  },
  declarationHeartbeat: {
    type: 'DeclarationHeartbeat',
    data: {
      eventId: 'ua-decl-hb-mohyliv-podilskyi-otaci-1747038615000',
      country: 'UA',
      crossingPoint: 'mohyliv-podilskyi-otaci',
      upTo: Date.UTC(2025, 4, 12, 8, 30, 15, 0),
    },
  },
  customsDeclaration: {
    type: 'CustomsDeclaration',
    data: {
      eventId: 'ua-decl-25UA500100000123A4',
      country: 'UA',
      crossingPoint: 'mohyliv-podilskyi-otaci',
      kind: 'EXPORT',
      mrn: '25UA500100000123A4',
      tractorPlate: 'ВІ 7788 СК',
      trailerPlate: 'ВІ 1122 ХТ',
      goods: [
        {
          hsCode: '100199',
          description: 'Пшениця м’яка, урожай 2024',
          grossMassKg: 21_450.5,
          value: { amount: 5_362.63, currency: 'EUR' },
        },
        {
          hsCode: '15121191',
          description: 'Sunflower oil, crude',
          grossMassKg: 1_200,
          value: { amount: 1_080, currency: 'USD' },
        },
      ],
      lodgedAt: Date.UTC(2025, 4, 12, 6, 0, 0, 0),
      releasedAt: Date.UTC(2025, 4, 12, 7, 15, 0, 0),
    },
  },
  customsDeclarationBare: {
    type: 'CustomsDeclaration',
    data: {
      eventId: 'md-decl-25MD1000000000099X',
      country: 'MD',
      crossingPoint: 'criva-mamalyha',
      kind: 'TRANSIT',
      mrn: '25MD1000000000099X',
      tractorPlate: 'ABC 123',
      trailerPlate: null,
      goods: [],
      lodgedAt: Date.UTC(2025, 4, 12, 6, 0, 0, 0),
      releasedAt: null,
    },
  },
  crossingMatched: {
    type: 'CrossingMatched',
    data: {
      crossingId: 'x-ua-mp-cam-07-000000000412-md-ot-cam-03-000000000077',
      crossingPoint: 'mohyliv-podilskyi-otaci',
      exitCountry: 'UA',
      entryCountry: 'MD',
      exitEventId: 'ua-mp-cam-07-000000000412',
      entryEventId: 'md-ot-cam-03-000000000077',
      exitPlateText: 'АА 1234 ВС',
      entryPlateText: 'AA1234BC',
      plate: 'AA1234BC',
      exitCaptureTime: Date.UTC(2025, 4, 12, 8, 30, 15, 250),
      entryCaptureTime: Date.UTC(2025, 4, 12, 8, 41, 2, 0),
      score: 1,
      overdueAlarmId: null,
      lastInputAt: Date.UTC(2025, 4, 12, 8, 41, 2, 480),
      decidedAt: Date.UTC(2025, 4, 12, 8, 41, 2, 512),
    },
  },
  crossingMatchedAfterAlarm: {
    type: 'CrossingMatched',
    data: {
      crossingId: 'x-2',
      crossingPoint: 'mohyliv-podilskyi-otaci',
      exitCountry: 'MD',
      entryCountry: 'UA',
      exitEventId: 'md-1',
      entryEventId: 'ua-1',
      exitPlateText: 'C XN 123',
      entryPlateText: 'СХN123',
      plate: 'CXN123',
      exitCaptureTime: 1_747_000_000_000,
      entryCaptureTime: 1_747_010_000_000,
      score: 0.875,
      overdueAlarmId: 'overdue-md-1',
      lastInputAt: 1_747_010_000_100,
      decidedAt: 1_747_010_000_200,
    },
  },
  crossingOverdue: {
    type: 'CrossingOverdue',
    data: {
      alarmId: 'overdue-ua-mp-cam-07-000000000413',
      crossingPoint: 'mohyliv-podilskyi-otaci',
      exitCountry: 'UA',
      exitEventId: 'ua-mp-cam-07-000000000413',
      plate: 'AA5678KI',
      exitCaptureTime: 1_747_038_700_000,
      windowEnd: 1_747_042_300_000,
      entrySideWatermark: 1_747_042_305_000,
      decidedAt: 1_747_042_305_010,
    },
  },
  crossingDiscrepancy: {
    type: 'CrossingDiscrepancy',
    data: {
      discrepancyId: 'd-gross-mass-25UA500100000123A4',
      crossingPoint: 'mohyliv-podilskyi-otaci',
      reason: 'GROSS_MASS_MISMATCH',
      detail: 'exit 22650.5 kg, entry 24100 kg (+6.4%)',
      sourceEventIds: ['ua-decl-25UA500100000123A4', 'md-decl-25MD1000000000123B'],
      exitCaptureTime: 1_747_038_615_250,
      entryCaptureTime: null,
      decidedAt: 1_747_042_305_010,
    },
  },
  feedStale: {
    type: 'FeedStale',
    data: {
      alarmId: 'stale-md-mohyliv-podilskyi-otaci-1747038600000',
      crossingPoint: 'mohyliv-podilskyi-otaci',
      country: 'MD',
      staleWatermark: 1_747_038_600_000,
      otherWatermark: 1_747_039_500_000,
      recovered: false,
      decidedAt: 1_747_039_500_020,
    },
  },
} satisfies Record<string, InputEvent | OutputEvent>;

export const ALL_FIXTURES: ReadonlyArray<[string, InputEvent | OutputEvent]> =
  Object.entries(FIXTURES);

/** Runs `fn` and returns the error it throws, so a test can assert on its fields. */
export function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error, nothing was thrown');
}

/** A framed message by hand: Confluent header plus the given Avro body. */
export function frame(schemaId: number, body: Uint8Array): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, body]);
}

/** Avro zig-zag varint of a long (exact for safe integers). */
export function varint(n: number): Buffer {
  const bytes: number[] = [];
  let z = n >= 0 ? n * 2 : -n * 2 - 1;
  do {
    let b = z % 128;
    z = Math.floor(z / 128);
    if (z > 0) b |= 0x80;
    bytes.push(b);
  } while (z > 0);
  return Buffer.from(bytes);
}

/** The catalog's PlateRead schema (v1) with its fields changed: a partner's other version (test data only). */
export function plateReadSchemaWith(change: (fields: Array<{ name: string }>) => object[]): Schema {
  const v1 = loadCatalog().find((e) => e.name === 'uamd.exchange.PlateRead')!.schema as {
    fields: Array<{ name: string }>;
  };
  return { ...v1, fields: change(v1.fields) } as unknown as Schema;
}
