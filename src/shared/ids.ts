import { createHash, randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i % bytes.length] % 32];
  return out;
}

/** Random bytes drawn 4 KiB at a time: one call into OpenSSL per 341 ids instead of one per id. */
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomChunk(size: number): Uint8Array {
  if (used + size > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += size;
  return pool.subarray(used - size, used);
}

/** 10 base-32 chars of a millisecond time: strings that sort as the times do. */
function timePart(ms: number): string {
  let ts = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    ts = ALPHABET[t % 32] + ts;
    t = Math.floor(t / 32);
  }
  return ts;
}

/**
 * A time-ordered id: 10 chars of millisecond timestamp then random chars, so ids sort by
 * creation time (used for newest-first cursors).
 */
export function newId(prefix: 'evt' | 'msg' | 'req', now = Date.now()): string {
  return `${prefix}_${timePart(now)}${base32(randomChunk(12), 12)}`;
}

/**
 * The message id for one recipient of one event: deterministic, so a redelivered
 * process-event job finds the message it already created instead of making a second one.
 * Time-ordered by the event's acceptance time.
 */
export function messageIdFor(eventId: string, userId: string, acceptedAtMs: number): string {
  const digest = createHash('sha256').update(`${eventId}\u0000${userId}`).digest();
  return `msg_${timePart(acceptedAtMs)}${base32(digest, 12)}`;
}
