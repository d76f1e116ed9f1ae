import type { ResolvedSender } from '../senders/route-message';

/** The Mandrill client's request timeout (src/senders/mandrill.gateway.ts default). */
const MANDRILL_TIMEOUT_MS = 30_000;
/** Slack on top of a send's own timeout: writing the attempt, clock differences. */
const MARGIN_MS = 5_000;

/**
 * Until when an attempt through this sender may still be in flight: its timeout plus a
 * margin. Another runner that finds the message leased waits until then, so one message is
 * never sent by two runners at once; a crashed runner's lease simply runs out.
 */
export function leaseUntil(sender: ResolvedSender, now: Date): string {
  const config = sender.config;
  const sendMs = config.kind === 'custom-url' ? config.timeoutMs : config.kind === 'custom-mandrill' || config.kind === 'default-mandrill' ? MANDRILL_TIMEOUT_MS : 0;
  return new Date(now.getTime() + sendMs + MARGIN_MS).toISOString();
}

/** Milliseconds left on a message's lease (0 when none or expired). */
export function leaseLeft(leaseUntilIso: string | null, now: Date): number {
  return leaseUntilIso === null ? 0 : Math.max(0, Date.parse(leaseUntilIso) - now.getTime());
}
