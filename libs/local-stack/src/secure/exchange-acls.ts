import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
} from 'kafkajs';
import { EXCHANGE_PRINCIPALS, type ExchangePrincipal } from './principals';

/** One principal's rights. Every name is a prefix that follows the deployment's prefix. */
export interface PrincipalRights {
  /** Topics it may produce to: WRITE (implies DESCRIBE, and since KIP-679 an idempotent producer id). */
  writes: readonly string[];
  /** Topics it may consume and list offsets of: READ (implies DESCRIBE). */
  reads: readonly string[];
  /** Consumer groups it may join, commit in and fetch offsets of: READ on the group. */
  groups: readonly string[];
  /** Topics it may create: each side creates the topics it writes, with the exchange's settings. */
  creates: readonly string[];
}

/** What the administrations see of the reconciler: its decisions, not the other side's dead letters. */
const OUTPUTS = ['reconciler.crossings', 'reconciler.alerts'];

/**
 * Who may do what on the exchange (docs/design.md §1), in one place. Anything not granted here is
 * refused by the broker (`allow.everyone.if.no.acl.found=false`): nobody but its owner writes or
 * creates a topic, and only `admin` changes ACLs.
 */
export const EXCHANGE_ACL_TABLE: Readonly<Record<ExchangePrincipal, PrincipalRights>> = {
  'ua-customs': { writes: ['ua.'], reads: OUTPUTS, groups: ['ua-customs'], creates: ['ua.'] },
  'md-customs': { writes: ['md.'], reads: OUTPUTS, groups: ['md-customs'], creates: ['md.'] },
  reconciler: {
    writes: ['reconciler.'],
    reads: ['ua.', 'md.'],
    groups: ['reconciler'],
    creates: ['reconciler.'],
  },
  // The CLI's output readers (tail, latency): read-only, one throwaway `uamd-…` group per run.
  observer: { writes: [], reads: ['reconciler.'], groups: ['uamd-'], creates: [] },
};

export interface AclScope {
  /** The deployment's TOPIC_PREFIX, put before every topic name of the table. */
  topicPrefix: string;
  /** Put before every group name of the table; the topic prefix by default. */
  groupPrefix?: string;
}

/** The table as kafkajs ACL entries: ALLOW, any host, prefixed resource patterns. */
export function exchangeAclEntries(
  scope: AclScope,
  table: Readonly<Record<ExchangePrincipal, PrincipalRights>> = EXCHANGE_ACL_TABLE,
): AclEntry[] {
  const groupPrefix = scope.groupPrefix ?? scope.topicPrefix;
  return EXCHANGE_PRINCIPALS.flatMap((principal) => {
    const rights = table[principal];
    const entry = (
      resourceType: AclResourceTypes,
      name: string,
      operation: AclOperationTypes,
    ): AclEntry => ({
      resourceType,
      resourceName: name,
      resourcePatternType: ResourcePatternTypes.PREFIXED,
      principal: `User:${principal}`,
      host: '*',
      operation,
      permissionType: AclPermissionTypes.ALLOW,
    });
    return [
      ...rights.writes.map((t) =>
        entry(AclResourceTypes.TOPIC, scope.topicPrefix + t, AclOperationTypes.WRITE),
      ),
      ...rights.reads.map((t) =>
        entry(AclResourceTypes.TOPIC, scope.topicPrefix + t, AclOperationTypes.READ),
      ),
      ...rights.creates.map((t) =>
        entry(AclResourceTypes.TOPIC, scope.topicPrefix + t, AclOperationTypes.CREATE),
      ),
      ...rights.groups.map((g) =>
        entry(AclResourceTypes.GROUP, groupPrefix + g, AclOperationTypes.READ),
      ),
    ];
  });
}
