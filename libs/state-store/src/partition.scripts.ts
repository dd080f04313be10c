/**
 * Lua scripts run atomically by Redis. KEYS order: epoch, offsets, pending, done, cameras,
 * alarms, outbox (see redis-keys.ts).
 */

/** Takes ownership (a new epoch fences out the previous owner) and returns the whole projection. */
export const CLAIM_PARTITION = `
local epoch = redis.call('INCR', KEYS[1])
return {
  epoch,
  redis.call('HGETALL', KEYS[2]),
  redis.call('HGETALL', KEYS[3]),
  redis.call('HGETALL', KEYS[4]),
  redis.call('HGETALL', KEYS[5]),
  redis.call('HGETALL', KEYS[6]),
  redis.call('HGETALL', KEYS[7])
}`;

/**
 * One batch, all or nothing (DESIGN.md §4): state changes, next offsets, new outbox entries,
 * and removal of entries already published. Refused unless the caller still owns the epoch.
 * ARGV: epoch, then 10 section counts, then the sections in the same order.
 */
export const COMMIT_BATCH = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return redis.error_reply('FENCED partition owned by epoch ' .. tostring(redis.call('GET', KEYS[1])))
end
local pos = 12
local function put(key, n)
  for _ = 1, n do
    redis.call('HSET', key, ARGV[pos], ARGV[pos + 1])
    pos = pos + 2
  end
end
local function del(key, n)
  for _ = 1, n do
    redis.call('HDEL', key, ARGV[pos])
    pos = pos + 1
  end
end
put(KEYS[2], tonumber(ARGV[2]))
put(KEYS[3], tonumber(ARGV[3]))
del(KEYS[3], tonumber(ARGV[4]))
put(KEYS[4], tonumber(ARGV[5]))
del(KEYS[4], tonumber(ARGV[6]))
put(KEYS[5], tonumber(ARGV[7]))
put(KEYS[6], tonumber(ARGV[8]))
del(KEYS[6], tonumber(ARGV[9]))
put(KEYS[7], tonumber(ARGV[10]))
del(KEYS[7], tonumber(ARGV[11]))
return 1`;
