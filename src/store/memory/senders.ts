import { senderKey, type SenderConfigRecord, type SenderState } from '../../senders/sender-config.schema';
import { FAILURE_HISTORY_MAX, FAILURE_HISTORY_MS, type FailureCounts, type SenderStore } from '../../senders/sender.store';
import type { PutResult } from '../../shared/page';
import { copy } from './copy';

/** Sender configurations and sender state (failures, suspension) in plain maps, keyed by `senderKey(...)`. */
export class MemorySenders implements SenderStore {
  private readonly configs = new Map<string, SenderConfigRecord>();
  private readonly states = new Map<string, SenderState>();
  /** Failure times (ms) per sender key, oldest first. */
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => Date) {}

  async putConfig(record: Omit<SenderConfigRecord, 'createdAt' | 'updatedAt'>): Promise<PutResult<SenderConfigRecord>> {
    const key = senderKey(record.eventType, record.organizationId);
    const existing = this.configs.get(key);
    const at = this.now().toISOString();
    const value: SenderConfigRecord = { ...copy(record), createdAt: existing?.createdAt ?? at, updatedAt: at };
    this.configs.set(key, value);
    return { created: !existing, value: copy(value) };
  }
  async getConfig(eventType: string, organizationId: string | null): Promise<SenderConfigRecord | null> {
    return copy(this.configs.get(senderKey(eventType, organizationId)) ?? null);
  }
  async deleteConfig(eventType: string, organizationId: string | null): Promise<boolean> {
    return this.configs.delete(senderKey(eventType, organizationId));
  }
  async listConfigs(): Promise<SenderConfigRecord[]> {
    return [...this.configs.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => copy(v));
  }

  async getState(key: string): Promise<SenderState> {
    return { ...this.state(key) };
  }
  async recordFailure(key: string, at: Date, windowStart?: Date): Promise<FailureCounts> {
    const state = this.state(key);
    this.states.set(key, { ...state, consecutiveFailures: state.consecutiveFailures + 1 });
    const ms = at.getTime();
    const times = [...(this.failures.get(key) ?? []), ms]
      .sort((a, b) => a - b)
      .filter((t) => t >= ms - FAILURE_HISTORY_MS)
      .slice(-FAILURE_HISTORY_MAX);
    this.failures.set(key, times);
    return { consecutive: state.consecutiveFailures + 1, inWindow: countSince(times, windowStart) };
  }
  async failuresSince(key: string, since: Date): Promise<number> {
    return countSince(this.failures.get(key) ?? [], since);
  }
  async recordSuccess(key: string): Promise<void> {
    this.states.set(key, { ...this.state(key), consecutiveFailures: 0 });
  }
  async suspend(key: string, at: string): Promise<boolean> {
    const state = this.state(key);
    if (state.suspendedAt !== null) return false;
    this.states.set(key, { ...state, suspendedAt: at });
    return true;
  }
  async resume(key: string): Promise<void> {
    this.states.delete(key);
    this.failures.delete(key);
  }

  private state(key: string): SenderState {
    return this.states.get(key) ?? { suspendedAt: null, consecutiveFailures: 0 };
  }
}

const countSince = (times: number[], since: Date | undefined): number =>
  since === undefined ? times.length : times.filter((t) => t >= since.getTime()).length;
