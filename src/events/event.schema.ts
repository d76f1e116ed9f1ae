import { z } from 'zod';
import { findForbiddenKeys, isoDateTime } from './common.schema';
import { idSchema, toIssues, type ValidationIssue } from '../shared/validation';
import { orderShippedDataSchema } from './order-shipped.schema';
import { orderSubmittedDataSchema } from './order-submitted.schema';
import { passwordResetDataSchema } from './password-reset.schema';

export const EVENT_TYPES = ['order.submitted', 'order.shipped', 'user.password_reset'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const eventTypeSchema = z.enum(EVENT_TYPES);

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

const eventId = idSchema('A-Za-z0-9_.:-', '_ . : -');

const envelope = { id: eventId.optional(), occurredAt: isoDateTime.optional() };

/** The body of `POST /v1/events`: one variant per event type. */
export const eventInputSchema = z.discriminatedUnion('type', [
    z.object({ ...envelope, type: z.literal('order.submitted'), data: orderSubmittedDataSchema }),
    z.object({ ...envelope, type: z.literal('order.shipped'), data: orderShippedDataSchema }),
    z.object({ ...envelope, type: z.literal('user.password_reset'), data: passwordResetDataSchema }),
]);

export type EventInput = z.infer<typeof eventInputSchema>;
export type EventData<T extends EventType> = Extract<EventInput, { type: T }>['data'];

export type ParsedEvent =
  | { success: true; value: EventInput }
  | { success: false; issues: ValidationIssue[] };

/**
 * Validates a posted event. Forbidden keys (`__proto__`, `constructor`) are looked for in
 * the raw JSON first: once copied by a schema they would already have done their harm.
 */
export function parseEventInput(raw: unknown): ParsedEvent {
  const forbidden = findForbiddenKeys(raw);
  if (forbidden.length > 0) {
    return { success: false, issues: forbidden.map((path) => ({ path: path.join('.'), message: 'this key is not allowed' })) };
  }
  const parsed = eventInputSchema.safeParse(raw);
  return parsed.success ? { success: true, value: parsed.data } : { success: false, issues: toIssues(parsed.error) };
}
