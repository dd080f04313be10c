import { SCENARIO_NAMES } from '@uamd/traffic';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCustomsConfig } from './customs.config';
import { ConfigError } from './env-reader';

/** Brokers and an open intake: what every case below needs besides the variables it tries. */
const OPEN = { KAFKA_BROKERS: 'k:1', INTAKE_AUTH: 'open' };

describe('readCustomsConfig', () => {
  it('given only the brokers, applies the named defaults for the country', () => {
    expect(
      readCustomsConfig('MD', { KAFKA_BROKERS: 'a:9092, b:9092', INTAKE_AUTH: 'open' }),
    ).toEqual({
      country: 'MD',
      brokers: ['a:9092', 'b:9092'],
      kafkaSecurity: {},
      port: 3002,
      host: '127.0.0.1',
      topicPrefix: '',
      partitions: 3,
      scenario: 'demo',
      seed: 42,
      noise: 1,
      speed: 60,
      simulate: true,
      maxFutureSkewMs: 300_000,
      maxPastMs: 86_400_000,
      schemaRegistryUrl: undefined,
      intakeTokens: { UA: undefined, MD: undefined },
    });
    expect(readCustomsConfig('UA', { KAFKA_BROKERS: 'a:9092', INTAKE_AUTH: 'open' }).port).toBe(
      3001,
    );
  });

  it('reads every variable when set', () => {
    const config = readCustomsConfig('UA', {
      KAFKA_BROKERS: 'k:1',
      PORT: '0',
      TOPIC_PREFIX: 'run1.',
      PARTITIONS: '6',
      SCENARIO: 'tiny',
      SEED: '7',
      NOISE: '2',
      SPEED: 'max',
      SIMULATE: 'false',
      MAX_FUTURE_SKEW_MS: '1000',
      MAX_PAST_MS: '3600000',
      SCHEMA_REGISTRY_URL: 'http://registry:8080/apis/ccompat/v7/',
      INTAKE_TOKEN_UA: 'a'.repeat(32),
    });
    expect(config).toMatchObject({
      schemaRegistryUrl: 'http://registry:8080/apis/ccompat/v7',
      intakeTokens: { UA: 'a'.repeat(32) },
      port: 0,
      topicPrefix: 'run1.',
      partitions: 6,
      scenario: 'tiny',
      seed: 7,
      noise: 2,
      speed: 'max',
      simulate: false,
      maxFutureSkewMs: 1000,
      maxPastMs: 3_600_000,
    });
    expect(readCustomsConfig('UA', { ...OPEN, SPEED: '2.5' }).speed).toBe(2.5);
  });

  it("requires the service's own intake token unless INTAKE_AUTH=open", () => {
    const problemsOf = (env: Record<string, string>): readonly string[] => {
      try {
        readCustomsConfig('MD', { KAFKA_BROKERS: 'k:1', ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problemsOf({ INTAKE_TOKEN_UA: 'u'.repeat(32) })).toEqual([
      expect.stringMatching(
        /^INTAKE_TOKEN_MD is required: .* INTAKE_AUTH=open takes them/,
      ) as unknown,
    ]);
    expect(problemsOf({ INTAKE_TOKEN_MD: 'm'.repeat(32) })).toEqual([]);
    expect(problemsOf({ INTAKE_AUTH: 'open' })).toEqual([]);
    expect(problemsOf({ INTAKE_AUTH: 'none' })).toEqual([
      "INTAKE_AUTH must be one of required, open, got 'none'",
    ]);
  });

  it('logs in to Kafka as its environment says, and names what does not make a login', () => {
    const dir = mkdtempSync(join(tmpdir(), 'customs-login-'));
    try {
      writeFileSync(join(dir, 'password'), 'secret-of-ua\n');
      const login = readCustomsConfig('UA', {
        ...OPEN,
        KAFKA_SASL_USERNAME: 'ua-customs',
        KAFKA_SASL_PASSWORD_FILE: join(dir, 'password'),
      }).kafkaSecurity;
      expect(login).toEqual({
        sasl: { mechanism: 'scram-sha-512', username: 'ua-customs', password: 'secret-of-ua' },
        ssl: true,
      });
      let error: unknown;
      try {
        readCustomsConfig('UA', { ...OPEN, KAFKA_SASL_USERNAME: 'ua-customs' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'KAFKA_SASL_USERNAME needs KAFKA_SASL_PASSWORD or KAFKA_SASL_PASSWORD_FILE',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('given several bad variables, throws one ConfigError naming all of them', () => {
    let error: unknown;
    try {
      readCustomsConfig('UA', {
        PORT: '70000',
        SPEED: '0',
        SCENARIO: 'rush',
        SIMULATE: 'maybe',
        SEED: '1.5',
        SCHEMA_REGISTRY_URL: 'registry:8080',
        MAX_PAST_MS: '1000',
        INTAKE_TOKEN_MD: 'short',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(9);
    expect(problems).toEqual(
      expect.arrayContaining([
        'KAFKA_BROKERS is required',
        'PORT must be between 0 and 65535, got 70000',
        'SPEED must be > 0, got 0',
        `SCENARIO must be one of ${SCENARIO_NAMES.join(', ')}, or the path of a scenario file (<name>.v<version>.json), got 'rush'`,
        "SIMULATE must be true or false, got 'maybe'",
        "SEED must be an integer, got '1.5'",
        "SCHEMA_REGISTRY_URL must be an http(s) URL, got 'registry:8080'",
        'INTAKE_TOKEN_MD must be at least 16 characters, got 5',
        'MAX_PAST_MS must be between 60000 and 2592000000, got 1000',
      ]),
    );
    expect((error as ConfigError).message).toMatch(/^invalid configuration:\n {2}- /);
  });

  describe('SCENARIO as the path of a scenario file', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'scenario-config-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const tiny = () =>
      JSON.parse(
        readFileSync(join(__dirname, '../../../scenarios/tiny.v1.json'), 'utf8'),
      ) as Record<string, unknown>;
    const problemsOf = (env: Record<string, string>): readonly string[] => {
      try {
        readCustomsConfig('MD', { ...OPEN, ...env });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
      throw new Error('accepted');
    };

    it('accepts a readable, valid file and keeps its path', () => {
      const path = join(dir, 'mine.v1.json');
      writeFileSync(path, JSON.stringify({ ...tiny(), name: 'mine' }));
      expect(readCustomsConfig('UA', { ...OPEN, SCENARIO: path }).scenario).toBe(path);
    });

    it('refuses a missing file, naming it', () => {
      const path = join(dir, 'gone.v1.json');
      expect(problemsOf({ SCENARIO: path })).toEqual([
        `SCENARIO names a scenario file that cannot be used:\n      ${path}: (file): no such file`,
      ]);
    });

    it('refuses a bad file as a configuration error listing each of its problems', () => {
      const path = join(dir, 'mine.v1.json');
      writeFileSync(
        path,
        JSON.stringify({ ...tiny(), name: 'mine', volumeFactor: -1, colour: 'red' }),
      );
      const problems = problemsOf({ SCENARIO: path, PORT: 'x' });
      expect(problems).toHaveLength(2);
      expect(problems[1]!.split('\n')).toEqual([
        'SCENARIO names a scenario file that cannot be used:',
        `      ${path}: volumeFactor: must be at least 0`,
        `      ${path}: colour: unknown field`,
      ]);
    });
  });
});
