/**
 * A sender's own delivery policy (SPEC §6 "Per-sender policy"): its retry schedule and when
 * its failures suspend it. Whatever it leaves out comes from the environment
 * (RETRY_SCHEDULE, SUSPEND_AFTER_FAILURES).
 */
export interface SenderPolicy {
  /** Delay before retry n at index n-1, in ms; max attempts = length + 1. */
  retryScheduleMs?: readonly number[];
  /** Suspended after `failures` failed attempts: within the last `windowMs` when given, else in a row. */
  suspend?: { failures: number; windowMs?: number };
}

/** The environment's policy, for senders that do not set their own. */
export interface PolicyDefaults {
  retryScheduleMs: readonly number[];
  suspendAfterFailures: number;
}

/** How a sender's failures suspend it: `windowMs` null = consecutive failures. */
export interface SuspendRule {
  failures: number;
  windowMs: number | null;
}

/** The longest retry schedule a sender may set (so at most 21 attempts per delivery cycle). */
export const MAX_RETRY_SCHEDULE_LENGTH = 20;

/** The sender's own suspension rule, else the environment's (consecutive failures). */
export function suspendRuleOf(own: SenderPolicy | undefined, defaults: Pick<PolicyDefaults, 'suspendAfterFailures'>): SuspendRule {
  return own?.suspend ? { failures: own.suspend.failures, windowMs: own.suspend.windowMs ?? null } : { failures: defaults.suspendAfterFailures, windowMs: null };
}

/** What applies to a sender, as `GET …/senders/{eventType}` shows it (seconds and minutes, like the configuration). */
export interface PolicyView {
  retry: { schedule: number[] };
  suspend: { failures: number; withinMinutes: number | null };
}

export function policyView(own: SenderPolicy | undefined, defaults: PolicyDefaults): PolicyView {
  const suspend = suspendRuleOf(own, defaults);
  return {
    retry: { schedule: (own?.retryScheduleMs ?? defaults.retryScheduleMs).map((ms) => ms / 1000) },
    suspend: { failures: suspend.failures, withinMinutes: suspend.windowMs === null ? null : suspend.windowMs / 60_000 },
  };
}
