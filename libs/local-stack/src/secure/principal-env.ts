import { type ScramPrincipal } from './principals';
import { type SecureMaterial } from './secure-material';

/**
 * The environment a service runs with to log in as `principal` (read back by
 * `kafkaSecurityFromEnv` in @uamd/messaging): the password as a file, never as a value.
 */
export function principalEnv(
  material: SecureMaterial,
  principal: ScramPrincipal,
): Record<'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD_FILE' | 'KAFKA_SSL_CA_FILE', string> {
  return {
    KAFKA_SASL_USERNAME: principal,
    KAFKA_SASL_PASSWORD_FILE: material.passwordFile(principal),
    KAFKA_SSL_CA_FILE: material.caFile,
  };
}
