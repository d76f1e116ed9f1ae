import type { PutResult } from '../shared/page';
import type { SenderConfigRecord, SenderState } from './sender-config.schema';

/** Sender configurations (global and per organization) and the runtime state of each sender. */
export interface SenderStore {
  putConfig(record: Omit<SenderConfigRecord, 'createdAt' | 'updatedAt'>): Promise<PutResult<SenderConfigRecord>>;
  getConfig(eventType: string, organizationId: string | null): Promise<SenderConfigRecord | null>;
  deleteConfig(eventType: string, organizationId: string | null): Promise<boolean>;
  listConfigs(): Promise<SenderConfigRecord[]>;
  /** Keyed by `senderKey(...)`; a sender never touched reads as not suspended, 0 failures. */
  getState(key: string): Promise<SenderState>;
  /** Atomically adds one consecutive failure and returns the new count. */
  recordFailure(key: string): Promise<number>;
  /** A success: consecutive failures back to 0 (suspension untouched). */
  recordSuccess(key: string): Promise<void>;
  /** Sets `suspendedAt`; returns false if it was already suspended. */
  suspend(key: string, at: string): Promise<boolean>;
  /** Clears suspension and failures. */
  resume(key: string): Promise<void>;
}
