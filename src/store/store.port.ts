import type { Organization, User } from '../directory/directory.schema';
import type { EventRecord } from '../events/event.record';
import type { EventType } from '../event-types/event-type-catalog';
import type { AttemptRecord, MessageRecord, MessageStatus, OutboxEntry } from '../delivery/message.record';
import type { SenderConfigRecord, SenderState } from '../senders/sender-config.schema';
import type { TemplateInput, TemplateRecord } from '../templates/template.record';

/** The fields of a message that change after it is created. */
export type MessagePatch = Partial<Omit<MessageRecord, 'id' | 'eventId' | 'createdAt'>>;

export interface MessageFilter {
  status?: MessageStatus;
  type?: EventType;
  organizationId?: string;
}

export interface Page<T> {
  data: T[];
  /** Opaque; pass back as `cursor` for the next (older) page. Null on the last page. */
  nextCursor: string | null;
}

/** Result of a create-or-replace: whether the id was new. */
export interface PutResult<T> {
  created: boolean;
  value: T;
}

/** `markEventProcessed`: also mark the message's event processed, in the same atomic write (created or found). */
export interface CreateMessageOptions {
  markEventProcessed?: boolean;
}

/**
 * Everything Herald keeps. Two implementations: in-memory (embedded mode) and Redis
 * (production). Both pass `test/contract/store.contract.ts`. Methods throw an
 * `AppError('unavailable')` when the backing service cannot be reached.
 */
export interface Store {
  ping(): Promise<void>;
  close(): Promise<void>;

  putOrganization(id: string, input: Omit<Organization, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<Organization>>;
  getOrganization(id: string): Promise<Organization | null>;
  deleteOrganization(id: string): Promise<boolean>;
  putUser(id: string, input: Omit<User, 'id' | 'createdAt' | 'updatedAt'>): Promise<PutResult<User>>;
  getUser(id: string): Promise<User | null>;
  /** Several users in one read, in the order asked (null for unknown ids). */
  getUsers(ids: string[]): Promise<Array<User | null>>;
  deleteUser(id: string): Promise<boolean>;

  putSenderConfig(record: Omit<SenderConfigRecord, 'createdAt' | 'updatedAt'>): Promise<PutResult<SenderConfigRecord>>;
  getSenderConfig(eventType: string, organizationId: string | null): Promise<SenderConfigRecord | null>;
  deleteSenderConfig(eventType: string, organizationId: string | null): Promise<boolean>;
  listSenderConfigs(): Promise<SenderConfigRecord[]>;
  /** Keyed by `senderKey(...)`; a sender never touched reads as not suspended, 0 failures. */
  getSenderState(key: string): Promise<SenderState>;
  /** Atomically adds one consecutive failure and returns the new count. */
  recordSenderFailure(key: string): Promise<number>;
  /** A success: consecutive failures back to 0 (suspension untouched). */
  recordSenderSuccess(key: string): Promise<void>;
  /** Sets `suspendedAt`; returns false if it was already suspended. */
  suspendSender(key: string, at: string): Promise<boolean>;
  /** Clears suspension and failures. */
  resumeSender(key: string): Promise<void>;

  /** Stores a new version (previous versions are kept for messages pinned to them). */
  putTemplate(id: string, input: TemplateInput): Promise<PutResult<TemplateRecord>>;
  /** The latest version, or the given one. */
  getTemplate(id: string, version?: number): Promise<TemplateRecord | null>;
  listTemplates(): Promise<TemplateRecord[]>;
  deleteTemplate(id: string): Promise<boolean>;

  /** Stores the event unless its id exists; returns the existing one then (idempotency). */
  createEvent(event: EventRecord): Promise<{ created: true } | { created: false; existing: EventRecord }>;
  getEvent(id: string): Promise<EventRecord | null>;
  /** Several at once (one round trip in Redis); unknown ids are left out. */
  getEvents(ids: string[]): Promise<EventRecord[]>;
  /** Marks it processed, and forgets it as unprocessed (also when the event has expired). */
  markEventProcessed(id: string): Promise<void>;
  /** Ids of events still `accepted` that were received before `receivedBefore`, oldest first. */
  listAcceptedEventIds(receivedBefore: Date, limit: number): Promise<string[]>;

  /** Creates the message unless its id exists; returns whichever is stored. */
  createMessage(message: MessageRecord, options?: CreateMessageOptions): Promise<{ created: boolean; message: MessageRecord }>;
  getMessage(id: string): Promise<MessageRecord | null>;
  /**
   * Shallow-merges `patch` and sets `updatedAt`; returns the result, or null if unknown.
   * `expected`: the message as the caller last read it; when it is still what is stored the
   * update can skip reading it again (an optimisation only: the result is the same).
   * `attempt`: appended to the message's attempts exactly once, in the same write when it can
   * be (settling after an attempt: one round trip and one script instead of two).
   */
  updateMessage(id: string, patch: MessagePatch, expected?: MessageRecord, attempt?: AttemptRecord): Promise<MessageRecord | null>;
  /**
   * Applies `patch` only if the message is still exactly `expected` (nobody changed it since
   * it was read); null otherwise, or when unknown. For claiming an attempt and for status
   * transitions that must not race (replay, resume).
   */
  updateMessageIf(id: string, expected: MessageRecord, patch: MessagePatch): Promise<MessageRecord | null>;
  /** Newest first (by `createdAt`, then id); stable while new messages arrive. */
  listMessages(filter: MessageFilter, limit: number, cursor?: string): Promise<Page<MessageRecord>>;
  listMessagesForEvent(eventId: string): Promise<MessageRecord[]>;
  /** How many messages have this status now (a metrics gauge; O(1) in Redis). */
  countMessages(status: MessageStatus): Promise<number>;
  /** Ids of `held` messages for one sender key (SPEC §3.7). */
  listHeldMessageIds(senderKey: string): Promise<string[]>;
  /** Records a held message against its sender key; removed again by `releaseHeld`. */
  markHeld(senderKey: string, messageId: string): Promise<void>;
  releaseHeld(senderKey: string, messageId: string): Promise<void>;
  appendAttempt(messageId: string, attempt: AttemptRecord): Promise<void>;
  listAttempts(messageId: string): Promise<AttemptRecord[]>;

  putOutbox(entry: OutboxEntry): Promise<void>;
  getOutbox(messageId: string): Promise<OutboxEntry | null>;
  /** Newest first. */
  listOutbox(limit: number): Promise<OutboxEntry[]>;
}
