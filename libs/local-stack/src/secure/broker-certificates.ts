import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { keytool, STOREPASS_ENV } from './keytool';
import { BROKER_CERT_DN } from './principals';

export const CA_PEM = 'ca.pem';
export const BROKER_KEYSTORE = 'broker.p12';
/** The broker's certificate alone (public): read back to see whether it is about to expire. */
export const BROKER_CERT_PEM = 'broker.pem';

const VALIDITY_DAYS = 825;
const SIGNATURE = '-sigalg SHA256withECDSA';
const KEY = `-keyalg EC -groupname secp256r1 ${SIGNATURE}`;
/** The CA's name and the names the broker's certificate answers to (hostname checks stay on). */
export interface BrokerCertificateNames {
  caName: string;
  /** keytool SAN entries, e.g. `ip:127.0.0.1`, `dns:localhost`. */
  sans: readonly string[];
}

/** The local JVM broker: clients dial 127.0.0.1 (the advertised listener) or localhost. */
export const LOCAL_BROKER_NAMES: BrokerCertificateNames = {
  caName: 'uamd-local-ca',
  sans: ['ip:127.0.0.1', 'dns:localhost'],
};

/**
 * The keystore's password is 192 random bits, so PBKDF2 stretching (10 000 rounds by default)
 * guards nothing, yet the broker pays it each time it opens the store: once per TLS listener and
 * per connection kind it dials, in a cold JVM. Measured, it was several seconds of each start.
 */
const CHEAP_TO_OPEN = [
  '-J-Dkeystore.pkcs12.keyPbeIterationCount=1',
  '-J-Dkeystore.pkcs12.certPbeIterationCount=1',
  '-J-Dkeystore.pkcs12.macIterationCount=1',
];

/**
 * A throwaway CA and the broker's PKCS12 keystore signed by it, in `dir`. The CA's private key is
 * deleted once it has signed: nobody can mint another certificate the broker would trust, so a
 * client certificate on the controller listener can only be the broker's own.
 */
export async function createBrokerCertificates(
  dir: string,
  storePassword: string,
  names: BrokerCertificateNames = LOCAL_BROKER_NAMES,
): Promise<void> {
  const pass = ['-storetype', 'PKCS12', '-storepass:env', STOREPASS_ENV];
  const ca = ['-keystore', 'ca.p12', ...pass];
  const broker = ['-keystore', BROKER_KEYSTORE, ...pass];
  // No argument holds a space, so each step reads as the keytool command line it is.
  const run = (command: string, store: string[]): Promise<void> =>
    keytool(dir, storePassword, [...CHEAP_TO_OPEN, ...command.split(' '), ...store]);
  const days = `-validity ${VALIDITY_DAYS}`;
  // The broker is a TLS server to its clients and a TLS client of its own controller.
  const extensions = `-ext SAN=${names.sans.join(',')} -ext KU=digitalSignature -ext EKU=serverAuth,clientAuth`;
  await run(`-genkeypair -alias ca ${KEY} -dname CN=${names.caName} -ext bc:c ${days}`, ca);
  await run(`-exportcert -rfc -alias ca -file ${CA_PEM}`, ca);
  await run(`-genkeypair -alias broker ${KEY} -dname ${BROKER_CERT_DN} ${days}`, broker);
  await run('-certreq -alias broker -file broker.csr', broker);
  await run(
    `-gencert -alias ca -infile broker.csr -outfile ${BROKER_CERT_PEM} -rfc ${SIGNATURE} ${days} ${extensions}`,
    ca,
  );
  // The CA first, so keytool can build the chain of the signed reply.
  await run(`-importcert -noprompt -alias ca -file ${CA_PEM}`, broker);
  await run(`-importcert -noprompt -alias broker -file ${BROKER_CERT_PEM}`, broker);
  for (const file of ['ca.p12', 'broker.csr']) rmSync(join(dir, file), { force: true });
}
