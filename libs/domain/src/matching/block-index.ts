/**
 * The blocking indexes (`byKey`, `casesByKey`) map a key to an array that mostly holds one or two
 * entries. These keep those arrays small without allocating: a second entry replaces an array of
 * one by an array of two (`push` would reserve room for seventeen), and a removal shifts the rest
 * down in place (`splice` would return a new array of what it removed). Order is kept either way.
 */
export function addToBlock<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const block = index.get(key);
  if (!block) index.set(key, [value]);
  else if (block.includes(value)) return;
  else if (block.length === 1) index.set(key, [block[0]!, value]);
  else block.push(value);
}

/** Removes `value` from the block under `key`, and the block once it is empty. */
export function removeFromBlock<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const block = index.get(key);
  if (!block) return;
  const at = block.indexOf(value);
  if (at >= 0) {
    for (let i = at + 1; i < block.length; i++) block[i - 1] = block[i]!;
    block.pop();
  }
  if (block.length === 0) index.delete(key);
}
