// The store's Lua scripts. Each runs atomically in Redis; lease times come from Redis's own clock
// (TIME), so processes never compare their clocks. Keys are passed in KEYS where they are known
// up front; scripts that visit many executions build keys from the prefix (single-node Redis).

/**
 * Applies a heartbeat to an alive record, in fields of its own (the record JSON is not rewritten
 * in Lua: cjson turns empty arrays into objects). ARGV: id, lastHeartbeatAt, heartbeatCount, owner, ttlMs.
 */
export const HEARTBEAT = `
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 then return 0 end
local previous = redis.call('HGET', KEYS[1], 'hbAt')
if previous and tonumber(previous) >= tonumber(ARGV[2]) then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', KEYS[1], 'hbAt', ARGV[2], 'hbCount', ARGV[3], 'owner', ARGV[4], 'lease', now + tonumber(ARGV[5]))
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[5]), ARGV[1])
return 1
`;

/** Replaces the record only from the expected version. ARGV: id, expectedVersion, newVersion, state, json, alive(1/0), terminalTtlSeconds. */
export const COMPARE_AND_SET = `
local current = redis.call('HGET', KEYS[1], 'version')
if not current or current ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[3], 'state', ARGV[4], 'record', ARGV[5])
if ARGV[6] == '1' then
  redis.call('SADD', KEYS[2], ARGV[1])
else
  redis.call('SREM', KEYS[2], ARGV[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[7]))
end
return 1
`;

/** Renews the leases an owner holds; returns the ids it could not. KEYS: alive, leases. ARGV: prefix, owner, ttlMs, ids... */
export const RENEW_LEASES = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expires = now + tonumber(ARGV[3])
local lost = {}
for i = 4, #ARGV do
  local id = ARGV[i]
  local key = ARGV[1] .. ':exec:' .. id
  if redis.call('SISMEMBER', KEYS[1], id) == 1 and redis.call('HGET', key, 'owner') == ARGV[2] then
    redis.call('HSET', key, 'lease', expires)
    redis.call('ZADD', KEYS[2], expires, id)
  else
    table.insert(lost, id)
  end
end
return lost
`;

/** Alive executions whose lease has expired, by Redis time. KEYS: leases. */
export const EXPIRED_LEASES = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
`;

/** Redis's clock in epoch ms. */
export const NOW_MS = `
local t = redis.call('TIME')
return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/**
 * Upserts records in one call, each unless the stored version is higher: a record of another
 * writer (no schema field) is refused, an alive record gets its lease on Redis's clock, a terminal
 * one leaves the alive set and expires after terminalTtlSeconds.
 * KEYS: alive, leases, then rec_1, user_1, rec_2, user_2, …
 * ARGV: owner, ttlMs, terminalTtlSeconds, then id, version, state, json, alive(1/0) per record.
 * Returns how many were applied; errors on foreign data without writing that record.
 */
export const UPSERT_BATCH = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local expires = now + tonumber(ARGV[2])
local applied = 0
local count = (#KEYS - 2) / 2
for i = 0, count - 1 do
  local rec = KEYS[3 + i * 2]
  local user = KEYS[4 + i * 2]
  local a = 4 + i * 5
  local id, version, state, json, alive = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  if redis.call('EXISTS', rec) == 1 and redis.call('HEXISTS', rec, 'schema') == 0 then
    return redis.error_reply('AETFOREIGN ' .. rec .. ' exists and was not written by this store')
  end
  local current = redis.call('HGET', rec, 'version')
  if not current or tonumber(current) <= tonumber(version) then
    redis.call('HSET', rec, 'schema', '1', 'version', version, 'state', state, 'record', json, 'owner', ARGV[1], 'lease', expires)
    redis.call('HDEL', rec, 'hbAt', 'hbCount')
    redis.call('SADD', user, id)
    if alive == '1' then
      redis.call('PERSIST', rec)
      redis.call('SADD', KEYS[1], id)
      redis.call('ZADD', KEYS[2], expires, id)
    else
      redis.call('SREM', KEYS[1], id)
      redis.call('ZREM', KEYS[2], id)
      redis.call('EXPIRE', rec, tonumber(ARGV[3]))
    end
    applied = applied + 1
  end
end
return applied
`;
