/**
 * Lua scripts run atomically by Redis. KEYS order: epoch, offsets, outbox, then one hash per
 * state collection (see redis-keys.ts); the scripts loop over the collections.
 */

/** Takes ownership (a new epoch fences out the previous owner) and returns the whole projection. */
export const CLAIM_PARTITION = `
local epoch = redis.call('INCR', KEYS[1])
local out = { epoch }
for i = 2, #KEYS do out[#out + 1] = redis.call('HGETALL', KEYS[i]) end
return out`;

/**
 * One run of records, all or nothing (docs/design.md §4): next offsets, the run's outbox entry,
 * removal of outbox entries already published, and each collection's puts and deletes.
 * Refused unless the caller still owns the epoch. ARGV: epoch, offsets, outbox deletes, outbox
 * batch id and bytes (empty id when there are no outputs), then per collection its puts and
 * its deletes, all as JSON arrays (one decode in C is far cheaper than hundreds of thousands of
 * separate arguments).
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
del(KEYS[3], ARGV[3])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[3], ARGV[4], ARGV[5]) end
for i = 4, #KEYS do
  local arg = 6 + (i - 4) * 2
  put(KEYS[i], ARGV[arg])
  del(KEYS[i], ARGV[arg + 1])
end
return 1`;

/** KEYS[1] the epoch, the rest the projection's data; ARGV[1] the caller's epoch. */
export const FORGET_PARTITION = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', unpack(KEYS, 2))
return 1
`;
