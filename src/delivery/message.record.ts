import type { EventType } from '../events/event.schema';
import type { SenderKind, SenderScope } from '../senders/sender-config.schema';

export const MESSAGE_STATUSES = ['pending', 'sent', 'failed', 'skipped', 'held'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export type SkipReason =
  | 'unknown_user'
  | 'unknown_organization'
  | 'inactive_user'
  | 'inactive_organization'
  | 'sender_disabled';

export type Transport = 'mandrill' | 'outbox' | 'http';

/** One notification for one recipient through one sender (SPEC §4 "Message"). */
export interface MessageRecord {
  id: string;
  eventId: string;
  type: EventType;
  status: MessageStatus;
  /** Skip reason, or for `failed`/`held` a short code such as `permanent_failure`. */
  reason: string | null;
  organizationId: string | null;
  recipient: { userId: string; email: string | null };
  sender: { kind: SenderKind; scope: SenderScope; organizationId: string | null };
  transport: Transport | null;
  attemptCount: number;
  nextAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Resolved template variables, stored so every retry sends the same content. */
  variables: Record<string, unknown> | null;
  /** Stored template pinned at creation (id and version); null = built-in or Mandrill-side. */
  template: { id: string; version: number } | null;
  /** Last error text, scrubbed of secrets. */
  lastError: string | null;
  /**
   * `attemptCount` when the current delivery cycle began (0; a replay or a resume starts a
   * new cycle). The retry schedule counts attempts from here.
   */
  cycleStart: number;
  /** Delivery cycles begun (0 first; +1 per replay or release): part of the deliver job id. */
  cycle: number;
  /** An attempt is in flight until then (whoever holds it sends; others wait it out). */
  leaseUntil: string | null;
  /** Writes so far (1 when created): `MessageStore.updateIf` compares it. Kept by the store. */
  version: number;
}

/** A message as created, before the store gives it its version. */
export type NewMessage = Omit<MessageRecord, 'version'>;

export type AttemptOutcome = 'success' | 'transient' | 'permanent';

/** One try at delivering a message. */
export interface AttemptRecord {
  number: number;
  startedAt: string;
  durationMs: number;
  outcome: AttemptOutcome;
  statusCode: number | null;
  error: string | null;
  /** Response body excerpt, at most 1 KiB. */
  response: string | null;
}

/** A default-mandrill email kept by the dev outbox instead of being sent (SPEC §7). */
export interface OutboxEntry {
  messageId: string;
  eventId: string;
  type: EventType;
  from: { email: string; name: string };
  to: { email: string; name: string };
  cc: string[];
  subject: string;
  html: string;
  text: string;
  createdAt: string;
}
