import { readFileSync } from 'node:fs';
import { type ConnectionOptions } from 'node:tls';
import { type SASLOptions } from 'kafkajs';

/** What createKafka needs to reach a SASL_SSL listener; both unset means plaintext. */
export interface KafkaSecurity {
  sasl?: SASLOptions;
  ssl?: ConnectionOptions | boolean;
}

export type KafkaSaslMechanism = 'scram-sha-512' | 'scram-sha-256';

const MECHANISMS: readonly KafkaSaslMechanism[] = ['scram-sha-512', 'scram-sha-256'];

/** Wrong credentials settings never get better by retrying (docs/style.md item 7). */
export class KafkaSecurityError extends Error {
  override readonly name = 'KafkaSecurityError';
  readonly retriable = false;

  constructor(readonly problems: readonly string[]) {
    super(`invalid Kafka security settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * A service's Kafka credentials from its environment, never from the repository:
 * `KAFKA_SASL_USERNAME` with `KAFKA_SASL_PASSWORD` or `KAFKA_SASL_PASSWORD_FILE`,
 * `KAFKA_SASL_MECHANISM` (scram-sha-512 by default) and `KAFKA_SSL_CA_FILE` (PEM). SASL always
 * goes over TLS (the CA file's, else the system's trusted CAs); nothing set returns `{}`, so the
 * client connects in plaintext exactly as without this.
 */
export function kafkaSecurityFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): KafkaSecurity {
  const problems: string[] = [];
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;
  const username = value('KAFKA_SASL_USERNAME');
  const password = value('KAFKA_SASL_PASSWORD');
  const passwordFile = value('KAFKA_SASL_PASSWORD_FILE');
  const mechanism = value('KAFKA_SASL_MECHANISM')?.toLowerCase() ?? 'scram-sha-512';
  const caFile = value('KAFKA_SSL_CA_FILE');

  const ca = caFile === undefined ? undefined : readText('KAFKA_SSL_CA_FILE', caFile, problems);
  if (ca !== undefined && !ca.includes('-----BEGIN CERTIFICATE-----'))
    problems.push(`KAFKA_SSL_CA_FILE: ${caFile} holds no PEM certificate`);

  let sasl: SASLOptions | undefined;
  if (username === undefined) {
    for (const name of ['KAFKA_SASL_PASSWORD', 'KAFKA_SASL_PASSWORD_FILE', 'KAFKA_SASL_MECHANISM'])
      if (value(name) !== undefined) problems.push(`${name} is set but KAFKA_SASL_USERNAME is not`);
  } else {
    if (!isMechanism(mechanism))
      problems.push(`KAFKA_SASL_MECHANISM must be ${MECHANISMS.join(' or ')}, got '${mechanism}'`);
    if (password !== undefined && passwordFile !== undefined)
      problems.push('set KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both');
    const secret =
      password ??
      (passwordFile === undefined
        ? undefined
        : readText('KAFKA_SASL_PASSWORD_FILE', passwordFile, problems)?.replace(/\r?\n$/, ''));
    if (password === undefined && passwordFile === undefined)
      problems.push('KAFKA_SASL_USERNAME needs KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE');
    else if (secret === '') problems.push('the SASL password is empty');
    if (secret && isMechanism(mechanism)) sasl = { mechanism, username, password: secret };
  }
  if (problems.length > 0) throw new KafkaSecurityError(problems);

  const ssl: KafkaSecurity['ssl'] = ca !== undefined ? { ca: [ca] } : sasl ? true : undefined;
  return { ...(sasl ? { sasl } : {}), ...(ssl !== undefined ? { ssl } : {}) };
}

function isMechanism(name: string): name is KafkaSaslMechanism {
  return (MECHANISMS as readonly string[]).includes(name);
}

function readText(variable: string, file: string, problems: string[]): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    problems.push(`${variable}: cannot read ${file} (${code})`);
    return undefined;
  }
}
