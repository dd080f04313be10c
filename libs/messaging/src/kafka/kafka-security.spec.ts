import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSecurityFromEnv, KafkaSecurityError } from './kafka-security';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('kafkaSecurityFromEnv', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'uamd-kafka-security-spec-'));
    writeFileSync(join(dir, 'ca.pem'), PEM);
    writeFileSync(join(dir, 'password'), 's3cret\n');
    writeFileSync(join(dir, 'empty'), '\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const problemsOf = (env: Record<string, string>): readonly string[] => {
    try {
      kafkaSecurityFromEnv(env);
    } catch (err) {
      expect(err).toBeInstanceOf(KafkaSecurityError);
      expect((err as KafkaSecurityError).retriable).toBe(false);
      return (err as KafkaSecurityError).problems;
    }
    throw new Error('expected a KafkaSecurityError');
  };

  it('given nothing set, returns no settings: the client stays plaintext', () => {
    expect(kafkaSecurityFromEnv({})).toEqual({});
    expect(kafkaSecurityFromEnv({ KAFKA_SASL_USERNAME: ' ', KAFKA_SSL_CA_FILE: '' })).toEqual({});
  });

  it('given a username, a password file and a CA file, returns SCRAM-SHA-512 over TLS with that CA', () => {
    expect(
      kafkaSecurityFromEnv({
        KAFKA_SASL_USERNAME: 'ua-customs',
        KAFKA_SASL_PASSWORD_FILE: join(dir, 'password'),
        KAFKA_SSL_CA_FILE: join(dir, 'ca.pem'),
      }),
    ).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'ua-customs', password: 's3cret' },
      ssl: { ca: [PEM] },
    });
  });

  it('given SASL without a CA file, still uses TLS (the system trusted CAs)', () => {
    expect(
      kafkaSecurityFromEnv({
        KAFKA_SASL_USERNAME: 'md-customs',
        KAFKA_SASL_PASSWORD: 'pw',
        KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
      }),
    ).toEqual({
      sasl: { mechanism: 'scram-sha-256', username: 'md-customs', password: 'pw' },
      ssl: true,
    });
  });

  it('given only a CA file, returns TLS without SASL', () => {
    expect(kafkaSecurityFromEnv({ KAFKA_SSL_CA_FILE: join(dir, 'ca.pem') })).toEqual({
      ssl: { ca: [PEM] },
    });
  });

  it('names every problem at once', () => {
    expect(
      problemsOf({
        KAFKA_SASL_USERNAME: 'x',
        KAFKA_SASL_PASSWORD: 'a',
        KAFKA_SASL_PASSWORD_FILE: join(dir, 'password'),
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SSL_CA_FILE: join(dir, 'password'),
      }),
    ).toEqual([
      `KAFKA_SSL_CA_FILE: ${join(dir, 'password')} holds no PEM certificate`,
      "KAFKA_SASL_MECHANISM must be scram-sha-512 or scram-sha-256, got 'plain'",
      'set KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE, not both',
    ]);
  });

  it('refuses a username without a password, an empty password file and an unreadable file', () => {
    expect(problemsOf({ KAFKA_SASL_USERNAME: 'x' })).toEqual([
      'KAFKA_SASL_USERNAME needs KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE',
    ]);
    expect(
      problemsOf({ KAFKA_SASL_USERNAME: 'x', KAFKA_SASL_PASSWORD_FILE: join(dir, 'empty') }),
    ).toEqual(['the SASL password is empty']);
    expect(
      problemsOf({ KAFKA_SASL_USERNAME: 'x', KAFKA_SASL_PASSWORD_FILE: join(dir, 'missing') }),
    ).toEqual([`KAFKA_SASL_PASSWORD_FILE: cannot read ${join(dir, 'missing')} (ENOENT)`]);
  });

  it('refuses a password without a username (a half-configured service would connect in plaintext)', () => {
    expect(problemsOf({ KAFKA_SASL_PASSWORD: 'pw' })).toEqual([
      'KAFKA_SASL_PASSWORD is set but KAFKA_SASL_USERNAME is not',
    ]);
  });
});
