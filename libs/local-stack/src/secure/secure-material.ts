import { randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findRepoRoot } from '../repo-root';
import {
  BROKER_CERT_PEM,
  BROKER_KEYSTORE,
  type BrokerCertificateNames,
  CA_PEM,
  createBrokerCertificates,
} from './broker-certificates';
import { SCRAM_PRINCIPALS, type ScramPrincipal } from './principals';
import { writePrivateFile } from './private-file';

/** Everything the secure broker and its clients need, created once into a git-ignored folder. */
export interface SecureMaterial {
  dir: string;
  /** The CA certificate (PEM) clients trust: `KAFKA_SSL_CA_FILE`. */
  caFile: string;
  /** The broker's key and certificate chain (PKCS12). */
  keystoreFile: string;
  keystorePassword: string;
  /** `credentials.json` (0600): the keystore password and every principal's password. */
  credentialsFile: string;
  passwords: Readonly<Record<ScramPrincipal, string>>;
  /** A file (0600) holding only that principal's password: `KAFKA_SASL_PASSWORD_FILE`. */
  passwordFile(principal: ScramPrincipal): string;
}

interface CredentialsFile {
  version: 1;
  keystorePassword: string;
  principals: Record<ScramPrincipal, string>;
}

const CREDENTIALS = 'credentials.json';
const PASSWORDS = 'passwords';
/** A certificate this close to its end is replaced (with everything else) before a start. */
const RENEW_BEFORE_MS = 7 * 24 * 3_600_000;

/** `.cache/kafka-secure` in the repository (`.cache/` is git-ignored). */
export function defaultSecureDir(root = findRepoRoot()): string {
  return join(root, '.cache', 'kafka-secure');
}

/**
 * The folder's material, created on first use with keytool (a few seconds) and reused after.
 * It is built under a temporary name and renamed into place, so a reader never sees half of
 * it, and of two first uses at once the later one adopts the earlier's.
 */
export async function ensureSecureMaterial(dir = defaultSecureDir()): Promise<SecureMaterial> {
  const existing = readSecureMaterial(dir);
  if (existing) return existing;
  mkdirSync(dirname(dir), { recursive: true });
  const tmp = `${dir}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  mkdirSync(tmp, { mode: 0o700 });
  try {
    await createMaterial(tmp);
    const adopted = readSecureMaterial(dir);
    if (adopted) return adopted;
    // Incomplete or expiring: replaced whole.
    rmSync(dir, { recursive: true, force: true });
    try {
      renameSync(tmp, dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const made = readSecureMaterial(dir);
  if (!made) throw new Error(`secure Kafka material in ${dir} is incomplete after creating it`);
  return made;
}

/** The folder's material when it is complete and its certificate still good, else undefined. */
export function readSecureMaterial(dir: string): SecureMaterial | undefined {
  let saved: CredentialsFile;
  try {
    saved = JSON.parse(readFileSync(join(dir, CREDENTIALS), 'utf8')) as CredentialsFile;
  } catch {
    return undefined;
  }
  const complete =
    saved.version === 1 &&
    typeof saved.keystorePassword === 'string' &&
    SCRAM_PRINCIPALS.every(
      (p) => typeof saved.principals?.[p] === 'string' && existsSync(join(dir, PASSWORDS, p)),
    ) &&
    [CA_PEM, BROKER_KEYSTORE].every((f) => existsSync(join(dir, f))) &&
    certificateGood(join(dir, BROKER_CERT_PEM));
  if (!complete) return undefined;
  return {
    dir,
    caFile: join(dir, CA_PEM),
    keystoreFile: join(dir, BROKER_KEYSTORE),
    keystorePassword: saved.keystorePassword,
    credentialsFile: join(dir, CREDENTIALS),
    passwords: saved.principals,
    passwordFile: (principal) => join(dir, PASSWORDS, principal),
  };
}

/**
 * Fills the empty folder `dir`: the certificates (`names`, the local broker's by default), a
 * password per principal, and last the credentials file whose presence marks the folder complete.
 */
export async function createMaterial(dir: string, names?: BrokerCertificateNames): Promise<void> {
  const keystorePassword = secret();
  await createBrokerCertificates(dir, keystorePassword, names);
  chmodSync(join(dir, BROKER_KEYSTORE), 0o600);
  const principals = Object.fromEntries(SCRAM_PRINCIPALS.map((p) => [p, secret()])) as Record<
    ScramPrincipal,
    string
  >;
  mkdirSync(join(dir, PASSWORDS), { mode: 0o700 });
  for (const p of SCRAM_PRINCIPALS) writePrivateFile(join(dir, PASSWORDS, p), `${principals[p]}\n`);
  const credentials: CredentialsFile = { version: 1, keystorePassword, principals };
  // Last: its presence is what marks the folder complete.
  writePrivateFile(join(dir, CREDENTIALS), `${JSON.stringify(credentials, null, 2)}\n`);
}

/**
 * 32 url-safe characters: nothing that needs quoting in a JAAS line, a properties file or the
 * storage tool's `[name=…,password=…]` syntax.
 */
function secret(): string {
  return randomBytes(24).toString('base64url');
}

function certificateGood(pemFile: string): boolean {
  try {
    const cert = new X509Certificate(readFileSync(pemFile));
    return Date.parse(cert.validTo) - Date.now() > RENEW_BEFORE_MS;
  } catch {
    return false;
  }
}
