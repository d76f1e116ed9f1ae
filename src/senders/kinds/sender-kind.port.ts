import type { EventTypeCatalog } from '../../event-types/event-type-catalog';
import type { z } from 'zod';
import type { MessageRecord, Transport } from '../../delivery/message.record';
import type { Organization, User } from '../../directory/directory.schema';
import type { EventRecord } from '../../events/event.record';
import type { TemplateRenderer } from '../../templates/template.port';
import type { OutboxSender } from '../outbox.sender';
import type { DeliveryResult, MandrillGateway, WebhookGateway } from '../sender.port';
import type { SenderPolicy } from '../sender-policy';

/** What every sender configuration carries: the name of its kind. */
export interface KindedConfig<K extends string = string> {
  kind: K;
}

/** The shared infrastructure kinds send through, built once by the composition root. */
export interface SenderKindDeps {
  renderer: TemplateRenderer;
  mandrill: MandrillGateway;
  webhook: WebhookGateway;
  outbox: OutboxSender;
  /** The operator's Mandrill account; absent = dev outbox (or, in production, a failure). */
  defaultMandrill: { apiKey?: string; from: { email: string; name: string }; production: boolean };
  now: () => Date;
  /**
   * A message's variables (`SendContext.variables`, and a body template's), which event fields
   * are secrets (scrubbed from what a receiver answers), and a type's MessageType.
   */
  eventTypes: Pick<EventTypeCatalog, 'resolveVariables' | 'messageVariables' | 'secretFields' | 'get'>;
}

/** What a secret field of a configuration holds (see `mapSecrets`). */
export type SecretField = 'key' | 'password' | 'header';

/** One delivery try of one message through a configuration of this kind. */
export interface SendContext<C> {
  /** The configuration with its secrets in clear. */
  config: C;
  message: MessageRecord;
  event: EventRecord;
  user: User;
  organization: Organization;
  /**
   * The message's template variables (SPEC §5): what it stored at creation (its recipient's,
   * so every retry sends the same content) with its type's own from the event's data;
   * all resolved now for a message created without them (a custom-url message whose sender
   * became an email kind). Throws when the stored data no longer matches its type's schema.
   */
  variables(): Record<string, unknown>;
  deps: SenderKindDeps;
}

/** What went out through which transport. */
export interface SendOutcome {
  result: DeliveryResult;
  transport: Transport | null;
}

/** What a kind's config-time checks may look at (`PUT …/senders/{eventType}`). */
export interface ConfigCheckContext<C> {
  eventType: string;
  /** The event types: what a type carries (`carriesOrder`), its MessageType, sample and variables. */
  eventTypes: Pick<EventTypeCatalog, 'get' | 'sample' | 'resolveVariables'>;
  /** Rejects a URL that is not https or not public (unless allowed), SPEC §4. */
  checkUrl(url: string): Promise<void>;
  /** Problems in a subject override (it is Handlebars); empty when it compiles. */
  subjectIssues(subject: string): { line: number; column?: number; message: string }[];
  templateExists(id: string): Promise<boolean>;
  /** The configuration this PUT replaces, secrets opened, when it is of the same kind. */
  previous(): Promise<C | null>;
}

/** A checked configuration, completed (e.g. a generated shared key), ready to be sealed. */
export interface CheckedConfig<C> {
  config: C;
  /** Fields shown in full in this PUT's response only; every later read masks them. */
  reveal?: Partial<C>;
}

/** A zod object schema for one kind, discriminated by its `kind` literal. */
export type KindSchema<C> = z.ZodObject & z.ZodType<C>;

/**
 * One sender kind: everything Herald knows about it, in one module under
 * `src/senders/kinds/<kind>/`, listed once in `./registry.ts`. Nothing outside the kinds
 * branches on a kind's name; it asks the kind's module. Methods taking a `config` without
 * saying otherwise get it as stored (secrets sealed): they read only non-secret fields.
 */
export interface SenderKindModule<K extends string = string, C extends KindedConfig<K> = KindedConfig<K>> {
  readonly kind: K;
  /** The body of `PUT …/senders/{eventType}` for this kind (and its OpenAPI schema). */
  readonly schema: KindSchema<C>;
  /**
   * Applies `fn` to each secret string of a configuration and returns the result: sealing at
   * rest, opening to send, masking on reads, and the values scrubbed from what a send throws
   * or a receiver answers. `field` says what the secret is: a `password` is masked whole, a
   * `header` value may carry a scheme (`Bearer <token>`) and is scrubbed with and without it.
   */
  mapSecrets(config: C, fn: (secret: string, field: SecretField) => string): C;
  /**
   * Secrets the kind derives from its configuration to send (a basic-auth credential):
   * scrubbed like the configured ones. Absent: none.
   */
  derivedSecrets?(config: C): string[];
  /** Checks a configuration against the world (URLs, templates) and completes it. */
  check(input: C, context: ConfigCheckContext<C>): Promise<CheckedConfig<C>>;
  /** False: its messages are skipped with reason `sender_disabled`, nothing is sent. */
  readonly delivers: boolean;
  /** The transport its messages record; `defaultMandrill` is where the operator's account's mail goes. */
  transport(defaultMandrill: 'mandrill' | 'outbox'): Transport | null;
  /**
   * The longest one send may take (its own timeout). The attempt's lease adds a margin, so
   * another runner never sends the message while this send may still be in flight.
   */
  sendTimeoutMs(config: C): number;
  /** Failures suspend it and hold its messages until resumed (SPEC §3.7); it has a state. */
  readonly suspendable: boolean;
  /**
   * Its own retry schedule and suspension rule, from its configuration. Absent (or a field
   * left out): the environment's RETRY_SCHEDULE and SUSPEND_AFTER_FAILURES apply.
   */
  policy?(config: C): SenderPolicy;
  /** Its messages carry template variables, resolved and stored when they are created. */
  readonly usesVariables: boolean;
  /** The stored template it names: pinned on its messages, and a DELETE of it is refused. */
  storedTemplate(config: C): string | undefined;
  /** One delivery try (config opened); classifies failures, never throws for one. */
  send(context: SendContext<C>): Promise<SendOutcome>;
}

/** A kind of any name, as the runtime registry holds it. */
export type AnySenderKind = SenderKindModule<string, KindedConfig>;

/** Declares a kind; the compiler names anything missing or mistyped. */
export function defineSenderKind<K extends string, C extends KindedConfig<K>>(kind: SenderKindModule<K, C>): SenderKindModule<K, C> {
  return kind;
}
