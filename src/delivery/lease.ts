import type { ResolvedSender } from '../senders/route-message';

/** Slack on top of a send's own timeout: writing the attempt, clock differences. */
const MARGIN_MS = 5_000;

/**
 * Until when an attempt through this sender may still be in flight: its timeout plus a
 * margin. Another runner that finds the message leased waits until then, so one message is
 * never sent by two runners at once; a crashed runner's lease simply runs out.
 */
export function leaseUntil(sender: ResolvedSender, now: Date): string {
  const sendMs = sender.kindModule.sendTimeoutMs(sender.config);
  return new Date(now.getTime() + sendMs + MARGIN_MS).toISOString();
}

/** Milliseconds left on a message's lease (0 when none or expired). */
export function leaseLeft(leaseUntilIso: string | null, now: Date): number {
  return leaseUntilIso === null ? 0 : Math.max(0, Date.parse(leaseUntilIso) - now.getTime());
}
