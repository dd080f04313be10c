import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type ConnectionOptions } from 'node:tls';
import { type SASLOptions } from 'kafkajs';
import {
  ADMIN_PRINCIPAL,
  BROKER_CERT_DN,
  SCRAM_PRINCIPALS,
  type ScramPrincipal,
} from './principals';
import { writePrivateFile } from './private-file';
import { type SecureMaterial } from './secure-material';

const MECHANISM = 'SCRAM-SHA-512';

/**
 * What turns the plaintext single node into a secured one (merged over its server.properties):
 *
 * - CLIENT (SASL_SSL, SCRAM-SHA-512) on 127.0.0.1 is the only listener clients can use. It is also
 *   the inter-broker listener: the broker logs in to itself as `admin` (the JAAS line's username and
 *   password), e.g. to send transaction markers. KRaft keeps SCRAM credentials in the metadata log,
 *   so they exist once the storage tool has written them (KIP-900).
 * - CONTROLLER (SSL with required client certificates) on 127.0.0.1 carries the broker's
 *   registration and heartbeats to its own controller. KRaft cannot use SCRAM there (the controller
 *   would need the log it is about to serve), so the broker presents its certificate, whose subject
 *   is a super user. The CA's key is gone, so no client can present one: the port is closed to them.
 * - StandardAuthorizer with `allow.everyone.if.no.acl.found=false`: what no ACL allows is denied.
 *   Super users are `admin` and the broker's certificate; every other principal needs ACLs.
 */
export function secureBrokerProperties(
  port: number,
  controllerPort: number,
  material: SecureMaterial,
): Record<string, string> {
  const admin = material.passwords[ADMIN_PRINCIPAL];
  return {
    listeners: `CLIENT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `CLIENT://127.0.0.1:${port}`,
    'inter.broker.listener.name': 'CLIENT',
    'listener.security.protocol.map': 'CLIENT:SASL_SSL,CONTROLLER:SSL',
    'sasl.enabled.mechanisms': MECHANISM,
    'sasl.mechanism.inter.broker.protocol': MECHANISM,
    'listener.name.client.scram-sha-512.sasl.jaas.config': `org.apache.kafka.common.security.scram.ScramLoginModule required username="${ADMIN_PRINCIPAL}" password="${admin}";`,
    'ssl.keystore.type': 'PKCS12',
    'ssl.keystore.location': material.keystoreFile,
    'ssl.keystore.password': material.keystorePassword,
    // The broker dials itself (inter-broker) and its controller, so it trusts the same CA.
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': material.caFile,
    'listener.name.controller.ssl.client.auth': 'required',
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': `User:${ADMIN_PRINCIPAL};User:${BROKER_CERT_DN}`,
    'allow.everyone.if.no.acl.found': 'false',
  };
}

/**
 * Writes the storage tool's `--add-scram` arguments to an owner-only file it reads as `@file`
 * (one argument per line), so no password shows on a command line; remove it after the format.
 */
export function scramFormatArgs(
  dir: string,
  material: SecureMaterial,
): { args: string[]; remove(): void } {
  const file = join(dir, 'scram-credentials.args');
  const lines = SCRAM_PRINCIPALS.flatMap((name) => [
    '--add-scram',
    `${MECHANISM}=[name=${name},password=${material.passwords[name]}]`,
  ]);
  writePrivateFile(file, `${lines.join('\n')}\n`);
  return { args: [`@${file}`], remove: () => rmSync(file, { force: true }) };
}

/**
 * kafkajs settings to log in as `principal` (admin by default: what the start-up probe and the ACL
 * grants use). The password comes from the material, which never leaves the git-ignored folder.
 */
export function clientSecurity(
  material: SecureMaterial,
  principal: ScramPrincipal = ADMIN_PRINCIPAL,
): { ssl: ConnectionOptions; sasl: SASLOptions } {
  return {
    ssl: { ca: [readFileSync(material.caFile, 'utf8')] },
    sasl: {
      mechanism: 'scram-sha-512',
      username: principal,
      password: material.passwords[principal],
    },
  };
}
