/**
 * The state collections a partition's projection holds, one Redis hash each: the one table a
 * new collection is added to (the scripts loop over it).
 */
export const STATE_COLLECTIONS = ['pending', 'done', 'cameras', 'alarms', 'cases'] as const;
export type StateCollection = (typeof STATE_COLLECTIONS)[number];

/**
 * Key layout of one partition's projection. The `{p<n>}` hash tag keeps a partition's keys in
 * one Redis Cluster slot, which a multi-key script needs.
 */
export interface PartitionKeys {
  epoch: string;
  offsets: string;
  outbox: string;
  collections: Record<StateCollection, string>;
}

export function partitionKeys(namespace: string, partition: number): PartitionKeys {
  const base = `${namespace}:{p${partition}}`;
  const collections = {} as Record<StateCollection, string>;
  for (const name of STATE_COLLECTIONS) collections[name] = `${base}:${name}`;
  return {
    epoch: `${base}:epoch`,
    offsets: `${base}:offsets`,
    outbox: `${base}:outbox`,
    collections,
  };
}

/** KEYS order of the scripts: epoch, offsets, outbox, then the collections in table order. */
export function keyList(keys: PartitionKeys): string[] {
  return [
    keys.epoch,
    keys.offsets,
    keys.outbox,
    ...STATE_COLLECTIONS.map((c) => keys.collections[c]),
  ];
}
