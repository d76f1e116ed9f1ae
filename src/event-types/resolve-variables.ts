import type { EventInput, EventType } from './event-type-catalog';
import { orderShippedDataSchema } from './order.shipped/order-shipped.schema';
import { orderSubmittedDataSchema } from './order.submitted/order-submitted.schema';
import { passwordResetDataSchema } from './user.password_reset/password-reset.schema';
import { AppError } from '../shared/errors';
import { toIssues } from '../shared/validation';
import type { z } from 'zod';
import { commonVariables, type VariableContext } from './shared/common.variables';
import { orderShippedVariables } from './order.shipped/order-shipped.variables';
import { orderSubmittedVariables } from './order.submitted/order-submitted.variables';
import { passwordResetVariables } from './user.password_reset/password-reset.variables';

export type { VariableContext } from './shared/common.variables';

/** Parses stored (raw, as posted) event data with its schema, so defaults apply. */
function parseData<S extends z.ZodType>(schema: S, data: unknown, type: EventType): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    // data was validated at ingest: this only happens when a schema changed under stored events
    throw new AppError('validation_failed', `Stored ${type} event data no longer matches its schema`, toIssues(parsed.error));
  }
  return parsed.data;
}

function parseEvent(type: EventType, data: unknown): EventInput {
  switch (type) {
    case 'order.submitted':
      return { type, data: parseData(orderSubmittedDataSchema, data, type) };
    case 'order.shipped':
      return { type, data: parseData(orderShippedDataSchema, data, type) };
    case 'user.password_reset':
      return { type, data: parseData(passwordResetDataSchema, data, type) };
    default: {
      const unknownType: never = type;
      throw new Error(`No schema for event type ${String(unknownType)}`);
    }
  }
}

function typeVariables(event: EventInput): Record<string, unknown> {
  switch (event.type) {
    case 'order.submitted':
      return orderSubmittedVariables(event.data);
    case 'order.shipped':
      return orderShippedVariables(event.data);
    case 'user.password_reset':
      return passwordResetVariables(event.data);
    default: {
      const unknownType: never = event;
      throw new Error(`No variable resolver for event ${JSON.stringify(unknownType)}`);
    }
  }
}

/**
 * The merge variables of one message (SPEC §5): OrderCloud's lower-case names, JSON values
 * only, because they are stored on the message and sent to Mandrill as merge vars.
 */
export function resolveVariables(type: EventType, data: unknown, ctx: VariableContext): Record<string, unknown> {
  return variablesOf(parseEvent(type, data), ctx);
}

/** The same, for an event already parsed with its schema (process-event parses once). */
export function variablesOf(event: EventInput, ctx: VariableContext): Record<string, unknown> {
  return { ...commonVariables(ctx), ...typeVariables(event) };
}
