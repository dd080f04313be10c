/**
 * Lua scripts run atomically by Redis. KEYS order: epoch, offsets, pending, done, cameras,
 * alarms, outbox, cases (see redis-keys.ts).
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
  redis.call('HGETALL', KEYS[7]),
  redis.call('HGETALL', KEYS[8])
}`;

/**
 * One batch, all or nothing (DESIGN.md §4): state changes, next offsets, the batch's outbox
 * entry, and removal of outbox entries already published. Refused unless the caller still
 * owns the epoch. ARGV: epoch, then the sections below as JSON arrays (one decode in C is far
 * cheaper than hundreds of thousands of separate arguments), then the outbox batch id and
 * bytes (empty id when the batch has no outputs).
 */
export const COMMIT_BATCH = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return redis.error_reply('FENCED partition owned by epoch ' .. tostring(redis.call('GET', KEYS[1])))
end
local function put(key, json)
  local t = cjson.decode(json)
  for i = 1, #t, 2 do redis.call('HSET', key, t[i], t[i + 1]) end
end
local function del(key, json)
  local t = cjson.decode(json)
  for i = 1, #t do redis.call('HDEL', key, t[i]) end
end
put(KEYS[2], ARGV[2])
put(KEYS[3], ARGV[3])
del(KEYS[3], ARGV[4])
put(KEYS[4], ARGV[5])
del(KEYS[4], ARGV[6])
put(KEYS[5], ARGV[7])
put(KEYS[6], ARGV[8])
del(KEYS[6], ARGV[9])
del(KEYS[7], ARGV[10])
if ARGV[11] ~= '' then redis.call('HSET', KEYS[7], ARGV[11], ARGV[12]) end
put(KEYS[8], ARGV[13])
del(KEYS[8], ARGV[14])
return 1`;
