import { COUNTRIES, type InputEvent } from '@uamd/domain';
import { inputTopics, type IncomingRecord, topicNames } from '@uamd/messaging';
import {
  cameraHeartbeats,
  declaration,
  declarationHeartbeat,
  plateRead,
} from '../../domain/src/testing/event-builders';
import { topicMisfit } from './topic-fit';

const topics = topicNames('run1.');

function recordOn(
  topic: string,
  event: InputEvent,
  key = event.data.crossingPoint,
): IncomingRecord {
  return {
    topic,
    partition: 1,
    offset: '7',
    key: Buffer.from(key),
    value: null,
    timestamp: 0,
    headers: {},
  };
}

/** One event of every input type and country. */
const EVENTS: InputEvent[] = COUNTRIES.flatMap((country) => [
  plateRead(country, 'EXIT', 'AA1234BC', 0),
  cameraHeartbeats(country, 1)[0]!,
  declaration(country, 'EXPORT', '000000000000A', 'AA1234BC', 0),
  declarationHeartbeat(country, 1),
]);

describe('topicMisfit', () => {
  it('accepts each input type of each country on its own topic only, and names the right one for the 24 others', () => {
    const verdicts = EVENTS.flatMap((event) =>
      inputTopics(topics).map((topic) => ({
        event: `${event.data.country} ${event.type}`,
        topic,
        misfit: topicMisfit(topics, recordOn(topic, event), event),
      })),
    );
    const fits = verdicts.filter((v) => v.misfit === undefined);
    expect(fits.map((v) => `${v.event} on ${v.topic}`).sort()).toEqual([
      'MD CameraHeartbeat on run1.md.plate-reads',
      'MD CustomsDeclaration on run1.md.declarations',
      'MD DeclarationHeartbeat on run1.md.declarations',
      'MD PlateRead on run1.md.plate-reads',
      'UA CameraHeartbeat on run1.ua.plate-reads',
      'UA CustomsDeclaration on run1.ua.declarations',
      'UA DeclarationHeartbeat on run1.ua.declarations',
      'UA PlateRead on run1.ua.plate-reads',
    ]);
    const misfits = verdicts.filter((v) => v.misfit !== undefined);
    expect(misfits).toHaveLength(24);
    for (const v of misfits)
      expect(v.misfit).toMatch(new RegExp(`on ${v.topic}: it belongs on run1\\.`));
  });

  it('refuses the forged crossing: a Moldovan entry written to the Ukrainian plate-reads topic', () => {
    const entry = plateRead('MD', 'ENTRY', 'AA1234BC', 20);
    expect(topicMisfit(topics, recordOn(topics.plateReads.UA, entry), entry)).toBe(
      'a PlateRead of MD on run1.ua.plate-reads: it belongs on run1.md.plate-reads',
    );
  });

  it('refuses a record keyed by another crossing point, or by none', () => {
    const exit = plateRead('UA', 'EXIT', 'AA1234BC', 0);
    expect(topicMisfit(topics, recordOn(topics.plateReads.UA, exit, 'mamalyha-criva'), exit)).toBe(
      "a PlateRead of mohyliv-podilskyi-otaci keyed 'mamalyha-criva': the key must be its crossing point",
    );
    const keyless = { ...recordOn(topics.plateReads.UA, exit), key: null };
    expect(topicMisfit(topics, keyless, exit)).toMatch(/keyed without a key/);
  });
});
