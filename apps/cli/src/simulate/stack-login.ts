import { clientSecurity, type LocalStack, type ScramPrincipal } from '@uamd/local-stack';
import { kafkaSecurityFromEnv, type KafkaSecurity } from '@uamd/messaging';

/**
 * How a part of the run logs in: as its own principal on a secured local broker (each side writes
 * only its own topics), else with the environment's one login (a user's cluster) or plaintext.
 */
export function stackLogin(stack: LocalStack, principal: ScramPrincipal): KafkaSecurity {
  return stack.secure ? clientSecurity(stack.secure, principal) : kafkaSecurityFromEnv();
}
