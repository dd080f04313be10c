import { type KafkaMessage } from 'kafkajs';

/**
 * A kafkajs message's headers as strings, the form every reader here takes: a header repeated
 * keeps its first value, one without a value is left out.
 */
export function recordHeaders(headers: KafkaMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  if (!headers) return flat;
  for (const name in headers) {
    const value = headers[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) flat[name] = String(first);
  }
  return flat;
}
