import type { SuspendRule } from '../senders/sender-policy';
import type { SenderStore } from '../senders/sender.store';

/**
 * SPEC §3.7 and §6: a custom-url sender whose failed attempts reach its rule's count — in a
 * row, or within its sliding window — or that gets any 410 Gone, is suspended; its messages
 * are held, never dropped, until it is resumed.
 */
export class Suspension {
  constructor(private readonly senders: SenderStore) {}

  async recordSuccess(key: string): Promise<void> {
    await this.senders.recordSuccess(key);
  }

  /** Counts the failure; true when the sender is (now or already) suspended. */
  async recordFailure(key: string, statusCode: number | null, at: Date, rule: SuspendRule): Promise<boolean> {
    const windowStart = rule.windowMs === null ? undefined : new Date(at.getTime() - rule.windowMs);
    const counts = await this.senders.recordFailure(key, at, windowStart);
    const failures = rule.windowMs === null ? counts.consecutive : counts.inWindow;
    if (statusCode !== 410 && failures < rule.failures) return false;
    await this.senders.suspend(key, at.toISOString());
    return true;
  }
}
