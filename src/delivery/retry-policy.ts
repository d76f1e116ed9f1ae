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
   * Delay before retry `retryNumber`: the scheduled delay ±20% jitter. A receiver's
   * `Retry-After` lengthens it, up to twice the scheduled delay, and never shortens it (a
   * `Retry-After: 0` must not burn every attempt within milliseconds).
   */
  delayBefore(retryNumber: number, retryAfterMs?: number): number {
    const base = this.scheduledDelay(retryNumber);
    const jittered = base * (0.8 + 0.4 * this.random());
    if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0) {
      return Math.round(Math.max(jittered, Math.min(retryAfterMs, 2 * base)));
    }
    return Math.round(jittered);
  }
}
