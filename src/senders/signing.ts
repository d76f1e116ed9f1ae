import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { safeEqual } from '../shared/crypto';

/** The Standard Webhooks headers for one delivery (SPEC §6). */
export interface StandardWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks signature: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed by the
 * base64-decoded part of `whsec_…`. Computed with node:crypto (OpenSSL): the reference
 * `standardwebhooks` library hashes in pure JavaScript, which cost ~4% of a delivery worker's
 * CPU. The reference library still checks every key (it throws for one it would not accept)
 * and verifies every signature in the tests.
 */
export function standardWebhookHeaders(messageId: string, timestamp: Date, body: string, sharedKey: string): StandardWebhookHeaders {
  const seconds = String(Math.floor(timestamp.getTime() / 1000));
  const signature = createHmac('sha256', signingKey(sharedKey)).update(`${messageId}.${seconds}.`).update(body).digest('base64');
  return { 'webhook-id': messageId, 'webhook-timestamp': seconds, 'webhook-signature': `v1,${signature}` };
}

/** Decoded signing keys by `whsec_…` string; a handful of senders in practice, bounded anyway. */
const signingKeys = new Map<string, KeyObject>();
const MAX_SIGNING_KEYS = 1000;

function signingKey(sharedKey: string): KeyObject {
  let key = signingKeys.get(sharedKey);
  if (key === undefined) {
    // Throws exactly where the reference library would (a key it cannot decode).
    new Webhook(sharedKey);
    key = createSecretKey(Buffer.from(sharedKey.startsWith('whsec_') ? sharedKey.slice(6) : sharedKey, 'base64'));
    if (signingKeys.size >= MAX_SIGNING_KEYS) signingKeys.clear();
    signingKeys.set(sharedKey, key);
  }
  return key;
}

/**
 * OrderCloud's `X-oc-hash`: base64 HMAC-SHA256 of the raw body bytes, keyed by the UTF-8
 * bytes of the whole shared key string (prefix included, not decoded).
 */
export function ocHash(body: string | Buffer, sharedKey: string): string {
  let key = hashKeys.get(sharedKey);
  if (key === undefined) {
    key = createSecretKey(Buffer.from(sharedKey, 'utf8'));
    if (hashKeys.size >= MAX_SIGNING_KEYS) hashKeys.clear();
    hashKeys.set(sharedKey, key);
  }
  return createHmac('sha256', key).update(body).digest('base64');
}

/** `X-oc-hash` keys by shared key string (the whole string's bytes, see `ocHash`). */
const hashKeys = new Map<string, KeyObject>();

/** Checks an `X-oc-hash` header in constant time. */
export function verifyOcHash(body: string | Buffer, sharedKey: string, header: string): boolean {
  return safeEqual(ocHash(body, sharedKey), header);
}

/** The `Authorization: Basic` credential: base64 of `username:password`. */
export function basicCredential(auth: { username: string; password: string }): string {
  return Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
}
