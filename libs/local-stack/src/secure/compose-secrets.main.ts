// `npm run compose:secrets`: makes (or reuses) what docker/compose.yml's secured Kafka mounts, in the
// git-ignored .cache/compose-secure/, and prints how a host client logs in. Needs a JDK's keytool on PATH
// the first time (as the JVM path does).
import { dirname, relative } from 'node:path';
import { findRepoRoot } from '../repo-root';
import {
  COMPOSE_SERVICES,
  composeHostClientEnv,
  defaultComposeSecureDir,
  ensureComposeSecrets,
} from './compose-secrets';

async function main(): Promise<void> {
  const root = findRepoRoot();
  const dir = defaultComposeSecureDir(root);
  const { material, created, aclCount } = await ensureComposeSecrets(dir);
  const shown = relative(process.cwd(), dir) || '.';
  const lines = [
    `${created ? 'Made' : 'Reused'} the compose Kafka secrets in ${shown}/ (git-ignored, 0700): CA, broker keystore,`,
    `SCRAM-SHA-512 credentials of admin, ${COMPOSE_SERVICES.join(', ')} and observer, and ${aclCount} ACLs from EXCHANGE_ACL_TABLE.`,
  ];
  if (created)
    lines.push(
      'New credentials: a compose Kafka made before holds the old ones, so take it down first:',
      '  docker compose -f docker/compose.yml down',
    );
  const env = composeHostClientEnv(material);
  lines.push(
    '',
    'Then:',
    '  REDIS_PASSWORD=$(openssl rand -hex 16) docker compose -f docker/compose.yml up --build',
    'From the host, read-only as observer (tail, latency):',
    `  ${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
    `(the other principals' passwords are beside observer's, in ${dirname(env['KAFKA_SASL_PASSWORD_FILE'] ?? '')}/)`,
  );
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`compose:secrets: ${message}`);
  if (/keytool.*ENOENT/s.test(message))
    console.error('compose:secrets: keytool (a JDK 17+) must be on PATH to make the certificates');
  process.exitCode = 1;
});
