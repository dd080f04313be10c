import { allTopics, topicNames } from '@uamd/messaging';
import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
} from 'kafkajs';
import { exchangeAclEntries } from './exchange-acls';

/** Who a prefixed ALLOW grants `operation` on `name` to, as the broker would match it. */
function granted(
  acls: AclEntry[],
  type: AclResourceTypes,
  name: string,
  operation: AclOperationTypes,
): string[] {
  return acls
    .filter(
      (a) =>
        a.resourceType === type && a.operation === operation && name.startsWith(a.resourceName),
    )
    .map((a) => a.principal.replace(/^User:/, ''))
    .sort();
}

describe('exchangeAclEntries', () => {
  const prefix = 'run1.';
  const topics = topicNames(prefix);
  const acls = exchangeAclEntries({ topicPrefix: prefix });
  const writers = (topic: string): string[] =>
    granted(acls, AclResourceTypes.TOPIC, topic, AclOperationTypes.WRITE);
  const readers = (topic: string): string[] =>
    granted(acls, AclResourceTypes.TOPIC, topic, AclOperationTypes.READ);

  it('gives every topic exactly one writer, its owner (docs/design.md §1)', () => {
    expect(Object.fromEntries(allTopics(topics).map((t) => [t, writers(t)]))).toEqual({
      'run1.ua.plate-reads': ['ua-customs'],
      'run1.ua.declarations': ['ua-customs'],
      'run1.md.plate-reads': ['md-customs'],
      'run1.md.declarations': ['md-customs'],
      'run1.reconciler.crossings': ['reconciler'],
      'run1.reconciler.alerts': ['reconciler'],
      'run1.reconciler.dead-letter': ['reconciler'],
    });
  });

  it('lets each topic be created by its writer alone', () => {
    const creators = (topic: string): string[] =>
      granted(acls, AclResourceTypes.TOPIC, topic, AclOperationTypes.CREATE);
    for (const topic of allTopics(topics)) expect(creators(topic)).toEqual(writers(topic));
  });

  it('lets the reconciler read the inputs, and both administrations and the observer the outputs', () => {
    expect(readers(topics.plateReads.UA)).toEqual(['reconciler']);
    expect(readers(topics.declarations.MD)).toEqual(['reconciler']);
    expect(readers(topics.crossings)).toEqual(['md-customs', 'observer', 'ua-customs']);
    expect(readers(topics.alerts)).toEqual(['md-customs', 'observer', 'ua-customs']);
    // Dead letters are copies of either side's rejected input: not for the other side.
    expect(readers(topics.deadLetter)).toEqual(['observer']);
  });

  it('grants nothing outside the deployment prefix, and groups by their own prefix', () => {
    for (const name of allTopics(topicNames('')))
      expect([...writers(name), ...readers(name)]).toEqual([]);
    const group = (name: string): string[] =>
      granted(acls, AclResourceTypes.GROUP, name, AclOperationTypes.READ);
    expect(group('run1.reconciler')).toEqual(['reconciler']);
    expect(group('run1.uamd-tail-123')).toEqual(['observer']);
    expect(group('reconciler')).toEqual([]);
    const split = exchangeAclEntries({ topicPrefix: prefix, groupPrefix: '' });
    expect(granted(split, AclResourceTypes.GROUP, 'reconciler', AclOperationTypes.READ)).toEqual([
      'reconciler',
    ]);
  });

  it('only ever allows, for any host, on prefixed patterns', () => {
    for (const a of acls) {
      expect(a.permissionType).toBe(AclPermissionTypes.ALLOW);
      expect(a.resourcePatternType).toBe(ResourcePatternTypes.PREFIXED);
      expect(a.host).toBe('*');
    }
  });
});
