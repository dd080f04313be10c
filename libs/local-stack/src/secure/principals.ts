/**
 * Who talks to the secure broker. `admin` is the one super user clients can log in as (it creates
 * topics and ACLs, and the broker uses it to reach itself); the others get only what
 * `EXCHANGE_ACL_TABLE` grants them.
 */
export const ADMIN_PRINCIPAL = 'admin';

/** ua-customs and md-customs are the two administrations' services; observer is the CLI's output readers. */
export const EXCHANGE_PRINCIPALS = ['ua-customs', 'md-customs', 'reconciler', 'observer'] as const;

export type ExchangePrincipal = (typeof EXCHANGE_PRINCIPALS)[number];

/** The principal an administration's customs service logs in as. */
export function customsPrincipal(country: 'UA' | 'MD'): 'ua-customs' | 'md-customs' {
  return country === 'UA' ? 'ua-customs' : 'md-customs';
}

export type ScramPrincipal = typeof ADMIN_PRINCIPAL | ExchangePrincipal;

export const SCRAM_PRINCIPALS: readonly ScramPrincipal[] = [
  ADMIN_PRINCIPAL,
  ...EXCHANGE_PRINCIPALS,
];

/**
 * The broker certificate's subject. On the controller listener (TLS with client certificates) it
 * is also the principal the broker presents to its own controller, hence a super user.
 */
export const BROKER_CERT_DN = 'CN=uamd-broker';
