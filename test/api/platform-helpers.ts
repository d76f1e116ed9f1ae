import type { IncomingHttpHeaders } from 'node:http';
import { waitFor, type TestHerald } from '../support/harness';
import { seedRecipient } from '../support/seed';

export type Attempt = { number: number; outcome: string; statusCode: number | null; error: string | null; response: string | null };
export type Detail = {
  id: string; eventId: string; status: string; reason: string | null; transport: string | null;
  attemptCount: number; attempts: Attempt[]; sender: { kind: string; scope: string };
};

let counter = 0;
/** A fresh id per call, so tests in one Herald never share users, organizations or events. */
export const uid = (prefix: string): string => `${prefix}-${++counter}-${process.hrtime.bigint() % 100000n}`;

/** Helpers bound to one running Herald: post events, wait for their message, configure overrides. */
export function heraldDriver(get: () => TestHerald) {
  const api = () => get().api();
  async function post(event: object): Promise<string> {
    return (await api().post('/v1/events').send(event).expect(202)).body.id as string;
  }
  async function messageOf(eventId: string): Promise<Detail> {
    const id = await waitFor(async () => (await api().get(`/v1/events/${eventId}`)).body.messages?.[0]?.id as string | undefined, 5000, `message of ${eventId}`);
    return (await api().get(`/v1/messages/${id}`).expect(200)).body as Detail;
  }
  /** Waits until the event's message has `status` (anything but pending when absent). */
  async function settled(eventId: string, status?: string, timeoutMs = 8000): Promise<Detail> {
    return waitFor(async () => {
      const m = await messageOf(eventId);
      return (status ? m.status === status : m.status !== 'pending') && m;
    }, timeoutMs, `${eventId} ${status ?? 'settled'}`);
  }
  /** A recipient in an organization of its own with that organization's sender for `eventType`. */
  async function withOverride(eventType: string, config: object) {
    const seeded = await seedRecipient(api(), { userId: uid('buyer'), orgId: uid('org') });
    const path = `/v1/organizations/${seeded.orgId}/senders/${eventType}`;
    const put = await api().put(path).send(config);
    if (put.status !== 201) throw new Error(`PUT ${path} answered ${put.status}: ${put.text}`);
    return { ...seeded, path, sharedKey: put.body.sharedKey as string };
  }
  return { api, post, settled, withOverride };
}

/** The Standard Webhooks headers of a received request, for `new Webhook(key).verify(body, headers)`. */
export function signatureHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const pick = (name: string) => String(headers[name] ?? '');
  return { 'webhook-id': pick('webhook-id'), 'webhook-timestamp': pick('webhook-timestamp'), 'webhook-signature': pick('webhook-signature') };
}
