import { randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
} from 'kafkajs';
import { findRepoRoot } from '../repo-root';
import { BROKER_CERT_PEM, BROKER_KEYSTORE, CA_PEM } from './broker-certificates';
import { exchangeAclEntries } from './exchange-acls';
import { principalEnv } from './principal-env';
import { ADMIN_PRINCIPAL, type ExchangePrincipal, type ScramPrincipal } from './principals';
import { scramFormatArgs, secureBrokerProperties } from './secure-broker.config';
import { createMaterial, readSecureMaterial, type SecureMaterial } from './secure-material';

/*
 * What docker/compose.yml's secured Kafka needs, made on the host before `docker compose up`
 * (`npm run compose:secrets`, compose-secrets.main.ts) into a git-ignored folder, never the repository:
 *
 * - The material of the JVM path (secure-material.ts: a throwaway CA whose key is deleted, the broker's
 *   PKCS12 keystore, every principal's SCRAM password, credentials.json), in the same layout, so
 *   `readSecureMaterial` and `principalEnv` read it back. Only the broker certificate differs: its SANs
 *   add `kafka`, the name containers on the compose network dial.
 * - Files compose mounts as secrets (docker/compose.yml's top-level `secrets:`, one per entry of
 *   `composeSecretFiles`): the broker's server.properties (`secureBrokerProperties` with a second
 *   SASL_SSL listener for the host), the storage tool's `--add-scram` arguments, an admin client config,
 *   and the kafka-acls.sh script of EXCHANGE_ACL_TABLE.
 *
 * Compose (without swarm) bind-mounts a secret's file as it is on the host: no uid, gid or mode of its
 * own. The containers run as users the host does not know (the Kafka image's appuser, the app image's
 * node), so the mounted files are 0644 and what keeps other host users out is the folder, 0700.
 */

/** The services of docker/compose.yml that log in to Kafka, each as the principal of its APP. */
export const COMPOSE_SERVICES = [
  'ua-customs',
  'md-customs',
  'reconciler',
] as const satisfies readonly ExchangePrincipal[];

export type ComposeService = (typeof COMPOSE_SERVICES)[number];

/** docker/compose.yml sets no TOPIC_PREFIX: the services' default, so the ACLs are for ''. */
export const COMPOSE_TOPIC_PREFIX = '';

/** Where Kafka is, as compose runs it. */
export const COMPOSE_KAFKA = {
  /** SASL_SSL for containers on the compose network; also the broker's inter-broker listener. */
  network: 'kafka:19092',
  /** SASL_SSL for the host, published on 127.0.0.1 only. */
  host: '127.0.0.1:9092',
  hostPort: 9092,
  networkPort: 19092,
  /** SSL with client certificates, on the container's loopback: only the broker itself reaches it. */
  controllerPort: 9093,
};

/** The broker certificate's names: the host's (as the JVM path's certificate) and the container's. */
export const COMPOSE_BROKER_SANS = ['dns:kafka', 'dns:localhost', 'ip:127.0.0.1'];
const COMPOSE_BROKER_NAMES = { caName: 'uamd-compose-ca', sans: COMPOSE_BROKER_SANS };

/** docker/compose.yml's top-level secrets, each mounted at /run/secrets/<name>. */
export type ComposeSecret =
  | 'kafka-server-properties'
  | 'kafka-scram-credentials'
  | 'kafka-broker-keystore'
  | 'kafka-ca'
  | 'kafka-admin-client'
  | 'kafka-acls'
  | `${ComposeService}-kafka-password`;

/** Where a secret is in the containers that mount it (compose's default target). */
export function secretPath(name: ComposeSecret): string {
  return `/run/secrets/${name}`;
}

/** The principal's password secret, mounted only by the service that logs in as it. */
export function passwordSecret(service: ComposeService): ComposeSecret {
  return `${service}-kafka-password`;
}

/** `.cache/compose-secure` in the repository (`.cache/` is git-ignored). */
export function defaultComposeSecureDir(root = findRepoRoot()): string {
  return join(root, '.cache', 'compose-secure');
}

// The layout secure-material.ts reads (readSecureMaterial checks it after each creation).
const PASSWORDS = 'passwords';
/** What is made from the material at each run, so it follows the code (the ACL table above all). */
const DERIVED = 'compose';

/** The host file of each compose secret in `dir`. */
export function composeSecretFiles(dir: string): Record<ComposeSecret, string> {
  const derived = (file: string): string => join(dir, DERIVED, file);
  const passwords = Object.fromEntries(
    COMPOSE_SERVICES.map((s) => [passwordSecret(s), join(dir, PASSWORDS, s)]),
  ) as Record<`${ComposeService}-kafka-password`, string>;
  return {
    'kafka-server-properties': derived('server.properties'),
    // scramFormatArgs' file name.
    'kafka-scram-credentials': derived('scram-credentials.args'),
    'kafka-broker-keystore': join(dir, BROKER_KEYSTORE),
    'kafka-ca': join(dir, CA_PEM),
    'kafka-admin-client': derived('admin-client.properties'),
    'kafka-acls': derived('kafka-acls.sh'),
    ...passwords,
  };
}

export interface ComposeSecrets {
  material: SecureMaterial;
  /** True when this call made new credentials (an existing compose Kafka holds the old ones). */
  created: boolean;
  files: Record<ComposeSecret, string>;
  /** How many ACLs kafka-acls.sh creates. */
  aclCount: number;
}

/**
 * The compose material in `dir`, created on first use with keytool (and again when incomplete or
 * its certificate is about to expire), then every derived file written again from the code.
 */
export async function ensureComposeSecrets(
  dir = defaultComposeSecureDir(),
): Promise<ComposeSecrets> {
  let material = readComposeMaterial(dir);
  const created = material === undefined;
  material ??= await createComposeMaterial(dir);
  return { material, created, ...writeComposeFiles(material) };
}

/**
 * Writes the derived secrets from `material` into its folder (in place: a running container's mount
 * keeps seeing the file) and opens the mounted ones to the containers' users.
 */
export function writeComposeFiles(
  material: SecureMaterial,
): Pick<ComposeSecrets, 'files' | 'aclCount'> {
  const files = composeSecretFiles(material.dir);
  const mismatch = [
    [files['kafka-ca'], material.caFile],
    [files['kafka-broker-keystore'], material.keystoreFile],
    ...COMPOSE_SERVICES.map((s) => [files[passwordSecret(s)], material.passwordFile(s)]),
  ].filter(([secret, file]) => secret !== file);
  if (mismatch.length > 0)
    throw new Error(
      `the material's layout moved: ${mismatch.map((m) => m.join(' ≠ ')).join(', ')}`,
    );
  mkdirSync(join(material.dir, DERIVED), { recursive: true, mode: 0o700 });
  writeShared(files['kafka-server-properties'], propertiesText(composeBrokerProperties(material)));
  const scram = scramFormatArgs(join(material.dir, DERIVED), material);
  if (scram.args[0] !== `@${files['kafka-scram-credentials']}`)
    throw new Error(`scramFormatArgs wrote ${scram.args[0]}, not the compose secret's file`);
  chmodSync(files['kafka-scram-credentials'], 0o644);
  writeShared(files['kafka-admin-client'], propertiesText(composeAdminClientProperties(material)));
  const acls = composeAclEntries();
  writeShared(files['kafka-acls'], composeAclScript(acls));
  for (const file of [
    material.caFile,
    material.keystoreFile,
    ...COMPOSE_SERVICES.map((s) => material.passwordFile(s)),
  ])
    chmodSync(file, 0o644);
  return { files, aclCount: acls.length };
}

/** The folder's material when complete, still good and made for compose (its SANs), else undefined. */
export function readComposeMaterial(dir: string): SecureMaterial | undefined {
  const material = readSecureMaterial(dir);
  if (!material) return undefined;
  try {
    const names =
      new X509Certificate(readFileSync(join(dir, BROKER_CERT_PEM))).subjectAltName ?? '';
    return names.split(', ').includes('DNS:kafka') ? material : undefined;
  } catch {
    return undefined;
  }
}

// ---- the broker -----------------------------------------------------------------------------------

/**
 * The compose broker's server.properties: the JVM path's security (`secureBrokerProperties`: SCRAM-SHA-512
 * over TLS, the controller on TLS with client certificates, StandardAuthorizer, super users admin and the
 * broker certificate, nothing allowed without an ACL) with a listener for each side of Docker:
 * CLIENT for the compose network (kafka:19092, inter-broker too), HOST for the published 127.0.0.1:9092.
 * Both SASL_SSL; there is no PLAINTEXT listener.
 */
export function composeBrokerProperties(material: SecureMaterial): Record<string, string> {
  const inContainer: SecureMaterial = {
    ...material,
    keystoreFile: secretPath('kafka-broker-keystore'),
    caFile: secretPath('kafka-ca'),
  };
  const { hostPort, networkPort, controllerPort } = COMPOSE_KAFKA;
  const secure = secureBrokerProperties(hostPort, controllerPort, inContainer);
  const jaas = secure['listener.name.client.scram-sha-512.sasl.jaas.config'];
  if (jaas === undefined) throw new Error('secureBrokerProperties: no JAAS line for CLIENT');
  return {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.listener.names': 'CONTROLLER',
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    // Not one of the image's volumes: a new container (after `down`, new credentials) starts empty.
    'log.dirs': '/tmp/kraft-combined-logs',
    'num.partitions': '3',
    'default.replication.factor': '1',
    'min.insync.replicas': '1',
    'auto.create.topics.enable': 'false',
    'offsets.topic.replication.factor': '1',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'group.initial.rebalance.delay.ms': '0',
    ...secure,
    // The containers reach the broker on its network address and the host through the published port,
    // so both client listeners bind every interface of the container; the controller stays on loopback.
    listeners: `CLIENT://0.0.0.0:${networkPort},HOST://0.0.0.0:${hostPort},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `CLIENT://${COMPOSE_KAFKA.network},HOST://${COMPOSE_KAFKA.host}`,
    'listener.security.protocol.map': 'CLIENT:SASL_SSL,HOST:SASL_SSL,CONTROLLER:SSL',
    'listener.name.host.scram-sha-512.sasl.jaas.config': jaas,
  };
}

/** kafka-acls.sh's and the healthcheck's `--command-config`: admin, on the compose network. */
export function composeAdminClientProperties(material: SecureMaterial): Record<string, string> {
  return {
    'security.protocol': 'SASL_SSL',
    'sasl.mechanism': 'SCRAM-SHA-512',
    'sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required username="${ADMIN_PRINCIPAL}" password="${material.passwords[ADMIN_PRINCIPAL]}";`,
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': secretPath('kafka-ca'),
  };
}

function propertiesText(props: Record<string, string>): string {
  const lines = Object.entries(props).map(([k, v]) => `${k}=${v}`);
  return `# Made by npm run compose:secrets (libs/local-stack/src/secure/compose-secrets.ts): do not edit.\n${lines.join('\n')}\n`;
}

// ---- ACLs -------------------------------------------------------------------------------------------

/** EXCHANGE_ACL_TABLE for compose's topic prefix: what kafka-acls.sh creates, no more, no less. */
export function composeAclEntries(): AclEntry[] {
  return exchangeAclEntries({ topicPrefix: COMPOSE_TOPIC_PREFIX });
}

/** kafka-acls.sh's names (`--operation`, the PascalCase of Kafka's AclOperation). */
const OPERATIONS: Partial<Record<AclOperationTypes, string>> = {
  [AclOperationTypes.ALL]: 'All',
  [AclOperationTypes.READ]: 'Read',
  [AclOperationTypes.WRITE]: 'Write',
  [AclOperationTypes.CREATE]: 'Create',
  [AclOperationTypes.DELETE]: 'Delete',
  [AclOperationTypes.ALTER]: 'Alter',
  [AclOperationTypes.DESCRIBE]: 'Describe',
  [AclOperationTypes.CLUSTER_ACTION]: 'ClusterAction',
  [AclOperationTypes.DESCRIBE_CONFIGS]: 'DescribeConfigs',
  [AclOperationTypes.ALTER_CONFIGS]: 'AlterConfigs',
  [AclOperationTypes.IDEMPOTENT_WRITE]: 'IdempotentWrite',
};
const RESOURCE_OPTIONS: Partial<Record<AclResourceTypes, string>> = {
  [AclResourceTypes.TOPIC]: '--topic',
  [AclResourceTypes.GROUP]: '--group',
  [AclResourceTypes.CLUSTER]: '--cluster',
  [AclResourceTypes.TRANSACTIONAL_ID]: '--transactional-id',
  [AclResourceTypes.DELEGATION_TOKEN]: '--delegation-token',
};
const PATTERN_TYPES: Partial<Record<ResourcePatternTypes, string>> = {
  [ResourcePatternTypes.LITERAL]: 'literal',
  [ResourcePatternTypes.PREFIXED]: 'prefixed',
};
const PERMISSIONS: Partial<Record<AclPermissionTypes, 'allow' | 'deny'>> = {
  [AclPermissionTypes.ALLOW]: 'allow',
  [AclPermissionTypes.DENY]: 'deny',
};

/**
 * kafka-acls.sh `--add` argument lists for `entries`. One call adds every combination of its principal,
 * host, operations and resources, so the entries are grouped: by all but the resource, then those
 * groups with the same resources by all but the operation. Each call adds exactly its entries, one JVM
 * start per call rather than per ACL.
 */
export function composeAclCommands(entries: AclEntry[] = composeAclEntries()): string[][] {
  const byOperation = new Map<string, { who: string[]; operation: string; resources: string[] }>();
  for (const e of entries) {
    const permission = known(PERMISSIONS, e.permissionType, 'permission type');
    const who = [
      `--${permission}-principal`,
      e.principal,
      `--${permission}-host`,
      e.host,
      '--resource-pattern-type',
      known(PATTERN_TYPES, e.resourcePatternType, 'resource pattern type'),
    ];
    const operation = known(OPERATIONS, e.operation, 'operation');
    const option = known(RESOURCE_OPTIONS, e.resourceType, 'resource type');
    const resource =
      e.resourceType === AclResourceTypes.CLUSTER ? [option] : [option, e.resourceName];
    const key = [...who, operation].join('\0');
    const group = byOperation.get(key) ?? { who, operation, resources: [] };
    group.resources.push(...resource);
    byOperation.set(key, group);
  }
  const calls = new Map<string, { who: string[]; operations: string[]; resources: string[] }>();
  for (const { who, operation, resources } of byOperation.values()) {
    const key = [...who, '', ...resources].join('\0');
    const call = calls.get(key) ?? { who, operations: [], resources };
    call.operations.push(operation);
    calls.set(key, call);
  }
  return [...calls.values()].map((c) => [
    '--add',
    ...c.who,
    ...c.operations.flatMap((o) => ['--operation', o]),
    ...c.resources,
  ]);
}

function known<K extends number, V>(names: Partial<Record<K, V>>, value: K, what: string): V {
  const name = names[value];
  if (name === undefined) throw new Error(`kafka-acls.sh: no ${what} for ${value}`);
  return name;
}

/** The `kafka-acls` secret: run by compose's one-shot kafka-acls service once the broker is healthy. */
export function composeAclScript(entries: AclEntry[] = composeAclEntries()): string {
  const n = entries.length;
  const calls = composeAclCommands(entries).map((args) => `acls ${args.map(shellQuote).join(' ')}`);
  return [
    '#!/usr/bin/env bash',
    '# Made by npm run compose:secrets (libs/local-stack/src/secure/compose-secrets.ts) from',
    '# EXCHANGE_ACL_TABLE (libs/local-stack/src/secure/exchange-acls.ts): do not edit.',
    '# As admin (a super user), against the broker of docker/compose.yml unless told otherwise.',
    'set -euo pipefail',
    'acls() {',
    `  "\${KAFKA_BIN:-/opt/kafka/bin}/kafka-acls.sh" --bootstrap-server "\${KAFKA_BOOTSTRAP:-${COMPOSE_KAFKA.network}}" \\`,
    `    --command-config "\${KAFKA_ADMIN_CONFIG:-${secretPath('kafka-admin-client')}}" "$@"`,
    '}',
    ...calls,
    // grant-acls.ts: the controller commits an ACL before the broker has read it from the metadata log.
    `# The broker enforces an ACL a moment after the controller commits it: wait until it lists all ${n}.`,
    'listed=0',
    'for _ in $(seq 30); do',
    `  listed="$(acls --list | grep -c 'principal=User:' || true)"`,
    `  if [ "$listed" -ge ${n} ]; then echo "kafka-acls: the broker enforces the ${n} ACLs of EXCHANGE_ACL_TABLE"; exit 0; fi`,
    '  sleep 1',
    'done',
    `echo "kafka-acls: the broker lists $listed ACLs, not the ${n} of EXCHANGE_ACL_TABLE" >&2`,
    'exit 1',
    '',
  ].join('\n');
}

function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_.:@/=,+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

// ---- the host's clients -----------------------------------------------------------------------------

/** How a client on the host logs in (the CLI's tail and latency: `observer`, read-only). */
export function composeHostClientEnv(
  material: SecureMaterial,
  principal: ScramPrincipal = 'observer',
): Record<string, string> {
  return { KAFKA_BROKERS: COMPOSE_KAFKA.host, ...principalEnv(material, principal) };
}

// ---- creating the material ------------------------------------------------------------------------

async function createComposeMaterial(dir: string): Promise<SecureMaterial> {
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  mkdirSync(tmp, { mode: 0o700 });
  try {
    await createMaterial(tmp, COMPOSE_BROKER_NAMES);
    // Incomplete, expiring, or not made for compose: replaced whole.
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const made = readComposeMaterial(dir);
  if (!made) throw new Error(`compose Kafka material in ${dir} is incomplete after creating it`);
  return made;
}

/** Readable by the containers' users (see the top of this file); the folder keeps the host's out. */
function writeShared(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o644 });
  chmodSync(file, 0o644);
}
