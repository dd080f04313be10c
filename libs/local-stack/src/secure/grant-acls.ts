import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
  type Kafka,
} from 'kafkajs';
import { sleep } from '../child-process';
import { type AclScope, exchangeAclEntries } from './exchange-acls';

const VISIBLE_WITHIN_MS = 15_000;

/**
 * Creates the table's ACLs through `kafka`, which must log in as a super user (`admin`), and
 * resolves once the broker enforces them: the controller commits an ACL before the broker has
 * read it from the metadata log, and DescribeAcls answers from the broker's own authorizer.
 */
export async function grantExchangeAcls(kafka: Kafka, scope: AclScope): Promise<AclEntry[]> {
  const acl = exchangeAclEntries(scope);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl });
    const wanted = new Set(acl.map(aclKey));
    const deadline = Date.now() + VISIBLE_WITHIN_MS;
    for (;;) {
      const { resources } = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      });
      const seen = new Set(resources.flatMap((r) => r.acls.map((a) => aclKey({ ...r, ...a }))));
      if ([...wanted].every((k) => seen.has(k))) return acl;
      if (Date.now() > deadline)
        throw new Error(`the broker did not show the new ACLs within ${VISIBLE_WITHIN_MS} ms`);
      await sleep(100);
    }
  } finally {
    await admin.disconnect();
  }
}

function aclKey(a: AclEntry): string {
  return [
    a.resourceType,
    a.resourceName,
    a.resourcePatternType,
    a.principal,
    a.host,
    a.operation,
    a.permissionType,
  ].join('|');
}
