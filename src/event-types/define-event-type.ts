import type { z } from 'zod';

/**
 * An event type's name, like `order.submitted`. A plain string wherever it crosses a
 * boundary (records, routes, the store): the runtime catalog decides which names exist.
 */
export type EventType = string;

/** The schema of an event's `data`: an object, its unknown keys kept as posted. */
export type EventDataSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

/**
 * Everything Herald knows about one event type (SPEC §2, §5). Every field is required, so
 * the compiler flags a type missing one. Write one with `defineEventType`: it keeps the
 * data's own type inside the definition, so `recipients` and `variables` are checked
 * against the schema.
 */
export interface EventTypeDefinition<T extends EventType = EventType, S extends EventDataSchema = EventDataSchema> {
  /** Herald's name, the `type` of a posted event (`order.submitted`). */
  readonly type: T;
  /** OrderCloud's MessageType for it (`OrderSubmitted`). */
  readonly messageType: string;
  /** Validates `data` at ingest and again when a job is consumed. */
  readonly data: S;
  // Methods, not arrow-function properties: a definition over its own data type must still
  // fit a catalog of definitions over any data (method parameters are checked bivariantly).
  /** Who is told: one message per user id (no id twice: a message's id derives from event and recipient). */
  recipients(data: z.output<S>): string[];
  /**
   * The recipient rule in a word or two, as `GET /v1/event-types` shows it: the data field
   * naming the recipients (`userId`, `approverUserIds`). `shared/recipients.ts` has both rules
   * with their descriptions.
   */
  readonly recipientRule: string;
  /** Its merge variables beyond the common ones (SPEC §5), OrderCloud's lower-case names, JSON values only. */
  variables(data: z.output<S>): Record<string, unknown>;
  /** Realistic data as posted, for previews and test events. */
  readonly sample: z.input<S>;
  /**
   * Keys holding secrets (SPEC §8), in its `data` and in its merge variables: masked in every
   * API read, redacted from every log line.
   */
  readonly secrets: { readonly data: readonly string[]; readonly variables: readonly string[] };
  /** Whether its `data.order` is an order (its id can then fill an `{orderId}` placeholder). */
  readonly carriesOrder: boolean;
  /**
   * The folder of its built-in template (`subject.hbs`, `body.mjml`, `text.hbs`): a name under
   * the repository's `templates/`, or an absolute path.
   */
  readonly templatesDir: string;
}

/** Declares an event type; register it in `catalog.ts`. */
export function defineEventType<const T extends EventType, S extends EventDataSchema>(definition: EventTypeDefinition<T, S>): EventTypeDefinition<T, S> {
  return definition;
}
