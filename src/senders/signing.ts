import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { safeEqual } from '../shared/crypto';

/** The Standard Webhooks headers for one delivery (SPEC §6). */
export interface StandardWebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Signs with the reference `standardwebhooks` library: `v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">`, keyed by the base64-decoded part of `whsec_…`.
 */
export function standardWebhookHeaders(messageId: string, timestamp: Date, body: string, sharedKey: string): StandardWebhookHeaders {
  const seconds = Math.floor(timestamp.getTime() / 1000);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(seconds),
    'webhook-signature': new Webhook(sharedKey).sign(messageId, timestamp, body),
  };
}

/**
 * OrderCloud's `X-oc-hash`: base64 HMAC-SHA256 of the raw body bytes, keyed by the UTF-8
 * bytes of the whole shared key string (prefix included, not decoded).
 */
export function ocHash(body: string | Buffer, sharedKey: string): string {
  return createHmac('sha256', Buffer.from(sharedKey, 'utf8')).update(body).digest('base64');
}

/** Checks an `X-oc-hash` header in constant time. */
export function verifyOcHash(body: string | Buffer, sharedKey: string, header: string): boolean {
  return safeEqual(ocHash(body, sharedKey), header);
}

/** The `Authorization: Basic` credential: base64 of `username:password`. */
export function basicCredential(auth: { username: string; password: string }): string {
  return Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64');
}
