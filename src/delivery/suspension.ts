import type { SenderStore } from '../senders/sender.store';

/**
 * SPEC §3.7: a custom-url sender with N consecutive failed attempts, or any 410 Gone, is
 * suspended; its messages are held, never dropped, until it is resumed.
 */
export class Suspension {
  constructor(
    private readonly senders: SenderStore,
    private readonly threshold: number,
  ) {}

  async recordSuccess(key: string): Promise<void> {
    await this.senders.recordSuccess(key);
  }

  /** Counts the failure; true when the sender is (now or already) suspended. */
  async recordFailure(key: string, statusCode: number | null, at: Date): Promise<boolean> {
    const failures = await this.senders.recordFailure(key);
    if (statusCode !== 410 && failures < this.threshold) return false;
    await this.senders.suspend(key, at.toISOString());
    return true;
  }
}
