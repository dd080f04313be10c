/**
 * Key layout of one partition's projection. The `{p<n>}` hash tag keeps a partition's keys in
 * one Redis Cluster slot, which a multi-key script needs.
 */
export interface PartitionKeys {
  epoch: string;
  offsets: string;
  pending: string;
  done: string;
  cameras: string;
  alarms: string;
  outbox: string;
  /** Declaration cases by MRN. */
  cases: string;
}

export function partitionKeys(namespace: string, partition: number): PartitionKeys {
  const base = `${namespace}:{p${partition}}`;
  return {
    epoch: `${base}:epoch`,
    offsets: `${base}:offsets`,
    pending: `${base}:pending`,
    done: `${base}:done`,
    cameras: `${base}:cameras`,
    alarms: `${base}:alarms`,
    outbox: `${base}:outbox`,
    cases: `${base}:cases`,
  };
}

export function keyList(keys: PartitionKeys): string[] {
  return [
    keys.epoch,
    keys.offsets,
    keys.pending,
    keys.done,
    keys.cameras,
    keys.alarms,
    keys.outbox,
    keys.cases,
  ];
}
