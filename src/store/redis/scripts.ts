import { LuaScript } from './client';

/**
 * Stores a value unless the key exists (idempotent create), in one round trip.
 * KEYS[1] value key, KEYS[2] (optional) an index to add ARGV[4] to with score ARGV[3].
 * ARGV[1] value, ARGV[2] TTL seconds. Returns nil when created, else the stored value.
 */
export const createOnce = new LuaScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
  if KEYS[2] then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) end
  return false
end
return redis.call('GET', KEYS[1])
`);

/**
 * Lua: marks a stored event processed without sending its value back and forth (the status is
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
 * Lua: records a new message id in its event's value (`<a|p>|<ids>|body`, codec.ts), after
 * the ids already there; an event value of an earlier form (`a|{json}`) gets the ids part
 * added. When there is no event value to hold it (none stored, or a bare-JSON one written
 * before status prefixes), or the id cannot be listed (`inline` ~= '1'), the id goes to the
 * event's sorted set as before this encoding.
 */
const RECORD_ON_EVENT = `
local function recordOnEvent(eventKey, legacyKey, id, score, ttl, inline)
  local event = redis.call('GET', eventKey)
  if inline ~= '1' or not event or string.sub(event, 1, 1) == '{' then
    redis.call('ZADD', legacyKey, score, id)
    redis.call('EXPIRE', legacyKey, ttl)
    return
  end
  local updated
  if string.sub(event, 3, 3) == '{' then
    updated = string.sub(event, 1, 2) .. id .. '|' .. string.sub(event, 3)
  else
    local bar = string.find(event, '|', 3, true)
    local sep = ','
    if bar == 3 then sep = '' end
    updated = string.sub(event, 1, bar - 1) .. sep .. id .. string.sub(event, bar)
  end
  redis.call('SET', eventKey, updated, 'KEEPTTL')
end
`;

/**
 * Lua: the parts of a stored message value (codec.ts): its version, and where its attempts
 * (each after an RS, 0x1e) start, or nil for a value of an earlier form (`<version>|{json}`
 * or bare `{json}`, version 0), which holds no attempts.
 */
const MESSAGE_PARTS = `
local RS = string.char(30)
local function messageParts(value)
  if string.sub(value, 1, 1) == '{' then return '0', nil end
  local bar = string.find(value, '|', 1, true)
  local version = string.sub(value, 1, bar - 1)
  if string.sub(value, bar + 1, bar + 1) == '{' then return version, nil end
  local bar2 = string.find(value, '|', bar + 1, true)
  return version, bar2 + 1 + tonumber(string.sub(value, bar + 1, bar2 - 1))
end
`;

/**
 * Creates a message and adds it to its indexes and its event, or returns the stored one; with
 * an event id in ARGV[6], also marks that event processed (either way), saving a round trip
 * per event. KEYS: message, event, accepted-events index, the event's legacy message set,
 * the set of message types, then the sorted-set indexes (score = createdAt ms). ARGV: value,
 * TTL seconds, score, id, retention cut-off score (older entries are trimmed), event id or '',
 * '1' when the id may be recorded in the event value, the message's type.
 */
export const createMessage = new LuaScript(`${MARK_PROCESSED}${RECORD_ON_EVENT}
local existing = false
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then
  for i = 6, #KEYS do
    redis.call('ZADD', KEYS[i], ARGV[3], ARGV[4])
    redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', '(' .. ARGV[5])
    redis.call('EXPIRE', KEYS[i], ARGV[2])
  end
  redis.call('SADD', KEYS[5], ARGV[8])
  redis.call('EXPIRE', KEYS[5], ARGV[2])
  recordOnEvent(KEYS[2], KEYS[4], ARGV[4], ARGV[3], ARGV[2], ARGV[7])
else
  existing = redis.call('GET', KEYS[1])
end
-- last: Redis does not undo a script that fails halfway, and the event must not read as
-- processed unless its message and index entries were written
if ARGV[6] ~= '' then markProcessed(KEYS[2], KEYS[3], ARGV[6]) end
return existing
`);

/**
 * Compare-and-set of a message on its version (MESSAGE_PARTS), keeping the attempts stored in
 * the value and appending ARGV[7] (an attempt's JSON, or '') after them, and moving the
 * message between status indexes when its status changed. KEYS: message, old status index,
 * new status index, the message's legacy attempts list. ARGV: expected version, new
 * `<version>|<length>|<record>`, score, id, TTL seconds, retention cutoff (ms), attempt or '',
 * '1' when the old status has an index, '1' when the new one has (`sent` has none, see
 * messages.ts). The attempt is appended whatever the compare finds (the caller retries the
 * update, never the append): into the value, else, for a value of an earlier form or no value,
 * onto the legacy list. Returns 0 when someone else wrote the message meanwhile (the caller
 * retries). Entering a status index also trims it of entries past the retention, as creating
 * does for the other indexes: the message keys expire, their index entries must too.
 */
export const updateMessage = new LuaScript(`${MESSAGE_PARTS}
local current = redis.call('GET', KEYS[1])
local version, attemptsAt = '0', nil
if current then version, attemptsAt = messageParts(current) end
local matches = current and version == ARGV[1]
if ARGV[7] ~= '' and not attemptsAt then
  redis.call('RPUSH', KEYS[4], ARGV[7])
  redis.call('EXPIRE', KEYS[4], ARGV[5])
end
if not matches then
  if ARGV[7] ~= '' and attemptsAt then redis.call('SET', KEYS[1], current .. RS .. ARGV[7], 'KEEPTTL') end
  return 0
end
local attempts = ''
if attemptsAt then attempts = string.sub(current, attemptsAt) end
if ARGV[7] ~= '' and attemptsAt then attempts = attempts .. RS .. ARGV[7] end
redis.call('SET', KEYS[1], ARGV[2] .. attempts, 'KEEPTTL')
if KEYS[2] ~= KEYS[3] then
  if ARGV[8] == '1' then redis.call('ZREM', KEYS[2], ARGV[4]) end
  if ARGV[9] == '1' then
    redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
    redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[6])
    redis.call('EXPIRE', KEYS[3], ARGV[5])
  end
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

/**
 * Appends an attempt to a message in one atomic command (no read-compare-write loop): into the
 * value after the attempts already there (codec.ts), or, for a value of an earlier form or no
 * value, onto the message's attempts list as before. KEYS: message, attempts list. ARGV:
 * attempt JSON, TTL.
 */
export const appendAttempt = new LuaScript(`${MESSAGE_PARTS}
local current = redis.call('GET', KEYS[1])
if current then
  local _, attemptsAt = messageParts(current)
  if attemptsAt then
    redis.call('SET', KEYS[1], current .. RS .. ARGV[1], 'KEEPTTL')
    return 1
  end
end
redis.call('RPUSH', KEYS[2], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[2])
return 1
`);

/**
 * Stores a dev-outbox entry and keeps only the newest ones: trims index entries past the
 * retention, then deletes the oldest beyond ARGV[6] entries, index entry and body. KEYS: entry,
 * index. ARGV: JSON, TTL seconds, score, message id, retention cutoff (ms), how many to keep,
 * the entry key prefix (entry keys are derived from ids, so trimmed bodies are found).
 */
export const putOutbox = new LuaScript(`
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5])
local over = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[6])
if over > 0 then
  for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, over - 1)) do redis.call('DEL', ARGV[7] .. id) end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, over - 1)
end
redis.call('EXPIRE', KEYS[2], ARGV[2])
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
