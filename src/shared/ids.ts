import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i % bytes.length] % 32];
  return out;
}

/**
 * A time-ordered id: 10 chars of millisecond timestamp then random chars, so ids sort by
 * creation time (used for newest-first cursors).
 */
export function newId(prefix: 'evt' | 'msg' | 'req', now = Date.now()): string {
  let ts = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    ts = ALPHABET[t % 32] + ts;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${ts}${base32(randomBytes(12), 12)}`;
}

/**
 * The message id for one recipient of one event: deterministic, so a redelivered
 * process-event job finds the message it already created instead of making a second one.
 * Time-ordered by the event's acceptance time.
 */
export function messageIdFor(eventId: string, userId: string, acceptedAtMs: number): string {
  const digest = createHash('sha256').update(`${eventId}\u0000${userId}`).digest();
  const stamp = newId('msg', acceptedAtMs).slice(4, 14);
  return `msg_${stamp}${base32(digest, 12)}`;
}
