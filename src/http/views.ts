import { z } from 'zod';
import { MESSAGE_STATUSES, type AttemptRecord, type MessageRecord } from '../delivery/message.record';
import type { EventRecord } from '../events/event.record';
import type { EventTypeCatalog } from '../event-types/event-type-catalog';
import { BUILTIN_SENDER_KINDS } from '../senders/kinds/registry';
import { MASK } from '../shared/crypto';

/** Masks every secret field (each event type declares its own) at any depth; the rest is kept. */
export function maskSensitive(value: unknown, secretFields: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => maskSensitive(item, secretFields));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, secretFields.has(k) && v !== null && v !== undefined ? MASK : maskSensitive(v, secretFields)]),
  );
}

// Response schemas: the views below are typed by them, and /openapi.json is generated from them.

/** An ISO 8601 timestamp as Herald writes it. */
export const dateTime = z.string().meta({ format: 'date-time' });
/** An event type name, such as `order.submitted` (the catalog says which exist). */
export const eventTypeName = z.string().meta({ description: 'An event type, such as order.submitted' });
const freeForm = z.record(z.string(), z.unknown());

export const attemptSchema = z.object({
  number: z.number().int().meta({ description: '1 for the first attempt; replays continue the count' }),
  startedAt: dateTime,
  durationMs: z.number(),
  outcome: z.enum(['success', 'transient', 'permanent']),
  statusCode: z.number().int().nullable().meta({ description: "The receiver's HTTP status, when there was one" }),
  error: z.string().nullable(),
  response: z.string().nullable().meta({ description: 'Excerpt of the response body (at most 1 KiB), secrets removed' }),
});

/** SPEC §4 "Message": list items, and inside an event. */
export const messageSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  type: eventTypeName,
  status: z.enum(MESSAGE_STATUSES),
  reason: z.string().nullable().meta({
    description: 'Why it was skipped (unknown_user, unknown_organization, inactive_user, inactive_organization, sender_disabled), or a short code for failed and held',
  }),
  organizationId: z.string().nullable(),
  recipient: z.object({ userId: z.string(), email: z.string().nullable() }),
  sender: z.object({ kind: z.enum(Object.keys(BUILTIN_SENDER_KINDS) as [keyof typeof BUILTIN_SENDER_KINDS]), scope: z.enum(['organization', 'global', 'builtin']) }),
  transport: z.enum(['mandrill', 'outbox', 'http']).nullable(),
  attemptCount: z.number().int(),
  nextAttemptAt: dateTime.nullable(),
  lastError: z.string().nullable(),
  template: z.object({ id: z.string(), version: z.number().int() }).nullable().meta({ description: 'The stored template version pinned at creation; null for built-in and Mandrill-side templates' }),
  createdAt: dateTime,
  updatedAt: dateTime,
});

export const messageDetailSchema = messageSchema.extend({
  variables: freeForm.nullable().meta({ description: 'The resolved template variables, sensitive ones masked' }),
  attempts: z.array(attemptSchema),
});

export const messagePageSchema = z.object({
  data: z.array(messageSchema).meta({ description: 'Newest first' }),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
});

export const eventViewSchema = z.object({
  id: z.string(),
  type: eventTypeName,
  status: z.enum(['accepted', 'processed']),
  occurredAt: dateTime,
  receivedAt: dateTime,
  data: freeForm.meta({ description: 'The event data as posted, sensitive fields masked' }),
  messages: z.array(messageSchema),
});

export type MessageView = z.output<typeof messageSchema>;

/** A message as lists and events show it (SPEC §4 "Message"). */
export function messageView(m: MessageRecord): MessageView {
  return {
    id: m.id,
    eventId: m.eventId,
    type: m.type,
    status: m.status,
    reason: m.reason,
    organizationId: m.organizationId,
    recipient: m.recipient,
    sender: { kind: m.sender.kind, scope: m.sender.scope },
    transport: m.transport,
    attemptCount: m.attemptCount,
    nextAttemptAt: m.nextAttemptAt,
    lastError: m.lastError,
    template: m.template,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

/**
 * `GET /v1/messages/{id}`: the message, its (masked) template variables and every attempt.
 * `variables`: see `shownVariables`.
 */
export function messageDetailView(
  m: MessageRecord,
  attempts: AttemptRecord[],
  secretFields: ReadonlySet<string>,
  variables: Record<string, unknown> | null,
): z.output<typeof messageDetailSchema> {
  return { ...messageView(m), variables: maskSensitive(variables, secretFields) as Record<string, unknown> | null, attempts };
}

/**
 * The variables a message renders with, as its detail shows them: what it stored with its
 * type's own from its event's data (`EventTypeCatalog.messageVariables`). None for a message
 * that stored none (a custom URL receives the event data instead); only the stored ones when
 * the event is gone or its data no longer matches its type's schema.
 */
export function shownVariables(
  eventTypes: Pick<EventTypeCatalog, 'typeVariables'>,
  m: MessageRecord,
  event: EventRecord | null,
): Record<string, unknown> | null {
  if (m.variables === null || event === null) return m.variables;
  try {
    return { ...m.variables, ...eventTypes.typeVariables(m.type, event.data) };
  } catch {
    return m.variables;
  }
}

export function eventView(e: EventRecord, messages: MessageRecord[], secretFields: ReadonlySet<string>): z.output<typeof eventViewSchema> {
  return {
    id: e.id,
    type: e.type,
    status: e.status,
    occurredAt: e.occurredAt,
    receivedAt: e.receivedAt,
    data: maskSensitive(e.data, secretFields) as Record<string, unknown>,
    messages: messages.map(messageView),
  };
}
