import { type KafkaMessage } from 'kafkajs';

/** A kafkajs message's headers as single values (a header repeated keeps its first value). */
export function singleHeaders(
  headers: KafkaMessage['headers'],
): Record<string, Buffer | string | undefined> {
  const flat: Record<string, Buffer | string | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    flat[name] = Array.isArray(value) ? value[0] : value;
  return flat;
}
