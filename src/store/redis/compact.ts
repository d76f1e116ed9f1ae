import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { AttemptOutcome, AttemptRecord, MessageRecord, MessageStatus, Transport } from '../../delivery/message.record';
import type { SenderScope } from '../../senders/sender-config.schema';
import { DICTIONARY_1 } from './dictionary-1';

/*
 * The positional (array) JSON forms of a message and an attempt inside a Redis value (see
 * codec.ts for the value around them). Every table below is append-only: a stored value
 * names its entries by position or by code, so an entry must never move or change.
 */

/** Built-in event types by number (a type not listed is stored by name). */
const TYPES = [
  'order.submitted', 'order.shipped', 'order.declined', 'order.approved', 'order.submitted_for_approval',
  'order.approval_requested', 'order.approval_approved', 'order.approval_declined', 'order_return.submitted',
  'order_return.submitted_for_approval', 'order_return.approval_requested', 'order_return.approved',
  'order_return.declined', 'order_return.approval_approved', 'order_return.approval_declined',
  'order_return.completed', 'user.password_reset', 'user.invited', 'user.username_reminder',
  'user.one_time_password', 'subscription.reminder', 'product_collection.invitation_accepted',
  'product_collection.invitation_declined',
] as const;
/** Built-in sender kinds by number (a kind not listed is stored by name). */
const KINDS = ['default-mandrill', 'custom-mandrill', 'custom-url', 'disabled'] as const;

/** The small enums by number likewise. */
const STATUSES: readonly MessageStatus[] = ['pending', 'sent', 'failed', 'skipped', 'held'];
const SCOPES: readonly SenderScope[] = ['builtin', 'global', 'organization'];
/** Position 0 stands for null. */
const TRANSPORTS: readonly (Transport | '')[] = ['', 'mandrill', 'outbox', 'http'];
const OUTCOMES: readonly AttemptOutcome[] = ['success', 'transient', 'permanent'];

/** The message format number, the array's first element. */
const MESSAGE_FORMAT = 1;
/** How `variables` are stored (the array's last element): absent, or deflate-raw with dictionary 1 after the array. */
export const VARIABLES_NONE = 0;
export const VARIABLES_DEFLATE_1 = 1;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const indexed = (list: readonly string[], value: string): string | number => {
  const i = list.indexOf(value);
  return i < 0 ? value : i;
};
const fromIndexed = <T>(list: readonly string[], value: unknown): T => (typeof value === 'number' ? list[value] : value) as T;

/** A string or null: null stored as 0 (no string field is ever the number 0). */
const str = (value: string | null): string | 0 => value ?? 0;
const fromStr = (value: unknown): string | null => (value === 0 || value === null ? null : String(value));

/**
 * A timestamp: epoch ms when the ISO text is the canonical `toISOString()` form (so it reads
 * back identical), else the text as it was; null as 0 (epoch 0 itself is kept as text).
 */
export function time(iso: string | null): number | string {
  if (iso === null) return 0;
  const ms = Date.parse(iso);
  return ms !== 0 && Number.isFinite(ms) && new Date(ms).toISOString() === iso ? ms : iso;
}
export function fromTime(value: unknown): string | null {
  if (value === 0 || value === null) return null;
  return typeof value === 'number' ? new Date(value).toISOString() : String(value);
}

/**
 * `updatedAt` as ms after `createdAt` when both are canonical (the common case: a few digits
 * instead of thirteen), else as its text.
 */
function afterCreated(iso: string, createdMs: number | string): number | string {
  const at = time(iso);
  return typeof at === 'number' && typeof createdMs === 'number' ? at - createdMs : iso;
}
const fromAfterCreated = (value: unknown, created: unknown): string =>
  typeof value === 'number' && typeof created === 'number' ? new Date(created + value).toISOString() : String(value);

/**
 * A response excerpt that is JSON (Mandrill's, most receivers') is kept as the JSON value
 * itself rather than as a string full of escaped quotes, when it reads back identical.
 */
function responseValue(response: string | null): Json | 0 {
  if (response === null) return 0;
  const first = response[0];
  if (first !== '{' && first !== '[') return response;
  try {
    const parsed = JSON.parse(response) as Json;
    return JSON.stringify(parsed) === response ? parsed : response;
  } catch {
    return response;
  }
}
const fromResponseValue = (value: unknown): string | null => (typeof value === 'object' && value !== null ? JSON.stringify(value) : fromStr(value));

/**
 * An 8 KB window and small hash tables: zlib's defaults allocate ~270 KB per call, which the
 * C allocator maps and unmaps each time; these need ~40 KB and compress order-shaped events
 * as well (they reach back into the dictionary's last 8 KB). Inflating does not depend on
 * them (its default window is larger).
 */
const DEFLATE_OPTIONS = { dictionary: DICTIONARY_1, level: 9, windowBits: 13, memLevel: 4 };

/** Deflate-raw with the frozen dictionary 1 (dictionary-1.ts); level 9: written once, read many times. */
export const deflate1 = (json: string): Buffer => deflateRawSync(json, DEFLATE_OPTIONS);
export const inflate1 = (bytes: Buffer): string => inflateRawSync(bytes, { dictionary: DICTIONARY_1 }).toString('utf8');

/** Without its trailing zeros (absent elements read as 0). */
function trimmed(a: Json[]): Json[] {
  let end = a.length;
  while (end > 0 && a[end - 1] === 0) end--;
  return end === a.length ? a : a.slice(0, end);
}

/**
 * The message without id, version and variables (the id is the key's, the version the
 * prefix's), as an array. The fields that are usually null or 0 come last, so that a
 * settled message ends early (`trimmed`).
 */
export function messageHead(m: MessageRecord, variablesTag: number): Json[] {
  const created = time(m.createdAt);
  return trimmed([
    MESSAGE_FORMAT, m.eventId, indexed(TYPES, m.type), indexed(STATUSES, m.status), str(m.organizationId),
    m.recipient.userId, str(m.recipient.email), indexed(KINDS, m.sender.kind), indexed(SCOPES, m.sender.scope),
    indexed(TRANSPORTS, m.transport ?? ''), m.attemptCount, created, afterCreated(m.updatedAt, created), variablesTag,
    str(m.sender.organizationId), str(m.reason), str(m.lastError), m.template === null ? 0 : [m.template.id, m.template.version],
    time(m.nextAttemptAt), time(m.leaseUntil), m.cycleStart, m.cycle,
  ]);
}

/** Where `fromMessageHead` finds the variables tag (codec.ts reads it). */
export const VARIABLES_TAG_AT = 13;

/** The inverse of `messageHead`; `variables` come from the caller (they follow the array). */
export function fromMessageHead(id: string, version: number, head: unknown[], variables: Record<string, unknown> | null): MessageRecord {
  const a = (i: number): unknown => head[i] ?? 0;
  if (a(0) !== MESSAGE_FORMAT) throw new Error(`message ${id}: unknown stored format ${String(a(0))}`);
  const template = a(17) as [string, number] | 0;
  return {
    id,
    eventId: String(a(1)),
    type: fromIndexed(TYPES, a(2)),
    status: fromIndexed(STATUSES, a(3)),
    reason: fromStr(a(15)),
    organizationId: fromStr(a(4)),
    recipient: { userId: String(a(5)), email: fromStr(a(6)) },
    sender: { kind: fromIndexed(KINDS, a(7)), scope: fromIndexed(SCOPES, a(8)), organizationId: fromStr(a(14)) },
    transport: a(9) === 0 ? null : fromIndexed(TRANSPORTS, a(9)),
    attemptCount: Number(a(10)),
    nextAttemptAt: fromTime(a(18)),
    createdAt: fromTime(a(11)) ?? '',
    updatedAt: fromAfterCreated(a(12), a(11)),
    variables,
    template: template === 0 ? null : { id: template[0], version: template[1] },
    lastError: fromStr(a(16)),
    cycleStart: Number(a(20)),
    cycle: Number(a(21)),
    leaseUntil: fromTime(a(19)),
    version,
  };
}

/** An attempt as `[number, startedAt, durationMs, outcome, statusCode, response, error]`, trailing zeros left out. */
export function encodeAttempt(a: AttemptRecord): string {
  return JSON.stringify(trimmed([a.number, time(a.startedAt), a.durationMs, indexed(OUTCOMES, a.outcome), a.statusCode, responseValue(a.response), str(a.error)]));
}

/** An attempt in either form: the array above, or the JSON object of the `attempts:<id>` lists written before. */
export function decodeAttempt(json: string): AttemptRecord {
  const parsed = JSON.parse(json) as unknown;
  if (!Array.isArray(parsed)) return parsed as AttemptRecord;
  const [number, startedAt, durationMs, outcome, statusCode = 0, response = 0, error = 0] = parsed as unknown[];
  return {
    number: Number(number),
    startedAt: fromTime(startedAt) ?? '',
    durationMs: Number(durationMs),
    outcome: fromIndexed(OUTCOMES, outcome),
    statusCode: statusCode === null ? null : Number(statusCode),
    error: fromStr(error),
    response: fromResponseValue(response),
  };
}
