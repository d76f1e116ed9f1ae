import { z } from 'zod';
import type { Organization, User } from '../directory/directory.schema';
import { AppError } from '../shared/errors';
import { idSchema, toIssues, type ValidationIssue } from '../shared/validation';
import type { EventDataSchema, EventType, EventTypeDefinition } from './define-event-type';
import { findForbiddenKeys, isoDateTime } from './shared/common.schema';
import { commonVariables, type VariableContext } from './shared/common.variables';
import { sampleOrganization, sampleUser } from './shared/samples';

export type { EventType } from './define-event-type';
export type { VariableContext } from './shared/common.variables';

/** A validated `POST /v1/events` body (data parsed by its type's schema, defaults applied). */
export interface EventBody {
  id?: string;
  type: EventType;
  occurredAt?: string;
  data: Record<string, unknown>;
}

export type ParsedEvent = { success: true; value: EventBody } | { success: false; issues: ValidationIssue[] };

/** Realistic data for one event type, with the user and organization it is addressed to. */
export interface SampleEvent {
  data: Record<string, unknown>;
  user: User;
  organization: Organization;
}

/** A definition of any one type, as the catalog holds it. */
type AnyEventType = EventTypeDefinition<EventType, EventDataSchema>;

const eventId = idSchema('A-Za-z0-9_.:-', '_ . : -');

const envelope = { id: eventId.optional(), occurredAt: isoDateTime.optional() };

/**
 * Fields SPEC §8 names as secrets whatever the type: a reset link, a verification code or a
 * one-time password passed through in any event's free-form data is masked and scrubbed too.
 */
const ALWAYS_SECRET = ['passwordResetUrl', 'verificationCode', 'oneTimePassword'];

/**
 * The event types Herald knows, as one runtime object passed to whatever needs them
 * (the composition root builds it; tests may register their own types). Everything that
 * varies by event type goes through here: validation, recipients, variables, samples,
 * secrets and built-in templates.
 */
export class EventTypeCatalog {
  /** Every type's name, in registration order. */
  readonly types: readonly EventType[];
  /** The body of `POST /v1/events`: one `z.discriminatedUnion('type', …)` variant per type. */
  readonly schema: z.ZodType<EventBody>;
  /** A known type name (query and body fields naming a type). */
  readonly typeSchema: z.ZodType<EventType>;
  /** Keys whose values are secrets, over every type (SPEC §8). */
  readonly secretFields: ReadonlySet<string>;
  private readonly byType: ReadonlyMap<EventType, AnyEventType>;

  constructor(definitions: readonly AnyEventType[]) {
    const [first, ...rest] = definitions.map((d) => z.object({ ...envelope, type: z.literal(d.type), data: d.data }));
    if (!first) throw new Error('An event type catalog needs at least one event type');
    this.byType = new Map(definitions.map((d) => [d.type, d]));
    if (this.byType.size !== definitions.length) throw new Error(`Event types are registered twice: ${duplicates(definitions.map((d) => d.type)).join(', ')}`);
    this.types = definitions.map((d) => d.type);
    this.schema = z.discriminatedUnion('type', [first, ...rest]);
    this.typeSchema = z.enum(this.types as [EventType, ...EventType[]]);
    this.secretFields = new Set([...ALWAYS_SECRET, ...definitions.flatMap((d) => [...d.secrets.data, ...d.secrets.variables])]);
  }

  /** Every definition, in registration order. */
  all(): readonly AnyEventType[] {
    return [...this.byType.values()];
  }

  has(type: string): boolean {
    return this.byType.has(type);
  }

  /** The definition of a type; an unknown one is a programming error (names are validated at the edges). */
  get(type: EventType): AnyEventType {
    const definition = this.byType.get(type);
    if (!definition) throw new Error(`No event type ${type} in the catalog`);
    return definition;
  }

  /**
   * Validates a posted event. Forbidden keys (`__proto__`, `constructor`) are looked for in
   * the raw JSON first: once copied by a schema they would already have done their harm.
   */
  parse(raw: unknown): ParsedEvent {
    const forbidden = findForbiddenKeys(raw);
    if (forbidden.length > 0) {
      return { success: false, issues: forbidden.map((path) => ({ path: path.join('.'), message: 'this key is not allowed' })) };
    }
    const parsed = this.schema.safeParse(raw);
    return parsed.success ? { success: true, value: parsed.data } : { success: false, issues: toIssues(parsed.error) };
  }

  /** Who is told about an event (SPEC §2): its type's recipient rule. */
  recipients(event: Pick<EventBody, 'type' | 'data'>): string[] {
    return this.get(event.type).recipients(event.data);
  }

  /**
   * The merge variables of one message (SPEC §5) from stored (raw, as posted) data, parsed
   * with its schema first so defaults apply: the common ones, then its type's.
   */
  resolveVariables(type: EventType, data: unknown, ctx: VariableContext): Record<string, unknown> {
    return { ...commonVariables(ctx), ...this.typeVariables(type, data) };
  }

  /**
   * What a message stores of its variables when it is created: the ones of its recipient and
   * of that moment (SPEC §5 common variables: names, company, year), which could differ by
   * its next attempt. Its type's own variables come from the event's data, which never
   * changes, so they are derived again when it renders (see `messageVariables`) instead of
   * being stored twice: ~1.4 KB less in Redis for an order's message.
   */
  recipientVariables(ctx: VariableContext): Record<string, unknown> {
    return commonVariables(ctx);
  }

  /**
   * A message's template variables: those it stored (see `recipientVariables`; a message
   * stored before that held all of them, which gives the same result) with its type's own
   * from the event's stored data. Stored none (created for a kind without variables, then
   * switched to one): all are resolved now.
   */
  messageVariables(type: EventType, data: unknown, stored: Record<string, unknown> | null, ctx: VariableContext): Record<string, unknown> {
    return stored === null ? this.resolveVariables(type, data, ctx) : { ...stored, ...this.typeVariables(type, data) };
  }

  /** A type's own variables from stored data, parsed with its schema first so defaults apply. */
  typeVariables(type: EventType, data: unknown): Record<string, unknown> {
    const parsed = this.get(type).data.safeParse(data);
    if (!parsed.success) {
      // data was validated at ingest: this only happens when a schema changed under stored events
      throw new AppError('validation_failed', `Stored ${type} event data no longer matches its schema`, toIssues(parsed.error));
    }
    return this.get(type).variables(parsed.data);
  }

  /** Sample data of a type, a fresh copy the caller may change, addressed to the sample user. */
  sample(type: EventType): SampleEvent {
    return structuredClone({ user: sampleUser, organization: sampleOrganization, data: this.get(type).sample });
  }
}

function duplicates(types: EventType[]): EventType[] {
  return [...new Set(types.filter((type, i) => types.indexOf(type) !== i))];
}
