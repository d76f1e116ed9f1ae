/**
 * The retry schedule of SPEC §3.6, shared by both queues: one implementation.
 * `scheduleMs[n-1]` is the delay before retry n; max attempts = schedule length + 1.
 */
export class RetryPolicy {
  constructor(
    readonly scheduleMs: readonly number[],
    private readonly random: () => number = Math.random,
  ) {}

  get maxAttempts(): number {
    return this.scheduleMs.length + 1;
  }

  /** Scheduled delay (no jitter) before retry `retryNumber` (1-based). */
  scheduledDelay(retryNumber: number): number {
    const index = Math.min(Math.max(retryNumber, 1), this.scheduleMs.length) - 1;
    return this.scheduleMs[index] ?? 0;
  }

  /**
   * Delay before retry `retryNumber`: the scheduled delay ±20% jitter, or the receiver's
   * `Retry-After` when it sent one, capped at twice the scheduled delay.
   */
  delayBefore(retryNumber: number, retryAfterMs?: number): number {
    const base = this.scheduledDelay(retryNumber);
    if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
      return Math.round(Math.min(retryAfterMs, 2 * base));
    }
    return Math.round(base * (0.8 + 0.4 * this.random()));
  }
}
