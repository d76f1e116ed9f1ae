import type { AttemptRecord, MessageRecord } from '../delivery/message.record';
import type { EventRecord } from '../events/event.record';
import { MASK } from '../shared/crypto';
import { isSensitiveField } from '../shared/sensitive';

/** Masks every sensitive field (src/shared/sensitive.ts) at any depth; the rest is kept. */
export function maskSensitive(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSensitive);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, isSensitiveField(k) && v !== null && v !== undefined ? MASK : maskSensitive(v)]),
  );
}

/** A message as lists and events show it (SPEC §4 "Message"). */
export function messageView(m: MessageRecord) {
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

/** `GET /v1/messages/{id}`: the message, its (masked) variables and every attempt. */
export function messageDetailView(m: MessageRecord, attempts: AttemptRecord[]) {
  return { ...messageView(m), variables: maskSensitive(m.variables), attempts };
}

export function eventView(e: EventRecord, messages: MessageRecord[]) {
  return {
    id: e.id,
    type: e.type,
    status: e.status,
    occurredAt: e.occurredAt,
    receivedAt: e.receivedAt,
    data: maskSensitive(e.data),
    messages: messages.map(messageView),
  };
}
