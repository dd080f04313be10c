import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { readReconcilerConfig, type Env } from '@uamd/config';
import { kafkaSecurityFromEnv } from '@uamd/messaging';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
} from 'kafkajs';
import { parse } from 'yaml';
import { findRepoRoot } from '../repo-root';
import {
  COMPOSE_BROKER_SANS,
  COMPOSE_KAFKA,
  COMPOSE_SERVICES,
  COMPOSE_TOPIC_PREFIX,
  composeAclEntries,
  composeAclScript,
  composeAdminClientProperties,
  composeBrokerProperties,
  composeHostClientEnv,
  composeSecretFiles,
  defaultComposeSecureDir,
  passwordSecret,
  secretPath,
  writeComposeFiles,
  type ComposeSecret,
} from './compose-secrets';
import { EXCHANGE_ACL_TABLE, exchangeAclEntries } from './exchange-acls';
import { EXCHANGE_PRINCIPALS, SCRAM_PRINCIPALS, type ScramPrincipal } from './principals';
import { secureBrokerProperties } from './secure-broker.config';
import { type SecureMaterial } from './secure-material';

// docker/compose.yml read as files (no Docker engine, no broker, no keytool): what compose would run
// against what compose-secrets.ts generates, and both against the JVM path's security.

const ROOT = findRepoRoot();
const DOCKER = join(ROOT, 'docker');

interface LongSecret {
  source: string;
  target?: string;
}
interface Service {
  image?: string;
  ports?: string[];
  environment?: Record<string, string | number | boolean | null>;
  secrets?: Array<string | LongSecret>;
  depends_on?: Record<string, { condition?: string }>;
  entrypoint?: string[];
  command?: string[];
  healthcheck?: { test?: string[] };
}
interface Compose {
  services: Record<string, Service>;
  secrets?: Record<string, Record<string, unknown>>;
}

const compose = parse(readFileSync(join(DOCKER, 'compose.yml'), 'utf8'), {
  merge: true,
}) as Compose;
const services = compose.services;
const kafka = services['kafka'] ?? {};
const aclInit = services['kafka-acls'] ?? {};

const envOf = (s: Service): Env =>
  Object.fromEntries(
    Object.entries(s.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );
/** Where each secret a service lists is, in its containers. */
function mounts(s: Service): Record<string, string> {
  return Object.fromEntries(
    (s.secrets ?? []).map((m) => {
      const { source, target } = typeof m === 'string' ? { source: m, target: undefined } : m;
      return [source, target?.startsWith('/') ? target : `/run/secrets/${target ?? source}`];
    }),
  );
}

const passwords = Object.fromEntries(SCRAM_PRINCIPALS.map((p) => [p, `${p}-secret-0123456789`]));
function fakeMaterial(dir: string): SecureMaterial {
  return {
    dir,
    caFile: join(dir, 'ca.pem'),
    keystoreFile: join(dir, 'broker.p12'),
    keystorePassword: 'keystore-secret-0123456789',
    credentialsFile: join(dir, 'credentials.json'),
    passwords: passwords as Record<ScramPrincipal, string>,
    passwordFile: (p) => join(dir, 'passwords', p),
  };
}
const material = fakeMaterial('/nowhere');

describe('docker/compose.yml on a laptop in a café', () => {
  it('publishes every port on 127.0.0.1 only', () => {
    const published = Object.entries(services).flatMap(([name, s]) =>
      (s.ports ?? []).map((p) => `${name} ${String(p)}`),
    );
    expect(published.length).toBeGreaterThan(0);
    expect(
      published.filter((p) => !/^\S+ 127\.0\.0\.1:(\d+|\$\{[A-Z_]+:-\d+\}):\d+(\/tcp)?$/.test(p)),
    ).toEqual([]);
  });

  it('takes every secret from a file of the git-ignored folder, made by compose-secrets.ts', () => {
    const dir = defaultComposeSecureDir(ROOT);
    const expected = Object.fromEntries(
      Object.entries(composeSecretFiles(dir)).map(([name, file]) => [
        name,
        { file: relative(DOCKER, file).split('\\').join('/') },
      ]),
    );
    expect(compose.secrets).toEqual(expected);
    const ignored = readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n');
    expect(ignored).toContain(`${relative(ROOT, join(dir, '..'))}/`);
    for (const [name, s] of Object.entries(services))
      for (const source of Object.keys(mounts(s)))
        expect(`${name}: ${source} ${Object.hasOwn(compose.secrets ?? {}, source)}`).toBe(
          `${name}: ${source} true`,
        );
  });

  it('holds no secret value: passwords are files, or come from the host environment', () => {
    const literal = Object.entries(services).flatMap(([name, s]) =>
      Object.entries(envOf(s))
        .filter(([key, value]) => {
          if (/(PASSWORD|SECRET|TOKEN|CREDENTIAL|JAAS)/.test(key) && !key.endsWith('_FILE'))
            return !/^\$\{[A-Z_]+(:\?[^}]*)?\}$/.test(value ?? '');
          return /password="|password=[\w-]{16}|ScramLoginModule|-----BEGIN/i.test(value ?? '');
        })
        .map(([key]) => `${name}.${key}`),
    );
    expect(literal).toEqual([]);
    const text = readFileSync(join(DOCKER, 'compose.yml'), 'utf8');
    expect(text).not.toMatch(/ScramLoginModule|password="|password=[\w-]{16}|keystore\.password/i);
  });
});

describe('the compose Kafka', () => {
  const props = composeBrokerProperties(material);
  const listeners = (props['listeners'] ?? '').split(',');
  const protocols: Record<string, string> = Object.fromEntries(
    (props['listener.security.protocol.map'] ?? '').split(',').map((p) => p.split(':')),
  ) as Record<string, string>;

  it('has no PLAINTEXT listener: SASL_SSL for clients, SSL with client certificates for the controller', () => {
    const byName = listeners.map((l) => [
      l.split('://')[0] ?? '',
      protocols[l.split('://')[0] ?? ''],
    ]);
    expect(byName).toEqual([
      ['CLIENT', 'SASL_SSL'],
      ['HOST', 'SASL_SSL'],
      ['CONTROLLER', 'SSL'],
    ]);
    expect(props['listener.name.controller.ssl.client.auth']).toBe('required');
    // On the container's loopback: nothing else on the compose network reaches it.
    expect(listeners[2]).toBe(`CONTROLLER://127.0.0.1:${COMPOSE_KAFKA.controllerPort}`);
    expect(props['controller.quorum.voters']).toBe(`1@127.0.0.1:${COMPOSE_KAFKA.controllerPort}`);
    expect(props['inter.broker.listener.name']).toBe('CLIENT');
    expect(props['sasl.enabled.mechanisms']).toBe('SCRAM-SHA-512');
    for (const name of ['client', 'host'])
      expect(props[`listener.name.${name}.scram-sha-512.sasl.jaas.config`]).toContain(
        'ScramLoginModule required username="admin"',
      );
    // Compose sets none of the image's KAFKA_* settings: the broker reads only the generated file.
    expect(Object.keys(envOf(kafka))).toEqual(['CLUSTER_ID']);
    expect(JSON.stringify(kafka)).not.toMatch(/PLAINTEXT/);
  });

  it('is secured exactly as the JVM path: same authorizer, super users, deny by default, TLS stores', () => {
    const jvm = secureBrokerProperties(COMPOSE_KAFKA.hostPort, COMPOSE_KAFKA.controllerPort, {
      ...material,
      keystoreFile: secretPath('kafka-broker-keystore'),
      caFile: secretPath('kafka-ca'),
    });
    const own = ['listeners', 'advertised.listeners', 'listener.security.protocol.map'];
    const inherited = Object.keys(jvm).filter((key) => !own.includes(key));
    expect(inherited.length).toBeGreaterThan(10);
    expect(Object.fromEntries(inherited.map((key) => [key, props[key]]))).toEqual(
      Object.fromEntries(inherited.map((key) => [key, jvm[key]])),
    );
    expect(props['authorizer.class.name']).toBe(
      'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    );
    expect(props['allow.everyone.if.no.acl.found']).toBe('false');
    expect(props['super.users']).toBe('User:admin;User:CN=uamd-broker');
  });

  it('is dialled at names its certificate holds', () => {
    const dialled = [
      ...(props['advertised.listeners'] ?? '').split(','),
      ...listeners.filter((l) => l.startsWith('CONTROLLER')),
    ].map((l) => (l.split('://')[1] ?? '').replace(/:\d+$/, ''));
    expect(dialled).toEqual(['kafka', '127.0.0.1', '127.0.0.1']);
    for (const host of dialled)
      expect(COMPOSE_BROKER_SANS).toContain(/^[\d.]+$/.test(host) ? `ip:${host}` : `dns:${host}`);
    expect(COMPOSE_BROKER_SANS).toContain('dns:localhost');
    expect(props['advertised.listeners']).toBe(
      `CLIENT://${COMPOSE_KAFKA.network},HOST://${COMPOSE_KAFKA.host}`,
    );
    expect(kafka.ports).toEqual([`127.0.0.1:${COMPOSE_KAFKA.hostPort}:${COMPOSE_KAFKA.hostPort}`]);
    expect(envOf(services['ua-customs'] ?? {})['KAFKA_BROKERS']).toBe(COMPOSE_KAFKA.network);
    expect(composeHostClientEnv(material)).toEqual({
      KAFKA_BROKERS: COMPOSE_KAFKA.host,
      KAFKA_SASL_USERNAME: 'observer',
      KAFKA_SASL_PASSWORD_FILE: material.passwordFile('observer'),
      KAFKA_SSL_CA_FILE: material.caFile,
    });
  });

  it('formats its storage with the SCRAM credentials, then starts, on the generated files it mounts', () => {
    const m = mounts(kafka);
    const script = [...(kafka.entrypoint ?? []), ...(kafka.command ?? [])].join(' ');
    expect(kafka.entrypoint).toEqual(['/bin/bash', '-c']);
    expect(script).toContain('/opt/kafka/bin/kafka-storage.sh format');
    expect(script).toContain('--ignore-formatted');
    expect(script).toContain(`--config ${m['kafka-server-properties']}`);
    expect(script).toContain(`@${m['kafka-scram-credentials']}`);
    expect(script).toContain(
      `exec /opt/kafka/bin/kafka-server-start.sh ${m['kafka-server-properties']}`,
    );
    // Every file the broker and its healthcheck's admin client read is mounted where they look.
    const read = [
      props['ssl.keystore.location'],
      props['ssl.truststore.location'],
      composeAdminClientProperties(material)['ssl.truststore.location'],
    ];
    for (const file of read) expect(Object.values(m)).toContain(file);
    const health = (kafka.healthcheck?.test ?? []).join(' ');
    expect(health).toContain(`--bootstrap-server ${COMPOSE_KAFKA.network}`);
    expect(health).toContain(`--command-config ${m['kafka-admin-client']}`);
  });
});

/** The ACLs a kafka-acls.sh `--add` line creates: every combination of its options, as the tool does. */
function aclsOf(line: string): AclEntry[] {
  const words = [...line.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((m) =>
    m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] ?? ''),
  );
  const values = (flag: string): string[] =>
    words.flatMap((w, i) => (w === flag ? [words[i + 1] ?? ''] : []));
  const op: Record<string, AclOperationTypes> = {
    Read: AclOperationTypes.READ,
    Write: AclOperationTypes.WRITE,
    Create: AclOperationTypes.CREATE,
    Describe: AclOperationTypes.DESCRIBE,
  };
  const resources = [
    ...values('--topic').map((name) => [AclResourceTypes.TOPIC, name] as const),
    ...values('--group').map((name) => [AclResourceTypes.GROUP, name] as const),
  ];
  expect(values('--resource-pattern-type')).toEqual(['prefixed']);
  expect(words.filter((w) => /^--(deny|cluster|transactional-id)/.test(w))).toEqual([]);
  return values('--allow-principal').flatMap((principal) =>
    values('--allow-host').flatMap((host) =>
      values('--operation').flatMap((o) =>
        resources.map(([resourceType, resourceName]) => ({
          resourceType,
          resourceName,
          resourcePatternType: ResourcePatternTypes.PREFIXED,
          principal,
          host,
          operation: op[o] ?? AclOperationTypes.UNKNOWN,
          permissionType: AclPermissionTypes.ALLOW,
        })),
      ),
    ),
  );
}
const key = (a: AclEntry): string =>
  [a.principal, a.host, a.operation, a.resourceType, a.resourceName, a.resourcePatternType].join(
    ' ',
  );

describe('the ACLs compose creates', () => {
  const script = composeAclScript();
  const created = script
    .split('\n')
    .filter((l) => l.startsWith('acls --add '))
    .flatMap(aclsOf);

  it('are exactly EXCHANGE_ACL_TABLE, for the topic prefix the services run with', () => {
    expect(created.map(key).sort()).toEqual(composeAclEntries().map(key).sort());
    expect(composeAclEntries()).toEqual(exchangeAclEntries({ topicPrefix: '' }));
    expect(new Set(created.map(key)).size).toBe(created.length);
    // The table itself, field by field, so a right the entries dropped would show here too.
    const fields: Record<string, [AclOperationTypes, AclResourceTypes]> = {
      writes: [AclOperationTypes.WRITE, AclResourceTypes.TOPIC],
      reads: [AclOperationTypes.READ, AclResourceTypes.TOPIC],
      creates: [AclOperationTypes.CREATE, AclResourceTypes.TOPIC],
      groups: [AclOperationTypes.READ, AclResourceTypes.GROUP],
    };
    let rights = 0;
    for (const principal of EXCHANGE_PRINCIPALS)
      for (const [field, names] of Object.entries(EXCHANGE_ACL_TABLE[principal])) {
        const [operation, resourceType] = fields[field] ?? [];
        expect(`${field} ${operation}`).not.toBe(`${field} undefined`);
        for (const name of names as string[]) {
          rights += 1;
          const k = key({
            principal: `User:${principal}`,
            host: '*',
            operation: operation!,
            resourceType: resourceType!,
            resourceName: name,
            resourcePatternType: ResourcePatternTypes.PREFIXED,
            permissionType: AclPermissionTypes.ALLOW,
          });
          expect(created.map(key)).toContain(k);
        }
      }
    expect(created).toHaveLength(rights);
  });

  it('waits until the broker lists them all before the services may start', () => {
    expect(script).toContain(`-ge ${created.length} ]`);
    expect(aclInit.image).toBe(kafka.image);
    expect(aclInit.entrypoint).toEqual(['/bin/bash', mounts(aclInit)['kafka-acls']]);
    expect(aclInit.depends_on?.['kafka']?.condition).toBe('service_healthy');
    expect(script).toContain(`\${KAFKA_BOOTSTRAP:-${COMPOSE_KAFKA.network}}`);
    expect(script).toContain(`\${KAFKA_ADMIN_CONFIG:-${mounts(aclInit)['kafka-admin-client']}}`);
    expect(Object.values(mounts(aclInit))).toContain(
      composeAdminClientProperties(material)['ssl.truststore.location'],
    );
    for (const app of COMPOSE_SERVICES)
      expect(services[app]?.depends_on?.['kafka-acls']?.condition).toBe(
        'service_completed_successfully',
      );
  });
});

describe('the services of compose.yml', () => {
  it.each(COMPOSE_SERVICES)(
    '%s logs in as the principal of its APP, with its own password',
    (app) => {
      const service = services[app] ?? {};
      const env = envOf(service);
      expect(env['APP']).toBe(app);
      expect(env['KAFKA_SASL_USERNAME']).toBe(app);
      const m = mounts(service);
      expect(m).toEqual({
        'kafka-ca': secretPath('kafka-ca'),
        [passwordSecret(app)]: secretPath(passwordSecret(app)),
      });
      expect(env['KAFKA_SASL_PASSWORD_FILE']).toBe(m[passwordSecret(app)]);
      expect(env['KAFKA_SSL_CA_FILE']).toBe(m['kafka-ca']);
      // Nobody else mounts this principal's password.
      const alsoMounting = Object.entries(services)
        .filter(([name, other]) => name !== app && passwordSecret(app) in mounts(other))
        .map(([name]) => name);
      expect(alsoMounting).toEqual([]);
    },
  );

  it.each(COMPOSE_SERVICES)('%s reads a valid login from the mounted files', (app) => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-login-'));
    try {
      const env = envOf(services[app] ?? {});
      const local = (file: string | undefined): string =>
        join(dir, (file ?? '').replace(/\//g, '_'));
      writeFileSync(local(env['KAFKA_SSL_CA_FILE']), '-----BEGIN CERTIFICATE-----\n');
      writeFileSync(local(env['KAFKA_SASL_PASSWORD_FILE']), `${app}-password\n`);
      const security = kafkaSecurityFromEnv({
        ...env,
        KAFKA_SSL_CA_FILE: local(env['KAFKA_SSL_CA_FILE']),
        KAFKA_SASL_PASSWORD_FILE: local(env['KAFKA_SASL_PASSWORD_FILE']),
      });
      expect(security.sasl).toEqual({
        mechanism: 'scram-sha-512',
        username: app,
        password: `${app}-password`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('run with the topic prefix and groups the ACLs were made for', () => {
    const login = ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD_FILE', 'KAFKA_SSL_CA_FILE'];
    const bare = (app: string): Env =>
      Object.fromEntries(
        Object.entries(envOf(services[app] ?? {})).filter(([k]) => !login.includes(k)),
      );
    // Unset, so each service runs with its default prefix: the reconciler's reader shows it.
    for (const app of COMPOSE_SERVICES) {
      expect(`${app} ${envOf(services[app] ?? {})['TOPIC_PREFIX']}`).toBe(`${app} undefined`);
      expect(`${app} ${envOf(services[app] ?? {})['GROUP_ID']}`).toBe(`${app} undefined`);
    }
    const reconciler = readReconcilerConfig(bare('reconciler'));
    expect(reconciler.topicPrefix).toBe(COMPOSE_TOPIC_PREFIX);
    const groups = composeAclEntries().filter(
      (a) => a.principal === 'User:reconciler' && a.resourceType === AclResourceTypes.GROUP,
    );
    expect(groups.some((g) => reconciler.groupId.startsWith(g.resourceName))).toBe(true);
  });
});

describe('writeComposeFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'compose-secure-'));
    mkdirSync(join(dir, 'passwords'), { mode: 0o700 });
    for (const p of SCRAM_PRINCIPALS)
      writeFileSync(join(dir, 'passwords', p), `${passwords[p]}\n`, { mode: 0o600 });
    for (const f of ['ca.pem', 'broker.p12', 'credentials.json'])
      writeFileSync(join(dir, f), f, { mode: 0o600 });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const mode = (file: string): string => (statSync(file).mode & 0o777).toString(8);

  it('writes every mounted file, readable by the containers; what no container mounts stays private', () => {
    const { files, aclCount } = writeComposeFiles(fakeMaterial(dir));
    expect(files).toEqual(composeSecretFiles(dir));
    expect(aclCount).toBe(composeAclEntries().length);
    for (const file of Object.values(files)) expect(`${file} ${mode(file)}`).toBe(`${file} 644`);
    for (const p of ['admin', 'observer'] as const)
      expect(mode(join(dir, 'passwords', p))).toBe('600');
    expect(mode(join(dir, 'credentials.json'))).toBe('600');
    const server = readFileSync(files['kafka-server-properties'], 'utf8');
    expect(server).toContain(`ssl.keystore.password=${fakeMaterial(dir).keystorePassword}\n`);
    expect(server).toContain('allow.everyone.if.no.acl.found=false\n');
    const scram = readFileSync(files['kafka-scram-credentials'], 'utf8').split('\n');
    for (const p of SCRAM_PRINCIPALS)
      expect(scram).toContain(`SCRAM-SHA-512=[name=${p},password=${passwords[p]}]`);
    expect(readFileSync(files['kafka-acls'], 'utf8')).toBe(composeAclScript());
  });

  it('rewrites the derived files in place, so a running container sees the new ones', () => {
    const { files } = writeComposeFiles(fakeMaterial(dir));
    const name: ComposeSecret = 'kafka-acls';
    const inode = statSync(files[name]).ino;
    writeFileSync(files[name], 'stale');
    writeComposeFiles(fakeMaterial(dir));
    expect(statSync(files[name]).ino).toBe(inode);
    expect(readFileSync(files[name], 'utf8')).toBe(composeAclScript());
  });
});
