import type { ResolvedSender } from '../senders/route-message';
import { suspendRuleOf, type SuspendRule } from '../senders/sender-policy';
import { RetryPolicy } from './retry-policy';
import type { RetryRule } from './transitions';

/** The rules one attempt is judged by: its sender's own, else the environment's. */
export interface AttemptRules {
  rule: RetryRule;
  suspend: SuspendRule;
}

/**
 * Per-sender retry and suspension rules (SPEC §6): a sender's kind may set its own from its
 * configuration; what it does not set comes from the environment. Retry rules are made once
 * per distinct schedule.
 */
export class SenderPolicies {
  private readonly rules = new Map<string, RetryRule>();

  constructor(private readonly defaults: { rule: RetryRule; suspendAfterFailures: number }) {}

  of(sender: ResolvedSender): AttemptRules {
    const own = sender.kindModule.policy?.(sender.config);
    return { rule: own?.retryScheduleMs ? this.ruleFor(own.retryScheduleMs) : this.defaults.rule, suspend: suspendRuleOf(own, this.defaults) };
  }

  private ruleFor(scheduleMs: readonly number[]): RetryRule {
    const id = scheduleMs.join(',');
    let rule = this.rules.get(id);
    if (!rule) this.rules.set(id, (rule = new RetryPolicy(scheduleMs)));
    return rule;
  }
}
