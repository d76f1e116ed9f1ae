import type { ResolvedSender } from '../senders/route-message';

/** Slack on top of a send's own timeout: writing the attempt, clock differences. */
const MARGIN_MS = 5_000;

/**
 * How long an attempt through this sender may still be in flight: its timeout plus a
 * margin. Another runner that finds the message leased waits until then, so one message is
 * never sent by two runners at once; a crashed runner's lease simply runs out.
 */
export function leaseMsOf(sender: ResolvedSender): number {
  return sender.kindModule.sendTimeoutMs(sender.config) + MARGIN_MS;
}
