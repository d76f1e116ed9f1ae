import { Redis } from 'ioredis';
import { decodeEvent, decodeMessage, decodeMessageAttempts } from '../../src/store/redis/codec';

/**
 * Whether a planted secret can be read in a text, in any spelling (as is, JSON-escaped,
 * URL-encoded). A secret of 4 characters or more counts anywhere; a shorter one where it
 * stands alone (no letter or digit touching it), as the scrubber treats it: "Q" inside
 * "QUEUE" is not the header value Q.
 */
export function occurs(haystack: string, secret: string): boolean {
  const spellings = new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]);
  for (const spelling of spellings) {
    if (spelling.length >= 4 ? haystack.includes(spelling) : standsAlone(haystack, spelling)) return true;
  }
  return false;
}

const ALNUM = /[A-Za-z0-9]/;

function standsAlone(haystack: string, needle: string): boolean {
  const guardStart = ALNUM.test(needle[0] ?? '');
  const guardEnd = ALNUM.test(needle[needle.length - 1] ?? '');
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1] ?? '';
    const after = haystack[at + needle.length] ?? '';
    if ((!guardStart || !ALNUM.test(before)) && (!guardEnd || !ALNUM.test(after))) return true;
  }
  return false;
}

/**
 * Text that is random by design and would make short secrets "appear" by chance: sealed
 * values (`v1:iv:tag:data`, base64url) and request ids (`req_` + base64url).
 */
export function withoutNoise(text: string): string {
  return text.replace(/v1:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+:[A-Za-z0-9_-]*/g, 'v1:sealed').replace(/req_[A-Za-z0-9_-]+/g, 'req_id');
}

/**
 * Records that hold the event's reset link, code and one-time password by design (the event
 * as posted, a message's resolved variables, needed to send and retry): left out when the
 * event's secrets are searched for. Everything else, and every sender secret, is searched.
 */
function isEventRecord(o: Record<string, unknown>): boolean {
  return 'receivedAt' in o && 'data' in o && 'type' in o;
}
function isMessageRecord(o: Record<string, unknown>): boolean {
  return 'eventId' in o && 'recipient' in o && 'variables' in o;
}

/** Every string reachable from `root` (maps, sets, class instances included), as one text. */
export function dumpObject(root: unknown, omitEventSecrets: boolean): string {
  const out: string[] = [];
  const seen = new WeakSet<object>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      const parsed = parseJson(value);
      if (parsed !== undefined && typeof parsed === 'object' && parsed !== null) walk(parsed);
      else out.push(value);
      return;
    }
    if (typeof value !== 'object' || value === null) {
      if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
      return;
    }
    if (seen.has(value)) return;
    seen.add(value);
    if (value instanceof Map) {
      for (const [k, v] of value) {
        walk(k);
        walk(v);
      }
      return;
    }
    if (value instanceof Set || Array.isArray(value)) {
      for (const v of value) walk(v);
      return;
    }
    if (Buffer.isBuffer(value)) {
      out.push(value.toString('utf8'));
      return;
    }
    const record = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(record)) {
      if (omitEventSecrets && ((k === 'data' && isEventRecord(record)) || (k === 'variables' && isMessageRecord(record)))) continue;
      out.push(k);
      walk(v);
    }
  };
  walk(root);
  return out.join('\n');
}

/** JSON, also behind the Redis store's `<status>|` / `<version>|` prefix (src/store/redis/codec.ts). */
function parseJson(text: string): unknown {
  const json = text.replace(/^[a-z0-9]+\|(?=[{[])/, '');
  const first = json.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * A string value as the store wrote it, readable: events and messages are binary and their
 * data and variables compressed (src/store/redis/codec.ts), so they are decoded, else a
 * secret inside would pass unseen. A message comes with its attempts. Anything else, or a
 * value that does not decode, is its UTF-8 text.
 */
export function readableValue(prefix: string, key: string, raw: Buffer): unknown {
  const id = (area: string) => (key.startsWith(`${prefix}:${area}:`) ? key.slice(prefix.length + area.length + 2) : null);
  try {
    const eventId = id('event');
    if (eventId !== null) return decodeEvent(eventId, raw);
    const messageId = id('msg');
    if (messageId !== null) return { ...decodeMessage(messageId, raw), attempts: decodeMessageAttempts(raw) };
  } catch {
    // not one of ours after all: searched as text below
  }
  return raw.toString('utf8');
}

/** Every key under `prefix` with its whole value, whatever its type (store and BullMQ alike). */
export async function dumpRedis(url: string, prefix: string): Promise<Record<string, unknown>> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    const dump: Record<string, unknown> = {};
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') dump[key] = readableValue(prefix, key, (await redis.getBuffer(key)) ?? Buffer.alloc(0));
      else if (type === 'hash') dump[key] = await redis.hgetall(key);
      else if (type === 'list') dump[key] = await redis.lrange(key, 0, -1);
      else if (type === 'set') dump[key] = await redis.smembers(key);
      else if (type === 'zset') dump[key] = await redis.zrange(key, 0, -1, 'WITHSCORES');
      else if (type === 'stream') dump[key] = await redis.xrange(key, '-', '+');
      else dump[key] = `(${type})`;
    }
    return dump;
  } finally {
    redis.disconnect();
  }
}
