import { type EventProducer, type OutgoingRecord } from './messaging.port';

/**
 * One producer per writer: each record goes through the producer `writerOf` its topic picks, in
 * the order given. On a secured cluster a login may write only its own side's topics, so a tool
 * that sends both sides of a file (a replay) sends each through that side's own login.
 */
export class SplitEventProducer implements EventProducer {
  constructor(
    private readonly writerOf: (topic: string) => EventProducer,
    private readonly writers: readonly EventProducer[],
  ) {}

  async send(records: readonly OutgoingRecord[]): Promise<void> {
    const byWriter = new Map<EventProducer, OutgoingRecord[]>();
    for (const record of records) {
      const writer = this.writerOf(record.topic);
      const batch = byWriter.get(writer);
      if (batch) batch.push(record);
      else byWriter.set(writer, [record]);
    }
    await Promise.all([...byWriter].map(([writer, batch]) => writer.send(batch)));
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.writers.map((w) => w.disconnect()));
  }
}
