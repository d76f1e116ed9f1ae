import { senderKey, type SenderConfigRecord, type SenderState } from '../senders/sender-config.schema';
import { copy } from './memory-copy';
import type { PutResult } from './store.port';

/** Sender configurations and sender state (failures, suspension) in plain maps, keyed by `senderKey(...)`. */
export class MemorySenders {
  private readonly configs = new Map<string, SenderConfigRecord>();
  private readonly states = new Map<string, SenderState>();

  constructor(private readonly now: () => Date) {}

  putConfig(record: Omit<SenderConfigRecord, 'createdAt' | 'updatedAt'>): PutResult<SenderConfigRecord> {
    const key = senderKey(record.eventType, record.organizationId);
    const existing = this.configs.get(key);
    const at = this.now().toISOString();
    const value: SenderConfigRecord = { ...copy(record), createdAt: existing?.createdAt ?? at, updatedAt: at };
    this.configs.set(key, value);
    return { created: !existing, value: copy(value) };
  }
  getConfig(eventType: string, organizationId: string | null): SenderConfigRecord | null {
    return copy(this.configs.get(senderKey(eventType, organizationId)) ?? null);
  }
  deleteConfig(eventType: string, organizationId: string | null): boolean {
    return this.configs.delete(senderKey(eventType, organizationId));
  }
  listConfigs(): SenderConfigRecord[] {
    return [...this.configs.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => copy(v));
  }

  getState(key: string): SenderState {
    return { ...this.state(key) };
  }
  recordFailure(key: string): number {
    const state = this.state(key);
    this.states.set(key, { ...state, consecutiveFailures: state.consecutiveFailures + 1 });
    return state.consecutiveFailures + 1;
  }
  recordSuccess(key: string): void {
    this.states.set(key, { ...this.state(key), consecutiveFailures: 0 });
  }
  suspend(key: string, at: string): boolean {
    const state = this.state(key);
    if (state.suspendedAt !== null) return false;
    this.states.set(key, { ...state, suspendedAt: at });
    return true;
  }
  resume(key: string): void {
    this.states.delete(key);
  }

  private state(key: string): SenderState {
    return this.states.get(key) ?? { suspendedAt: null, consecutiveFailures: 0 };
  }
}
