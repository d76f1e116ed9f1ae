import type { Page } from '../shared/page';
import type { AttemptRecord, MessageRecord, MessageStatus, NewMessage } from './message.record';

/** The fields of a message that change after it is created (the store keeps `version`). */
export type MessagePatch = Partial<Omit<MessageRecord, 'id' | 'eventId' | 'createdAt' | 'version'>>;

export interface MessageFilter {
  status?: MessageStatus;
  type?: string;
  organizationId?: string;
  /** The recipient's address, compared case-insensitively. */
  recipientEmail?: string;
}

/** `markEventProcessed`: also mark the message's event processed, in the same atomic write (created or found). */
export interface CreateMessageOptions {
  markEventProcessed?: boolean;
}

/**
 * Messages, their attempts and the held index of each sender. Every write of a message
 * adds one to its `version`; `updateIf` is a compare-and-set on it.
 */
export interface MessageStore {
  /** Creates the message (version 1) unless its id exists; returns whichever is stored. */
  create(message: NewMessage, options?: CreateMessageOptions): Promise<{ created: boolean; message: MessageRecord }>;
  get(id: string): Promise<MessageRecord | null>;
  /**
   * Shallow-merges `patch` and sets `updatedAt`, whatever was written meanwhile; returns the
   * result, or null if unknown. `expected`: the message as the caller last read it; while it
   * is still current the update needs no read (an optimisation only: the result is the same).
   * `attempt`: appended to the message's attempts exactly once, in the same write when it can be.
   */
  update(id: string, patch: MessagePatch, expected?: MessageRecord, attempt?: AttemptRecord): Promise<MessageRecord | null>;
  /**
   * Applies `patch` only if the message's version is still `expected.version` (nobody wrote
   * it since it was read); null otherwise, or when unknown. For claiming an attempt and for
   * transitions that must not race (replay, resume).
   */
  updateIf(id: string, expected: MessageRecord, patch: MessagePatch): Promise<MessageRecord | null>;
  /** Newest first (by `createdAt`, then id); stable while new messages arrive. */
  list(filter: MessageFilter, limit: number, cursor?: string): Promise<Page<MessageRecord>>;
  /** Oldest first. */
  listForEvent(eventId: string): Promise<MessageRecord[]>;
  /** How many messages have this status now (a metrics gauge; in Redis a count per index, `sent` as the rest of the type indexes). */
  count(status: MessageStatus): Promise<number>;
  /** How many messages created at or after `since` have this status now (the console's last 24 hours; O(log n) in Redis). */
  countCreatedSince(status: MessageStatus, since: Date): Promise<number>;
  /** Ids of `held` messages for one sender key (SPEC §3.7). */
  listHeld(senderKey: string): Promise<string[]>;
  /** Records a held message against its sender key; removed again by `releaseHeld`. */
  markHeld(senderKey: string, messageId: string): Promise<void>;
  releaseHeld(senderKey: string, messageId: string): Promise<void>;
  appendAttempt(messageId: string, attempt: AttemptRecord): Promise<void>;
  listAttempts(messageId: string): Promise<AttemptRecord[]>;
}
