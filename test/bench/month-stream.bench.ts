import { scenarioByName, streamObservedEvents } from '@uamd/traffic';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** Issue 5: generating a simulated month keeps the generator's resident memory flat. */
export function benchMonthStream(log: (line: string) => void): void {
  const scenario = scenarioByName('month');
  const day = 24 * 60 * 60_000;
  const started = performance.now();
  const samples: string[] = [`start ${mib(process.memoryUsage().rss)}`];
  let events = 0;
  let nextDay = scenario.start + 5 * day;
  for (const { deliverAt } of streamObservedEvents(scenario, 42)) {
    events += 1;
    if (deliverAt >= nextDay) {
      samples.push(
        `day ${Math.round((nextDay - scenario.start) / day)} ${mib(process.memoryUsage().rss)}`,
      );
      nextDay += 5 * day;
    }
  }
  samples.push(`end ${mib(process.memoryUsage().rss)}`);
  const seconds = (performance.now() - started) / 1000;
  log(
    `month (30 days) streamed: ${events.toLocaleString('en')} events in ${seconds.toFixed(1)} s; RSS ${samples.join(', ')}`,
  );
}
