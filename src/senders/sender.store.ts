import type { PutResult } from '../shared/page';
import type { SenderConfigRecord, SenderState } from './sender-config.schema';

/**
 * How far back a sender's failure times are kept: the longest `suspend.withinMinutes` a
 * configuration may set (7 days). Older failures are forgotten.
 */
export const FAILURE_HISTORY_MS = 7 * 24 * 60 * 60 * 1000;
/** At most this many failure times are kept per sender (the largest `suspend.failures`). */
export const FAILURE_HISTORY_MAX = 1000;

/** What recording one failure leaves. */
export interface FailureCounts {
  /** Failures since the last success (or resume). */
  consecutive: number;
  /** Failures at or after the window start given (every kept one when none was given). */
  inWindow: number;
}

/** Sender configurations (global and per organization) and the runtime state of each sender. */
export interface SenderStore {
  putConfig(record: Omit<SenderConfigRecord, 'createdAt' | 'updatedAt'>): Promise<PutResult<SenderConfigRecord>>;
  getConfig(eventType: string, organizationId: string | null): Promise<SenderConfigRecord | null>;
  deleteConfig(eventType: string, organizationId: string | null): Promise<boolean>;
  listConfigs(): Promise<SenderConfigRecord[]>;
  /** Keyed by `senderKey(...)`; a sender never touched reads as not suspended, 0 failures. */
  getState(key: string): Promise<SenderState>;
  /**
   * Atomically adds one failure at `at`: one more consecutive failure, and its time in the
   * sender's failure history (kept FAILURE_HISTORY_MS, at most FAILURE_HISTORY_MAX times).
   * Returns the new consecutive count and how many failures lie at or after `windowStart`.
   */
  recordFailure(key: string, at: Date, windowStart?: Date): Promise<FailureCounts>;
  /** How many failures of the history lie at or after `since` (a sliding window's count). */
  failuresSince(key: string, since: Date): Promise<number>;
  /** A success: consecutive failures back to 0 (suspension and failure history untouched). */
  recordSuccess(key: string): Promise<void>;
  /** Sets `suspendedAt`; returns false if it was already suspended. */
  suspend(key: string, at: string): Promise<boolean>;
  /** Clears suspension, failures and the failure history. */
  resume(key: string): Promise<void>;
}
