import { LuaScript } from './client';

/**
 * Stores a JSON value unless the key exists (idempotent create), in one round trip.
 * KEYS[1] value key. ARGV[1] JSON, ARGV[2] TTL seconds. Returns nil when created, else
 * the stored JSON.
 */
export const createOnce = new LuaScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
  if KEYS[2] then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) end
  return false
end
return redis.call('GET', KEYS[1])
`);

/**
 * Lua: marks a stored event processed without sending its JSON back and forth (the status is
 * the `a|`/`p|` prefix of the value, see codec.ts), and takes it off the index of unprocessed
 * events (even when it expired). Returns 1 if changed.
 */
const MARK_PROCESSED = `
local function markProcessed(eventKey, acceptedIndex, eventId)
  redis.call('ZREM', acceptedIndex, eventId)
  local value = redis.call('GET', eventKey)
  if not value or string.sub(value, 1, 2) ~= 'a|' then return 0 end
  redis.call('SET', eventKey, 'p|' .. string.sub(value, 3), 'KEEPTTL')
  return 1
end
`;

/**
 * Creates a message and adds it to its indexes, or returns the stored one; with an event id
 * in ARGV[6], also marks that event processed (either way), saving a round trip per event.
 * KEYS: message, event, accepted-events index, then the sorted-set indexes (score = createdAt
 * ms). ARGV: JSON, TTL seconds, score, id, retention cut-off score (older entries are
 * trimmed), event id or ''.
 */
export const createMessage = new LuaScript(`${MARK_PROCESSED}
local existing = false
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
  for i = 4, #KEYS do
    redis.call('ZADD', KEYS[i], ARGV[3], ARGV[4])
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. ARGV[5])
    redis.call('EXPIRE', KEYS[i], ARGV[2])
  end
else
  existing = redis.call('GET', KEYS[1])
end
-- last: Redis does not undo a script that fails halfway, and the event must not read as
-- processed unless its message and index entries were written
if ARGV[6] ~= '' then markProcessed(KEYS[2], KEYS[3], ARGV[6]) end
return existing
`);

/**
 * Compare-and-set of a message on its version (the `<version>|` prefix of the value, see
 * codec.ts; a value without one is version 0), moving it between status indexes when its
 * status changed. KEYS: message, old status index, new status index, attempts list. ARGV:
 * expected version, new value, score, id, TTL seconds, retention cutoff (ms), an attempt's
 * JSON or ''. The attempt is appended whatever the compare finds (the caller retries the
 * update, never the append). Returns 0 when someone else wrote the message meanwhile (the
 * caller retries). Entering a status index also trims it of entries past the retention, as
 * creating does for the other indexes: the message keys expire, their index entries must too.
 */
export const updateMessage = new LuaScript(`
if ARGV[7] ~= '' then
  redis.call('RPUSH', KEYS[4], ARGV[7])
  redis.call('EXPIRE', KEYS[4], ARGV[5])
end
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local version = '0'
if string.sub(current, 1, 1) ~= '{' then version = string.sub(current, 1, string.find(current, '|', 1, true) - 1) end
if version ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
if KEYS[2] ~= KEYS[3] then
  redis.call('ZREM', KEYS[2], ARGV[4])
  redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[6])
  redis.call('EXPIRE', KEYS[3], ARGV[5])
end
return 1
`);

/**
 * Adds a template version. KEYS: template hash, set of template ids. ARGV: id, version
 * JSON, time. Returns { version, createdAt of version 1 }.
 */
export const putTemplate = new LuaScript(`
local fresh = redis.call('HEXISTS', KEYS[1], 'latest') == 0 or redis.call('HDEL', KEYS[1], 'deleted') == 1
local v = redis.call('HINCRBY', KEYS[1], 'latest', 1)
if fresh then redis.call('HSET', KEYS[1], 'createdAt', ARGV[3]) end
redis.call('HSET', KEYS[1], 'v:' .. v, ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
return { v, redis.call('HGET', KEYS[1], 'createdAt'), fresh and 1 or 0 }
`);

/**
 * Marks a template deleted: it is no longer listed or returned as "latest", but its versions
 * stay readable for messages pinned to them, and a re-created template continues the
 * version numbers (a pinned {id, version} never points at different content).
 */
export const deleteTemplate = new LuaScript(`
if redis.call('HEXISTS', KEYS[1], 'latest') == 0 or redis.call('HEXISTS', KEYS[1], 'deleted') == 1 then return 0 end
redis.call('HSET', KEYS[1], 'deleted', 1)
redis.call('SREM', KEYS[2], ARGV[1])
return 1
`);

/** Reads a template version (latest when ARGV[1] is empty): { version, createdAt, JSON } or nil. */
export const getTemplate = new LuaScript(`
local v = ARGV[1]
if v == '' then
  if redis.call('HEXISTS', KEYS[1], 'deleted') == 1 then return false end
  v = redis.call('HGET', KEYS[1], 'latest')
end
if not v then return false end
local body = redis.call('HGET', KEYS[1], 'v:' .. v)
if not body then return false end
return { tonumber(v), redis.call('HGET', KEYS[1], 'createdAt'), body }
`);

/** Marks a stored event processed (see MARK_PROCESSED). KEYS: event, accepted index. ARGV: id. */
export const markEventProcessed = new LuaScript(`${MARK_PROCESSED}
return markProcessed(KEYS[1], KEYS[2], ARGV[1])
`);

/** Appends an attempt and (re)sets the list's expiry: one command instead of a MULTI. KEYS: list. ARGV: JSON, TTL. */
export const appendAttempt = new LuaScript(`
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1
`);

/**
 * Counts one more in a fixed window that starts at the first count (`PEXPIRE NX` needs Redis 7;
 * this works on 6.2). KEYS: counter. ARGV: window ms. Returns the count.
 */
export const countInWindow = new LuaScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n
`);
